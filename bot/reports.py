"""Content reported from clients ("Report" in Element), posted in the escalation room.

Only a server admin can read reports, through Synapse's admin API. Each report is posted once:
its id goes into `event_reports` after the executor has posted it. A crash in between posts it
again with the same transaction ids, which the homeserver deduplicates.
"""

from __future__ import annotations

import html
import logging
from datetime import timedelta
from typing import Any

from aiohttp import ClientError

from bot.actions import Action, Executor, RecordIncident, as_html, notice
from bot.admin import AdminError, admin
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import Config
from bot.provisioning import ESCALATION_KEY
from handlers import Context
from handlers.discipline import INCIDENT_KEY, escalate, evidence_of, labelled
from storage.incidents import Incident
from storage.store import Store

log = logging.getLogger(__name__)

PAGE = 100
REPORTS = "/_synapse/admin/v1/event_reports"
REPORTS_PER_HOUR = 5  # from one person; more are grouped into one notice
GROUPED = "reports grouped"
REPORT_KINDS = ("reported", "report about a member of staff", GROUPED)


class _Refused(Exception):
    """The admin API said 403 or 404: the token is not a server admin's, or not Synapse."""


class EventReports:
    """Call `check()` every minute; it returns how many new reports it posted."""

    def __init__(self, store: Store, executor: Executor, clock: Clock, config: Config) -> None:
        self.store = store
        self.executor = executor
        self.clock = clock
        self.config = config
        self._told: set[str] = set()  # problems already logged, so each is logged once

    def _once(self, problem: str, message: str, *args: Any) -> None:
        if problem not in self._told:
            self._told.add(problem)
            log.warning(message, *args)

    async def check(self) -> int:
        escalation = await self.store.rooms.by_key(ESCALATION_KEY)
        if escalation is None:
            self._once("room", "event reports: no escalation room yet; not checking")
            return 0
        try:
            reports = [await self._get(f"{REPORTS}/{r['id']}") for r in await self._unseen()]
        except _Refused as refused:
            self._once(
                "refused",
                "event reports: the admin API refused (%s); is the bot's "
                "account a server admin? Reports will not be posted.",
                refused,
            )
            return 0
        except (AdminError, ClientError, TimeoutError, ValueError) as err:
            log.warning("event reports: could not fetch them: %r", err)
            return 0
        posted = 0
        for report in reversed(reports):  # oldest first
            if report is not None and await self._post(report):
                posted += 1
        return posted

    async def _get(self, path: str) -> dict[str, Any] | None:
        """The JSON answer; None for 404 (a report deleted meanwhile); _Refused for 403."""
        try:
            return await admin(self.executor.client, "GET", path)
        except AdminError as err:
            if err.status == 403:
                raise _Refused(str(err)) from None
            if err.status == 404:
                return None
            raise

    async def _unseen(self) -> list[dict[str, Any]]:
        """Reports not yet posted, newest first; paging stops at the first one already seen."""
        unseen: list[dict[str, Any]] = []
        start = 0
        while True:
            page = await self._get(f"{REPORTS}?from={start}&limit={PAGE}&dir=b")
            if page is None:
                raise _Refused("404: no event reports API here")
            reports = page.get("event_reports") or []
            seen = await self.store.reports.seen([int(r["id"]) for r in reports])
            fresh = [r for r in reports if int(r["id"]) not in seen]
            unseen += fresh
            if len(fresh) < len(reports) or page.get("next_token") is None:
                return unseen
            start = int(page["next_token"])

    async def _reports_this_hour(self, reporter: str) -> list[Incident]:
        since = (self.clock.now() - timedelta(hours=1)).isoformat()
        return [
            i
            for i in await self.store.incidents.between(since)
            if i.kind in REPORT_KINDS and i.evidence.get("reported_by") == reporter
        ]

    async def _post(self, report: dict[str, Any]) -> bool:
        """Record the incident and post the notice; remember the report only if both worked.

        One person's reports beyond `REPORTS_PER_HOUR` in an hour are grouped into a single
        notice; a report about a member of staff is recorded under the reporter, since staff
        are never the subject of an incident the bot raises.
        """
        report_id = int(report["id"])
        event = report.get("event_json") or {}
        reporter = str(report.get("user_id") or "unknown")
        reason = report.get("reason") or "no reason given"
        room_id = report.get("room_id")
        recent = await self._reports_this_hour(reporter)
        if len([i for i in recent if i.kind != GROUPED]) >= REPORTS_PER_HOUR:
            grouped = any(i.kind == GROUPED for i in recent)
            return await self._grouped(report_id, reporter, already=grouped)
        sender = str(report.get("sender") or event.get("sender") or "unknown")
        about_staff = await self._is_staff(sender)
        incident = Incident(
            kind="report about a member of staff" if about_staff else "reported",
            user_id=reporter if about_staff else sender,
            rule="reported by a user",
            outcome=(
                f"for SLT to look at: it is about {sender}, a member of staff, and staff are "
                "never the subject of an incident the bot raises"
                if about_staff
                else "reported for SLT to review; nothing was removed automatically"
            ),
            room_id=room_id,
            event_id=report.get("event_id"),
            evidence=evidence_of(event.get("content") or {})
            | {
                "report_id": report_id,
                "reported_by": reporter,
                "reason": reason,
                "score": report.get("score"),
                "room_name": report.get("name"),
            },
        )
        actions: list[Action] = [RecordIncident(incident), *await self._notice(incident, report)]
        return await self._done(report_id, actions, room_id, incident.event_id)

    async def _is_staff(self, user_id: str) -> bool:
        person = await self.store.people.get(user_id)
        return person is not None and person.role.is_staff

    async def _grouped(self, report_id: int, reporter: str, *, already: bool) -> bool:
        """A report beyond the hourly limit: one notice says more are coming, then silence."""
        if already:
            await self.store.reports.mark(report_id, at=self.clock.iso())
            return False
        incident = Incident(
            kind=GROUPED,
            user_id=reporter,
            rule="reported by a user",
            outcome=f"more than {REPORTS_PER_HOUR} reports in an hour: further ones from this "
            "person this hour are recorded but not posted one by one",
            evidence={"reported_by": reporter, "report_id": report_id},
        )
        escalation = await self.store.rooms.by_key(ESCALATION_KEY)
        text = (
            f"{await labelled(self._context(), reporter)} has reported more than "
            f"{REPORTS_PER_HOUR} messages in the last hour. Further reports from them this hour "
            "are kept but not posted one by one (see !incidents)."
        )
        actions: list[Action] = [RecordIncident(incident)]
        if escalation is not None:
            actions.append(notice(escalation.room_id, text, html.escape(text)))
        return await self._done(report_id, actions, None, None)

    async def _done(
        self, report_id: int, actions: list[Action], room_id: str | None, event_id: str | None
    ) -> bool:
        outcomes = await self.executor.run(actions, cause=f"report:{report_id}")
        if not all(outcome.ok for outcome in outcomes):
            return False  # tried again at the next check, with the same transaction ids
        await self.store.reports.mark(report_id, at=self.clock.iso())
        log.info("event report %d posted: room=%s event=%s", report_id, room_id, event_id)
        return True

    def _context(self) -> Context:
        return Context(
            self.config,
            self.store.reader,
            self.clock,
            self.executor.client.user_id,
            demo=False,
            sender=None,
            calendar=SchoolCalendar(self.config),
        )

    async def _notice(self, incident: Incident, report: dict[str, Any]) -> list[Action]:
        """The usual escalation notice, with who reported it and why added under the headline."""
        ctx = self._context()
        posted = await escalate(ctx, incident, "Message reported by a user")
        if not posted:
            return []
        reporter = incident.evidence["reported_by"]
        extra = [
            f"Reported by: {await labelled(ctx, reporter)}",
            f"Reason given: «{incident.evidence['reason']}»",
        ]
        if incident.room_id and await self.store.rooms.get(incident.room_id) is None:
            name = report.get("name") or report.get("canonical_alias") or "no name"
            extra.append(f"Room: {name} ({incident.room_id})")
        if not incident.evidence.get("body"):
            extra.append("Content: not readable (encrypted, deleted or not a text message)")
        [sent] = posted
        headline, _, rest = sent.content["body"].partition("\n")
        body = "\n".join([headline, *extra, rest])
        return [
            notice(
                sent.room_id,
                body,
                as_html(body),
                **{INCIDENT_KEY: sent.content[INCIDENT_KEY]},
            )
        ]
