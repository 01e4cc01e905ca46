"""Safeguarding before quiet hours: an urgent message is answered, alerted and never held back.

When the judge reads danger in a family's message (label `urgent`), wherever it was written:

- the family is answered at once with the school's emergency routes (999 first) and an honest
  line about when staff will see it;
- each safeguarding lead (`rooms.yaml: safeguarding.leads`) gets it in their home room, at
  any hour (or first thing at the next opening when `alert_out_of_hours` is false), and
  acknowledges it with `!ack ID` or a ✅ reaction; the family is then told it has been seen;
- it is recorded as a `safeguarding` incident (no strike) and shown in the escalation room;
- with no acknowledgement after `chase_minutes`, every SLT member is alerted there.

The relay and the story handler decide where the message itself goes; this module owns the
rest. The alert is stored before anyone is told, so nothing is lost to a restart.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from bot.actions import Action, RecordIncident, StoreAction, as_html, notice
from bot.clock import stamp
from bot.config import Staff
from bot.judge import Label, Verdict
from bot.provisioning import ESCALATION_KEY, home_key
from handlers import Context, Event
from handlers.commands import STAFF, Argument, Command, Invocation, reply
from handlers.discipline import (
    display_name,
    escalate,
    evidence_of,
    parse_short_id,
    quoting,
    short_id,
)
from storage.incidents import Incident
from storage.people import Role
from storage.rooms import RoomKind
from storage.safeguarding import Alert, AlertKind
from storage.store import Store

ACK = "✅"
URGENT_MARK = "🚨"
UNREAD_MARK = "🔎"
READ_FOR_YOU = (
    "conductbot cannot read messages in your language, so the school's safeguarding lead has "
    "been asked to read yours now, in case it is urgent."
)
ALERT_KEY = "alert:"  # the leads' notices are remembered under alert:<handle>
RETELL_AFTER = timedelta(minutes=2)
"""An alert told to the leads at once is stored as due this much later: the scheduled job
tells them only if the telling has not been marked done by then (the bot stopped in between),
so the job and the handler never both tell them. It outlasts the executor's retries of one
notice (about a minute while the homeserver is unreachable)."""


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class RaiseAlert(StoreAction):
    """An urgent message: stored before anyone is told, so no restart loses it.

    An alert that was not urgent and is raised again as urgent (`Alerts.raise_alert`) retires
    its old notices' key first, so a ✅ on the old, milder notice acknowledges nothing: only
    the URGENT notice sent after it, or `!ack`, does.
    """

    kind: ClassVar[str] = "raise_alert"
    source_event: str
    handle: str
    user_id: str
    reply_room: str
    body: str
    html: str
    notify_at: str
    alert_kind: AlertKind  # urgent, unread or unsure: the incident's rule

    def target(self) -> str | None:
        return self.source_event

    def audit_detail(self) -> dict[str, Any]:
        return {"handle": self.handle, "notify_at": self.notify_at, "alert_kind": self.alert_kind}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        upgraded = await store.alerts.raise_alert(
            self.source_event,
            self.handle,
            self.user_id,
            self.reply_room,
            self.body,
            self.html,
            kind=self.alert_kind,
            notify_at=self.notify_at,
            at=at,
        )
        if upgraded:
            await store.sent.retire(ALERT_KEY + self.handle)
        return None


@dataclass(frozen=True)
class MarkAlert(StoreAction):
    """The leads were told (`notified_at`), or SLT were, for want of an answer (`chased_at`)."""

    kind: ClassVar[str] = "mark_alert"
    source_event: str
    column: str

    def target(self) -> str | None:
        return self.source_event

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.alerts.mark(self.source_event, self.column, at=at)
        return None


@dataclass(frozen=True)
class AcknowledgeAlert(StoreAction):
    kind: ClassVar[str] = "acknowledge_alert"
    source_event: str
    by: str

    def target(self) -> str | None:
        return self.source_event

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.alerts.acknowledge(self.source_event, self.by, at=at)
        return None


def _server(ctx: Context) -> str:
    return ctx.bot_user_id.split(":", 1)[1]


async def _family(ctx: Context, user_id: str) -> str:
    """'Sam Patel, parent of Amelia (Oak Class)': who wrote, and about which children."""
    name = await display_name(ctx, user_id)
    children = []
    for child in await ctx.store.pupils.children_of(user_id):
        school_class = ctx.config.class_by_id(child.class_id)
        children.append(f"{child.first_name} ({school_class.name if school_class else '?'})")
    person = await ctx.store.people.get(user_id)
    role = person.role.value if person else "family member"
    of = f", {role} of {' and '.join(children)}" if children else ""
    return f"{name} ({user_id}){of}"


def _leads_notified_now(ctx: Context, now: datetime) -> bool:
    return ctx.config.safeguarding.alert_out_of_hours or ctx.calendar.is_open(now, None)


@dataclass(frozen=True)
class Concern:
    """The message an alert is about: just arrived, or held and flagged by the family."""

    source_event: str
    sender: str
    room_id: str
    sent: datetime
    content: dict[str, Any]
    text: str

    @classmethod
    def of(cls, event: Event, ctx: Context, text: str) -> Concern:
        sent = ctx.clock.from_timestamp(event.origin_server_ts)
        return cls(event.event_id, event.sender, event.room.room_id, sent, event.content, text)


async def urgent_actions(
    ctx: Context,
    concern: Concern,
    verdict: Verdict,
    *,
    reply_room: str | None,
    where: str,
    teacher_line: str,
    raised_by: str = "conductbot (judge)",
) -> list[Action]:
    """Everything an urgent message sets off, apart from where the message itself goes.

    `reply_room` is where the family is answered (their conversation, or their home room for
    a story reply); `where` says for the leads where it was written; `teacher_line` tells the
    family when the teacher sees it ("" when no teacher is involved). A message the judge
    cannot read (`verdict.unread`, sent out of hours) takes the same path: the leads are
    asked to read it, as it may be urgent. So does one the judge reads as danger but not
    surely (`verdict.doubt`; a class-story reply judged urgent in doubt, from
    `handlers.story`), without a word to the family (`reply_room` None).
    """
    now = ctx.clock.now()
    handle = short_id(concern.source_event)
    sent = concern.sent.astimezone(ctx.config.school.tz)
    text = concern.text
    family = await _family(ctx, concern.sender)
    unread = verdict.unread if verdict.label is not Label.URGENT else None
    doubt = verdict.doubt
    alert_kind: AlertKind = "unread" if unread else "unsure" if doubt else "urgent"
    if unread:
        heading = (
            f"{UNREAD_MARK} PLEASE READ: a message in {unread} from {family}, which conductbot "
            "cannot read. It was sent out of hours and may be urgent: please read it now (a "
            "translation app will do)."
        )
    elif doubt:
        heading = (
            f"{UNREAD_MARK} PLEASE READ: a message from {family} that may be about a child's "
            "safety; conductbot is not sure. Please read it now. The family has not been given "
            "the emergency routes."
        )
    else:
        heading = f"{URGENT_MARK} URGENT: a safeguarding concern from {family}."

    def alert(quoted: str) -> str:
        return (
            f"{heading}\n"
            f"Where: {where}. Sent {ctx.calendar.describe(sent)}.\n"
            f"Why the bot thinks so: {'; '.join(verdict.reasons) or 'no detail'}.\n"
            f"«{quoted}»\n"
            f"React {ACK} here or send !ack {handle} when you have it"
            + (
                ": the family is then told it has been seen by the school's safeguarding lead."
                if reply_room
                else " (the family was not told of this alert)."
            )
        )

    body = quoting(alert, text)  # the whole text is in the incident's evidence
    markup = as_html(body)
    notify_now = _leads_notified_now(ctx, now)
    opening = ctx.calendar.next_opening(now, None)
    incident = Incident(
        kind="safeguarding",
        user_id=concern.sender,
        rule=alert_kind,
        outcome=("" if doubt else "emergency routes given to the family; ")
        + "safeguarding leads "
        + (
            f"asked to read it (written in {unread}) "
            if unread
            else "asked to read it (it may be urgent) "
            if doubt
            else "alerted "
        )
        + ("at once" if notify_now else "at the next opening")
        + f" (!ack {handle}); no strike",
        room_id=concern.room_id,
        event_id=concern.source_event,
        label=str(verdict.label),
        confidence=verdict.confidence,
        reasons=tuple(verdict.reasons),
        evidence=evidence_of(concern.content) | {"body": text},
        confirmed_by=raised_by,
    )
    actions: list[Action] = [
        RecordIncident(incident),
        RaiseAlert(
            concern.source_event,
            handle,
            concern.sender,
            reply_room or "",
            body,
            markup,
            notify_at=stamp(now + RETELL_AFTER if notify_now else opening),
            alert_kind=alert_kind,
        ),
    ]
    if reply_room:
        told = f"{READ_FOR_YOU} {teacher_line}" if unread else teacher_line
        actions.append(_answer_family(ctx, reply_room, concern, notify_now, opening, told))
    if notify_now:
        actions += await _tell_leads(ctx, handle, concern.source_event, body, markup)
    if unread:
        title = f"{UNREAD_MARK} A message conductbot cannot read, for a safeguarding lead"
    elif doubt:
        title = f"{UNREAD_MARK} A message that may be about a child's safety, for a lead"
    else:
        title = f"{URGENT_MARK} URGENT safeguarding concern"
    return actions + await escalate(ctx, incident, title)


def _answer_family(
    ctx: Context, room: str, concern: Concern, notify_now: bool, opening: datetime, teacher: str
) -> Action:
    now = ctx.clock.now()
    if notify_now and ctx.calendar.is_open(now, None):
        seen = "The school's safeguarding lead has been alerted now."
    elif notify_now:
        seen = (
            "The school's safeguarding lead has been alerted now, but school is closed, so it "
            "may be a while before anyone reads it. Do not wait for us if someone is in danger."
        )
    else:
        seen = (
            "School is closed now: the school's safeguarding lead will see your message first "
            f"thing when school opens, {ctx.calendar.describe(opening, now)}. Do not wait for "
            "us if someone is in danger."
        )
    text = f"{ctx.config.safeguarding.emergency}\n\n{seen}" + (f" {teacher}" if teacher else "")
    relates = {"m.relates_to": {"m.in_reply_to": {"event_id": concern.source_event}}}
    extra = relates if room == concern.room_id else {}
    return notice(room, text, as_html(text), **extra)


async def _tell_leads(
    ctx: Context, handle: str, source_event: str, body: str, markup: str
) -> list[Action]:
    actions: list[Action] = []
    for lead in ctx.config.safeguarding_leads():
        home = await ctx.store.rooms.by_key(home_key(lead.matrix_id(_server(ctx))))
        if home is not None:
            actions.append(
                notice(home.room_id, body, markup, remember_as=ALERT_KEY + handle, reactions=(ACK,))
            )
    return [*actions, MarkAlert(source_event, "notified_at")]


# Scheduled: alerts due at the opening, and alerts nobody has acknowledged --------------


async def notify_alert_actions(ctx: Context, alert: Alert) -> list[Action]:
    """An alert held for the opening (`alert_out_of_hours: false`), sent to the leads now."""
    return await _tell_leads(ctx, alert.handle, alert.source_event, alert.body, alert.html)


def chase_due(ctx: Context) -> str:
    """Alerts told to the leads before this instant and still unacknowledged are chased."""
    return stamp(ctx.clock.now() - timedelta(minutes=ctx.config.safeguarding.chase_minutes))


async def chase_alert_actions(ctx: Context, alert: Alert) -> list[Action]:
    """No lead has acknowledged: every SLT member is alerted in the escalation room."""
    room = await ctx.store.rooms.by_key(ESCALATION_KEY)
    if room is None:
        return []
    slt = [member.matrix_id(_server(ctx)) for member in ctx.config.slt()]
    names = ", ".join([f"{await display_name(ctx, user)} ({user})" for user in slt])
    minutes = ctx.config.safeguarding.chase_minutes
    text = (
        f"{URGENT_MARK} No safeguarding lead has acknowledged alert {alert.handle} after "
        f"{minutes} minutes. {names}: please read it now and send !ack {alert.handle}.\n"
        f"{alert.body}"
    )
    mentions: dict[str, Any] = {"m.mentions": {"user_ids": slt}}
    return [
        notice(room.room_id, text, as_html(text), **mentions),
        MarkAlert(alert.source_event, "chased_at"),
    ]


# Acknowledging: !ack ID, or ✅ on the alert in a lead's home room ----------------------


def _may_acknowledge(ctx: Context, staff: Staff | None) -> bool:
    return staff is not None and (
        staff.id in ctx.config.safeguarding.leads or staff.role == Role.SLT.value
    )


async def acknowledge(ctx: Context, alert: Alert, by: str, room: str) -> list[Action]:
    """The family hears it was seen (no name); SLT see who acknowledged it."""
    if alert.acked_at is not None:
        who = await display_name(ctx, alert.acked_by or "")
        return [notice(room, f"Alert {alert.handle} was already acknowledged by {who}.")]
    name = await display_name(ctx, by)
    actions: list[Action] = [AcknowledgeAlert(alert.source_event, by)]
    if alert.reply_room:
        text = "Your message has been seen by the school's safeguarding lead."
        relates = {"m.relates_to": {"m.in_reply_to": {"event_id": alert.source_event}}}
        same_room = await ctx.store.rooms.get(alert.reply_room)
        extra = relates if same_room and same_room.kind is RoomKind.PARENT_DM else {}
        actions.append(notice(alert.reply_room, text, html.escape(text), **extra))
    told = "the family has been told it was seen by the safeguarding lead"
    if not alert.reply_room:
        told = "the family was not told of the alert, so is not told of this"
    escalation = await ctx.store.rooms.by_key(ESCALATION_KEY)
    if escalation is not None:
        actions.append(
            notice(escalation.room_id, f"Alert {alert.handle} acknowledged by {name}; {told}.")
        )
    family = "and the family told" if alert.reply_room else "(the family was not told of it)"
    return [*actions, notice(room, f"Thank you. Alert {alert.handle} is acknowledged {family}.")]


async def handle_alert_reaction(event: Event, ctx: Context) -> list[Action]:
    """A lead's ✅ on an alert in their home room acknowledges it."""
    if event.type != "m.reaction" or ctx.sender is None or not ctx.sender.role.is_staff:
        return []
    relates = event.content.get("m.relates_to")
    if not isinstance(relates, dict) or relates.get("key") != ACK:
        return []
    target = relates.get("event_id")
    key = await ctx.store.sent.key_of(target) if isinstance(target, str) else None
    if key is None or not key.startswith(ALERT_KEY):
        return []
    alert = await ctx.store.alerts.by_handle(key.removeprefix(ALERT_KEY))
    staff = ctx.config.staff_by_user(event.sender, _server(ctx))
    if alert is None or not _may_acknowledge(ctx, staff):
        return []
    return await acknowledge(ctx, alert, event.sender, event.room.room_id)


async def _ack(inv: Invocation, ctx: Context) -> list[Action]:
    staff = ctx.config.staff_by_user(inv.event.sender, _server(ctx))
    if not _may_acknowledge(ctx, staff):
        return reply(inv.event, "Only the safeguarding leads and SLT acknowledge alerts.")
    alert = await ctx.store.alerts.by_handle(inv.args["id"])
    if alert is None:
        return reply(inv.event, f"No safeguarding alert has the id {inv.args['id']}.")
    return await acknowledge(ctx, alert, inv.event.sender, inv.event.room.room_id)


SAFEGUARDING_COMMANDS = (
    Command(
        name="ack",
        help="acknowledge a safeguarding alert (the family is told it has been seen)",
        roles=STAFF,
        rooms=frozenset({RoomKind.HOME, RoomKind.ESCALATION}),
        arguments=(Argument("id", parse_short_id),),
        run=_ack,
    ),
)
