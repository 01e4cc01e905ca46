"""What the sync loop has done: the cursor and every event handled, for exactly-once."""

from __future__ import annotations

import aiosqlite


class ProcessedEvents:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def seen(self, event_id: str) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM processed_events WHERE event_id = ?", (event_id,)
        ) as cur:
            return await cur.fetchone() is not None

    async def mark(
        self, event_id: str, room_id: str, outcome: str, *, now: str, detail: str | None = None
    ) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO processed_events (event_id, room_id, processed_at, outcome, "
            "detail) VALUES (?, ?, ?, ?, ?)",
            (event_id, room_id, now, outcome, detail),
        )

    async def outcome(self, event_id: str) -> tuple[str, str | None] | None:
        async with self._db.execute(
            "SELECT outcome, detail FROM processed_events WHERE event_id = ?", (event_id,)
        ) as cur:
            row = await cur.fetchone()
        return (row["outcome"], row["detail"]) if row else None
