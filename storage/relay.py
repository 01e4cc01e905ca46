"""Parent–teacher conversations and every message relayed (or held) between them.

The database is the truth for held messages: a message is stored before the parent is told
it is held, and marked delivered only once the homeserver has accepted the relayed copy.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiosqlite

TO_TEACHER, TO_PARENT = "to_teacher", "to_parent"


@dataclass(frozen=True)
class Conversation:
    id: int
    parent: str
    teacher: str
    parent_room: str
    teacher_room: str
    closed_at: str | None
    complaint_route_told: bool


@dataclass(frozen=True)
class Relayed:
    id: int
    conversation_id: int
    direction: str
    source_event: str
    sender: str
    sent_ts: int
    content: dict[str, Any] | None
    label: str | None
    status: str
    release_at: str | None
    delivered_event: str | None
    delivered_at: str | None
    answered_at: str | None


def _conversation(row: aiosqlite.Row) -> Conversation:
    return Conversation(
        row["id"],
        row["parent"],
        row["teacher"],
        row["parent_room"],
        row["teacher_room"],
        row["closed_at"],
        bool(row["complaint_route_told"]),
    )


def _relayed(row: aiosqlite.Row) -> Relayed:
    return Relayed(
        row["id"],
        row["conversation_id"],
        row["direction"],
        row["source_event"],
        row["sender"],
        row["sent_ts"],
        json.loads(row["content"]) if row["content"] else None,
        row["label"],
        row["status"],
        row["release_at"],
        row["delivered_event"],
        row["delivered_at"],
        row["answered_at"],
    )


class RelayReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def conversation(self, parent: str, teacher: str) -> Conversation | None:
        async with self._db.execute(
            "SELECT * FROM conversations WHERE parent = ? AND teacher = ?", (parent, teacher)
        ) as cur:
            row = await cur.fetchone()
        return _conversation(row) if row else None

    async def conversation_in(self, room_id: str) -> Conversation | None:
        async with self._db.execute(
            "SELECT * FROM conversations WHERE parent_room = ? OR teacher_room = ?",
            (room_id, room_id),
        ) as cur:
            row = await cur.fetchone()
        return _conversation(row) if row else None

    async def conversation_by_id(self, conversation_id: int) -> Conversation | None:
        async with self._db.execute(
            "SELECT * FROM conversations WHERE id = ?", (conversation_id,)
        ) as cur:
            row = await cur.fetchone()
        return _conversation(row) if row else None

    async def conversations_of(self, user_id: str) -> list[Conversation]:
        async with self._db.execute(
            "SELECT * FROM conversations WHERE parent = ? OR teacher = ? ORDER BY id",
            (user_id, user_id),
        ) as cur:
            return [_conversation(row) for row in await cur.fetchall()]

    async def by_source(self, event_id: str) -> Relayed | None:
        async with self._db.execute(
            "SELECT * FROM relays WHERE source_event = ?", (event_id,)
        ) as cur:
            row = await cur.fetchone()
        return _relayed(row) if row else None

    async def by_delivered(self, event_id: str) -> Relayed | None:
        async with self._db.execute(
            "SELECT * FROM relays WHERE delivered_event = ?", (event_id,)
        ) as cur:
            row = await cur.fetchone()
        return _relayed(row) if row else None

    async def due(self, now: str, limit: int = 5000) -> list[Relayed]:
        """Held and paused messages whose time has come, in send order per conversation."""
        async with self._db.execute(
            "SELECT * FROM relays WHERE status IN ('held', 'pausing') AND release_at <= ? "
            "ORDER BY conversation_id, id LIMIT ?",
            (now, limit),
        ) as cur:
            return [_relayed(row) for row in await cur.fetchall()]

    async def has_held(self, conversation_id: int) -> bool:
        """Whether a message of this conversation is held: a new one must queue behind it."""
        async with self._db.execute(
            "SELECT 1 FROM relays WHERE conversation_id = ? AND status = 'held' LIMIT 1",
            (conversation_id,),
        ) as cur:
            return await cur.fetchone() is not None

    async def unmarked(self, limit: int = 5000) -> list[Relayed]:
        """Parents' messages delivered but not yet marked ✅ on the parent's side."""
        async with self._db.execute(
            "SELECT * FROM relays WHERE direction = ? AND status = 'delivered' "
            "AND marked_at IS NULL ORDER BY conversation_id, id LIMIT ?",
            (TO_TEACHER, limit),
        ) as cur:
            return [_relayed(row) for row in await cur.fetchall()]

    async def unanswered(self) -> list[Relayed]:
        async with self._db.execute(
            "SELECT * FROM relays WHERE direction = ? AND status = 'delivered' "
            "AND answered_at IS NULL AND escalated_at IS NULL ORDER BY id",
            (TO_TEACHER,),
        ) as cur:
            return [_relayed(row) for row in await cur.fetchall()]

    async def chased(self, relay_id: int) -> tuple[str | None, str | None]:
        async with self._db.execute(
            "SELECT reminded_at, escalated_at FROM relays WHERE id = ?", (relay_id,)
        ) as cur:
            row = await cur.fetchone()
        return (row["reminded_at"], row["escalated_at"]) if row else (None, None)

    async def seen_to_show(self) -> list[Relayed]:
        """Read by the teacher, not yet marked 👀 for the parent."""
        async with self._db.execute(
            "SELECT * FROM relays WHERE read_at IS NOT NULL AND seen_shown_at IS NULL "
            "ORDER BY conversation_id, id"
        ) as cur:
            return [_relayed(row) for row in await cur.fetchall()]

    async def copies_of(self, sender: str) -> list[tuple[str, str]]:
        """(room, event) of every relayed copy of `sender`'s messages still on the server."""
        async with self._db.execute(
            "SELECT r.delivered_event, r.direction, c.parent_room, c.teacher_room FROM relays r "
            "JOIN conversations c ON c.id = r.conversation_id "
            "WHERE r.sender = ? AND r.delivered_event IS NOT NULL ORDER BY r.id",
            (sender,),
        ) as cur:
            rows = await cur.fetchall()
        rooms = {TO_TEACHER: "teacher_room", TO_PARENT: "parent_room"}
        return [(row[rooms[row["direction"]]], row["delivered_event"]) for row in rows]

    async def with_status(self, status: str, conversation_id: int | None = None) -> list[Relayed]:
        query, args = "SELECT * FROM relays WHERE status = ?", [status]
        if conversation_id is not None:
            query += " AND conversation_id = ?"
            args.append(conversation_id)
        async with self._db.execute(query + " ORDER BY id", args) as cur:
            return [_relayed(row) for row in await cur.fetchall()]


class Relay(RelayReader):
    """What changes these tables. Handlers never hold it: they get `RelayReader`."""

    # conversations -----------------------------------------------------------------------

    async def open_conversation(
        self, parent: str, teacher: str, parent_room: str, teacher_room: str, *, at: str
    ) -> None:
        await self._db.execute(
            "INSERT INTO conversations (parent, teacher, parent_room, teacher_room, opened_at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (parent, teacher) DO UPDATE SET closed_at = NULL",
            (parent, teacher, parent_room, teacher_room, at),
        )

    async def close(self, conversation_id: int, *, at: str) -> None:
        await self._db.execute(
            "UPDATE conversations SET closed_at = ? WHERE id = ? AND closed_at IS NULL",
            (at, conversation_id),
        )

    async def complaint_route_told(self, conversation_id: int) -> None:
        await self._db.execute(
            "UPDATE conversations SET complaint_route_told = 1 WHERE id = ?", (conversation_id,)
        )

    # relayed messages --------------------------------------------------------------------

    async def add(
        self,
        conversation_id: int,
        direction: str,
        source_event: str,
        sender: str,
        sent_ts: int,
        content: dict[str, Any],
        label: str | None,
        status: str,
        release_at: str | None,
    ) -> int:
        """Store a message before anything else happens to it; idempotent by source event."""
        await self._db.execute(
            "INSERT OR IGNORE INTO relays (conversation_id, direction, source_event, sender, "
            "sent_ts, content, label, status, release_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                conversation_id,
                direction,
                source_event,
                sender,
                sent_ts,
                json.dumps(content),
                label,
                status,
                release_at,
            ),
        )
        found = await self.by_source(source_event)
        assert found is not None
        return found.id

    async def update_content(self, source_event: str, content: dict[str, Any]) -> None:
        await self._db.execute(
            "UPDATE relays SET content = ? WHERE source_event = ?",
            (json.dumps(content), source_event),
        )

    async def set_label(self, source_event: str, label: str) -> None:
        await self._db.execute(
            "UPDATE relays SET label = ? WHERE source_event = ?", (label, source_event)
        )

    async def set_status(
        self, source_event: str, status: str, *, release_at: str | None = None
    ) -> None:
        await self._db.execute(
            "UPDATE relays SET status = ?, release_at = COALESCE(?, release_at) "
            "WHERE source_event = ?",
            (status, release_at, source_event),
        )

    async def delivered(self, source_event: str, event_id: str, *, at: str) -> None:
        await self._db.execute(
            "UPDATE relays SET status = 'delivered', delivered_event = ?, delivered_at = ? "
            "WHERE source_event = ?",
            (event_id, at, source_event),
        )

    async def marked(self, source_event: str, *, at: str) -> None:
        await self._db.execute(
            "UPDATE relays SET marked_at = ? WHERE source_event = ?", (at, source_event)
        )

    async def answered(self, conversation_id: int, *, at: str) -> None:
        """A teacher's reply answers every delivered parent message waiting for one."""
        await self._db.execute(
            "UPDATE relays SET answered_at = ? WHERE conversation_id = ? AND direction = ? "
            "AND status = 'delivered' AND answered_at IS NULL",
            (at, conversation_id, TO_TEACHER),
        )

    async def mark_chased(self, source_event: str, column: str, *, at: str) -> None:
        if column not in ("reminded_at", "escalated_at"):
            raise ValueError(f"not a chase column: {column}")
        await self._db.execute(
            f"UPDATE relays SET {column} = ? WHERE source_event = ?", (at, source_event)
        )

    async def read_up_to(self, conversation_id: int, relay_id: int, *, at: str) -> None:
        """The teacher has read this delivered message and everything before it."""
        await self._db.execute(
            "UPDATE relays SET read_at = ? WHERE conversation_id = ? AND id <= ? AND "
            "direction = ? AND status = 'delivered' AND read_at IS NULL",
            (at, conversation_id, relay_id, TO_TEACHER),
        )

    async def seen_shown(self, source_event: str, *, at: str) -> None:
        await self._db.execute(
            "UPDATE relays SET seen_shown_at = ? WHERE source_event = ?", (at, source_event)
        )
