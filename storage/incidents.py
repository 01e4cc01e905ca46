"""Incidents: every automatic action or decision SLT may need to see, with its evidence."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from typing import Any

import aiosqlite


@dataclass(frozen=True)
class Incident:
    kind: str  # removed, reminder, review, warning, removal, reinstated, pardoned, reported …
    user_id: str
    rule: str
    outcome: str
    room_id: str | None = None
    event_id: str | None = None
    label: str | None = None
    confidence: float | None = None
    reasons: tuple[str, ...] = ()
    evidence: dict[str, Any] = field(default_factory=dict)
    confirmed_by: str | None = None
    at: str = ""
    id: int | None = None


def _incident(row: aiosqlite.Row) -> Incident:
    return Incident(
        kind=row["kind"],
        user_id=row["user_id"],
        rule=row["rule"],
        outcome=row["outcome"],
        room_id=row["room_id"],
        event_id=row["event_id"],
        label=row["label"],
        confidence=row["confidence"],
        reasons=tuple(json.loads(row["reasons"])),
        evidence=json.loads(row["evidence"]),
        confirmed_by=row["confirmed_by"],
        at=row["at"],
        id=row["id"],
    )


class IncidentsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def between(self, start: str, end: str | None = None) -> list[Incident]:
        query, args = "SELECT * FROM incidents WHERE at >= ?", [start]
        if end is not None:
            query += " AND at < ?"
            args.append(end)
        async with self._db.execute(query + " ORDER BY at, id", args) as cur:
            return [_incident(row) for row in await cur.fetchall()]

    async def of_user(self, user_id: str) -> list[Incident]:
        async with self._db.execute(
            "SELECT * FROM incidents WHERE user_id = ? ORDER BY at, id", (user_id,)
        ) as cur:
            return [_incident(row) for row in await cur.fetchall()]


class Incidents(IncidentsReader):
    """What changes these tables. Handlers never hold it: they get `IncidentsReader`."""

    async def record(self, incident: Incident, *, action_id: str, at: str) -> int:
        """Idempotent by action id; returns the incident's id."""
        await self._db.execute(
            "INSERT OR IGNORE INTO incidents (action_id, at, kind, user_id, room_id, event_id, "
            "rule, label, confidence, reasons, evidence, outcome, confirmed_by) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            (
                action_id,
                at,
                incident.kind,
                incident.user_id,
                incident.room_id,
                incident.event_id,
                incident.rule,
                incident.label,
                incident.confidence,
                json.dumps(list(incident.reasons)),
                json.dumps(incident.evidence, sort_keys=True),
                incident.outcome,
                incident.confirmed_by,
            ),
        )
        async with self._db.execute(
            "SELECT id FROM incidents WHERE action_id = ?", (action_id,)
        ) as cur:
            row = await cur.fetchone()
        return int(row["id"])
