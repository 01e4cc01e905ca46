"""Safeguarding alerts: an urgent message, the leads told, their acknowledgement, the chase.

An alert is stored before anyone is told, so a restart never loses one: the leads' notice is
kept with it and sent by the scheduled job if it was due later, or if the bot stopped before
it was sent (`handlers.safeguarding.RETELL_AFTER`).
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Literal

import aiosqlite

AlertKind = Literal["urgent", "unread", "unsure"]
"""Urgent: danger read. Unread: a language the judge cannot read (the family answered, a lead
asked to read it). Unsure: danger read but not surely (only a lead asked). The same word as
the alert's incident `rule`."""


@dataclass(frozen=True)
class Alert:
    id: int
    source_event: str
    handle: str
    user_id: str
    reply_room: str
    body: str  # the leads' notice, plain
    html: str  # and as HTML
    raised_at: str
    notify_at: str
    notified_at: str | None
    acked_by: str | None
    acked_at: str | None
    chased_at: str | None
    kind: AlertKind


def _alert(row: aiosqlite.Row) -> Alert:
    notice = json.loads(row["alert"])
    return Alert(
        id=row["id"],
        source_event=row["source_event"],
        handle=row["handle"],
        user_id=row["user_id"],
        reply_room=row["reply_room"],
        body=notice["body"],
        html=notice["html"],
        raised_at=row["raised_at"],
        notify_at=row["notify_at"],
        notified_at=row["notified_at"],
        acked_by=row["acked_by"],
        acked_at=row["acked_at"],
        chased_at=row["chased_at"],
        kind=row["kind"],
    )


class AlertsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def _one(self, column: str, value: str) -> Alert | None:
        async with self._db.execute(
            f"SELECT * FROM safeguarding_alerts WHERE {column} = ?", (value,)
        ) as cur:
            row = await cur.fetchone()
        return _alert(row) if row else None

    async def by_handle(self, handle: str) -> Alert | None:
        return await self._one("handle", handle)

    async def by_source(self, source_event: str) -> Alert | None:
        return await self._one("source_event", source_event)

    async def to_notify(self, now: str) -> list[Alert]:
        """Alerts whose leads have not been told yet and are due to be (an acknowledged one
        has been seen, so needs no telling)."""
        async with self._db.execute(
            "SELECT * FROM safeguarding_alerts WHERE notified_at IS NULL AND acked_at IS NULL "
            "AND notify_at <= ? ORDER BY id",
            (now,),
        ) as cur:
            return [_alert(row) for row in await cur.fetchall()]

    async def to_chase(self, told_before: str) -> list[Alert]:
        """Alerts the leads were told of before `told_before`, still unacknowledged."""
        async with self._db.execute(
            "SELECT * FROM safeguarding_alerts WHERE acked_at IS NULL AND chased_at IS NULL "
            "AND notified_at IS NOT NULL AND notified_at <= ? ORDER BY id",
            (told_before,),
        ) as cur:
            return [_alert(row) for row in await cur.fetchall()]


class Alerts(AlertsReader):
    """What changes these tables. Handlers never hold it: they get `AlertsReader`."""

    async def raise_alert(
        self,
        source_event: str,
        handle: str,
        user_id: str,
        reply_room: str,
        body: str,
        html: str,
        *,
        kind: AlertKind,
        notify_at: str,
        at: str,
    ) -> bool:
        """Idempotent by source event: a replayed message raises one alert.

        One exception: an alert that is not urgent (a lead asked to read a message the judge
        read as danger but not surely, or could not read) is raised again as this one when
        this one is urgent, a message edited into clear danger or flagged by the family. It is
        then told, acknowledged and chased afresh. True when it was raised again so.
        """
        notice = json.dumps({"body": body, "html": html})
        await self._db.execute(
            "INSERT OR IGNORE INTO safeguarding_alerts (source_event, handle, user_id, "
            "reply_room, alert, raised_at, notify_at, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (source_event, handle, user_id, reply_room, notice, at, notify_at, kind),
        )
        if kind != "urgent":
            return False
        async with self._db.execute(
            "UPDATE safeguarding_alerts SET reply_room = ?, alert = ?, notify_at = ?, "
            "kind = 'urgent', notified_at = NULL, acked_by = NULL, acked_at = NULL, "
            "chased_at = NULL WHERE source_event = ? AND handle = ? AND kind != 'urgent'",
            (reply_room, notice, notify_at, source_event, handle),
        ) as cur:
            return cur.rowcount > 0

    async def mark(self, source_event: str, column: str, *, at: str) -> None:
        if column not in ("notified_at", "chased_at"):
            raise ValueError(f"not an alert step: {column}")
        await self._db.execute(
            f"UPDATE safeguarding_alerts SET {column} = COALESCE({column}, ?) "
            "WHERE source_event = ?",
            (at, source_event),
        )

    async def acknowledge(self, source_event: str, by: str, *, at: str) -> None:
        """The first acknowledgement stands; later ones change nothing."""
        await self._db.execute(
            "UPDATE safeguarding_alerts SET acked_by = ?, acked_at = ? "
            "WHERE source_event = ? AND acked_at IS NULL",
            (by, at, source_event),
        )
