"""One warning, then removal. Strikes, removals and the notices that go with them.

Every automatic action is recorded as an incident (the evidence, in the database, before
anything is redacted), told to the person affected with the rule quoted, and posted in the
escalation room with machine-readable content. Staff and the bot are never punished.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, replace
from datetime import timedelta
from typing import Any, ClassVar

from bot.actions import Action, Invite, Kick, RecordIncident, StoreAction, as_html, notice
from bot.clock import stamp
from bot.provisioning import ESCALATION_KEY, SCHOOL_STORY_KEY, home_key, story_key
from handlers import Context
from storage.incidents import Incident
from storage.store import Store

INCIDENT_KEY = "org.conductbot.incident"
#: The reason others in a room see on a removal or a kick. The rule goes only to the person
#: concerned, in private, so that nobody is shown up in front of other families.
PUBLIC_REASON = "Removed by the school"


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class AddStrike(StoreAction):
    kind: ClassVar[str] = "strike"
    user_id: str
    event_id: str
    rule: str
    confirmed_by: str

    def target(self) -> str | None:
        return self.user_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.discipline.add_strike(
            self.user_id, self.event_id, self.rule, confirmed_by=self.confirmed_by, at=at
        )
        return None


@dataclass(frozen=True)
class Suspend(StoreAction):
    """Suspends private messaging; the kicks that go with a removal are their own actions."""

    kind: ClassVar[str] = "suspend"
    user_id: str
    reason: str
    by: str

    def target(self) -> str | None:
        return self.user_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.discipline.suspend(self.user_id, reason=self.reason, by=self.by, at=at)
        return None


@dataclass(frozen=True)
class Reinstate(StoreAction):
    kind: ClassVar[str] = "reinstate"
    user_id: str
    by: str

    def target(self) -> str | None:
        return self.user_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.discipline.reinstate(self.user_id)
        return None


@dataclass(frozen=True)
class Pardon(StoreAction):
    kind: ClassVar[str] = "pardon"
    user_id: str
    by: str
    reason: str

    def target(self) -> str | None:
        return self.user_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        return str(
            await store.discipline.pardon(self.user_id, by=self.by, reason=self.reason, at=at)
        )


def rule_text(rule: str, ctx: Context) -> str:
    """The code of conduct's words for each rule the bot enforces."""
    office = ctx.config.school.office_email
    return {
        "negative": "Parents and carers will only contribute positive feedback and comments "
        "to the Class Story feed.",
        "comparison": "Please don't compare children or their work in the Class Story.",
        "complaint": "The Class Story is not the place for complaints or concerns: please "
        f"email the school office at {office}.",
        "sensitive": "Sensitive or private information (health, family matters, contact "
        "details) is only shared by private message, never in the Class Story.",
        "abusive": "Messages must be respectful; inappropriate messages are referred to the "
        "Senior Leadership Team.",
        "top_level": "The Class Story is for teachers' posts; families may react and reply.",
        "media": "Only teachers post photos, videos, stickers and files in the Class Story.",
        "edit": "Only the person who wrote a post may change it.",
        "quote": "A reply may quote only what the post it answers says, and who wrote it.",
        "reaction": "Reactions in the Class Story must be kind.",
        "flood": "A few kind words or reactions on a post are plenty; floods of them are removed.",
        "encrypted": "The school's bot passes on only what it can read; a message it could "
        "not decrypt is not passed on, and the sender is asked to send it again.",
        "profile": "Names and pictures in the school's rooms must be kind, and must not look "
        "like the school, its staff or the bot.",
        "pupil_avatar": "A pupil's own account shows one of the school's built-in pictures, "
        "never a photo or an upload; pupils are children, so this is never a strike.",
        "join_code": "Join codes are private: each one lets one person see a child's "
        "information, so they are never posted where others can read them.",
        "edit_shape": "An edit must carry its new text the way Matrix clients send it; one that "
        "cannot be read cannot be checked.",
        "length": "Replies in the Class Story are short; longer messages go to the teacher "
        "by private message.",
        "report": "Messages staff find inappropriate are referred to the Senior Leadership "
        "Team and recorded in the school's safeguarding log.",
        "urgent": "A child's safety comes first: every concern goes to the school's Designated "
        "Safeguarding Lead without delay (Keeping Children Safe in Education).",
        "unread": "A message the school's bot cannot read may be a safeguarding concern: out "
        "of school hours a safeguarding lead reads it at once, and no one is ever given a "
        "strike for it.",
    }.get(rule, rule)


def short_id(source_event: str) -> str:
    """A handle staff can type (`!deliver 3f9a2c1b`, `!ack 3f9a2c1b`) for a message."""
    return hashlib.sha256(source_event.encode()).hexdigest()[:8]


def parse_short_id(word: str) -> str:
    """The argument of `!deliver`, `!discard` and `!ack`."""
    if not re.fullmatch(r"[0-9a-fA-F]{8}", word):
        raise ValueError("expected the 8-character id from the notice, e.g. 3f9a2c1b")
    return word.lower()


async def display_name(ctx: Context, user_id: str) -> str:
    person = await ctx.store.people.get(user_id)
    return person.display_name if person else user_id


async def tell(ctx: Context, user_id: str, text: str) -> list[Action]:
    """A private notice in the person's home room (nothing if they have none)."""
    home = await ctx.store.rooms.by_key(home_key(user_id))
    if home is None:
        return []
    return [notice(home.room_id, text, as_html(text))]


async def escalate(ctx: Context, incident: Incident, headline: str) -> list[Action]:
    """The SLT notice for an incident: readable, with the evidence and a machine copy."""
    room = await ctx.store.rooms.by_key(ESCALATION_KEY)
    if room is None:
        return []
    who = await display_name(ctx, incident.user_id)
    where = ""
    if incident.room_id:
        known = await ctx.store.rooms.get(incident.room_id)
        where = f" in {_room_label(ctx, known.class_id, known.kind.value) if known else 'a room'}"
    person = who if who == incident.user_id else f"{who} ({incident.user_id})"
    lines = [f"{headline}: {person}{where}."]
    lines.append(f"Rule: {rule_text(incident.rule, ctx)}")
    if incident.label:
        confidence = f", {incident.confidence:.2f}" if incident.confidence is not None else ""
        reasons = "; ".join(incident.reasons) or "no detail"
        lines.append(f"Judge: {incident.label}{confidence} ({reasons})")
    if incident.confirmed_by:
        lines.append(f"Confirmed by: {incident.confirmed_by}")
    lines.append(f"Outcome: {incident.outcome}")
    evidence = incident.evidence.get("body") or incident.evidence.get("key")
    if isinstance(evidence, str) and evidence:
        lines.append(f"Evidence: «{shorten(evidence)}»")
    text = "\n".join(lines)
    machine = {k: v for k, v in asdict(incident).items() if k not in ("id", "at")}
    machine["evidence"] = {
        k: shorten(v) if isinstance(v, str) else v
        for k, v in incident.evidence.items()
        if k != "formatted_body"
    }
    machine["reasons"] = list(incident.reasons)
    if incident.confidence is not None:  # Matrix's canonical JSON has no floats
        machine["confidence"] = f"{incident.confidence:.2f}"
    return [notice(room.room_id, text, as_html(text), **{INCIDENT_KEY: machine})]


EVIDENCE_SHOWN = 4_000  # a Matrix event must stay under 64 KB; the full text is in the DB


def shorten(text: str, kept: str = "the full text is in the incident record") -> str:
    """Words quoted in a notice, cut to `EVIDENCE_SHOWN` characters so the notice stays a
    valid Matrix event; `kept` says where the whole text is."""
    if len(text) <= EVIDENCE_SHOWN:
        return text
    return text[:EVIDENCE_SHOWN] + f"… ({len(text)} characters; {kept})"


#: Bytes of a notice's plain and HTML bodies together, as JSON: a Matrix event stays under
#: 64 KB.
NOTICE_BYTES = 56_000


def quoting(
    render: Callable[[str], str], text: str, kept: str = "the full text is in the incident record"
) -> str:
    """`render(text)`, a notice quoting someone's words, whole when it stays a valid Matrix
    event as plain text and HTML; else quoting them `shorten`ed."""
    whole = render(text)
    if len(json.dumps([whole, as_html(whole)], ensure_ascii=False).encode()) <= NOTICE_BYTES:
        return whole
    return render(shorten(text, kept))


def _room_label(ctx: Context, class_id: str | None, kind: str) -> str:
    school_class = ctx.config.class_by_id(class_id) if class_id else None
    if kind == "story" and class_id is None:
        return "the School Story"
    return f"{school_class.name} story" if school_class and kind == "story" else f"a {kind} room"


async def is_immune(ctx: Context, user_id: str) -> bool:
    if user_id == ctx.bot_user_id:
        return True
    person = await ctx.store.people.get(user_id)
    return person is not None and person.role.is_staff


async def strike(
    ctx: Context, incident: Incident, *, confirmed_by: str, refused: bool = False
) -> tuple[list[Action], Incident]:
    """A strike for `incident`: a warning quoting the rule, or removal once warnings are used.

    Returns the actions and the incident with its outcome filled in. The offending event is
    left out of the count, so a replayed decision never turns a warning into a removal.
    `refused`: the message was stopped before delivery (the Synapse guard), which counts the
    same; only the words differ.
    """
    user = incident.user_id
    if await is_immune(ctx, user):
        return [], replace(incident, outcome="no action: staff and the bot are never punished")
    since = stamp(ctx.clock.now() - timedelta(days=ctx.config.policy.strike_expiry_days))
    earlier = [
        s
        for s in await ctx.store.discipline.active_strikes(user, since=since)
        if s.event_id != incident.event_id
    ]
    count = len(earlier) + 1
    allowed = ctx.config.policy.warnings_before_removal
    actions: list[Action] = [
        AddStrike(user, incident.event_id or "", incident.rule, confirmed_by=confirmed_by)
    ]
    rule = rule_text(incident.rule, ctx)
    if count <= allowed:
        left = allowed - count
        more = "" if left == 0 else f" ({left} more warning{'s' if left > 1 else ''} first)"
        done = "was not posted" if refused else "was removed"
        actions += await tell(
            ctx,
            user,
            f"This is a warning. Your message {done} because it broke the school's code of "
            f"conduct: {rule} If it happens again you will be removed from the class story and "
            f"from messaging{more}. If you think this was a mistake, please email the office at "
            f"{ctx.config.school.office_email}.",
        )
        return actions, replace(incident, outcome=f"warning (strike {count})")
    actions += await removal(ctx, user, reason=f"{incident.rule}: strike {count}", by="conductbot")
    actions += await tell(
        ctx,
        user,
        f"You have been removed from the class story and from messaging because a message "
        f"broke the school's code of conduct again: {rule} Messages you sent before this "
        f"will still be delivered. Please contact the school office at "
        f"{ctx.config.school.office_email}.",
    )
    return actions, replace(
        incident, outcome=f"removed from class stories and messaging (strike {count})"
    )


async def story_rooms_of(ctx: Context, user: str) -> list[str]:
    """The story rooms of the classes the person's children are in, and the School Story."""
    classes = sorted({child.class_id for child in await ctx.store.pupils.children_of(user)})
    keys = [story_key(class_id) for class_id in classes] + ([SCHOOL_STORY_KEY] if classes else [])
    rooms = []
    for key in keys:
        room = await ctx.store.rooms.by_key(key)
        if room is not None:
            rooms.append(room.room_id)
    return rooms


async def removal(ctx: Context, user: str, *, reason: str, by: str) -> list[Action]:
    """Kick from every class story room they belong to and suspend private messaging."""
    kicks: list[Action] = [
        Kick(room, user, PUBLIC_REASON) for room in await story_rooms_of(ctx, user)
    ]
    return [Suspend(user, reason=reason, by=by), *kicks]


async def reinstatement(ctx: Context, user: str, *, by: str) -> list[Action]:
    invites: list[Action] = [Invite(room, user) for room in await story_rooms_of(ctx, user)]
    return [Reinstate(user, by=by), *invites]


def incident_actions(incident: Incident, *more: Action) -> list[Action]:
    """The incident recorded first (evidence before any redaction), then the rest."""
    return [RecordIncident(incident), *more]


def evidence_of(content: dict[str, Any]) -> dict[str, Any]:
    """What to keep of a message as evidence: its text, formatting and media reference."""
    keep = ("body", "formatted_body", "msgtype", "url", "m.new_content", "m.relates_to")
    return {k: content[k] for k in keep if k in content}


async def labelled(ctx: Context, user_id: str) -> str:
    """ "Name (@id)" for SLT, or the id alone when the bot knows no name."""
    name = await display_name(ctx, user_id)
    return user_id if name == user_id else f"{name} ({user_id})"
