"""The pupil's own area (issue 15, item 5): their avatar is one of the school's pictures.

A pupil is a child with their own account and a home room with the bot (`!points` there
shows their own points, `handlers/points.py`; the weekly summary reaches it too). Their
picture can only be one of the built-in drawings (`bot/avatar_pictures.py`), never a photo
or an upload:

- `!avatar` in their home room lists the pictures; `!avatar NAME` sets theirs (the bot
  sets it through the admin API, and remembers the choice in its state).
- Any other avatar is refused by the Synapse guard where it sees it (the member events a
  profile change makes in each room, `pupil_avatar_refusal`), and set back by the bot where
  it shows anyway (`handle_pupil_avatar`): to the picture they chose before, or none. The
  pupil is told kindly why; SLT see an incident in the escalation room; never a strike.

The pictures are uploaded once (`picture_upload_actions`, at start) and their mxc URIs kept
in the bot's state, by each drawing's hash.
"""

from __future__ import annotations

import asyncio
import hashlib
from datetime import timedelta

from bot.actions import Action, SendFile, SetAvatar, SetBotState, UploadPicture
from bot.avatar_pictures import (
    BY_NAME,
    MIMETYPE,
    PICTURES,
    SHEET_SIZE,
    picture_key,
    render,
    render_sheet,
)
from bot.clock import stamp
from handlers import Context, Event
from handlers.commands import Argument, Command, Invocation, reply
from handlers.discipline import escalate, incident_actions, tell
from storage.incidents import Incident
from storage.people import Role
from storage.rooms import RoomKind

RULE = "pupil_avatar"
RESET_KIND = "pupil avatar reset"
REFUSED_KIND = "pupil avatar refused"
#: The same picture seen in each of a pupil's rooms is set back once.
SAME_CHANGE = timedelta(minutes=10)
REASON = "A pupil's picture can only be one of the school's built-in pictures."


def choice_key(user_id: str) -> str:
    """Where the bot keeps the name of the picture a pupil chose (its state)."""
    return f"pupil_avatar:{user_id}"


async def uploaded_pictures(ctx: Context) -> dict[str, str]:
    """Name → mxc URI of each built-in picture the bot has uploaded, in list order."""
    found = {}
    for picture in PICTURES:
        mxc = await ctx.store.state.get(picture_key(picture.name))
        if mxc:
            found[picture.name] = mxc
    return found


async def picture_upload_actions(ctx: Context) -> list[Action]:
    """An upload for each built-in picture not yet on the homeserver (none the second time)."""
    return [
        UploadPicture(f"{p.name}.png", render(p.name), MIMETYPE, picture_key(p.name))
        for p in PICTURES
        if await ctx.store.state.get(picture_key(p.name)) is None
    ]


def _choices() -> str:
    return ", ".join(p.name for p in PICTURES)


# --- !avatar --------------------------------------------------------------------------------


async def _avatar(inv: Invocation, ctx: Context) -> list[Action]:
    event = inv.event
    if event.room.owner not in (None, event.sender):
        return reply(event, "Please use !avatar in your own room with the school's bot.")
    uploaded = await uploaded_pictures(ctx)
    chosen = await ctx.store.state.get(choice_key(event.sender))
    wanted: str | None = inv.args["name"]
    if wanted is None:
        lines = [f"{p.name} — {p.label}" for p in PICTURES]
        yours = f"Your picture now: {BY_NAME[chosen].label}. " if chosen in BY_NAME else ""
        sheet = await asyncio.to_thread(render_sheet)
        width, height = SHEET_SIZE
        return [
            *reply(
                event,
                f"{yours}You can choose one of the school's pictures (photos and your own "
                "pictures can't be used here). Send !avatar and a name, e.g. !avatar owl:\n"
                + "\n".join(lines),
            ),
            SendFile(
                event.room.room_id,
                "pictures.png",
                sheet,
                MIMETYPE,
                "The school's pictures, each with its name",
                msgtype="m.image",
                info={"w": width, "h": height},
            ),
        ]
    name = wanted.lower()
    picture = BY_NAME.get(name)
    if picture is None:
        return reply(
            event,
            f"I don't have a picture called {wanted[:40]!r}; nothing was changed. "
            f"Choose one of: {_choices()}.",
        )
    mxc = uploaded.get(name)
    if mxc is None:
        return reply(
            event, "The pictures are not ready yet; nothing was changed. Please try again soon."
        )
    return [
        SetBotState(choice_key(event.sender), name),
        SetAvatar(event.sender, mxc),
        *reply(event, f"Your picture is now {picture.label}. It may take a minute to show."),
    ]


AVATAR_COMMANDS = (
    Command(
        name="avatar",
        help="see the school's pictures, or choose yours (!avatar owl)",
        roles=frozenset({Role.PUPIL}),
        rooms=frozenset({RoomKind.HOME}),
        run=_avatar,
        arguments=(Argument("name", optional=True),),
    ),
)


# --- a picture that is not one of the school's ----------------------------------------------


async def is_allowed(ctx: Context, avatar: object) -> bool:
    """Whether a pupil may show this avatar: none, or one of the built-in pictures."""
    if not isinstance(avatar, str) or not avatar:
        return True
    return avatar in (await uploaded_pictures(ctx)).values()


async def handle_pupil_avatar(event: Event, ctx: Context) -> list[Action]:
    """A pupil's avatar as a membership event shows it (the guard was not there to refuse
    it, or let it through): anything but a built-in picture is set back."""
    if event.type != "m.room.member" or event.state_key != event.sender:
        return []
    if ctx.sender is None or ctx.sender.role is not Role.PUPIL:
        return []
    avatar = event.content.get("avatar_url")
    if event.content.get("membership") != "join" or await is_allowed(ctx, avatar):
        return []
    since = stamp(ctx.clock.now() - SAME_CHANGE)
    for earlier in await ctx.store.incidents.of_user(event.sender):
        if earlier.rule == RULE and earlier.evidence.get("avatar_url") == avatar:
            if earlier.at >= since:
                return []  # the same change, seen in another of their rooms
    return await reset_actions(
        ctx, event.sender, event.room.room_id, event.event_id, str(avatar), refused=False
    )


async def pupil_avatar_refusal(
    ctx: Context, room_id: str, sender: str, content: dict[str, object]
) -> tuple[str, str, list[Action]] | None:
    """What the guard answers about a member event (a profile change, or a join) before it
    is stored: None to let it through, or (reason, cause, plan) when a pupil's avatar is not
    one of the school's pictures. The cause is the same for each room the change reaches
    within `SAME_CHANGE`, so the plan is performed once however many rooms ask."""
    if content.get("membership") != "join" or await is_allowed(ctx, content.get("avatar_url")):
        return None
    person = await ctx.store.people.get(sender)
    if person is None or person.role is not Role.PUPIL:
        return None
    avatar = str(content["avatar_url"])
    window = int(ctx.clock.now().timestamp() // SAME_CHANGE.total_seconds())
    seed = f"{sender}\x00{avatar}\x00{window}"
    cause = "refused:avatar:" + hashlib.sha256(seed.encode()).hexdigest()[:32]
    plan = await reset_actions(ctx, sender, room_id, cause, avatar, refused=True)
    return f"{REASON} Send !avatar to the school's bot to choose one.", cause, plan


async def reset_actions(
    ctx: Context, user_id: str, room_id: str, event_id: str, avatar: str, *, refused: bool
) -> list[Action]:
    """Set a pupil's avatar back to the picture they chose before (or none), tell them kindly
    why, and tell SLT. A pupil is a child: this is never a strike."""
    chosen = await ctx.store.state.get(choice_key(user_id))
    back = (await uploaded_pictures(ctx)).get(chosen or "")
    label = BY_NAME[chosen].label if back and chosen in BY_NAME else None
    done = f"avatar set back to {label}" if label else "avatar removed"
    incident = Incident(
        kind=REFUSED_KIND if refused else RESET_KIND,
        user_id=user_id,
        rule=RULE,
        outcome=f"{done} (no strike)",
        room_id=room_id,
        event_id=event_id,
        reasons=("not one of the school's built-in pictures",),
        evidence={"avatar_url": avatar},
        confirmed_by="conductbot",
    )
    now = f"Your picture is {label} again." if label else "I've taken that picture off."
    told = await tell(
        ctx,
        user_id,
        f"{now} On the school's chat your picture can only be one of the school's own "
        "pictures, not a photo or a picture from your device: that keeps everyone safe. "
        "You're not in any trouble! Send !avatar to see the pictures and choose one.",
    )
    return incident_actions(
        incident,
        SetAvatar(user_id, back or ""),
        *told,
        *await escalate(ctx, incident, "Pupil's picture set back"),
    )
