"""Families' display names and avatars, where they show in the school's rooms.

A name is what every member of a room reads beside a family's words, so it is held to the
class story's standard and may not pass for someone it is not: an insult, the name of a
member of staff, the school, the bot or a school role ("Headteacher", "Office") is set back
to the name the school knows them by; an avatar that is a protected class photo is removed,
and any other new avatar is read by the media worker (a copy of class media, or unkind
words in the picture, are removed too).
The person is told why, and SLT see an incident. Staff and the bot are never touched.
A pupil's name is held to the same standard; their avatar can only be one of the built-in
pictures, which `handlers/pupil_area.py` sees to.
"""

from __future__ import annotations

import asyncio
import re

from bot.actions import Action, ResetProfile
from bot.judge import JudgeContext, Outcome, Verdict, judge
from handlers import Context, Event
from handlers.discipline import escalate, incident_actions, is_immune, tell
from handlers.media import QueueMedia
from handlers.story import staff_names
from storage.incidents import Incident
from storage.people import Role

#: Words that claim a school role; a family's name may not carry them.
SCHOOL_ROLES = frozenset(
    """headteacher headmaster headmistress teacher teachers staff office admin
    administrator slt safeguarding dsl principal deputy governor governors senco school
    moderator conductbot bot official""".split()
)
_WORDS = re.compile(r"[a-z]+")


def name_problem(ctx: Context, name: str) -> str | None:
    """Why a family's display name cannot stand, or None."""
    lowered = name.lower()
    words = set(_WORDS.findall(lowered))
    for staff in staff_names(ctx.config):
        if re.search(rf"\b{re.escape(staff.lower())}\b", lowered) and " " in staff:
            return f"it is the name of a member of staff ({staff})"
    school = ctx.config.school.name.lower()
    if school in lowered or (school.split()[0] in words and len(school.split()[0]) > 3):
        return "it is the school's name"
    roles = sorted(words & SCHOOL_ROLES)
    if roles:
        return f"it claims a school role ('{roles[0]}')"
    verdict = judge(name[:200], JudgeContext(where="story", staff_names=staff_names(ctx.config)))
    if _unkind(verdict):
        return "it is unkind (" + "; ".join(verdict.reasons[:2]) + ")"
    return None


def _unkind(verdict: Verdict) -> bool:
    """Unkind words the judge read; not words it could not read ("Małgorzata Wiśniewska",
    "محمد علی"), which in a story reply go to a teacher but are a family's own name."""
    return (
        verdict.outcome is not Outcome.KEEP
        and verdict.label.value in ("negative", "abusive")
        and verdict.unread is None
    )


def avatar_text_problem(ctx: Context, text: str) -> str | None:
    """Why the words read in a family's avatar cannot stand, or None. Only unkind words: a
    picture of a card saying "Thank you Miss Reid" is kind, and a photo's noise is not words."""
    if len(_WORDS.findall(text.lower())) < 2:
        return None
    context = JudgeContext(where="story", staff_names=staff_names(ctx.config))
    if _unkind(judge(text[:300], context)):
        return f"its words are unkind ({text.strip()[:80]!r})"
    return None


async def handle_profile(event: Event, ctx: Context) -> list[Action]:
    """A family member's name or avatar, as a membership event shows it in any room."""
    if event.type != "m.room.member" or event.state_key != event.sender:
        return []
    if event.content.get("membership") != "join" or await is_immune(ctx, event.sender):
        return []
    name = event.content.get("displayname")
    avatar = event.content.get("avatar_url")
    if ctx.sender is not None and ctx.sender.role is Role.PUPIL:
        avatar = None  # only a built-in picture: handlers/pupil_area.py sees to it
    why_name = await asyncio.to_thread(name_problem, ctx, name) if isinstance(name, str) else None
    protected = await ctx.store.media.by_mxc(avatar) if isinstance(avatar, str) else None
    if why_name is None and protected is None:
        if not isinstance(avatar, str) or not avatar.startswith("mxc://"):
            return []
        # Read by the media worker: a copy of class media, or words in the picture. Once:
        # the same avatar shows in each of their rooms.
        key = f"avatar:{event.sender}:{avatar}"
        if await ctx.store.media.check_result(key) is not None:
            return []
        where = {"displayname": name, "member_event": event.event_id}
        return [QueueMedia("avatar", key, event.room.room_id, event.sender, avatar, "image", where)]
    for earlier in await ctx.store.incidents.of_user(event.sender):
        if earlier.kind == "profile reset" and earlier.evidence.get("displayname") == name:
            if earlier.evidence.get("avatar_url") == avatar:
                return []  # the same change, seen in another of their rooms
    reasons = [f"display name: {why_name}"] if why_name else []
    if protected is not None:
        reasons.append("avatar: a protected class photo")
    safe = await _safe_name(ctx, event.sender) if why_name else None
    return await reset_actions(
        ctx, event.sender, event.room.room_id, event.event_id, name, avatar, reasons, safe
    )


async def _safe_name(ctx: Context, user_id: str) -> str:
    """The name the school knows them by, or their user name."""
    person = await ctx.store.people.get(user_id)
    safe = person.display_name if person else user_id.split(":")[0].lstrip("@")
    if name_problem(ctx, safe) is not None:
        safe = user_id.split(":")[0].lstrip("@")
    return safe


async def reset_actions(
    ctx: Context,
    user_id: str,
    room_id: str,
    event_id: str,
    name: object,
    avatar: object,
    reasons: list[str],
    safe_name: str | None,
) -> list[Action]:
    """Set a family's profile back (the name to `safe_name` if given; the avatar cleared if a
    reason is about it), tell them why, and tell SLT."""
    clear_avatar = any(reason.startswith("avatar") for reason in reasons)
    done = [f"display name set back to {safe_name!r}"] if safe_name else []
    done += ["avatar removed"] if clear_avatar else []
    incident = Incident(
        kind="profile reset",
        user_id=user_id,
        rule="profile",
        outcome=", ".join(done),
        room_id=room_id,
        event_id=event_id,
        reasons=tuple(reasons),
        evidence={"displayname": name, "avatar_url": avatar},
        confirmed_by="conductbot",
    )
    shown = f" In the school's rooms your name is shown as {safe_name!r}." if safe_name else ""
    told = await tell(
        ctx,
        user_id,
        f"I've changed your profile back ({'; '.join(reasons)}).{shown} Names and pictures "
        "must be kind and must not look like the school or its staff. If you think this is "
        f"a mistake, please contact the office at {ctx.config.school.office_email}.",
    )
    return incident_actions(
        incident,
        ResetProfile(user_id, safe_name, clear_avatar=clear_avatar),
        *told,
        *await escalate(ctx, incident, "Profile set back"),
    )
