"""Strikes per adult and suspensions. Punishment state lives here, never only in memory."""

from __future__ import annotations

from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class Strike:
    id: int
    user_id: str
    event_id: str
    rule: str
    confirmed_by: str
    at: str
    pardoned_at: str | None
    pardon_reason: str | None


def _strike(row: aiosqlite.Row) -> Strike:
    return Strike(
        row["id"],
        row["user_id"],
        row["event_id"],
        row["rule"],
        row["confirmed_by"],
        row["at"],
        row["pardoned_at"],
        row["pardon_reason"],
    )


class DisciplineReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def active_strikes(self, user_id: str, *, since: str) -> list[Strike]:
        """Unpardoned strikes given at or after `since` (older ones have expired)."""
        async with self._db.execute(
            "SELECT * FROM strikes WHERE user_id = ? AND pardoned_at IS NULL AND at >= ? "
            "ORDER BY at, id",
            (user_id, since),
        ) as cur:
            return [_strike(row) for row in await cur.fetchall()]

    async def strikes(self, user_id: str) -> list[Strike]:
        async with self._db.execute(
            "SELECT * FROM strikes WHERE user_id = ? ORDER BY at, id", (user_id,)
        ) as cur:
            return [_strike(row) for row in await cur.fetchall()]

    async def is_suspended(self, user_id: str) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM suspensions WHERE user_id = ?", (user_id,)
        ) as cur:
            return await cur.fetchone() is not None


class Discipline(DisciplineReader):
    """What changes these tables. Handlers never hold it: they get `DisciplineReader`."""

    async def add_strike(
        self,
        user_id: str,
        event_id: str,
        rule: str,
        *,
        confirmed_by: str,
        at: str,
        incident_id: int | None = None,
    ) -> None:
        """One strike per offending event, however often the decision is replayed."""
        await self._db.execute(
            "INSERT OR IGNORE INTO strikes (user_id, event_id, rule, incident_id, confirmed_by, "
            "at) VALUES (?, ?, ?, ?, ?, ?)",
            (user_id, event_id, rule, incident_id, confirmed_by, at),
        )

    async def pardon(self, user_id: str, *, by: str, reason: str, at: str) -> int:
        cur = await self._db.execute(
            "UPDATE strikes SET pardoned_at = ?, pardoned_by = ?, pardon_reason = ? "
            "WHERE user_id = ? AND pardoned_at IS NULL",
            (at, by, reason, user_id),
        )
        return cur.rowcount

    async def suspend(self, user_id: str, *, reason: str, by: str, at: str) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO suspensions (user_id, since, reason, by) VALUES (?, ?, ?, ?)",
            (user_id, at, reason, by),
        )

    async def reinstate(self, user_id: str) -> bool:
        cur = await self._db.execute("DELETE FROM suspensions WHERE user_id = ?", (user_id,))
        return cur.rowcount == 1
