"""Data rights: `!mydata` sends a person everything the bot holds about them and their
children; `!forget` (confirmed) erases what is theirs and removes them from the school's
rooms, keeping only the safeguarding record the law requires, which the reply explains.

Portfolios: a parent's own comments and reactions in their family view are erased and the
bot leaves that view; a pupil's own account leaves their portfolio. The pupil's work and the
activities set stay: as in ClassDojo, student work is the school's education record, kept
until the school deletes it (`policy.portfolio_retention_days`), so neither a pupil's nor a
parent's `!forget` destroys it. Both answers say so in one line.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import ClassVar

from bot.actions import Action, Kick, LeaveRoom, Redact, SendFile, SetBotState, StoreAction, notice
from bot.clock import stamp
from bot.provisioning import family_portfolio_key, home_key, portfolio_key
from handlers import Context
from handlers.commands import ALL_ROLES, Argument, Command, Invocation, Wording, reply
from handlers.discipline import story_rooms_of
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store

CONFIRM_WITHIN = timedelta(minutes=10)
FORGET_ROLES = frozenset({Role.PARENT, Role.PUPIL})  # staff records belong to the school


@dataclass(frozen=True)
class Erase(StoreAction):
    kind: ClassVar[str] = "erase"
    user_id: str

    def target(self) -> str | None:
        return self.user_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.personal.erase(self.user_id)
        return None


async def _mydata(inv: Invocation, ctx: Context) -> list[Action]:
    user = inv.event.sender
    data = await ctx.store.personal.export(user)
    data["exported_at"] = ctx.clock.iso()
    data["note"] = (
        f"Everything {ctx.config.school.name}'s bot holds about you and your children. "
        "Safeguarding records (incidents) are kept as the law requires."
    )
    body = json.dumps(data, indent=2, ensure_ascii=False, default=str).encode()
    filename = f"my-data-{ctx.clock.now():%Y-%m-%d}.json"
    return [
        SendFile(inv.event.room.room_id, filename, body, "application/json", filename),
        *reply(inv.event, "Here is everything the bot holds about you and your children."),
    ]


#: What `!forget` does to portfolios, in one line each (the prompt and the answer say it).
PORTFOLIO_KEPT_PARENT = (
    "Your comments and reactions in your child's portfolio are erased; their portfolio work "
    "stays with the school, as it is their education record, kept until the school deletes it."
)
PORTFOLIO_KEPT_PUPIL = (
    "Your account leaves your portfolio, but your portfolio work stays with the school, as it "
    "is your education record, kept until the school deletes it."
)


def _portfolio_line(ctx: Context) -> str:
    pupil = ctx.sender is not None and ctx.sender.role is Role.PUPIL
    return PORTFOLIO_KEPT_PUPIL if pupil else PORTFOLIO_KEPT_PARENT


async def _portfolio_erasure(ctx: Context, user: str) -> list[Action]:
    """A parent's comments and reactions in their family views come down and the bot leaves
    those views; a pupil's own account leaves their portfolio. The work itself is kept."""
    actions: list[Action] = [
        Redact(room, event_id, "Erased on request")
        for room, event_id in await ctx.store.portfolios.comments_by(user)
    ]
    for child in await ctx.store.pupils.children_of(user):
        view = await ctx.store.rooms.by_key(family_portfolio_key(child.id, user))
        if view is not None:
            actions.append(LeaveRoom(view.room_id, "data erased on request"))
    own = await ctx.store.points.pupil_of_account(user)
    portfolio = await ctx.store.rooms.by_key(portfolio_key(own)) if own is not None else None
    if portfolio is not None:
        actions.append(Kick(portfolio.room_id, user, "Data erased on request"))
    return actions


async def _forget(inv: Invocation, ctx: Context) -> list[Action]:
    user = inv.event.sender
    key = f"forget:{user}"
    if inv.args["confirm"] != "confirm":
        return [SetBotState(key, ctx.clock.iso())] + reply(
            inv.event,
            "This erases what the bot holds about you: your links to your children, your "
            "messages (held and relayed), codes and notices, and removes you from the class "
            "story and your conversations with teachers. Safeguarding records (incidents and "
            "warnings) are kept, as the law requires. Your children's school records and "
            f"points stay with the school. {_portfolio_line(ctx)} To go ahead, send "
            "!forget confirm within 10 minutes.",
        )
    asked = await ctx.store.state.get(key)
    if asked is None or ctx.clock.now() - datetime.fromisoformat(asked) > CONFIRM_WITHIN:
        return reply(
            inv.event, "Please send !forget first; then !forget confirm within 10 minutes."
        )
    actions: list[Action] = [
        SetBotState(key, None),
        *reply(
            inv.event,
            "Done. Your data has been erased and you are being removed from the "
            "school's rooms. Safeguarding records are kept as the law requires. "
            f"{_portfolio_line(ctx)} Questions: {ctx.config.school.office_email}.",
        ),
    ]
    for conversation in await ctx.store.relay.conversations_of(user):
        if conversation.parent == user:
            actions.append(
                notice(
                    conversation.teacher_room,
                    "This parent has asked for their "
                    "data to be erased; this conversation is closed.",
                )
            )
            actions.append(LeaveRoom(conversation.parent_room, "data erased on request"))
    # What they wrote comes down too: story replies and reactions, and the bot's copies of
    # their messages in teachers' rooms (the incident record keeps what the law requires).
    for posted in await ctx.store.story.by_sender(user):
        actions.append(Redact(posted.room_id, posted.event_id, "Erased on request"))
    for room, copy in await ctx.store.relay.copies_of(user):
        actions.append(Redact(room, copy, "Erased on request"))
    for story in await story_rooms_of(ctx, user):
        actions.append(Kick(story, user, "Data erased on request"))
    actions += await _portfolio_erasure(ctx, user)
    actions.append(Erase(user))
    home = await ctx.store.rooms.by_key(home_key(user))
    if home is not None:
        actions.append(LeaveRoom(home.room_id, "data erased on request"))
    return actions


def _confirm(word: str) -> str:
    if word.lower() != "confirm":
        raise ValueError("the only word allowed after !forget is confirm")
    return "confirm"


DATA_RIGHTS_COMMANDS = (
    Command(
        name="mydata",
        help="get a file with everything the bot holds about you",
        roles=ALL_ROLES,
        wordings=(
            Wording(
                frozenset({Role.PARENT}),
                "get a file with everything the bot holds about you and your children",
            ),
        ),
        rooms=frozenset({RoomKind.HOME}),
        run=_mydata,
    ),
    Command(
        name="forget",
        help="erase your data and leave the school's rooms (asks to confirm)",
        roles=FORGET_ROLES,
        rooms=frozenset({RoomKind.HOME}),
        arguments=(Argument("confirm", _confirm, optional=True),),
        run=_forget,
    ),
)


def retention_cutoff(ctx: Context) -> str:
    return stamp(ctx.clock.now() - timedelta(days=ctx.config.policy.message_retention_days))


def portfolio_cutoff(ctx: Context) -> str | None:
    """Portfolio work before this is deleted; None (the default) keeps it until the school
    deletes it, as ClassDojo keeps student work."""
    days = ctx.config.policy.portfolio_retention_days
    return None if days is None else stamp(ctx.clock.now() - timedelta(days=days))
