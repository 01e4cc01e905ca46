"""Values-linked points: awards (one batch per command), their undoing, pupils' own accounts
and the weekly summaries already sent.

Totals are always asked for per pupil (or per class, for its teacher); nothing here ranks
children against each other.
"""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class Point:
    id: int
    pupil_id: int
    value: str
    amount: int
    note: str | None
    awarded_by: str
    awarded_at: str
    batch: str
    undone_at: str | None


def _point(row: aiosqlite.Row) -> Point:
    return Point(
        row["id"],
        row["pupil_id"],
        row["value"],
        row["amount"],
        row["note"],
        row["awarded_by"],
        row["awarded_at"],
        row["batch"],
        row["undone_at"],
    )


class PointsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def batch(self, batch: str) -> list[Point]:
        async with self._db.execute(
            "SELECT * FROM points WHERE batch = ? ORDER BY id", (batch,)
        ) as cur:
            return [_point(row) for row in await cur.fetchall()]

    async def last_batch(self, awarded_by: str) -> list[Point]:
        """The points of this person's most recent award that has not been undone."""
        async with self._db.execute(
            "SELECT batch FROM points WHERE awarded_by = ? AND undone_at IS NULL "
            "ORDER BY awarded_at DESC, id DESC LIMIT 1",
            (awarded_by,),
        ) as cur:
            row = await cur.fetchone()
        return await self.batch(row["batch"]) if row else []

    async def of_pupil(
        self, pupil_id: int, *, since: str | None = None, until: str | None = None
    ) -> list[Point]:
        """A pupil's standing points (not undone), awarded in [since, until)."""
        query = "SELECT * FROM points WHERE pupil_id = ? AND undone_at IS NULL"
        args: list[object] = [pupil_id]
        if since is not None:
            query += " AND awarded_at >= ?"
            args.append(since)
        if until is not None:
            query += " AND awarded_at < ?"
            args.append(until)
        async with self._db.execute(query + " ORDER BY awarded_at, id", args) as cur:
            return [_point(row) for row in await cur.fetchall()]

    async def totals(
        self, pupil_id: int, *, since: str | None = None, until: str | None = None
    ) -> dict[str, int]:
        """Standing points by value for one pupil."""
        totals: dict[str, int] = {}
        for point in await self.of_pupil(pupil_id, since=since, until=until):
            totals[point.value] = totals.get(point.value, 0) + point.amount
        return totals

    async def pupils_with_points(self, *, since: str, until: str) -> list[int]:
        async with self._db.execute(
            "SELECT DISTINCT pupil_id FROM points WHERE undone_at IS NULL AND awarded_at >= ? "
            "AND awarded_at < ? ORDER BY pupil_id",
            (since, until),
        ) as cur:
            return [row["pupil_id"] for row in await cur.fetchall()]

    # --- pupils' own accounts ----------------------------------------------------------

    async def pupil_of_account(self, user_id: str) -> int | None:
        async with self._db.execute(
            "SELECT pupil_id FROM pupil_accounts WHERE user_id = ?", (user_id,)
        ) as cur:
            row = await cur.fetchone()
        return row["pupil_id"] if row else None

    async def accounts_of(self, pupil_id: int) -> list[str]:
        async with self._db.execute(
            "SELECT user_id FROM pupil_accounts WHERE pupil_id = ? ORDER BY linked_at",
            (pupil_id,),
        ) as cur:
            return [row["user_id"] for row in await cur.fetchall()]

    # --- weekly summaries ----------------------------------------------------------------

    async def summary_sent(self, pupil_id: int, week: str) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM weekly_summaries WHERE pupil_id = ? AND week = ?", (pupil_id, week)
        ) as cur:
            return await cur.fetchone() is not None


class Points(PointsReader):
    """What changes these tables. Handlers never hold it: they get `PointsReader`."""

    async def award(
        self,
        batch: str,
        pupil_ids: tuple[int, ...],
        value: str,
        amount: int,
        note: str | None,
        *,
        awarded_by: str,
        at: str,
    ) -> int:
        """Record one award for each pupil; a batch already recorded is not recorded again."""
        async with self._db.execute("SELECT 1 FROM points WHERE batch = ?", (batch,)) as cur:
            if await cur.fetchone() is not None:
                return 0
        await self._db.executemany(
            "INSERT INTO points (pupil_id, value, amount, note, awarded_by, awarded_at, batch) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            [(pupil, value, amount, note, awarded_by, at, batch) for pupil in pupil_ids],
        )
        return len(pupil_ids)

    async def undo(self, batch: str, *, at: str) -> int:
        cur = await self._db.execute(
            "UPDATE points SET undone_at = ? WHERE batch = ? AND undone_at IS NULL", (at, batch)
        )
        return cur.rowcount

    async def mark_summary(self, pupil_id: int, week: str, *, at: str) -> bool:
        """False if this week's summary for the pupil was marked already."""
        cur = await self._db.execute(
            "INSERT OR IGNORE INTO weekly_summaries (pupil_id, week, sent_at) VALUES (?, ?, ?)",
            (pupil_id, week, at),
        )
        return cur.rowcount == 1
