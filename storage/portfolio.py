"""Pupil portfolios: the activities teachers set, and the work pupils post there, each piece
waiting for a teacher's ✅ before the pupil's family sees it."""

from __future__ import annotations

import json
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

import aiosqlite


class WorkStatus(StrEnum):
    WAITING = "waiting"  # posted by the pupil; nobody outside the portfolio has seen it
    APPROVED = "approved"  # a teacher's ✅: copied to the family's view
    RETURNED = "returned"  # a teacher's ❌: it stays in the portfolio only


class CommentKind(StrEnum):
    """What a parent left in their family view of a portfolio (kept, not removed)."""

    COMMENT = "comment"  # words (an edit is a comment of its own)
    REACTION = "reaction"  # the body is the reaction's key
    MEDIA = "media"  # a photo or file of their own; no body is kept


@dataclass(frozen=True)
class Work:
    event_id: str
    room_id: str
    pupil_id: int
    sender: str
    content: dict[str, Any]  # what is shown to the family on approval
    status: WorkStatus
    decided_by: str | None
    #: Approved: the messages the family's view was given (a caption, the work).
    shared: tuple[dict[str, Any], ...] = ()
    submitted_at: str | None = None
    decided_at: str | None = None


def _work(row: aiosqlite.Row) -> Work:
    return Work(
        row["event_id"],
        row["room_id"],
        row["pupil_id"],
        row["sender"],
        json.loads(row["content"]),
        WorkStatus(row["status"]),
        row["decided_by"],
        tuple(json.loads(row["shared"])) if row["shared"] else (),
        row["submitted_at"],
        row["decided_at"],
    )


@dataclass(frozen=True)
class Attachment:
    """A file or photo a teacher sent in their own room with the bot, as a message
    carrying it (the same mxc, or the encrypted `file`), for `!activity` to attach."""

    event_id: str
    room_id: str
    sender: str
    content: dict[str, Any]


class PortfoliosReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def attachment(self, event_id: str) -> Attachment | None:
        async with self._db.execute(
            "SELECT event_id, room_id, sender, content FROM portfolio_attachments "
            "WHERE event_id = ?",
            (event_id,),
        ) as cur:
            row = await cur.fetchone()
        if row is None:
            return None
        return Attachment(
            row["event_id"], row["room_id"], row["sender"], json.loads(row["content"])
        )

    async def activities(self, pupil_id: int) -> list[tuple[str, str | None]]:
        """The pupil's activities (text, due date), oldest first."""
        async with self._db.execute(
            "SELECT text, due FROM portfolio_activities WHERE pupil_id = ? ORDER BY set_at",
            (pupil_id,),
        ) as cur:
            return [(row["text"], row["due"]) for row in await cur.fetchall()]

    async def work(self, event_id: str) -> Work | None:
        async with self._db.execute(
            "SELECT * FROM portfolio_work WHERE event_id = ?", (event_id,)
        ) as cur:
            row = await cur.fetchone()
        return _work(row) if row else None

    async def approved(self, pupil_id: int) -> list[Work]:
        """The pupil's approved work, in the order it was approved."""
        async with self._db.execute(
            "SELECT * FROM portfolio_work WHERE pupil_id = ? AND status = 'approved' "
            "ORDER BY decided_at, event_id",
            (pupil_id,),
        ) as cur:
            return [_work(row) for row in await cur.fetchall()]

    async def comments_by(self, sender: str) -> list[tuple[str, str]]:
        """(room, event) of each comment and reaction a parent left in a family view."""
        async with self._db.execute(
            "SELECT room_id, event_id FROM portfolio_comments WHERE sender = ? ORDER BY at",
            (sender,),
        ) as cur:
            return [(row["room_id"], row["event_id"]) for row in await cur.fetchall()]


class Portfolios(PortfoliosReader):
    """What changes these tables. Handlers never hold it: they get `PortfoliosReader`."""

    async def set_activity(
        self,
        batch: str,
        pupil_ids: tuple[int, ...],
        text: str,
        due: str | None,
        *,
        set_by: str,
        at: str,
    ) -> None:
        """One activity for each pupil; the same batch again changes nothing (a replay)."""
        await self._db.executemany(
            "INSERT INTO portfolio_activities (batch, pupil_id, text, due, set_by, set_at) "
            "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (batch, pupil_id) DO NOTHING",
            [(batch, pupil_id, text, due, set_by, at) for pupil_id in pupil_ids],
        )

    async def add_work(
        self,
        event_id: str,
        room_id: str,
        pupil_id: int,
        sender: str,
        content: dict[str, Any],
        *,
        at: str,
    ) -> None:
        await self._db.execute(
            "INSERT INTO portfolio_work (event_id, room_id, pupil_id, sender, content, "
            "submitted_at) VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (event_id, room_id, pupil_id, sender, json.dumps(content), at),
        )

    async def revise_work(self, event_id: str, content: dict[str, Any]) -> None:
        """A pupil's edit of work still waiting: the family would see the new version."""
        await self._db.execute(
            "UPDATE portfolio_work SET content = ? WHERE event_id = ? AND status = 'waiting'",
            (json.dumps(content), event_id),
        )

    async def decide(
        self,
        event_id: str,
        status: WorkStatus,
        *,
        by: str,
        at: str,
        shared: tuple[dict[str, Any], ...] = (),
    ) -> bool:
        """Approved (with what the family is shown) or returned, once: False if a teacher
        had already decided."""
        cursor = await self._db.execute(
            "UPDATE portfolio_work SET status = ?, decided_by = ?, decided_at = ?, shared = ? "
            "WHERE event_id = ? AND status = 'waiting'",
            (status.value, by, at, json.dumps(list(shared)) if shared else None, event_id),
        )
        return cursor.rowcount > 0

    async def add_comment(
        self,
        event_id: str,
        room_id: str,
        pupil_id: int,
        sender: str,
        kind: CommentKind,
        body: str | None,
        *,
        at: str,
    ) -> None:
        await self._db.execute(
            "INSERT INTO portfolio_comments (event_id, room_id, pupil_id, sender, kind, body, at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (event_id, room_id, pupil_id, sender, kind.value, body, at),
        )

    async def add_attachment(
        self, event_id: str, room_id: str, sender: str, content: dict[str, Any], *, at: str
    ) -> None:
        await self._db.execute(
            "INSERT INTO portfolio_attachments (event_id, room_id, sender, content, at) "
            "VALUES (?, ?, ?, ?, ?) ON CONFLICT (event_id) DO NOTHING",
            (event_id, room_id, sender, json.dumps(content), at),
        )
