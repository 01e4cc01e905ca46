"""Invitation letters: a join code for every child whose family can still join, on paper.

ClassDojo onboards a class with one printout; so does this. For each pupil with room for
another adult (adults linked plus codes still live, fewer than `parents_per_child`) and no
live code, a new one-use code is made exactly as `!code` makes it (`new_code`, stored as a
keyed hash) and printed on that child's page; a pupil who already has a live code gets none
unless the letters are renewed, which voids it first. Photo consent plays no part: it is
about photographs, not joining.

Two ways in: `conductbot invitations` (bot/cli.py) for the office, and `!invitations` for a
teacher in their own room with the bot, which sends the class's PDF there as a file. Both
take the same plan from `plan_invitations`; the codes are stored by one action
(`IssueInvitations`), all or nothing.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, ClassVar

from bot.actions import Action, SendFile, StoreAction
from bot.clock import stamp
from bot.config import Config, SchoolClass
from bot.letters import Letter, LetterHead, letters_pdf
from handlers import Context
from handlers.commands import STAFF, Argument, Command, Invocation, reply
from handlers.onboarding import CODE_VALID_DAYS, new_code, own_classes, taught_classes
from storage.codes import NewCode
from storage.people import Role
from storage.pupils import Pupil
from storage.rooms import RoomKind
from storage.store import Reader, Store

#: Who made the codes, when the office ran `conductbot invitations` (a family told that a
#: code has expired is asked to get a new one from them).
OFFICE = "the school office"

ONLY_COPY = (
    "the only place these codes exist: the bot keeps only a scrambled copy and cannot show "
    "them again"
)


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class IssueInvitations(StoreAction):
    """The codes of a batch of invitation letters, stored together or not at all: the live
    codes a renewal replaces are voided first. Keyed hashes only; the codes are in the letters
    and nowhere else."""

    kind: ClassVar[str] = "issue_invitations"
    codes: tuple[NewCode, ...]
    created_by: str
    void: tuple[int, ...] = ()

    def audit_detail(self) -> dict[str, Any]:
        return {
            "codes": len(self.codes),
            "voided": list(self.void),
            "pupil_ids": [code.pupil_id for code in self.codes],
            "expires_at": sorted({code.expires_at for code in self.codes}),
        }

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        ids = await store.codes.issue_many(
            self.codes, void=self.void, created_by=self.created_by, at=at
        )
        return f"{len(ids)} codes"


@dataclass(frozen=True)
class ClassLetters:
    """One class's share of a plan."""

    school_class: SchoolClass
    letters: tuple[Letter, ...]
    full: tuple[Pupil, ...]  # already `parents_per_child` adults: no letter
    has_code: tuple[Pupil, ...]  # a live code already (not renewed): no letter
    renewed: int  # live codes voided for this class's new letters

    def summary(self, limit: int) -> str:
        letters = len(self.letters)
        parts = [f"{self.school_class.name}: {letters} letter{'' if letters == 1 else 's'}"]
        if self.renewed:
            parts.append(f"{self.renewed} earlier code{_s(self.renewed)} cancelled")
        if self.full:
            parts.append(
                f"none for {_names(self.full)} (already {limit} adult{_s(limit)} connected, "
                "the limit)"
            )
        if self.has_code:
            parts.append(
                f"none for {_names(self.has_code)} (a code that still works; --renew replaces it)"
            )
        return "; ".join(parts)


@dataclass(frozen=True)
class Plan:
    classes: tuple[ClassLetters, ...]
    issue: IssueInvitations
    expires: datetime

    @property
    def letters(self) -> list[Letter]:
        return [letter for part in self.classes for letter in part.letters]


def _s(count: int) -> str:
    return "" if count == 1 else "s"


def _names(pupils: Sequence[Pupil]) -> str:
    shown = [p.first_name for p in pupils[:6]]
    more = len(pupils) - len(shown)
    return ", ".join(shown) + (f" and {more} more" if more else "")


async def plan_invitations(
    store: Reader,
    config: Config,
    classes: Sequence[SchoolClass],
    *,
    now: datetime,
    created_by: str,
    renew: bool = False,
) -> Plan:
    """Decide every letter and make its code; nothing is stored until `plan.issue` is
    performed. Reads pupils, their adults and their live codes only."""
    limit = config.policy.parents_per_child
    expires = now + timedelta(days=CODE_VALID_DAYS)
    codes: list[NewCode] = []
    void: list[int] = []
    parts = []
    for school_class in classes:
        letters: list[Letter] = []
        full: list[Pupil] = []
        has_code: list[Pupil] = []
        renewed = 0
        for pupil in await store.pupils.in_class(school_class.id):
            adults = await store.pupils.parents_of(pupil.id)
            live = await store.codes.live(pupil.id, now=stamp(now))
            if len(adults) >= limit:
                full.append(pupil)
                continue
            if live and not renew:
                has_code.append(pupil)
                continue
            void += [code.id for code in live]
            renewed += len(live)
            code = new_code()
            codes.append(NewCode(await store.codes.hash(code), pupil.id, stamp(expires)))
            letters.append(
                Letter(pupil.first_name, pupil.surname, school_class.name, code, expires)
            )
        parts.append(
            ClassLetters(school_class, tuple(letters), tuple(full), tuple(has_code), renewed)
        )
    issue = IssueInvitations(tuple(codes), created_by, tuple(void))
    return Plan(tuple(parts), issue, expires)


# --- !invitations --------------------------------------------------------------------------


@dataclass(frozen=True)
class LettersRequest:
    class_name: str | None
    renew: bool


def letters_request(text: str) -> LettersRequest:
    """'oak', 'Oak Class', '--renew', 'oak --renew' (phones turn -- into a dash)."""
    words = text.split()
    kept = [
        w for w in words if w.lstrip("-\u2010\u2011\u2012\u2013\u2014\u2212").lower() != "renew"
    ]
    return LettersRequest(" ".join(kept) or None, renew=len(kept) != len(words))


def _matching(name: str, classes: Sequence[SchoolClass]) -> SchoolClass | None:
    wanted = name.lower().removesuffix(" class").strip()
    for school_class in classes:
        if wanted in (school_class.id.lower(), school_class.name.lower().removesuffix(" class")):
            return school_class
    return None


async def _invitations(inv: Invocation, ctx: Context) -> list[Action]:
    event = inv.event
    request: LettersRequest = inv.args["class"] or LettersRequest(None, renew=False)
    if event.room.owner != event.sender:
        return reply(
            event,
            "Please send !invitations in your own room with the bot: the letters carry join "
            "codes, so only you should see them. Nothing was made.",
        )
    allowed = taught_classes(ctx)
    if request.class_name is not None:
        chosen = _matching(request.class_name, ctx.config.classes)
        if chosen is None or chosen not in allowed:
            yours = ", ".join(c.id for c in allowed) or "none listed in rooms.yaml"
            return reply(
                event,
                f"I can't make letters for '{request.class_name}': you can for {yours}. "
                "Nothing was made.",
            )
        classes = [chosen]
    else:
        classes = own_classes(ctx)
    if not classes:
        everyone = ", ".join(c.id for c in ctx.config.classes)
        return reply(
            event,
            "Which class? Say, for example, !invitations "
            f"{ctx.config.classes[0].id} (the classes are {everyone}). Nothing was made."
            if ctx.sender and ctx.sender.role is Role.SLT
            else "You aren't listed as teaching a class in rooms.yaml, so I can't make "
            "letters for you. Please ask a senior leader.",
        )
    head = LetterHead.of(ctx.config, ctx.homeserver or _server_of(ctx.bot_user_id), ctx.bot_user_id)
    limit = ctx.config.policy.parents_per_child
    actions: list[Action] = []
    lines = []
    for school_class in classes:
        plan = await plan_invitations(
            ctx.store,
            ctx.config,
            [school_class],
            now=ctx.clock.now(),
            created_by=event.sender,
            renew=request.renew,
        )
        [part] = plan.classes
        lines.append(part.summary(limit) + ".")
        if not part.letters:
            continue
        pdf = await asyncio.to_thread(letters_pdf, part.letters, head)
        day = ctx.clock.now().astimezone(ctx.config.school.tz).date().isoformat()
        filename = f"invitations-{school_class.id}-{day}.pdf"
        actions += [
            plan.issue,
            SendFile(event.room.room_id, filename, pdf, "application/pdf", filename),
        ]
    made = sum(1 for action in actions if isinstance(action, SendFile))
    if made:
        expires = head.until(ctx.clock.now() + timedelta(days=CODE_VALID_DAYS))
        closing = (
            f"Each code works once, until {expires}. Print the letters and hand them out; "
            f"{'this file is' if made == 1 else 'these files are'} {ONLY_COPY}. If a letter "
            "is lost, send !invitations --renew for new ones."
        )
    else:
        closing = (
            "No new letters, so nothing was made. To replace codes that still work (letters "
            "that were lost), send !invitations --renew."
        )
    return [*actions, *reply(event, "\n".join([*lines, closing]))]


def _server_of(user_id: str) -> str:
    return "https://" + user_id.split(":", 1)[1]


INVITATIONS_COMMANDS = (
    Command(
        name="invitations",
        help="printable letters with a join code for each family that can still join, as a "
        "PDF (your own classes; SLT name a class); add --renew to replace codes not yet used",
        roles=STAFF,
        rooms=frozenset({RoomKind.HOME}),
        run=_invitations,
        arguments=(Argument("class", letters_request, optional=True, rest=True),),
    ),
)
