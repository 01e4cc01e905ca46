"""Private messages that respect quiet hours: the parent–teacher relay.

A parent never shares a room with a teacher. Each pair has a `parent_dm` (parent + bot) and a
`teacher_dm` (teacher + bot); the bot relays between them. A parent's message sent outside
the teacher's working hours is stored, marked ⏳ and delivered at the next opening (then ✅);
nothing reaches the teacher's devices before then. Teachers' replies go straight through.

The judge reads each parent message as a private message: abuse is diverted to SLT instead
of the teacher, a negative message gets the "golden rule" pause, a complaint is delivered
with the office route pointed out once. Nothing a parent writes is ever silently dropped.
"""

from __future__ import annotations

import asyncio
import html
import json
import re
from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Any, ClassVar

from bot.actions import (
    Action,
    DeliverRelay,
    React,
    RecordIncident,
    Redact,
    SendMessage,
    StoreAction,
    as_html,
    notice,
)
from bot.clock import stamp
from bot.config import Staff
from bot.judge import JudgeContext, Label, Outcome, Verdict, judge
from handlers import Context, Event, relation
from handlers.commands import Argument, Command, Invocation, reply, split_command
from handlers.discipline import display_name, escalate, evidence_of, parse_short_id, short_id
from handlers.onboarding import looks_like_code
from handlers.safeguarding import URGENT_MARK, Concern, urgent_actions
from handlers.story import staff_names, visible_text
from storage.decisions import SLT_DELIVERED, SLT_DISCARDED
from storage.incidents import Incident
from storage.people import Role
from storage.relay import TO_PARENT, TO_TEACHER, Conversation, Relayed
from storage.rooms import RoomKind
from storage.store import Store

HELD, DELIVERED = "⏳", "✅"
URGENT = Label.URGENT.value
ROOMY = 30_000  # bytes of content beyond which a relayed copy drops its HTML twin
PART_BYTES, PART_CHARS = 40_000, 16_000  # a relayed copy longer than this goes in parts
REPLY_FALLBACK = re.compile(r"<mx-reply>.*?</mx-reply>", re.DOTALL)
MEDIA_KEYS = ("msgtype", "url", "file", "info", "filename")
MEDIA = ("m.image", "m.video", "m.audio", "m.file")
URGENT_HINT = (
    "If a child or anyone else may be in danger, send !urgent: the school's safeguarding "
    "lead is alerted straight away."
)
GOLDEN_RULE = (
    "Before this reaches the teacher, please take a moment to re-read it. The school's golden "
    "rule asks three questions: Is it kind? Is it necessary? Would you say it face to face? "
)


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class StoreRelay(StoreAction):
    """A private message stored before anything else happens to it (held, paused …)."""

    kind: ClassVar[str] = "store_relay"
    conversation_id: int
    direction: str
    source_event: str
    sender: str
    sent_ts: int
    content: dict[str, Any]
    label: str | None
    status: str
    release_at: str | None = None

    def target(self) -> str | None:
        return self.source_event

    def audit_detail(self) -> dict[str, Any]:
        return {"status": self.status, "release_at": self.release_at, "label": self.label}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        return str(
            await store.relay.add(
                self.conversation_id,
                self.direction,
                self.source_event,
                self.sender,
                self.sent_ts,
                self.content,
                self.label,
                self.status,
                self.release_at,
            )
        )


@dataclass(frozen=True)
class UpdateRelay(StoreAction):
    """A held message edited (new content), withdrawn, released early or held longer."""

    kind: ClassVar[str] = "update_relay"
    source_event: str
    status: str | None = None
    release_at: str | None = None
    content: dict[str, Any] | None = None
    label: str | None = None  # the family flagged it urgent

    def target(self) -> str | None:
        return self.source_event

    def audit_detail(self) -> dict[str, Any]:
        return {
            "status": self.status,
            "release_at": self.release_at,
            "edited": self.content is not None,
            "label": self.label,
        }

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        if self.content is not None:
            await store.relay.update_content(self.source_event, self.content)
        if self.label is not None:
            await store.relay.set_label(self.source_event, self.label)
        if self.status is not None:
            await store.relay.set_status(self.source_event, self.status, release_at=self.release_at)
        return None


@dataclass(frozen=True)
class MarkShown(StoreAction):
    """The parent's side shows the message as delivered (✅ added, ⏳ taken away)."""

    kind: ClassVar[str] = "mark_shown"
    source_event: str

    def target(self) -> str | None:
        return self.source_event

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.relay.marked(self.source_event, at=at)
        return None


@dataclass(frozen=True)
class MarkSeenShown(StoreAction):
    kind: ClassVar[str] = "mark_seen_shown"
    source_event: str

    def target(self) -> str | None:
        return self.source_event

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.relay.seen_shown(self.source_event, at=at)
        return None


@dataclass(frozen=True)
class MarkChased(StoreAction):
    """The teacher was reminded, or SLT told, about an unanswered message (once each)."""

    kind: ClassVar[str] = "mark_chased"
    source_event: str
    column: str  # reminded_at or escalated_at

    def target(self) -> str | None:
        return self.source_event

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.relay.mark_chased(self.source_event, self.column, at=at)
        return None


@dataclass(frozen=True)
class NoteConversation(StoreAction):
    """A teacher answered (the reply window stops), or the complaint route was pointed out."""

    kind: ClassVar[str] = "note_conversation"
    conversation_id: int
    note: str  # "answered" or "complaint_route_told"

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        if self.note == "answered":
            await store.relay.answered(self.conversation_id, at=at)
        else:
            await store.relay.complaint_route_told(self.conversation_id)
        return None


class Route(StrEnum):
    """What the relay does with a parent's private message (judge-eval counts these too)."""

    DELIVER = "deliver"  # to the teacher: now in hours, else at the next opening
    PAUSE = "pause"  # the golden-rule pause, then delivered
    OFFICE = "office"  # delivered, with the office route pointed out
    DIVERT = "divert"  # to SLT instead of the teacher
    URGENT = "urgent"  # emergency routes to the family, leads alerted, teacher first
    # Written in a language the judge cannot read, or read as danger but not surely: in
    # hours the teacher has it at once; out of hours it is held for the teacher and a
    # safeguarding lead reads it now.
    CHECK = "check"


def route(verdict: Verdict | None, *, golden_rule: bool = True) -> Route:
    """The one mapping from the judge's verdict to what the relay does."""
    if verdict is None:  # media: nothing to read
        return Route.DELIVER
    if verdict.label is Label.URGENT:
        return Route.URGENT
    if verdict.label is Label.ABUSIVE and verdict.outcome is not Outcome.KEEP:
        return Route.DIVERT
    if verdict.unread is not None or verdict.doubt is not None:
        return Route.CHECK
    if verdict.label is Label.NEGATIVE and golden_rule:
        return Route.PAUSE
    if verdict.label is Label.COMPLAINT:
        return Route.OFFICE
    return Route.DELIVER


def _teacher_staff(ctx: Context, teacher: str) -> Staff | None:
    return ctx.config.staff_by_user(teacher, ctx.bot_user_id.split(":", 1)[1])


def _redacted_event(event: Event) -> str | None:
    redacts = event.content.get("redacts") or event.raw.get("redacts")
    return redacts if isinstance(redacts, str) else None


async def _children_names(ctx: Context, parent: str) -> str:
    names = [child.first_name for child in await ctx.store.pupils.children_of(parent)]
    return " and ".join(names) or "a pupil"


# Rendering ------------------------------------------------------------------------------


async def _mapped_reply(ctx: Context, content: dict[str, Any]) -> str | None:
    """The event in the other room that a reply in this room points to."""
    reply = relation(content).get("m.in_reply_to")
    target = reply.get("event_id") if isinstance(reply, dict) else None
    if not isinstance(target, str):
        return None
    as_copy = await ctx.store.relay.by_delivered(target)
    if as_copy is not None:
        return as_copy.source_event
    as_source = await ctx.store.relay.by_source(target)
    return as_source.delivered_event if as_source else None


async def render(
    ctx: Context, content: dict[str, Any], heading: str, *, keep_html: bool = False
) -> dict[str, Any]:
    """The relayed copy: the heading (who, and when for parents), then the message itself.

    A family's words are shown as plain text under the bot's heading, whatever HTML they
    came with, so nothing can forge a heading, a name or an inline picture in the teacher's
    room; staff's formatting is kept (`keep_html`). Media reuse the original `url` / `file`
    object: nothing is uploaded again.
    """
    msgtype = content.get("msgtype")
    body = content.get("body") if isinstance(content.get("body"), str) else ""
    if msgtype in MEDIA:
        copy = {k: content[k] for k in MEDIA_KEYS if k in content}
        copy["body"] = f"{heading} {body}".strip()
    else:
        text = visible_text({"body": body, "m.relates_to": content.get("m.relates_to")})
        formatted = content.get("formatted_body")
        html_body = content.get("format") == "org.matrix.custom.html"
        if keep_html and isinstance(formatted, str) and html_body:
            inner = REPLY_FALLBACK.sub("", formatted)  # the quote points into the other room
        else:
            inner = as_html(text)
        copy = {
            "msgtype": "m.text",
            "body": f"{heading}\n{text}",
            "format": "org.matrix.custom.html",
            "formatted_body": f"<b>{html.escape(heading)}</b><br>{inner}",
        }
    mapped = await _mapped_reply(ctx, content)
    if mapped:
        copy["m.relates_to"] = {"m.in_reply_to": {"event_id": mapped}}
    if len(json.dumps(copy)) > ROOMY:  # a long message: the plain text alone still fits
        copy.pop("formatted_body", None)
        copy.pop("format", None)
    return copy


def delivery(source: str, room: str, copy: dict[str, Any]) -> list[Action]:
    """The relayed copy, in parts when it would not fit in one event (Synapse refuses events
    over 64 KB): the first part is the delivery, the rest follow it in order."""
    body = copy.get("body", "")
    if len(json.dumps(copy)) <= PART_BYTES or not isinstance(body, str):
        return [DeliverRelay(source, room, copy)]
    chunks: list[str] = []
    while body:
        size = PART_CHARS
        while len(json.dumps(body[:size])) > PART_BYTES:
            size //= 2
        chunks.append(body[:size])
        body = body[size:]
    first = {k: v for k, v in copy.items() if k not in ("format", "formatted_body")}
    actions: list[Action] = [DeliverRelay(source, room, first | {"body": chunks[0]})]
    for number, chunk in enumerate(chunks[1:], start=2):
        text = f"(continued, part {number} of {len(chunks)})\n{chunk}"
        actions.append(SendMessage(room, {"msgtype": "m.text", "body": text}))
    return actions


async def parent_heading(
    ctx: Context, conversation: Conversation, sent_ts: int, *, urgent: bool = False
) -> str:
    name = await display_name(ctx, conversation.parent)
    children = await _children_names(ctx, conversation.parent)
    sent = datetime.fromtimestamp(sent_ts / 1000, ctx.config.school.tz)
    mark = f"{URGENT_MARK} URGENT, the safeguarding lead has been alerted. " if urgent else ""
    return f"{mark}{name} ({children}'s parent), sent {ctx.calendar.describe(sent)}:"


# Parents' side -------------------------------------------------------------------------


async def handle_parent_dm(event: Event, ctx: Context) -> list[Action]:
    conversation = await ctx.store.relay.conversation_in(event.room.room_id)
    if conversation is None or event.sender != conversation.parent:
        return []
    if event.type == "m.room.redaction":
        return await _withdrawn(event, ctx, conversation)
    if event.type != "m.room.message" or event.state_key is not None:
        return []
    if event.body is not None and (split_command(event.body) or looks_like_code(event.body)):
        return []  # commands and join codes are answered by their own handlers
    if conversation.closed_at:
        return await tell_here(
            event,
            "This conversation is closed, so messages here are not "
            "passed on. Please use your other conversations or email the "
            f"office at {ctx.config.school.office_email}.",
        )
    if relation(event.content).get("rel_type") == "m.replace":
        return await _edited(event, ctx, conversation)
    if await ctx.store.discipline.is_suspended(event.sender):
        return await tell_here(
            event,
            "Your messaging has been suspended under the school's code of conduct, so this "
            "message was not passed on. Please contact the school office at "
            f"{ctx.config.school.office_email}.",
        )
    return await _new_parent_message(event, ctx, conversation)


async def tell_here(event: Event, text: str) -> list[Action]:
    return [notice(event.room.room_id, text, html.escape(text))]


def _dm_context(ctx: Context) -> JudgeContext:
    return JudgeContext(where="dm", pupil_names=frozenset(), staff_names=staff_names(ctx.config))


async def _new_parent_message(
    event: Event, ctx: Context, conversation: Conversation
) -> list[Action]:
    source, now = event.event_id, ctx.clock.now()
    is_media = event.content.get("msgtype") in MEDIA
    text = "" if is_media else visible_text(event.content)
    verdict = None if is_media else await asyncio.to_thread(judge, text, _dm_context(ctx))
    label = str(verdict.label) if verdict else "ok"
    sent_ts = int(ctx.clock.from_timestamp(event.origin_server_ts).timestamp() * 1000)
    store = StoreRelay(
        conversation.id, TO_TEACHER, source, event.sender, sent_ts, event.content, label, "held"
    )
    taken = route(verdict, golden_rule=ctx.config.policy.golden_rule_minutes > 0)
    if taken is Route.URGENT and verdict is not None:
        return await _urgent(event, ctx, conversation, verdict, text, store)
    if taken is Route.DIVERT and verdict is not None:
        diverted = replace(store, status="diverted")
        actions = await _divert(event, ctx, conversation, verdict, diverted, event.content)
        if verdict.doubt is None and verdict.unread is None:
            return actions
        # A threat that may also be about a child's safety, or read only roughly in another
        # language (a disclosure may quote a threat: "he told her she'd regret telling her
        # teacher"): a lead reads it now, at any hour (SLT, who decide on the threat, are not
        # always the safeguarding leads).
        return [*actions, *await _ask_a_lead(event, ctx, conversation, verdict, text)]
    teacher = _teacher_staff(ctx, conversation.teacher)
    if taken is Route.PAUSE:
        pause_end = now + timedelta(minutes=ctx.config.policy.golden_rule_minutes)
        release = ctx.calendar.next_opening(pause_end, teacher)
        paused = replace(store, status="pausing", release_at=stamp(release))
        text = (
            f"{GOLDEN_RULE}It will be sent in {ctx.config.policy.golden_rule_minutes} minutes"
            f"{'' if release == pause_end else ', when school opens'}. You can edit it or "
            "delete it before then, or send !send to send it now."
        )
        return [
            paused,
            React(event.room.room_id, source, HELD, remember_as=f"hold:{source}"),
            *await tell_here(event, text),
        ]
    actions: list[Action] = []
    if taken is Route.OFFICE and not conversation.complaint_route_told:
        actions += [
            NoteConversation(conversation.id, "complaint_route_told"),
            *await tell_here(
                event,
                "Your message will be passed on. If this is a formal complaint, please "
                f"email the school office at {ctx.config.school.office_email}: complaints "
                "are handled there, not through messaging.",
            ),
        ]
    if ctx.calendar.is_open(now, teacher) and await ctx.store.relay.has_held(conversation.id):
        # Earlier messages are still being released: this one goes out after them.
        return [replace(store, release_at=stamp(now)), *actions]
    if ctx.calendar.is_open(now, teacher):
        return [*await _deliver_now(ctx, conversation, store, event.content), *actions]
    if taken is Route.CHECK and verdict is not None and verdict.unread is not None:
        return await _urgent(event, ctx, conversation, verdict, text, store)
    opening = ctx.calendar.next_opening(now, teacher)
    teacher_name = await display_name(ctx, conversation.teacher)
    held = [
        replace(store, release_at=stamp(opening)),
        React(event.room.room_id, source, HELD, remember_as=f"hold:{source}"),
        *await tell_here(
            event,
            f"{teacher_name} is not working now, so your message is held and will be "
            f"delivered on {ctx.calendar.describe(opening, now)}. You can edit or delete it "
            f"until then. {URGENT_HINT}",
        ),
        *actions,
    ]
    if taken is Route.CHECK and verdict is not None:
        # Danger read, but not surely: a lead reads it now; the family is not alarmed.
        asked = await _ask_a_lead(event, ctx, conversation, verdict, text)
        return [held[0], *asked, *held[1:]]
    return held


async def _ask_a_lead(
    event: Event, ctx: Context, conversation: Conversation, verdict: Verdict, text: str
) -> list[Action]:
    """A lead is asked to read a message now. Read as danger but not surely, the family is not
    alarmed; read only roughly in another language, they are answered as for danger (it may
    be), as `_check_edit` answers an edit."""
    where = await _where(ctx, conversation)
    concern = Concern.of(event, ctx, text)
    reply_room = event.room.room_id if verdict.unread is not None else None
    return await urgent_actions(
        ctx, concern, verdict, reply_room=reply_room, where=where, teacher_line=""
    )


async def _deliver_now(
    ctx: Context, conversation: Conversation, store: StoreRelay, content: dict[str, Any]
) -> list[Action]:
    """Stored, relayed to the teacher and marked ✅ for the parent, in that order."""
    now = ctx.clock.now()
    heading = await parent_heading(ctx, conversation, store.sent_ts, urgent=store.label == URGENT)
    return [
        replace(store, release_at=stamp(now)),
        *delivery(
            store.source_event, conversation.teacher_room, await render(ctx, content, heading)
        ),
        React(conversation.parent_room, store.source_event, DELIVERED),
        MarkShown(store.source_event),
    ]


async def _teacher_timing(ctx: Context, conversation: Conversation) -> tuple[datetime, str]:
    """When the teacher next sees a message (now, in hours), and how to tell the family."""
    now = ctx.clock.now()
    teacher = _teacher_staff(ctx, conversation.teacher)
    name = await display_name(ctx, conversation.teacher)
    if ctx.calendar.is_open(now, teacher):
        return now, f"{name} has your message now as well."
    opening = ctx.calendar.next_opening(now, teacher)
    return opening, (
        f"{name} is not working now and will see it first when school opens, "
        f"{ctx.calendar.describe(opening, now)}."
    )


async def _where(ctx: Context, conversation: Conversation, how: str = "") -> str:
    teacher = _teacher_staff(ctx, conversation.teacher)
    name = teacher.name if teacher else await display_name(ctx, conversation.teacher)
    return f"a private message to {name}{how}"


async def _urgent(
    event: Event,
    ctx: Context,
    conversation: Conversation,
    verdict: Verdict,
    text: str,
    store: StoreRelay,
) -> list[Action]:
    """Never held back from help: the family answered, the leads alerted, the teacher first
    (a message the judge cannot read, sent out of hours, goes the same way: it may be urgent).

    In the teacher's hours it is delivered at once (ahead of anything still held); otherwise
    it waits for the opening like any message, and is released before the others then.
    """
    release, when = await _teacher_timing(ctx, conversation)
    if release <= ctx.clock.now():
        delivery = await _deliver_now(ctx, conversation, store, event.content)
    else:
        delivery = [
            replace(store, release_at=stamp(release)),
            React(event.room.room_id, event.event_id, HELD, remember_as=f"hold:{event.event_id}"),
        ]
    alerted = await urgent_actions(
        ctx,
        Concern.of(event, ctx, text),
        verdict,
        reply_room=event.room.room_id,
        where=await _where(ctx, conversation),
        teacher_line=when,
    )
    return [delivery[0], *alerted, *delivery[1:]]


async def _divert(
    event: Event,
    ctx: Context,
    conversation: Conversation,
    verdict: Verdict,
    record: Action | None,
    content: dict[str, Any],
) -> list[Action]:
    """Abuse never reaches the teacher: SLT decide whether to deliver or discard it.

    `record` stores the message as diverted; None for an edit of a delivered message, which
    is simply not passed on (the teacher keeps the version they had).
    """
    source = record.target() if record is not None else None
    handle = short_id(source) if source else ""
    outcome = (
        f"not delivered; SLT can !deliver {handle} or !discard {handle}"
        if source
        else "the edit was not passed on; the teacher keeps the earlier version"
    )
    incident = Incident(
        kind="private message diverted to SLT",
        user_id=event.sender,
        rule="abusive",
        outcome=outcome,
        room_id=event.room.room_id,
        event_id=source or event.event_id,
        label=str(verdict.label),
        confidence=verdict.confidence,
        reasons=tuple(verdict.reasons),
        evidence=evidence_of(content) | {"to": conversation.teacher},
        confirmed_by="conductbot (judge)",
    )
    return [
        *([record] if record is not None else []),
        RecordIncident(incident),
        *await tell_here(event, _diverted_notice(verdict, "message" if source else "edit")),
        *await escalate(ctx, incident, "Private message to a teacher held back"),
    ]


def _diverted_notice(verdict: Verdict, what: str) -> str:
    """What the family is told of a message held back from the teacher. One in a language the
    judge reads only roughly (`verdict.unread`) may be ordinary ("I'll wait for him outside at
    three"), so it is not called disrespectful: SLT read it first and may pass it on."""
    this = "This message" if what == "message" else "This change to your message"
    if verdict.unread is not None:
        after = " If it is not, they will pass it on." if what == "message" else ""
        return (
            f"{this} has not been passed to the teacher yet. It has been passed to the school's "
            f"senior leadership team, who will read it first: written in {verdict.unread}, "
            "which the school's system reads only roughly, it may be unkind or a threat to "
            f"staff.{after}"
        )
    return (
        f"{this} has not been passed to the teacher. It has been passed to the school's senior "
        "leadership team, who will look at it. Messages to staff must be respectful (the "
        "school's code of conduct)."
    )


async def _edited(event: Event, ctx: Context, conversation: Conversation) -> list[Action]:
    """An edit is judged as the message it now is, before it reaches anyone."""
    target = relation(event.content).get("event_id")
    new = event.content.get("m.new_content")
    relayed = await ctx.store.relay.by_source(target) if isinstance(target, str) else None
    if relayed is None or not isinstance(new, dict):
        return []
    waiting = relayed.status in ("held", "pausing", "diverted")
    delivered = relayed.status == "delivered" and relayed.delivered_event is not None
    if not (waiting or delivered):
        return []  # withdrawn, discarded, or still on its way
    text = visible_text(new)
    verdict = (
        None
        if new.get("msgtype") in MEDIA
        else await asyncio.to_thread(judge, text, _dm_context(ctx))
    )
    taken = route(verdict, golden_rule=ctx.config.policy.golden_rule_minutes > 0)
    alert = await ctx.store.alerts.by_source(relayed.source_event)
    # An urgent alert stands; one that only asked a lead to read the message (unsure), or to
    # read a language the judge cannot (unread), becomes urgent when it is edited into danger.
    if taken is Route.URGENT and verdict is not None and (alert is None or alert.kind != "urgent"):
        return await _urgent_edit(event, ctx, conversation, relayed, new, text, verdict)
    now = ctx.clock.now()
    out_of_hours = not ctx.calendar.is_open(now, _teacher_staff(ctx, conversation.teacher))
    actions: list[Action]
    if taken is Route.DIVERT and verdict is not None and relayed.status != "diverted":
        record = UpdateRelay(relayed.source_event, content=new, status="diverted")
        actions = await _divert(event, ctx, conversation, verdict, record if waiting else None, new)
    elif relayed.status == "pausing" and taken is Route.CHECK and not out_of_hours:
        # No longer a message to pause on: in hours the teacher has it now, as a new one.
        actions = [
            UpdateRelay(relayed.source_event, status="held", release_at=stamp(now), content=new)
        ]
    elif waiting:
        actions = [UpdateRelay(relayed.source_event, content=new)]
    else:
        actions = [await _teacher_edit(ctx, conversation, relayed, new)]
    if verdict is None or alert is not None:
        return actions  # one alert for one message, whatever its edits and their replays
    in_doubt = verdict.doubt is not None or verdict.unread is not None
    if (taken is Route.DIVERT and in_doubt) or (
        taken is Route.CHECK and (out_of_hours or relayed.status == "diverted")
    ):
        # As for a new message with this verdict: a threat that may be danger, or one read
        # only roughly in another language, at any hour; out of hours, one the judge cannot
        # read or reads as danger but not surely. A diverted message is with SLT, not the
        # teacher, so a lead reads it at any hour too.
        actions += await _check_edit(event, ctx, conversation, relayed, new, text, verdict)
    return actions


def _edited_concern(
    event: Event, ctx: Context, relayed: Relayed, new: dict[str, Any], text: str
) -> Concern:
    """The concern an edit raises: the message as it now reads, sent when it was first sent."""
    sent = datetime.fromtimestamp(relayed.sent_ts / 1000, ctx.config.school.tz)
    return Concern(relayed.source_event, event.sender, event.room.room_id, sent, new, text)


async def _check_edit(
    event: Event,
    ctx: Context,
    conversation: Conversation,
    relayed: Relayed,
    new: dict[str, Any],
    text: str,
    verdict: Verdict,
) -> list[Action]:
    """A message edited into one a lead should read now. In a language the judge cannot
    read, the family is answered as for danger (it may be), as `_urgent` answers a new one;
    read as danger but not surely, a lead is asked and the family is not alarmed."""
    reply_room, when = None, ""
    if verdict.unread is not None:
        reply_room = event.room.room_id
        # a diverted message (or one this edit diverts) is with SLT, not on its way
        if relayed.status != "diverted" and verdict.label is not Label.ABUSIVE:
            when = (await _teacher_timing(ctx, conversation))[1]
    return await urgent_actions(
        ctx,
        _edited_concern(event, ctx, relayed, new, text),
        verdict,
        reply_room=reply_room,
        where=await _where(ctx, conversation, ", edited to say this"),
        teacher_line=when,
    )


async def _teacher_edit(
    ctx: Context, conversation: Conversation, relayed: Relayed, new: dict[str, Any]
) -> SendMessage:
    urgent = relayed.label == URGENT
    heading = await parent_heading(ctx, conversation, relayed.sent_ts, urgent=urgent)
    return _edit_copy(conversation.teacher_room, relayed, await render(ctx, new, heading))


async def _urgent_edit(
    event: Event,
    ctx: Context,
    conversation: Conversation,
    relayed: Relayed,
    new: dict[str, Any],
    text: str,
    verdict: Verdict,
) -> list[Action]:
    """A message edited into danger takes the urgent path as if it had just been sent."""
    release, when = await _teacher_timing(ctx, conversation)
    concern = _edited_concern(event, ctx, relayed, new, text)
    if relayed.status == "delivered":
        first: list[Action] = [
            UpdateRelay(relayed.source_event, content=new, label=URGENT),
            await _teacher_edit(ctx, conversation, replace(relayed, label=URGENT), new),
        ]
    else:
        first = [
            UpdateRelay(
                relayed.source_event,
                content=new,
                status="held",
                release_at=stamp(release),
                label=URGENT,
            )
        ]
    return first + await urgent_actions(
        ctx,
        concern,
        verdict,
        reply_room=event.room.room_id,
        where=await _where(ctx, conversation, ", edited to say this"),
        teacher_line=when,
    )


def _edit_copy(room: str, relayed: Relayed, copy: dict[str, Any]) -> SendMessage:
    new_content = {k: v for k, v in copy.items() if k != "m.relates_to"}
    content = {
        **new_content,
        "body": "* " + new_content.get("body", ""),
        "m.new_content": new_content,
        "m.relates_to": {"rel_type": "m.replace", "event_id": relayed.delivered_event},
    }
    content.pop("formatted_body", None)
    content.pop("format", None)
    return SendMessage(room, content)


async def _withdrawn(event: Event, ctx: Context, conversation: Conversation) -> list[Action]:
    target = _redacted_event(event)
    relayed = await ctx.store.relay.by_source(target) if target else None
    if relayed is None:
        return []
    if relayed.status in ("held", "pausing", "diverted"):
        actions: list[Action] = [UpdateRelay(relayed.source_event, status="cancelled")]
        for room, reaction in await ctx.store.sent.with_key(f"hold:{relayed.source_event}"):
            actions.append(Redact(room, reaction, "Withdrawn before delivery"))
        return actions + await tell_here(
            event, "You deleted a held message, so it will not be delivered."
        )
    if relayed.status == "delivered" and relayed.delivered_event:
        other = (
            conversation.teacher_room
            if relayed.direction == TO_TEACHER
            else (conversation.parent_room)
        )
        return [Redact(other, relayed.delivered_event, "Deleted by the sender")]
    return []


# Teachers' side ------------------------------------------------------------------------


async def handle_teacher_dm(event: Event, ctx: Context) -> list[Action]:
    """Teachers' replies go to the parent at once (staff may choose to answer late)."""
    conversation = await ctx.store.relay.conversation_in(event.room.room_id)
    if conversation is None or event.sender != conversation.teacher:
        return []
    if event.type == "m.room.redaction":
        target = _redacted_event(event)
        relayed = await ctx.store.relay.by_source(target) if target else None
        if relayed and relayed.delivered_event:
            return [
                Redact(conversation.parent_room, relayed.delivered_event, "Deleted by the teacher")
            ]
        return []
    if event.type != "m.room.message" or event.state_key is not None:
        return []
    if event.body is not None and split_command(event.body) is not None:
        return []
    if conversation.closed_at:
        return await tell_here(event, "This conversation is closed; nothing is passed on.")
    heading = f"{await display_name(ctx, conversation.teacher)}:"
    if relation(event.content).get("rel_type") == "m.replace":
        target = relation(event.content).get("event_id")
        relayed = await ctx.store.relay.by_source(target) if isinstance(target, str) else None
        new = event.content.get("m.new_content")
        if relayed and relayed.delivered_event and isinstance(new, dict):
            copy = await render(ctx, new, heading, keep_html=True)
            return [_edit_copy(conversation.parent_room, relayed, copy)]
        return []
    copy = await render(ctx, event.content, heading, keep_html=True)
    return [
        StoreRelay(
            conversation.id,
            TO_PARENT,
            event.event_id,
            event.sender,
            event.origin_server_ts,
            {},
            None,
            "held",
            ctx.clock.iso(),
        ),
        *delivery(event.event_id, conversation.parent_room, copy),
        NoteConversation(conversation.id, "answered"),
    ]


# Scheduled work: release and the reply window -------------------------------------------


async def release_actions(ctx: Context, relayed: Relayed) -> list[Action]:
    """Deliver one held or paused message now (the parent's ✅ follows: `mark_actions`)."""
    conversation = await ctx.store.relay.conversation_by_id(relayed.conversation_id)
    if conversation is None:
        return []
    urgent = relayed.label == URGENT
    heading = await parent_heading(ctx, conversation, relayed.sent_ts, urgent=urgent)
    copy = await render(ctx, relayed.content or {}, heading)
    return delivery(relayed.source_event, conversation.teacher_room, copy)


async def mark_actions(ctx: Context, relayed: Relayed) -> list[Action]:
    """On the parent's side: ✅ on a delivered message and its ⏳ taken away."""
    conversation = await ctx.store.relay.conversation_by_id(relayed.conversation_id)
    if conversation is None:
        return []
    actions: list[Action] = [React(conversation.parent_room, relayed.source_event, DELIVERED)]
    for room, reaction in await ctx.store.sent.with_key(f"hold:{relayed.source_event}"):
        actions.append(Redact(room, reaction, "Delivered"))
    return [*actions, MarkShown(relayed.source_event)]


SEEN = "👀"


async def seen_actions(ctx: Context, relayed: Relayed) -> list[Action]:
    """The teacher has read it: 👀 on the parent's message, in the teacher's hours only."""
    conversation = await ctx.store.relay.conversation_by_id(relayed.conversation_id)
    if conversation is None:
        return []
    if not ctx.calendar.is_open(ctx.clock.now(), _teacher_staff(ctx, conversation.teacher)):
        return []  # shown at the next opening, as ClassDojo does
    return [
        React(conversation.parent_room, relayed.source_event, SEEN),
        MarkSeenShown(relayed.source_event),
    ]


async def chase_actions(ctx: Context, relayed: Relayed) -> list[Action]:
    """Remind the teacher after the reply window, tell SLT after the longer one."""
    conversation = await ctx.store.relay.conversation_by_id(relayed.conversation_id)
    if conversation is None or relayed.delivered_at is None:
        return []
    teacher = _teacher_staff(ctx, conversation.teacher)
    waited = (
        ctx.calendar.working_seconds_between(
            datetime.fromisoformat(relayed.delivered_at), ctx.clock.now(), teacher
        )
        / 3600
    )
    reminded, _ = await ctx.store.relay.chased(relayed.id)
    policy = ctx.config.policy
    parent = await display_name(ctx, conversation.parent)
    if waited >= policy.escalate_after_hours:
        teacher_name = await display_name(ctx, conversation.teacher)
        incident = Incident(
            kind="message unanswered",
            user_id=conversation.parent,
            rule="reply window",
            outcome=f"no reply from {teacher_name} after {policy.escalate_after_hours} "
            "working hours",
            room_id=conversation.teacher_room,
            event_id=relayed.delivered_event,
        )
        return [
            MarkChased(relayed.source_event, "escalated_at"),
            RecordIncident(incident),
            *await escalate(ctx, incident, "A parent's message is still waiting for a reply"),
        ]
    if waited >= policy.reply_window_hours and reminded is None:
        text = (
            f"A reminder: {parent}'s message has waited {policy.reply_window_hours} working "
            "hours for a reply. The school aims to reply within that time."
        )
        relates = {"m.relates_to": {"m.in_reply_to": {"event_id": relayed.delivered_event}}}
        return [
            MarkChased(relayed.source_event, "reminded_at"),
            notice(conversation.teacher_room, text, html.escape(text), **relates),
        ]
    return []


# Commands ------------------------------------------------------------------------------


async def _release_or_hold(ctx: Context, relayed: Relayed) -> tuple[list[Action], str]:
    """Deliver now if the teacher is working, else hold until they are; and say which."""
    conversation = await ctx.store.relay.conversation_by_id(relayed.conversation_id)
    teacher = _teacher_staff(ctx, conversation.teacher) if conversation else None
    now = ctx.clock.now()
    if ctx.calendar.is_open(now, teacher):
        return await release_actions(ctx, relayed), "delivered now"
    opening = ctx.calendar.next_opening(now, teacher)
    hold = UpdateRelay(relayed.source_event, status="held", release_at=stamp(opening))
    return [hold], f"held until {ctx.calendar.describe(opening, now)}"


async def _send_now(inv: Invocation, ctx: Context) -> list[Action]:
    conversation = await ctx.store.relay.conversation_in(inv.event.room.room_id)
    if conversation is None or conversation.parent != inv.event.sender:
        return reply(inv.event, "There is nothing of yours waiting here.")
    pausing = await ctx.store.relay.with_status("pausing", conversation.id)
    if not pausing:
        return reply(inv.event, "There is no message waiting to be sent.")
    actions: list[Action] = []
    outcome = ""
    for relayed in pausing:
        more, outcome = await _release_or_hold(ctx, relayed)
        actions += more
    return [*actions, *reply(inv.event, f"Thank you. Your message is {outcome}.")]


FAMILY_FLAG = "the family (!urgent)"


async def _urgent_now(inv: Invocation, ctx: Context) -> list[Action]:
    """The family says it is urgent: their latest waiting message takes the urgent path.

    The judge misses danger put in words it does not know; the family never does.
    """
    conversation = await ctx.store.relay.conversation_in(inv.event.room.room_id)
    if conversation is None or conversation.parent != inv.event.sender:
        return reply(inv.event, "There is nothing of yours here.")
    waiting = [
        *await ctx.store.relay.with_status("held", conversation.id),
        *await ctx.store.relay.with_status("pausing", conversation.id),
    ]
    verdict = Verdict(Label.URGENT, 1.0, ("the family said it is urgent",), Outcome.KEEP)
    where = await _where(ctx, conversation, ", which the family marked urgent")
    if not waiting:
        concern = Concern.of(inv.event, ctx, "(the family sent !urgent with no message waiting)")
        return await urgent_actions(
            ctx,
            concern,
            verdict,
            reply_room=conversation.parent_room,
            where=where,
            teacher_line="",
            raised_by=FAMILY_FLAG,
        )
    latest = max(waiting, key=lambda relayed: relayed.id)
    alert = await ctx.store.alerts.by_source(latest.source_event)
    # Only an urgent alert stands: an unsure or unread one is raised again as urgent below.
    if alert is not None and alert.kind == "urgent":
        return reply(inv.event, "Your message is already with the school's safeguarding lead.")
    release, when = await _teacher_timing(ctx, conversation)
    content = latest.content or {}
    concern = Concern(
        latest.source_event,
        latest.sender,
        conversation.parent_room,
        datetime.fromtimestamp(latest.sent_ts / 1000, ctx.config.school.tz),
        content,
        visible_text(content),
    )
    return [
        UpdateRelay(latest.source_event, status="held", release_at=stamp(release), label=URGENT),
        *await urgent_actions(
            ctx,
            concern,
            verdict,
            reply_room=conversation.parent_room,
            where=where,
            teacher_line=when,
            raised_by=FAMILY_FLAG,
        ),
    ]


async def _tell_parent(ctx: Context, relayed: Relayed, text: str) -> list[Action]:
    """In the conversation the message came from, as a reply to it."""
    conversation = await ctx.store.relay.conversation_by_id(relayed.conversation_id)
    if conversation is None:
        return []
    relates = {"m.relates_to": {"m.in_reply_to": {"event_id": relayed.source_event}}}
    return [notice(conversation.parent_room, text, html.escape(text), **relates)]


async def _diverted(ctx: Context, handle: str) -> Relayed | None:
    for relayed in await ctx.store.relay.with_status("diverted"):
        if short_id(relayed.source_event) == handle.lower():
            return relayed
    return None


async def _deliver(inv: Invocation, ctx: Context) -> list[Action]:
    relayed = await _diverted(ctx, inv.args["id"])
    if relayed is None:
        return reply(inv.event, f"No held-back message has the id {inv.args['id']}.")
    actions, outcome = await _release_or_hold(ctx, relayed)
    decider = await display_name(ctx, inv.event.sender)
    incident = Incident(
        kind=SLT_DELIVERED,
        user_id=relayed.sender,
        rule="abusive",
        outcome=outcome,
        event_id=relayed.source_event,
        confirmed_by=decider,
    )
    return [
        RecordIncident(incident),
        *actions,
        *await _tell_parent(
            ctx,
            relayed,
            "The senior leadership team has looked at your "
            "message and passed it on to the teacher.",
        ),
        *reply(inv.event, f"Message {inv.args['id']}: {outcome}."),
    ]


async def _discard(inv: Invocation, ctx: Context) -> list[Action]:
    relayed = await _diverted(ctx, inv.args["id"])
    if relayed is None:
        return reply(inv.event, f"No held-back message has the id {inv.args['id']}.")
    decider = await display_name(ctx, inv.event.sender)
    incident = Incident(
        kind=SLT_DISCARDED,
        user_id=relayed.sender,
        rule="abusive",
        outcome="not delivered; kept as a record",
        event_id=relayed.source_event,
        confirmed_by=decider,
    )
    return [
        RecordIncident(incident),
        UpdateRelay(relayed.source_event, status="discarded"),
        *await _tell_parent(
            ctx,
            relayed,
            "The senior leadership team has looked at your "
            "message and it will not be passed on. Please contact the school "
            f"office at {ctx.config.school.office_email} to talk about it.",
        ),
        *reply(inv.event, f"Message {inv.args['id']} discarded; the parent has been told."),
    ]


RELAY_COMMANDS = (
    Command(
        name="send",
        help="send a paused message to the teacher now",
        roles=frozenset({Role.PARENT}),
        rooms=frozenset({RoomKind.PARENT_DM}),
        run=_send_now,
    ),
    Command(
        name="urgent",
        help="a child or anyone else may be in danger: alert the safeguarding lead now",
        roles=frozenset({Role.PARENT}),
        rooms=frozenset({RoomKind.PARENT_DM}),
        run=_urgent_now,
    ),
    Command(
        name="deliver",
        help="pass a held-back private message on to the teacher",
        roles=frozenset({Role.SLT}),
        rooms=frozenset({RoomKind.ESCALATION}),
        arguments=(Argument("id", parse_short_id),),
        run=_deliver,
    ),
    Command(
        name="discard",
        help="keep a held-back private message from the teacher for good",
        roles=frozenset({Role.SLT}),
        rooms=frozenset({RoomKind.ESCALATION}),
        arguments=(Argument("id", parse_short_id),),
        run=_discard,
    ),
)
