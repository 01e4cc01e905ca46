"""Families' display names and avatars, where they show in the school's rooms.

A name is what every member of a room reads beside a family's words, so it is held to the
class story's standard and may not pass for someone it is not: an insult, the name of a
member of staff, the school, the bot or a school role ("Headteacher", "Office") is set back
to the name the school knows them by; an avatar that is a protected class photo is removed.
The person is told why, and SLT see an incident. Staff and the bot are never touched.
"""

from __future__ import annotations

import asyncio
import re

from bot.actions import Action, ResetProfile
from bot.judge import JudgeContext, Outcome, judge
from handlers import Context, Event
from handlers.discipline import escalate, incident_actions, is_immune, tell
from handlers.story import staff_names
from storage.incidents import Incident

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
    if verdict.outcome is not Outcome.KEEP and verdict.label.value in ("negative", "abusive"):
        return "it is unkind (" + "; ".join(verdict.reasons[:2]) + ")"
    return None


async def handle_profile(event: Event, ctx: Context) -> list[Action]:
    """A family member's name or avatar, as a membership event shows it in any room."""
    if event.type != "m.room.member" or event.state_key != event.sender:
        return []
    if event.content.get("membership") != "join" or await is_immune(ctx, event.sender):
        return []
    name = event.content.get("displayname")
    avatar = event.content.get("avatar_url")
    why_name = await asyncio.to_thread(name_problem, ctx, name) if isinstance(name, str) else None
    protected = await ctx.store.media.by_mxc(avatar) if isinstance(avatar, str) else None
    if why_name is None and protected is None:
        return []
    for earlier in await ctx.store.incidents.of_user(event.sender):
        if earlier.kind == "profile reset" and earlier.evidence.get("displayname") == name:
            if earlier.evidence.get("avatar_url") == avatar:
                return []  # the same change, seen in another of their rooms
    person = await ctx.store.people.get(event.sender)
    safe = person.display_name if person else event.sender.split(":")[0].lstrip("@")
    if name_problem(ctx, safe) is not None:
        safe = event.sender.split(":")[0].lstrip("@")
    reasons = [f"display name: {why_name}"] if why_name else []
    if protected is not None:
        reasons.append("avatar: a protected class photo")
    incident = Incident(
        kind="profile reset",
        user_id=event.sender,
        rule="profile",
        outcome=f"display name set back to {safe!r}" + (", avatar removed" if protected else ""),
        room_id=event.room.room_id,
        event_id=event.event_id,
        reasons=tuple(reasons),
        evidence={"displayname": name, "avatar_url": avatar},
        confirmed_by="conductbot",
    )
    told = await tell(
        ctx,
        event.sender,
        f"I've changed your profile back ({'; '.join(reasons)}). In the school's rooms your "
        f"name is shown as {safe!r}. Names and pictures must be kind and must not look like "
        "the school or its staff. If you think this is a mistake, please contact the office "
        f"at {ctx.config.school.office_email}.",
    )
    return incident_actions(
        incident,
        ResetProfile(event.sender, safe, clear_avatar=protected is not None),
        *told,
        *await escalate(ctx, incident, "Profile set back"),
    )
