"""What the bot remembers of class story rooms: who sent each message, and teacher reviews."""

from __future__ import annotations

import json
from dataclasses import dataclass

import aiosqlite


@dataclass(frozen=True)
class StoryEvent:
    event_id: str
    room_id: str
    sender: str
    by_staff: bool
    in_reply_to: str | None
    #: A staff post's words, every version (edits appended): what a reply may quote.
    staff_text: str | None = None


@dataclass(frozen=True)
class Review:
    id: int
    event_id: str
    room_id: str
    author: str
    in_reply_to: str | None
    text: str | None
    label: str
    confidence: float
    reasons: tuple[str, ...]
    decision: str | None
    decided_by: str | None
    #: The language of a reply the judge could not read (`Verdict.unread`), else None.
    unread: str | None = None


def _story_event(row: aiosqlite.Row) -> StoryEvent:
    return StoryEvent(
        row["event_id"],
        row["room_id"],
        row["sender"],
        bool(row["by_staff"]),
        row["in_reply_to"],
        row["staff_text"],
    )


def _review(row: aiosqlite.Row) -> Review:
    return Review(
        row["id"],
        row["event_id"],
        row["room_id"],
        row["author"],
        row["in_reply_to"],
        row["text"],
        row["label"],
        row["confidence"],
        tuple(json.loads(row["reasons"])),
        row["decision"],
        row["decided_by"],
        row["unread"],
    )


class StoryReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def by_sender(self, user_id: str) -> list[StoryEvent]:
        """Everything a person posted or reacted in class stories, oldest first."""
        async with self._db.execute(
            "SELECT * FROM story_events WHERE sender = ? ORDER BY rowid", (user_id,)
        ) as cur:
            rows = await cur.fetchall()
        return [_story_event(row) for row in rows]

    async def responses(self, sender: str, post: str) -> int:
        """How many replies and reactions `sender` has made to one post."""
        async with self._db.execute(
            "SELECT COUNT(*) FROM story_events WHERE sender = ? AND in_reply_to = ?",
            (sender, post),
        ) as cur:
            row = await cur.fetchone()
        return int(row[0])

    async def get(self, event_id: str) -> StoryEvent | None:
        async with self._db.execute(
            "SELECT * FROM story_events WHERE event_id = ?", (event_id,)
        ) as cur:
            row = await cur.fetchone()
        return _story_event(row) if row is not None else None

    async def review(self, review_id: int) -> Review | None:
        async with self._db.execute("SELECT * FROM reviews WHERE id = ?", (review_id,)) as c:
            row = await c.fetchone()
        return _review(row) if row else None

    async def review_for_event(self, event_id: str) -> Review | None:
        async with self._db.execute("SELECT * FROM reviews WHERE event_id = ?", (event_id,)) as c:
            row = await c.fetchone()
        return _review(row) if row else None


class Story(StoryReader):
    """What changes these tables. Handlers never hold it: they get `StoryReader`."""

    async def remember(self, event: StoryEvent) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO story_events (event_id, room_id, sender, by_staff, "
            "in_reply_to, staff_text) VALUES (?, ?, ?, ?, ?, ?)",
            (
                event.event_id,
                event.room_id,
                event.sender,
                int(event.by_staff),
                event.in_reply_to,
                event.staff_text,
            ),
        )

    async def add_staff_version(self, event_id: str, text: str) -> None:
        """A staff member's edit of their post: its new words join the old ones."""
        await self._db.execute(
            "UPDATE story_events SET staff_text = COALESCE(staff_text || char(10), '') || ? "
            "WHERE event_id = ? AND by_staff = 1",
            (text, event_id),
        )

    async def open_review(
        self,
        event_id: str,
        room_id: str,
        author: str,
        in_reply_to: str | None,
        text: str,
        label: str,
        confidence: float,
        reasons: tuple[str, ...],
        *,
        at: str,
        unread: str | None = None,
    ) -> int:
        """`unread`: the language of a reply the judge could not read."""
        await self._db.execute(
            "INSERT OR IGNORE INTO reviews (event_id, room_id, author, in_reply_to, text, label, "
            "confidence, reasons, created_at, unread) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                event_id,
                room_id,
                author,
                in_reply_to,
                text,
                label,
                confidence,
                json.dumps(list(reasons)),
                at,
                unread,
            ),
        )
        review = await self.review_for_event(event_id)
        assert review is not None
        return review.id

    async def decide(self, review_id: int, decision: str, *, by: str, at: str) -> bool:
        """First decision wins; False if someone decided already."""
        cur = await self._db.execute(
            "UPDATE reviews SET decision = ?, decided_by = ?, decided_at = ? "
            "WHERE id = ? AND decision IS NULL",
            (decision, by, at, review_id),
        )
        return cur.rowcount == 1
