"""Rooms the bot knows, each with its kind. Routing is by kind, never by member counts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import aiosqlite


class RoomKind(StrEnum):
    STORY = "story"
    PORTFOLIO = "portfolio"
    PARENT_DM = "parent_dm"
    TEACHER_DM = "teacher_dm"
    ESCALATION = "escalation"
    WELCOME = "welcome"
    HOME = "home"


@dataclass(frozen=True)
class Room:
    room_id: str
    kind: RoomKind
    key: str
    class_id: str | None
    owner: str | None
    bot_joined_ts: int | None
    closed_at: str | None


def _room(row: aiosqlite.Row) -> Room:
    return Room(
        room_id=row["room_id"],
        kind=RoomKind(row["kind"]),
        key=row["key"],
        class_id=row["class_id"],
        owner=row["owner"],
        bot_joined_ts=row["bot_joined_ts"],
        closed_at=row["closed_at"],
    )


class RoomsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def get(self, room_id: str) -> Room | None:
        async with self._db.execute("SELECT * FROM rooms WHERE room_id = ?", (room_id,)) as cur:
            row = await cur.fetchone()
        return _room(row) if row else None

    async def by_key(self, key: str) -> Room | None:
        async with self._db.execute("SELECT * FROM rooms WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return _room(row) if row else None

    async def of_kind(self, kind: RoomKind) -> list[Room]:
        async with self._db.execute(
            "SELECT * FROM rooms WHERE kind = ? ORDER BY key", (kind.value,)
        ) as cur:
            return [_room(row) for row in await cur.fetchall()]

    async def open_welcomes_before(self, cutoff: str) -> list[Room]:
        """Welcome rooms still open that were made before `cutoff`."""
        async with self._db.execute(
            "SELECT * FROM rooms WHERE kind = ? AND closed_at IS NULL AND created_at < ? "
            "ORDER BY created_at",
            (RoomKind.WELCOME.value, cutoff),
        ) as cur:
            return [_room(row) for row in await cur.fetchall()]


class Rooms(RoomsReader):
    """What changes these tables. Handlers never hold it: they get `RoomsReader`."""

    async def add(
        self,
        room_id: str,
        kind: RoomKind,
        key: str,
        *,
        created_at: str,
        class_id: str | None = None,
        owner: str | None = None,
        bot_joined_ts: int | None = None,
    ) -> Room:
        await self._db.execute(
            "INSERT INTO rooms (room_id, kind, key, class_id, owner, created_at, bot_joined_ts) "
            "VALUES (?, ?, ?, ?, ?, ?, ?)",
            (room_id, kind.value, key, class_id, owner, created_at, bot_joined_ts),
        )
        return Room(room_id, kind, key, class_id, owner, bot_joined_ts, None)

    async def close(self, room_id: str, *, at: str) -> None:
        await self._db.execute(
            "UPDATE rooms SET closed_at = COALESCE(closed_at, ?) WHERE room_id = ?", (at, room_id)
        )

    async def set_bot_joined(self, room_id: str, origin_server_ts: int) -> None:
        """Remember when the bot joined: events from before then are history, not work."""
        await self._db.execute(
            "UPDATE rooms SET bot_joined_ts = ? WHERE room_id = ? AND bot_joined_ts IS NULL",
            (origin_server_ts, room_id),
        )
