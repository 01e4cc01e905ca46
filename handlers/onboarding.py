"""Joining with a code: up to two parents per child, via teacher-issued one-use codes.

A class teacher (or SLT) sends `!code PUPIL` in their own room with the bot and gets a code
such as `KQ7D-MAXR`, valid for two weeks and shown only to them. The family sends it to the
bot in any room they share with it: the welcome room a new account gets by starting a direct
chat with the bot, their own `home` room or a conversation with a teacher. A right code
links them (class story, home room, conversations with the class teachers) and is spent;
beyond `parents_per_child` the link waits for SLT (`!approve ID` / `!decline ID`). Wrong,
spent and expired codes change nothing; five wrong in an hour pause joining for an hour and
SLT are told. `!code PUPIL --pupil` makes a code for the pupil's own account (a home room,
nothing else). Staff are set up from rooms.yaml and never redeem codes.

Codes are kept only as keyed hashes (`storage/codes.py`) and appear in no log or audit row.
"""

from __future__ import annotations

import html
import re
import secrets
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from bot.actions import (
    Action,
    Invite,
    LeaveRoom,
    LinkAdult,
    RecordIncident,
    SetState,
    StoreAction,
    notice,
)
from bot.clock import stamp
from bot.config import SchoolClass
from bot.crypto import ENCRYPTION
from bot.provisioning import SCHOOL_STORY_KEY, CloseRoom, home_key, story_key
from handlers import Context, Event
from handlers.commands import STAFF, Argument, Command, Invocation, reply, split_command
from handlers.discipline import display_name, escalate
from storage.codes import JoinCode, PendingLink, normalise_code
from storage.incidents import Incident
from storage.people import Role
from storage.pupils import Pupil
from storage.rooms import RoomKind
from storage.store import Store

# Easy to read aloud or print: no look-alikes (B/8, I/L/1, O/0, S/5, Z/2 are left out).
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 8
CODE_VALID_DAYS = 14
MAX_FAILURES = 5
LOCKOUT = timedelta(hours=1)
EXAMPLE = "ABCD-EFGH"

_DASHES = "-\u2010\u2011\u2012\u2013\u2014\u2212"
_SHAPE = re.compile(rf"([A-Za-z0-9]{{4}})([{_DASHES} ]?)([A-Za-z0-9]{{4}})")
_PUPIL_FLAG = re.compile(rf"[{_DASHES}]+pupil", re.IGNORECASE)


# --- the code itself -----------------------------------------------------------------------


def new_code() -> str:
    """A fresh random code, XXXX-XXXX, from `secrets`."""
    chars = "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))
    return f"{chars[:4]}-{chars[4:]}"


_ANYWHERE = re.compile(
    rf"(?<![A-Za-z0-9])[A-Za-z0-9]{{4}}[{_DASHES} ]?[A-Za-z0-9]{{4}}(?![A-Za-z0-9])"
)


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class VoidJoinCode(StoreAction):
    """A code posted where others could read it can no longer be used (by id, never text)."""

    kind: ClassVar[str] = "void_join_code"
    code_id: int

    def target(self) -> str | None:
        return str(self.code_id)

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.codes.void(self.code_id, at=at)
        return None


@dataclass(frozen=True)
class IssueJoinCode(StoreAction):
    """A join code, stored only as its keyed hash: the code itself is in no field here."""

    kind: ClassVar[str] = "issue_join_code"
    code_hash: str
    pupil_id: int
    for_role: str  # "parent" or "pupil"
    created_by: str
    expires_at: str

    def target(self) -> str | None:
        return f"pupil:{self.pupil_id}"

    def audit_detail(self) -> dict[str, Any]:
        return {"pupil_id": self.pupil_id, "for_role": self.for_role, "expires_at": self.expires_at}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        return str(
            await store.codes.add(
                self.code_hash,
                self.pupil_id,
                self.for_role,
                created_by=self.created_by,
                at=at,
                expires_at=self.expires_at,
            )
        )


@dataclass(frozen=True)
class RecordJoinAttempt(StoreAction):
    """Someone sent a code: right (ok) or not. Five wrong in an hour pause joining."""

    kind: ClassVar[str] = "join_attempt"
    user_id: str
    ok: bool

    def target(self) -> str | None:
        return self.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {"ok": self.ok}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.codes.record_attempt(self.user_id, self.ok, at=at)
        return None


@dataclass(frozen=True)
class UseJoinCode(StoreAction):
    """A code spent on a request that waits for SLT (a link spends its code itself)."""

    kind: ClassVar[str] = "use_join_code"
    code_id: int
    user_id: str

    def target(self) -> str | None:
        return self.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {"code_id": self.code_id}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.codes.use(self.code_id, self.user_id, at=at)
        return None


@dataclass(frozen=True)
class RequestLink(StoreAction):
    """An adult beyond `parents_per_child`, waiting for SLT's !approve or !decline."""

    kind: ClassVar[str] = "request_link"
    pending_id: int
    user_id: str
    pupil_id: int

    def target(self) -> str | None:
        return self.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {"pending_id": self.pending_id, "pupil_id": self.pupil_id}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.codes.request_link(self.pending_id, self.user_id, self.pupil_id, at=at)
        return str(self.pending_id)


@dataclass(frozen=True)
class DecideLink(StoreAction):
    kind: ClassVar[str] = "decide_link"
    pending_id: int
    decision: str  # "approved" or "declined"
    by: str

    def target(self) -> str | None:
        return str(self.pending_id)

    def audit_detail(self) -> dict[str, Any]:
        return {"decision": self.decision, "by": self.by}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.codes.decide(self.pending_id, self.decision, by=self.by, at=at)
        return None


async def codes_in(ctx: Context, text: str) -> list[JoinCode]:
    """Live join codes anywhere in a text (a code pasted into a sentence counts too)."""
    now = stamp(ctx.clock.now())
    found = []
    for candidate in dict.fromkeys(m.group(0) for m in _ANYWHERE.finditer(text[:10_000])):
        code = await ctx.store.codes.find(candidate)
        if code is not None and code.used_by is None and code.expires_at > now:
            found.append(code)
    return found


def looks_like_code(text: str) -> bool:
    """Whether a whole message (trimmed) is shaped like a join code, so it is taken as one.

    `XXXX-XXXX` in any case; without the dash (`XXXX XXXX`, `XXXXXXXX`) only in capitals or
    with a digit, so a one-word message such as "Thankyou" is never taken for a code. A
    code inside a sentence is never one: the relay passes such messages on as usual.
    """
    match = _SHAPE.fullmatch(text.strip())
    if match is None:
        return False
    if match[2] and match[2] != " ":
        return True
    chars = match[1] + match[3]
    return chars.isupper() or any(c.isdigit() for c in chars)


def _could_be_code(text: str) -> bool:
    """In a welcome room anything of eight letters and digits is an attempt at a code."""
    return re.fullmatch(r"[A-Z0-9]{8}", normalise_code(text)) is not None


def locked_until(failures: Sequence[datetime], now: datetime) -> datetime | None:
    """When joining opens again, if `MAX_FAILURES` wrong codes within `LOCKOUT` paused it.

    `failures` oldest first; the pause lasts `LOCKOUT` from the failure that completed a run
    of `MAX_FAILURES` within `LOCKOUT` (attempts during a pause are refused unrecorded)."""
    until = None
    for last in range(MAX_FAILURES - 1, len(failures)):
        if failures[last] - failures[last - MAX_FAILURES + 1] <= LOCKOUT:
            end = failures[last] + LOCKOUT
            until = end if until is None or end > until else until
    return until if until is not None and now < until else None


# --- finding the pupil ---------------------------------------------------------------------


class PupilNotFound(ValueError):
    """The reply says why: unknown, not in the teacher's classes, or which one was meant."""


@dataclass(frozen=True)
class CodeRequest:
    pupil: str
    for_pupil: bool


def code_request(text: str) -> CodeRequest:
    """'Amelia', 'Oliver B', 'Oliver Bennett' or an MIS id, with an optional --pupil."""
    words = text.split()
    kept = [w for w in words if not _PUPIL_FLAG.fullmatch(w)]
    if not kept:
        raise ValueError("say which pupil, e.g. !code Amelia")
    return CodeRequest(" ".join(kept), for_pupil=len(kept) != len(words))


def _shortest_names(pupils: list[Pupil]) -> dict[int, str | None]:
    """'Oliver B' for each pupil, with as much surname as tells them apart (None: can't)."""
    names: dict[int, str | None] = {}
    for pupil in pupils:
        others = [p.surname.lower() for p in pupils if p.id != pupil.id]
        names[pupil.id] = None
        for length in range(1, len(pupil.surname) + 1):
            prefix = pupil.surname[:length].lower()
            if not any(other.startswith(prefix) for other in others):
                names[pupil.id] = f"{pupil.first_name} {pupil.surname[:length]}"
                break
    return names


async def find_taught_pupil(
    ctx: Context,
    text: str,
    classes: Sequence[SchoolClass],
    *,
    command: str = "code",
    then: str = "",
) -> Pupil:
    """A pupil in one of `classes`, by first name, 'First S', 'First Surname' or MIS id.

    More than one match is asked back with the choices, never guessed."""
    class_ids = {c.id for c in classes}
    words = text.split()
    if len(words) == 1:
        by_mis = await ctx.store.pupils.by_mis_id(words[0])
        if by_mis is not None and by_mis.class_id in class_ids:
            return by_mis
    first, surname = words[0], " ".join(words[1:]).rstrip(".").lower()
    found = [p for p in await ctx.store.pupils.by_name(first) if p.class_id in class_ids]
    if surname:
        exact = [p for p in found if p.surname.lower() == surname]
        found = exact or [p for p in found if p.surname.lower().startswith(surname)]
    if len(found) == 1:
        return found[0]
    where = " or ".join(c.name for c in classes) if len(classes) <= 3 else "your classes"
    if not found:
        raise PupilNotFound(
            f"I can't find a pupil called '{text}' in {where}. Please check the spelling, or "
            "use their first name and surname, or their MIS id."
        )
    shortest = _shortest_names(found)
    choices = []
    for pupil in found:
        school_class = ctx.config.class_by_id(pupil.class_id)
        say = shortest[pupil.id] or pupil.mis_id or pupil.full_name
        choices.append(
            f"• {pupil.full_name} ({school_class.name if school_class else pupil.class_id}"
            f"{', MIS ' + pupil.mis_id if pupil.mis_id else ''}): !{command} {say}{then}"
        )
    return_to = "\n".join(choices)
    raise PupilNotFound(f"More than one pupil matches '{text}' in {where}. Which one?\n{return_to}")


def own_classes(ctx: Context) -> list[SchoolClass]:
    """The classes rooms.yaml lists the sender as teaching (none for anyone else)."""
    sender = ctx.sender
    try:
        return ctx.config.classes_of(sender.staff_id or "") if sender else []
    except KeyError:
        return []


def taught_classes(ctx: Context) -> list[SchoolClass]:
    """The classes the sender may act for: their own, or every class for SLT."""
    if ctx.sender is not None and ctx.sender.role is Role.SLT:
        return list(ctx.config.classes)
    return own_classes(ctx)


def _class_name(ctx: Context, class_id: str) -> str:
    school_class = ctx.config.class_by_id(class_id)
    return school_class.name if school_class else class_id


def _describe(ctx: Context, instant: datetime) -> str:
    return ctx.calendar.describe(instant, ctx.clock.now())


# --- !code ---------------------------------------------------------------------------------


async def _code(inv: Invocation, ctx: Context) -> list[Action]:
    event, request = inv.event, inv.args["pupil"]
    if event.room.owner != event.sender:
        return reply(
            event,
            "Please send !code in your own room with the bot, so the code is shown only to "
            "you. Nothing was made.",
        )
    classes = taught_classes(ctx)
    if not classes:
        return reply(
            event,
            "You aren't listed as teaching a class in rooms.yaml, so I can't make join codes "
            "for you. Please ask a senior leader.",
        )
    try:
        pupil = await find_taught_pupil(ctx, request.pupil, classes)
    except PupilNotFound as err:
        return reply(event, f"{err} Nothing was made.")
    code = new_code()
    role = "pupil" if request.for_pupil else "parent"
    expires = ctx.clock.now() + timedelta(days=CODE_VALID_DAYS)
    issue = IssueJoinCode(
        await ctx.store.codes.hash(code),
        pupil.id,
        role,
        created_by=event.sender,
        expires_at=stamp(expires),
    )
    class_name = _class_name(ctx, pupil.class_id)
    if request.for_pupil:
        who = f"{pupil.full_name}'s own account ({class_name})"
        how = (
            f"{pupil.first_name} sends it to the school's bot in a direct chat from their own "
            "account, and gets a private room with the bot for their points (no class story, "
            "no messaging)."
        )
        note = ""
    else:
        who = f"a parent or carer of {pupil.full_name} ({class_name})"
        how = (
            f"They send it to the school's bot in a direct chat and are connected to "
            f"{pupil.first_name} straight away: the class story, a private room with the "
            "bot, and messages with the class teachers."
        )
        parents = await ctx.store.pupils.parents_of(pupil.id)
        limit = ctx.config.policy.parents_per_child
        note = (
            ""
            if len(parents) < limit
            else (
                f"\nNote: {pupil.first_name} already has {len(parents)} adults connected (the "
                f"limit is {limit}), so this one will wait for a senior leader's approval."
            )
        )
    when = _describe(ctx, expires)
    before = f"Join code for {who}:"
    after = (
        f"It works once, until {when}. Give it to them on paper or read it out: it has no "
        f"letters or numbers that look alike. {how} I keep only a scrambled copy, so I can't "
        f"show it again; if it is lost, make a new one.{note}"
    )
    body = f"{before}\n\n{code}\n\n{after}"
    formatted = (
        f"{html.escape(before)}<br><br><strong><code>{code}</code></strong><br><br>"
        f"{html.escape(after).replace(chr(10), '<br>')}"
    )
    relates = {"m.relates_to": {"m.in_reply_to": {"event_id": event.event_id}}}
    return [issue, notice(event.room.room_id, body, formatted, **relates)]


# --- redeeming a code ----------------------------------------------------------------------


def _plain_text(event: Event, ctx: Context) -> str | None:
    """The body of a text message from the room's owner (not an edit, not a command)."""
    if event.type != "m.room.message" or event.content.get("msgtype") != "m.text":
        return None
    if "m.new_content" in event.content or event.body is None:
        return None
    if event.sender == ctx.bot_user_id or event.sender != (event.room.owner or event.sender):
        return None
    if split_command(event.body) is not None:
        return None  # the command handler answers it
    return event.body


async def handle_code(event: Event, ctx: Context) -> list[Action]:
    """A code sent in a home room or a teacher conversation: the whole message, code-shaped."""
    text = _plain_text(event, ctx)
    if text is None or not looks_like_code(text):
        return []
    return await redeem(event, ctx, text)


async def handle_welcome(event: Event, ctx: Context) -> list[Action]:
    """The welcome room is for joining: a code is tried, anything else gets the instructions.
    When the newcomer leaves, the bot leaves and forgets the room too."""
    if (
        event.type == "m.room.member"
        and event.state_key == event.room.owner
        and event.content.get("membership") in ("leave", "ban")
    ):
        return [LeaveRoom(event.room.room_id, "the newcomer left"), CloseRoom(event.room.room_id)]
    text = _plain_text(event, ctx)
    if text is None:
        return []
    if _could_be_code(text):
        return await redeem(event, ctx, text)
    return reply(event, f"This chat is only for joining. {_instructions(ctx)}")


#: A welcome room is for joining; after this long the bot leaves it (the code has expired).
WELCOME_DAYS = CODE_VALID_DAYS


async def stale_welcome_actions(ctx: Context) -> list[tuple[str, list[Action]]]:
    """Welcome rooms past `WELCOME_DAYS`: a last word, then the bot leaves and forgets them."""
    cutoff = stamp(ctx.clock.now() - timedelta(days=WELCOME_DAYS))
    text = (
        "This chat was for joining and is now closed. If you still need to connect to your "
        f"child, ask their class teacher for a code, or email {ctx.config.school.office_email}."
    )
    return [
        (
            f"welcome-closed:{room.room_id}",
            [
                notice(room.room_id, text),
                LeaveRoom(room.room_id, "unused"),
                CloseRoom(room.room_id),
            ],
        )
        for room in await ctx.store.rooms.open_welcomes_before(cutoff)
    ]


async def welcome_actions(
    ctx: Context, room_id: str, inviter: str, *, encrypted: bool
) -> list[Action]:
    """What the bot says when a new account starts a direct chat with it: encrypted first,
    like every private room, if the newcomer's client did not (a room made with the
    `private_chat` preset leaves the bot without the power to; it then says it in the open)."""
    text = f"Welcome to {ctx.config.school.name}'s messaging. {_instructions(ctx)}"
    welcome = notice(room_id, text, html.escape(text))
    if encrypted or not ctx.config.encryption.private_rooms:
        return [welcome]
    return [SetState(room_id, "m.room.encryption", ENCRYPTION), welcome]


def _instructions(ctx: Context) -> str:
    return (
        f"To connect to your child, send me the code your child's teacher gave you, like "
        f"{EXAMPLE}: eight letters and numbers, with or without the dash. Each code works once "
        f"and lasts {CODE_VALID_DAYS} days. No code, or it has stopped working? Please ask your "
        f"child's class teacher, or email the school office at {ctx.config.school.office_email}."
    )


async def redeem(event: Event, ctx: Context, text: str) -> list[Action]:
    """Decide what a code attempt does. Nothing changes unless the code is right and unused."""
    user, person = event.sender, ctx.sender
    if person is not None and person.role.is_staff:
        return reply(
            event,
            "Staff accounts are set up from rooms.yaml, not with join codes, so "
            "nothing was changed. Codes are for families: please give it to the parent "
            "or carer it was made for.",
        )
    if normalise_code(text) == normalise_code(EXAMPLE):
        return reply(
            event,
            f"{EXAMPLE} is only the example in the instructions, so it isn't counted as a "
            "try. Please send the code from the letter or message your child's teacher gave "
            "you: it has the same shape, eight letters and numbers.",
        )
    now = ctx.clock.now()
    earlier = [
        datetime.fromisoformat(at)
        for at in await ctx.store.codes.failures_since(user, stamp(now - 2 * LOCKOUT))
    ]
    paused = locked_until(earlier, now)
    if paused is not None:
        return reply(
            event,
            f"Joining is paused for this account until {_describe(ctx, paused)}, "
            f"after {MAX_FAILURES} wrong codes in an hour, so I haven't checked this "
            "one. Please check the code with your child's teacher and try again then, "
            f"or email the school office at {ctx.config.school.office_email}.",
        )
    recent = [at for at in earlier if at > now - LOCKOUT]
    code = await ctx.store.codes.find(text)
    pupil = await ctx.store.pupils.get(code.pupil_id) if code else None
    if code is None or pupil is None:
        extra = ""
        if event.room.kind is RoomKind.PARENT_DM:
            extra = (
                " If this was meant as a message for the teacher, it was not passed on: "
                "please send it again as part of a sentence."
            )
        return await _failed(
            event,
            ctx,
            recent,
            "That code isn't right, so nothing was changed. Please check it against the one "
            f"you were given (like {EXAMPLE}) and send it again.{extra}",
        )
    issuer = await display_name(ctx, code.created_by)
    if code.used_by == user:
        return reply(
            event,
            f"You have already used this code: you're connected to {pupil.first_name}. "
            "Nothing more to do.",
        )
    if code.used_by is not None:
        return await _failed(
            event,
            ctx,
            recent,
            "That code has already been used, so it can't connect another account and nothing "
            f"was changed. Each code works once: please ask {issuer} for a new one.",
        )
    if code.expires_at <= stamp(now):
        expired = datetime.fromisoformat(code.expires_at)
        return await _failed(
            event,
            ctx,
            recent,
            f"That code expired on {_describe(ctx, expired)}, so nothing was changed. Codes "
            f"last {CODE_VALID_DAYS} days: please ask {issuer} for a new one.",
        )
    if await ctx.store.discipline.is_suspended(user):
        return reply(
            event,
            "Your account is currently removed under the school's code of "
            "conduct, so it can't be connected to a child and your code was not used. "
            f"Please contact the school office at {ctx.config.school.office_email}.",
        )
    if code.for_role == "pupil":
        return await _join_as_pupil(event, ctx, code, pupil)
    return await _join_as_parent(event, ctx, code, pupil, issuer)


async def _failed(event: Event, ctx: Context, recent: list[datetime], text: str) -> list[Action]:
    """A wrong, spent or expired code: recorded; the one that makes `MAX_FAILURES` pauses."""
    user = event.sender
    actions: list[Action] = [RecordJoinAttempt(user, ok=False)]
    if len(recent) + 1 < MAX_FAILURES:
        return [*actions, *reply(event, text)]
    until = _describe(ctx, ctx.clock.now() + LOCKOUT)
    incident = Incident(
        kind="join_paused",
        user_id=user,
        room_id=event.room.room_id,
        event_id=event.event_id,
        rule=f"{MAX_FAILURES} wrong join codes within an hour pause joining for an hour.",
        outcome=f"joining paused for this account until {until}; no child was connected",
    )
    return [
        *actions,
        RecordIncident(incident),
        *reply(
            event,
            f"{text}\n\nThat was {MAX_FAILURES} wrong codes in an hour, so joining is "
            f"paused for this account until {until}. Please check the code with your child's "
            f"teacher, or email the school office at {ctx.config.school.office_email}.",
        ),
        *await escalate(ctx, incident, f"Joining paused after {MAX_FAILURES} wrong codes"),
    ]


async def _join_as_parent(
    event: Event, ctx: Context, code: JoinCode, pupil: Pupil, issuer: str
) -> list[Action]:
    user, person, first = event.sender, ctx.sender, pupil.first_name
    if person is not None and person.role is Role.PUPIL:
        return reply(
            event,
            "This is a pupil's own account, so it can't be connected as a parent "
            "or carer and the code was not used. Please send it from the parent's or "
            "carer's own account.",
        )
    parents = await ctx.store.pupils.parents_of(pupil.id)
    if user in parents:
        return [
            RecordJoinAttempt(user, ok=True),
            *reply(
                event,
                f"You're already connected to {first}, so this code was not used: "
                "it can still connect another parent or carer.",
            ),
        ]
    if await ctx.store.rooms.by_key(story_key(pupil.class_id)) is None:
        return reply(
            event,
            f"{_class_name(ctx, pupil.class_id)} isn't set up on the bot yet, so "
            "your code was not used. Please try again tomorrow, or email the school "
            f"office at {ctx.config.school.office_email}.",
        )
    if await ctx.store.codes.waiting(user, pupil.id) is not None:
        return reply(
            event,
            f"Your request to be connected to {first} is already waiting for "
            "the school's senior leaders, so this code was not used. I'll tell you "
            "here when they have decided.",
        )
    limit = ctx.config.policy.parents_per_child
    if len(parents) >= limit:
        return await _wait_for_slt(event, ctx, code, pupil, parents, issuer)
    sorry = (
        f"Sorry, I couldn't finish connecting you to {first} just now. Your code has not "
        "been used up: please send it again in a few minutes, or email the school office "
        f"at {ctx.config.school.office_email}."
    )
    link = LinkAdult(
        user,
        pupil.id,
        "parent",
        linked_by=code.created_by,
        room_id=event.room.room_id,
        confirm=await joined_text(ctx, user, pupil),
        sorry=sorry,
        code_id=code.id,
    )
    return [RecordJoinAttempt(user, ok=True), link]


async def joined_text(ctx: Context, user: str, pupil: Pupil, *, approved: bool = False) -> str:
    """What a newly connected parent is told: whom they are connected to, what to accept."""
    class_name, first = _class_name(ctx, pupil.class_id), pupil.first_name
    server = ctx.bot_user_id.split(":", 1)[1]
    teachers = (
        ctx.config.teachers_of(pupil.class_id) if ctx.config.class_by_id(pupil.class_id) else []
    )
    children = await ctx.store.pupils.children_of(user)
    talking_to = {
        c.teacher
        for c in await ctx.store.relay.conversations_of(user)
        if c.parent == user and not c.closed_at
    }
    names = " and ".join(t.name for t in teachers) or "the class teachers"
    share = "shares" if len(teachers) == 1 else "share"
    rooms = []
    if not any(child.class_id == pupil.class_id for child in children):
        rooms.append(
            f"“{class_name} story”: the class story, where {names} {share} what the class "
            "is doing. You can react and add kind replies."
        )
    if await ctx.store.rooms.by_key(home_key(user)) is None:
        rooms.append(
            f"“{ctx.config.school.name}”: your private room with the school's bot, for "
            f"notices and {first}'s points."
        )
    for teacher in teachers:
        if teacher.matrix_id(server) not in talking_to:
            rooms.append(
                f"“{teacher.name} ({class_name})”: private messages with {teacher.name}"
                ", passed on by the school's bot in working hours."
            )
    opening = ("A senior leader has approved your request. " if approved else "Thank you. ") + (
        f"You're now connected to {first} ({class_name})."
    )
    if not rooms:
        return f"{opening} You'll find {first}'s news in the rooms you already have."
    invitations = "an invitation" if len(rooms) == 1 else f"{len(rooms)} invitations"
    listed = "\n".join(f"• {room}" for room in rooms)
    return (
        f"{opening} You'll see {invitations} in your Matrix app; please accept "
        f"{'it' if len(rooms) == 1 else 'them'}:\n{listed}\nThe school's online code of "
        "conduct is pinned at the top of the class story."
    )


async def _wait_for_slt(
    event: Event, ctx: Context, code: JoinCode, pupil: Pupil, parents: list[str], issuer: str
) -> list[Action]:
    user, limit = event.sender, ctx.config.policy.parents_per_child
    pending = await ctx.store.codes.next_pending_id()
    linked = ", ".join([await display_name(ctx, p) for p in parents])
    class_name = _class_name(ctx, pupil.class_id)
    incident = Incident(
        kind="join_request",
        user_id=user,
        room_id=event.room.room_id,
        rule=f"Up to {limit} parents or carers are connected to each child; a further adult "
        "needs SLT approval.",
        outcome=f"waiting for SLT (already connected: {linked}; code from {issuer}). Send "
        f"!approve {pending} to connect them, or !decline {pending}.",
    )
    return [
        RecordJoinAttempt(user, ok=True),
        UseJoinCode(code.id, user),
        RequestLink(pending, user, pupil.id),
        *reply(
            event,
            f"Thank you. {pupil.first_name} already has {len(parents)} adults "
            f"connected, which is the school's usual limit, so a senior leader needs to "
            "approve this. I'll tell you here as soon as they have decided.",
        ),
        *await escalate(
            ctx,
            incident,
            f"A further adult asks to be connected to {pupil.full_name} ({class_name})",
        ),
    ]


async def _join_as_pupil(event: Event, ctx: Context, code: JoinCode, pupil: Pupil) -> list[Action]:
    user, person, first = event.sender, ctx.sender, pupil.first_name
    if person is not None and person.role is not Role.PUPIL:
        return reply(
            event,
            f"This code is for {first}'s own account, so it was not used. "
            f"Please send it from the account {first} will use; parents and carers need "
            "a parent code from the class teacher.",
        )
    current = await ctx.store.codes.pupil_of(user)
    if current == pupil.id:
        return [
            RecordJoinAttempt(user, ok=True),
            *reply(event, f"This account is already {first}'s, so the code was not used."),
        ]
    if current is not None:
        return reply(
            event,
            "This account already belongs to another pupil, so the code was not used. Please "
            "ask your teacher.",
        )
    school = ctx.config.school.name
    confirm = (
        f"Hello {first}! This is now your own account with {school}. Please accept the "
        f"invitation to “{school}”: it's your private room with the school's bot, where "
        "you'll see your points."
    )
    sorry = (
        "Sorry, I couldn't finish setting up your account just now. Your code has not been "
        "used up: please send it again in a few minutes, or ask your teacher."
    )
    link = LinkAdult(
        user,
        pupil.id,
        "pupil",
        linked_by=code.created_by,
        room_id=event.room.room_id,
        confirm=confirm,
        sorry=sorry,
        code_id=code.id,
    )
    return [RecordJoinAttempt(user, ok=True), link]


# --- SLT decide on adults beyond the limit -------------------------------------------------


def pending_id(word: str) -> int:
    if not word.isdigit():
        raise ValueError(f"'{word}' is not a request number; expected e.g. 3")
    return int(word)


async def _room_to_tell(ctx: Context, user: str) -> str | None:
    """Where someone waiting hears back: their home room, else their welcome room."""
    home = await ctx.store.rooms.by_key(home_key(user))
    if home is not None:
        return home.room_id
    welcome = [r for r in await ctx.store.rooms.of_kind(RoomKind.WELCOME) if r.owner == user]
    return welcome[-1].room_id if welcome else None


async def _undecided(inv: Invocation, ctx: Context) -> tuple[PendingLink, Pupil] | list[Action]:
    number = inv.args["id"]
    pending = await ctx.store.codes.pending(number)
    pupil = await ctx.store.pupils.get(pending.pupil_id) if pending else None
    if pending is None or pupil is None:
        return reply(inv.event, f"There is no request number {number}.")
    if pending.status != "waiting":
        by = await display_name(ctx, pending.decided_by or "")
        return reply(
            inv.event,
            f"Request {number} was already {pending.status} by {by}; nothing was changed.",
        )
    return pending, pupil


async def _approve(inv: Invocation, ctx: Context) -> list[Action]:
    found = await _undecided(inv, ctx)
    if isinstance(found, list):
        return found
    pending, pupil = found
    user, by = pending.user_id, inv.event.sender
    person = await ctx.store.people.get(user)
    if person is not None and person.role is not Role.PARENT:
        return reply(
            inv.event,
            f"{user} is now a {person.role.value} account, so they can't be "
            f"connected as a parent; send !decline {pending.id} to close the request.",
        )
    who = await display_name(ctx, user)
    room = await _room_to_tell(ctx, user)
    sorry = (
        f"Sorry, I couldn't finish connecting you to {pupil.first_name} just now. The school "
        f"knows; please email the office at {ctx.config.school.office_email} if you don't "
        "hear back."
    )
    link = LinkAdult(
        user,
        pupil.id,
        "parent",
        linked_by=by,
        room_id=room,
        confirm=await joined_text(ctx, user, pupil, approved=True),
        sorry=sorry,
        beyond_limit=True,
    )
    return [
        DecideLink(pending.id, "approved", by),
        link,
        *reply(
            inv.event,
            f"Approved: {who} is being connected to {pupil.full_name} "
            f"({_class_name(ctx, pupil.class_id)}) and will be told.",
        ),
    ]


async def _decline(inv: Invocation, ctx: Context) -> list[Action]:
    found = await _undecided(inv, ctx)
    if isinstance(found, list):
        return found
    pending, pupil = found
    who = await display_name(ctx, pending.user_id)
    text = (
        f"Thank you for waiting. The school isn't able to connect you to {pupil.first_name} "
        "through messaging at the moment. Please contact the school office at "
        f"{ctx.config.school.office_email}, who will be happy to talk it through with you."
    )
    room = await _room_to_tell(ctx, pending.user_id)
    told = [notice(room, text, html.escape(text))] if room else []
    return [
        DecideLink(pending.id, "declined", inv.event.sender),
        *told,
        *reply(
            inv.event,
            f"Declined: {who} is not connected to {pupil.full_name}"
            f"{' and has been asked to contact the office' if told else ''}.",
        ),
    ]


async def _story(inv: Invocation, ctx: Context) -> list[Action]:
    """A parent who left their child's class story (or lost the invitation) is invited back
    to the stories of their own children's classes and the School Story, and no others."""
    event, user = inv.event, inv.event.sender
    if event.room.owner not in (None, user):
        return reply(event, "Please send !story in your own room with the bot.")
    if await ctx.store.discipline.is_suspended(user):
        return reply(
            event,
            "Your account is currently removed from the class stories under the school's "
            "code of conduct, so I can't invite you back. Please contact the school office "
            f"at {ctx.config.school.office_email}.",
        )
    invites: list[Action] = []
    names = []
    for class_id in sorted({child.class_id for child in await ctx.store.pupils.children_of(user)}):
        room = await ctx.store.rooms.by_key(story_key(class_id))
        if room is not None:
            invites.append(Invite(room.room_id, user))
            names.append(f"“{_class_name(ctx, class_id)} story”")
    school_story = await ctx.store.rooms.by_key(SCHOOL_STORY_KEY)
    if invites and school_story is not None:
        invites.append(Invite(school_story.room_id, user))
        names.append("the School Story")
    if not invites:
        return reply(
            event,
            "I can't find a class story for your child yet. Please ask your child's class "
            f"teacher, or email the school office at {ctx.config.school.office_email}.",
        )
    return [
        *invites,
        *reply(
            event,
            f"I've invited you to {' and '.join(names)}. Please accept the invitation in your "
            "Matrix app. If you are already there, nothing changes.",
        ),
    ]


ONBOARDING_COMMANDS = (
    Command(
        name="code",
        help="a one-use join code for a pupil's parent or carer, shown only to you; add "
        "--pupil for the pupil's own account",
        roles=STAFF,
        rooms=frozenset({RoomKind.HOME}),
        run=_code,
        arguments=(Argument("pupil", code_request, rest=True),),
    ),
    Command(
        name="story",
        help="join your child's class story again, if you left it or lost the invitation",
        roles=frozenset({Role.PARENT}),
        rooms=frozenset({RoomKind.HOME}),
        run=_story,
    ),
    Command(
        name="approve",
        help="connect an adult waiting beyond the parents-per-child limit",
        roles=frozenset({Role.SLT}),
        rooms=frozenset({RoomKind.ESCALATION}),
        run=_approve,
        arguments=(Argument("id", pending_id),),
    ),
    Command(
        name="decline",
        help="turn down an adult waiting beyond the parents-per-child limit",
        roles=frozenset({Role.SLT}),
        rooms=frozenset({RoomKind.ESCALATION}),
        run=_decline,
        arguments=(Argument("id", pending_id),),
    ),
)
