"""What the sync loop has done: the cursor and every event handled, for exactly-once."""

from __future__ import annotations

import aiosqlite


class ProcessedEventsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def seen(self, event_id: str) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM processed_events WHERE event_id = ?", (event_id,)
        ) as cur:
            return await cur.fetchone() is not None

    async def outcome(self, event_id: str) -> tuple[str, str | None] | None:
        async with self._db.execute(
            "SELECT outcome, detail FROM processed_events WHERE event_id = ?", (event_id,)
        ) as cur:
            row = await cur.fetchone()
        return (row["outcome"], row["detail"]) if row else None


class ProcessedEvents(ProcessedEventsReader):
    """What changes these tables. Handlers never hold it: they get `ProcessedEventsReader`."""

    async def mark(
        self, event_id: str, room_id: str, outcome: str, *, now: str, detail: str | None = None
    ) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO processed_events (event_id, room_id, processed_at, outcome, "
            "detail) VALUES (?, ?, ?, ?, ?)",
            (event_id, room_id, now, outcome, detail),
        )


class SentEventsReader:
    """Events the bot sent that it must find again (a review notice, a relayed copy)."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def key_of(self, event_id: str) -> str | None:
        async with self._db.execute(
            "SELECT key FROM sent_events WHERE event_id = ?", (event_id,)
        ) as cur:
            row = await cur.fetchone()
        return row["key"] if row else None

    async def with_key(self, key: str) -> list[tuple[str, str]]:
        """(room id, event id) of each event sent under `key`."""
        async with self._db.execute(
            "SELECT room_id, event_id FROM sent_events WHERE key = ? ORDER BY rowid", (key,)
        ) as cur:
            return [(row["room_id"], row["event_id"]) for row in await cur.fetchall()]


class SentEvents(SentEventsReader):
    """What changes these tables. Handlers never hold it: they get `SentEventsReader`."""

    async def remember(self, event_id: str, room_id: str, key: str) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO sent_events (event_id, room_id, key) VALUES (?, ?, ?)",
            (event_id, room_id, key),
        )

    async def retire(self, key: str) -> None:
        """Events sent under `key` are found under `replaced:<key>` from now on: a notice
        that has been replaced by a newer one no longer stands for what the key names."""
        await self._db.execute(
            "UPDATE sent_events SET key = 'replaced:' || key WHERE key = ?", (key,)
        )


class EventReportsReader:
    """Reports from clients ("Report" in Element) already posted to the escalation room."""

    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def seen(self, report_ids: list[int]) -> set[int]:
        if not report_ids:
            return set()
        marks = ", ".join("?" * len(report_ids))
        async with self._db.execute(
            f"SELECT report_id FROM event_reports WHERE report_id IN ({marks})", report_ids
        ) as cur:
            return {row["report_id"] for row in await cur.fetchall()}


class EventReports(EventReportsReader):
    """What changes these tables. Handlers never hold it: they get `EventReportsReader`."""

    async def mark(self, report_id: int, *, at: str) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO event_reports (report_id, seen_at) VALUES (?, ?)",
            (report_id, at),
        )
