"""Photo consent in chat: a family withdraws it at once; the office gives it back.

`!consent photos off` (with the child's first name when the parent has several children
here) in a parent's home room withdraws photo consent for their child from that moment: the
roster is updated, the class teachers are told privately in their home rooms, and SLT in the
escalation room. The photo check in `handlers/media.py` reads the roster at each post, so
the next class story photo post naming the child comes down. Giving consent back goes
through the office, on the school's form: `!consent PUPIL on` by SLT only (SLT may also
record a withdrawal the office received: `!consent PUPIL off`).

Every bad input (unknown pupil, not their child, wrong role, wrong room) gets a reply and
changes nothing.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from bot.actions import Action, StoreAction, as_html, notice
from bot.provisioning import ESCALATION_KEY
from handlers import Context
from handlers.commands import Argument, Command, Invocation, Wording, reply
from handlers.discipline import display_name, tell
from handlers.onboarding import PupilNotFound, find_taught_pupil
from storage.people import Role
from storage.pupils import Pupil
from storage.rooms import RoomKind
from storage.store import Store

PARENT_USAGE = "!consent photos off [CHILD]"
SLT_USAGE = "!consent PUPIL on|off"


@dataclass(frozen=True)
class SetPhotoConsent(StoreAction):
    """The roster's photo consent for one pupil, changed from chat."""

    kind: ClassVar[str] = "set_photo_consent"
    pupil_id: int
    consent: bool
    by: str

    def target(self) -> str | None:
        return f"pupil:{self.pupil_id}"

    def audit_detail(self) -> dict[str, object]:
        return {"consent": self.consent, "by": self.by}

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.pupils.set_photo_consent(self.pupil_id, self.consent, now=at)
        return None


def _class_name(ctx: Context, pupil: Pupil) -> str:
    school_class = ctx.config.class_by_id(pupil.class_id)
    return school_class.name if school_class else pupil.class_id


async def _own_child(inv: Invocation, ctx: Context, name: str) -> Pupil | str:
    """The parent's child meant, or what to say instead (changing nothing)."""
    children = await ctx.store.pupils.children_of(inv.event.sender)
    if not children:
        return "No child is linked to your account here, so there is nothing to change."
    listed = ", ".join(c.first_name for c in children)
    if not name:
        if len(children) == 1:
            return children[0]
        return (
            f"You have more than one child here ({listed}). Please say which, e.g. "
            f"!consent photos off {children[0].first_name}. Nothing was changed."
        )
    wanted = name.lower()
    found = [c for c in children if wanted in (c.first_name.lower(), c.full_name.lower())]
    if len(found) == 1:
        return found[0]
    if not found:
        return (
            f"None of your children here is called '{name}' (yours: {listed}). Nothing was changed."
        )
    return (
        f"More than one of your children is called '{name}': please give the full name, e.g. "
        f"!consent photos off {found[0].full_name}. Nothing was changed."
    )


async def _changed(ctx: Context, pupil: Pupil, consent: bool, by: str, who: str) -> list[Action]:
    """The roster changed, and everyone who must know told: class teachers and SLT."""
    child, where = pupil.first_name, _class_name(ctx, pupil)
    if consent:
        teachers_text = (
            f"Photo consent for {child} ({where}) has been given back through the school "
            f"office, from now. Photos naming {child} may be posted in the class story again."
        )
        slt_text = f"Photo consent given back for {pupil.full_name} ({where}) by {who}."
    else:
        teachers_text = (
            f"Photo consent for {child} ({where}) has been withdrawn by {who}, from now. Please "
            f"don't post photos of {child}: a class story photo post naming {child} will be "
            f"taken down. Please also check photos already posted and take down any of {child}."
        )
        slt_text = (
            f"Photo consent withdrawn for {pupil.full_name} ({where}) by {who}, from now. "
            f"Class story photo posts naming {child} will be taken down; the class teachers "
            "have been told. Please update the school's records (MIS) too: a later roster "
            "import would otherwise give consent back."
        )
    server = ctx.bot_user_id.split(":", 1)[1]
    told: list[Action] = []
    for teacher in ctx.config.teachers_of(pupil.class_id):
        told += await tell(ctx, teacher.matrix_id(server), teachers_text)
    escalation = await ctx.store.rooms.by_key(ESCALATION_KEY)
    if escalation is not None:
        told.append(notice(escalation.room_id, slt_text, as_html(slt_text)))
    return [SetPhotoConsent(pupil.id, consent, by), *told]


async def _by_parent(inv: Invocation, ctx: Context, words: list[str]) -> list[Action]:
    event = inv.event
    lowered = [w.lower() for w in words]
    if "on" in lowered[:2] or "yes" in lowered[:2]:
        return reply(
            event,
            "Only the school office can give photo consent back, on the school's form: please "
            f"contact the office at {ctx.config.school.office_email}. Nothing was changed.",
        )
    if lowered[:2] != ["photos", "off"]:
        return reply(event, f"To withdraw photo consent, send {PARENT_USAGE}. Nothing was changed.")
    found = await _own_child(inv, ctx, " ".join(words[2:]))
    if isinstance(found, str):
        return reply(event, found)
    child = found.first_name
    if not found.photo_consent:
        return reply(event, f"Photo consent for {child} is already withdrawn; nothing changed.")
    parent = await display_name(ctx, event.sender)
    return [
        *await _changed(ctx, found, False, event.sender, f"their parent, {parent}"),
        *reply(
            event,
            f"Done: photo consent for {child} is withdrawn from now. {child}'s teachers and the "
            f"school's senior leaders have been told, and a class story photo post naming "
            f"{child} will be taken down. For photos posted before now, please ask {child}'s "
            "teacher. To give consent again, please contact the school office at "
            f"{ctx.config.school.office_email}.",
        ),
    ]


async def _by_slt(inv: Invocation, ctx: Context, words: list[str]) -> list[Action]:
    event = inv.event
    setting = words[-1].lower() if words else ""
    if len(words) < 2 or setting not in ("on", "off"):
        return reply(event, f"Usage: {SLT_USAGE}, e.g. !consent Amelia on. Nothing was changed.")
    name = " ".join(words[:-1])
    try:
        pupil = await find_taught_pupil(
            ctx, name, ctx.config.classes, command="consent", then=f" {setting}"
        )
    except PupilNotFound as err:
        return reply(event, f"{err} Nothing was changed.")
    consent = setting == "on"
    if pupil.photo_consent == consent:
        state = "given" if consent else "withdrawn"
        return reply(event, f"Photo consent for {pupil.full_name} is already {state}.")
    who = await display_name(ctx, event.sender)
    parents_text = (
        f"The school office has recorded photo consent for {pupil.first_name} again, from now."
        if consent
        else f"The school has recorded that photo consent for {pupil.first_name} is withdrawn, "
        "from now."
    )
    told: list[Action] = []
    for parent in await ctx.store.pupils.parents_of(pupil.id):
        told += await tell(ctx, parent, parents_text)
    done = "given back" if consent else "withdrawn"
    actions = await _changed(ctx, pupil, consent, event.sender, who)
    if event.room.kind is RoomKind.ESCALATION:
        actions = [a for a in actions if a.room() != event.room.room_id]  # the reply says it
    return [
        *actions,
        *told,
        *reply(
            event,
            f"Photo consent {done} for {pupil.full_name} ({_class_name(ctx, pupil)}); the class "
            "teachers and the family have been told.",
        ),
    ]


async def _consent(inv: Invocation, ctx: Context) -> list[Action]:
    words = (inv.args["what"] or "").split()
    role = ctx.sender.role if ctx.sender else None
    if role is Role.SLT:
        return await _by_slt(inv, ctx, words)
    return await _by_parent(inv, ctx, words)


CONSENT_COMMANDS = (
    Command(
        name="consent",
        help="give photo consent back once the office has the form, or record it withdrawn",
        roles=frozenset({Role.PARENT, Role.SLT}),
        rooms=frozenset({RoomKind.HOME, RoomKind.ESCALATION}),
        arguments=(Argument("what", rest=True, optional=True),),
        run=_consent,
        wordings=(
            Wording(
                frozenset({Role.SLT}),
                "give photo consent back (on the office's form), or record it withdrawn",
                "PUPIL on|off",
            ),
            Wording(
                frozenset({Role.PARENT}),
                "withdraw photo consent for your child, at once (name the child if you have "
                "more than one here)",
                "photos off [CHILD]",
            ),
        ),
    ),
)
