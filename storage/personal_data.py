"""Everything the bot holds about one person, for access (`!mydata`) and erasure (`!forget`).

This is the one module that knows every table holding personal data. Incident records,
strikes and suspensions are safeguarding records and are kept when a person is forgotten;
so is a pupil's portfolio work and the activities set (the school's education record).
"""

from __future__ import annotations

import json
from typing import Any

import aiosqlite

from storage.db import transaction


async def _rows(db: aiosqlite.Connection, query: str, *args: Any) -> list[dict[str, Any]]:
    async with db.execute(query, args) as cur:
        return [dict(row) for row in await cur.fetchall()]


async def _ids(db: aiosqlite.Connection, query: str, *args: Any) -> list[int]:
    async with db.execute(query, args) as cur:
        return [row[0] for row in await cur.fetchall()]


def _marks(ids: list[int]) -> str:
    return ", ".join("?" * len(ids)) or "NULL"


async def _work(db: aiosqlite.Connection, pupil_ids: list[int], rest: str) -> list[dict[str, Any]]:
    """Portfolio work of these pupils: when, its status and what it is (never who decided)."""
    rows = await _rows(
        db,
        f"SELECT pupil_id, submitted_at, status, decided_at, content FROM portfolio_work "
        f"WHERE pupil_id IN ({_marks(pupil_ids)}) {rest}",
        *pupil_ids,
    )
    for row in rows:
        row["content"] = json.loads(row["content"])
    return rows


class PersonalDataReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def export(self, user_id: str) -> dict[str, Any]:
        """Their own data and their children's, and nothing about any other adult."""
        db = self._db
        children = await _rows(
            db,
            "SELECT pupils.id, first_name, surname, class_id, photo_consent FROM pupils "
            "JOIN parent_links ON parent_links.pupil_id = pupils.id WHERE parent = ? "
            "UNION SELECT pupils.id, first_name, surname, class_id, photo_consent FROM pupils "
            "JOIN pupil_accounts ON pupil_accounts.pupil_id = pupils.id WHERE user_id = ?",
            user_id,
            user_id,
        )
        child_ids = [child["id"] for child in children]
        marks = ", ".join("?" * len(child_ids)) or "NULL"
        relays = await _rows(
            db,
            "SELECT relays.source_event, relays.sent_ts, relays.content, relays.status, "
            "relays.delivered_at, conversations.teacher FROM relays JOIN conversations "
            "ON conversations.id = relays.conversation_id WHERE relays.sender = ?",
            user_id,
        )
        for relay in relays:
            relay["content"] = json.loads(relay["content"]) if relay["content"] else None
        families = await _ids(db, "SELECT pupil_id FROM parent_links WHERE parent = ?", user_id)
        own = await _ids(db, "SELECT pupil_id FROM pupil_accounts WHERE user_id = ?", user_id)
        return {
            "user_id": user_id,
            "person": await _rows(db, "SELECT * FROM people WHERE user_id = ?", user_id),
            "children": children,
            "links": await _rows(
                db,
                "SELECT pupil_id, linked_at, linked_by FROM parent_links WHERE parent = ?",
                user_id,
            ),
            "pending_links": await _rows(
                db, "SELECT * FROM pending_links WHERE user_id = ?", user_id
            ),
            "points": await _rows(
                db,
                f"SELECT pupil_id, value, amount, note, awarded_at, undone_at FROM points "
                f"WHERE pupil_id IN ({marks}) ORDER BY awarded_at",
                *child_ids,
            ),
            "conversations": await _rows(
                db,
                "SELECT teacher, opened_at, closed_at FROM conversations WHERE parent = ?",
                user_id,
            ),
            "messages_written": relays,
            "story_replies_reviewed": await _rows(
                db,
                "SELECT event_id, text, label, created_at, decision FROM reviews WHERE author = ?",
                user_id,
            ),
            "strikes": await _rows(
                db,
                "SELECT rule, at, confirmed_by, pardoned_at, pardon_reason FROM strikes "
                "WHERE user_id = ?",
                user_id,
            ),
            "suspension": await _rows(
                db, "SELECT since, reason FROM suspensions WHERE user_id = ?", user_id
            ),
            "incidents": await _rows(
                db,
                "SELECT at, kind, rule, outcome, evidence FROM incidents WHERE user_id = ?",
                user_id,
            ),
            "join_attempts": await _rows(
                db, "SELECT at, ok FROM join_attempts WHERE user_id = ?", user_id
            ),
            # A parent: their children's work a teacher approved (what their family view of
            # the portfolio shows) and what they left there themselves.
            "portfolio_work_shared_with_you": await _work(
                db, families, "AND status = 'approved' ORDER BY decided_at, event_id"
            ),
            "portfolio_comments": await _rows(
                db,
                "SELECT pupil_id, kind, body, at FROM portfolio_comments WHERE sender = ? "
                "ORDER BY at",
                user_id,
            ),
            # A pupil's own account: their portfolio, the activities set and all their work.
            "own_portfolio": {
                "activities": await _rows(
                    db,
                    f"SELECT pupil_id, text, due, set_at FROM portfolio_activities "
                    f"WHERE pupil_id IN ({_marks(own)}) ORDER BY set_at",
                    *own,
                ),
                "work": await _work(db, own, "ORDER BY submitted_at, event_id"),
            },
        }


class PersonalData(PersonalDataReader):
    """What changes these tables. Handlers never hold it: they get `PersonalDataReader`."""

    async def erase(self, user_id: str) -> None:
        """All that is theirs, except the safeguarding record (incidents, strikes)."""
        db = self._db
        async with transaction(db):
            await db.execute(
                "DELETE FROM relays WHERE conversation_id IN "
                "(SELECT id FROM conversations WHERE parent = ?)",
                (user_id,),
            )
            await db.execute(
                "UPDATE conversations SET closed_at = COALESCE(closed_at, 'forgotten') "
                "WHERE parent = ?",
                (user_id,),
            )
            await db.execute("UPDATE reviews SET text = NULL WHERE author = ?", (user_id,))
            await db.execute("DELETE FROM story_events WHERE sender = ?", (user_id,))
            # Their comments in a family view go; a child's portfolio work is the school's
            # education record and stays (portfolio_retention_days, or the school, ends it).
            await db.execute("DELETE FROM portfolio_comments WHERE sender = ?", (user_id,))
            await db.execute("DELETE FROM join_codes WHERE used_by = ?", (user_id,))
            await db.execute("DELETE FROM join_attempts WHERE user_id = ?", (user_id,))
            await db.execute("DELETE FROM pending_links WHERE user_id = ?", (user_id,))
            await db.execute("DELETE FROM pupil_accounts WHERE user_id = ?", (user_id,))
            await db.execute("DELETE FROM parent_links WHERE parent = ?", (user_id,))
            await db.execute("DELETE FROM people WHERE user_id = ?", (user_id,))

    async def expire_message_bodies(self, before: str) -> int:
        """Retention: relayed message bodies older than `before` are removed."""
        cur = await self._db.execute(
            "UPDATE relays SET content = NULL WHERE content IS NOT NULL AND status IN "
            "('delivered', 'cancelled', 'discarded') AND COALESCE(delivered_at, release_at) < ?",
            (before,),
        )
        return cur.rowcount

    async def expire_portfolios(self, before: str) -> int:
        """Portfolio retention (`portfolio_retention_days`): work posted before `before` is
        deleted (its words, and its media's mxc and the finished media checks that held its
        content), with the activities set, the files teachers sent to attach to them and the
        family views' comments from before then.
        The fingerprints of approved media stay, so a copy shared elsewhere is still known.
        The number of pieces of work deleted."""
        db = self._db
        async with transaction(db):
            await db.execute(
                "DELETE FROM media_checks WHERE done_at IS NOT NULL AND event_id IN "
                "(SELECT event_id FROM portfolio_work WHERE submitted_at < ?)",
                (before,),
            )
            cur = await db.execute("DELETE FROM portfolio_work WHERE submitted_at < ?", (before,))
            await db.execute("DELETE FROM portfolio_activities WHERE set_at < ?", (before,))
            await db.execute("DELETE FROM portfolio_comments WHERE at < ?", (before,))
            await db.execute("DELETE FROM portfolio_attachments WHERE at < ?", (before,))
        return cur.rowcount
