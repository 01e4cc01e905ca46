"""The school's own decisions about messages the judge flagged, as labelled lines.

Every human decision is a label the judge can learn from (`conductbot judge-train
--data-dir`): a teacher keeping (✅) or removing (❌) a class-story reply the judge was unsure
about, SLT delivering or discarding a private message held back as abuse, and a strike
pardoned (the reply should not have been removed). Read-only.
"""

from __future__ import annotations

import json
from dataclasses import dataclass

import aiosqlite

#: The incidents SLT's decisions on a held-back private message are recorded as.
SLT_DELIVERED = "SLT delivered a held-back message"
SLT_DISCARDED = "SLT discarded a held-back message"


@dataclass(frozen=True)
class Decision:
    text: str
    label: str  # what the school's decision says the message is
    where: str  # "story" or "dm"
    source: str  # which kind of decision


class Decisions:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def labelled(self) -> list[Decision]:
        return [*await self._reviews(), *await self._slt(), *await self._pardons()]

    async def _reviews(self) -> list[Decision]:
        async with self._db.execute(
            "SELECT text, label, decision FROM reviews "
            "WHERE decision IS NOT NULL AND text IS NOT NULL ORDER BY id"
        ) as cursor:
            rows = await cursor.fetchall()
        return [
            Decision(
                row["text"],
                "ok" if row["decision"] == "keep" else _removed_as(row["label"]),
                "story",
                f"teacher {row['decision']}",
            )
            for row in rows
        ]

    async def _slt(self) -> list[Decision]:
        async with self._db.execute(
            "SELECT r.content, i.kind FROM incidents i JOIN relays r "
            "ON r.source_event = i.event_id WHERE i.kind IN (?, ?) ORDER BY i.id",
            (SLT_DELIVERED, SLT_DISCARDED),
        ) as cursor:
            rows = await cursor.fetchall()
        found = []
        for row in rows:
            body = _body(row["content"])
            if body:
                # delivered: not abuse, though sharp enough to be held (still paused)
                label = "abusive" if row["kind"] == SLT_DISCARDED else "negative"
                found.append(Decision(body, label, "dm", row["kind"]))
        return found

    async def _pardons(self) -> list[Decision]:
        async with self._db.execute(
            "SELECT i.evidence FROM strikes s JOIN incidents i ON i.id = s.incident_id "
            "JOIN rooms ro ON ro.room_id = i.room_id "
            "WHERE s.pardoned_at IS NOT NULL AND ro.kind = 'story' ORDER BY s.id"
        ) as cursor:
            rows = await cursor.fetchall()
        bodies = (_body(row["evidence"]) for row in rows)
        return [Decision(body, "ok", "story", "strike pardoned") for body in bodies if body]


def _removed_as(label: str) -> str:
    return label if label in ("negative", "complaint", "comparison", "sensitive") else "negative"


def _body(stored: str | None) -> str | None:
    """The "body" of a stored JSON object (a message's content, an incident's evidence)."""
    if not stored:
        return None
    body = json.loads(stored).get("body")
    return body if isinstance(body, str) and body.strip() else None
