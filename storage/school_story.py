"""Announcements scheduled for the School Story: waiting until their time, then posted (and
pinned when asked), or cancelled. The scheduler only wakes the bot; these rows are the truth,
so a post survives a restart and one overdue at start goes out then."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

import aiosqlite


class PostStatus(StrEnum):
    WAITING = "waiting"
    POSTED = "posted"  # in the School Story; a pin, if asked for, is still to come
    PINNED = "pinned"
    CANCELLED = "cancelled"


@dataclass(frozen=True)
class ScheduledPost:
    id: int
    author: str
    due_at: str  # as `stamp` writes it (UTC), so due times compare as text
    text: str
    pin: bool
    status: PostStatus
    event_id: str | None


def _post(row: aiosqlite.Row) -> ScheduledPost:
    return ScheduledPost(
        row["id"],
        row["author"],
        row["due_at"],
        row["text"],
        bool(row["pin"]),
        PostStatus(row["status"]),
        row["event_id"],
    )


class ScheduledPostsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def get(self, post_id: int) -> ScheduledPost | None:
        async with self._db.execute(
            "SELECT * FROM scheduled_posts WHERE id = ?", (post_id,)
        ) as cur:
            row = await cur.fetchone()
        return _post(row) if row else None

    async def waiting(self) -> list[ScheduledPost]:
        """Every post still to go, soonest first."""
        async with self._db.execute(
            "SELECT * FROM scheduled_posts WHERE status = 'waiting' ORDER BY due_at, id"
        ) as cur:
            return [_post(row) for row in await cur.fetchall()]

    async def due(self, now: str) -> list[ScheduledPost]:
        """Waiting posts whose time has come, and posted ones still to be pinned."""
        async with self._db.execute(
            "SELECT * FROM scheduled_posts WHERE (status = 'waiting' AND due_at <= ?) "
            "OR (status = 'posted' AND pin = 1) ORDER BY due_at, id",
            (now,),
        ) as cur:
            return [_post(row) for row in await cur.fetchall()]


class ScheduledPosts(ScheduledPostsReader):
    """What changes these tables. Handlers never hold it: they get `ScheduledPostsReader`."""

    async def add(
        self, author: str, due_at: str, text: str, *, pin: bool, at: str, source: str
    ) -> int | None:
        """The new post's number; None when `source` (the `!schedule` that asked for it,
        handled again after a restart) already added it."""
        cur = await self._db.execute(
            "INSERT INTO scheduled_posts (author, due_at, text, pin, created_at, source) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (source) DO NOTHING",
            (author, due_at, text, int(pin), at, source),
        )
        return int(cur.lastrowid) if cur.rowcount == 1 and cur.lastrowid else None

    async def set_status(
        self, post_id: int, status: PostStatus, *, at: str, event_id: str | None = None
    ) -> bool:
        """False when the post is not in a state that may move to `status` (cancelled
        meanwhile, or posted already)."""
        before = {
            PostStatus.POSTED: "waiting",
            PostStatus.CANCELLED: "waiting",
            PostStatus.PINNED: "posted",
        }[status]
        cur = await self._db.execute(
            "UPDATE scheduled_posts SET status = ?, done_at = ?, "
            "event_id = COALESCE(?, event_id) WHERE id = ? AND status = ?",
            (status.value, at, event_id, post_id, before),
        )
        return cur.rowcount == 1
