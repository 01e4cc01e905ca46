"""Every chat command the bot knows, in one table: each policy area's declarations, and the
two that belong to none (`!help`, built from the table itself, and the demo's `!clock`).
The table imports the policy areas; they import only the kit in `handlers/commands.py`.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from bot.actions import Action, SetClock
from bot.clock import ClockError, parse_instant
from handlers import Context
from handlers.commands import (
    ALL_ROLES,
    Argument,
    Command,
    CommandSet,
    Invocation,
    format_instant,
    reply,
)
from handlers.consent import CONSENT_COMMANDS
from handlers.data_rights import DATA_RIGHTS_COMMANDS
from handlers.escalation import ESCALATION_COMMANDS
from handlers.invitations import INVITATIONS_COMMANDS
from handlers.onboarding import ONBOARDING_COMMANDS
from handlers.phone import PHONE_COMMANDS
from handlers.points import POINTS_COMMANDS
from handlers.portfolio import PORTFOLIO_COMMANDS
from handlers.pupil_area import AVATAR_COMMANDS
from handlers.relay import RELAY_COMMANDS
from handlers.report import REPORT_COMMANDS
from handlers.safeguarding import SAFEGUARDING_COMMANDS
from handlers.school_story import SCHOOL_STORY_COMMANDS
from storage.people import Role
from storage.rooms import RoomKind


def _instant(word: str) -> datetime:
    try:
        return parse_instant(word)
    except ClockError as err:
        raise ValueError(str(err)) from None


async def _clock(inv: Invocation, ctx: Context) -> list[Action]:
    instant: datetime | None = inv.args["time"]
    if instant is None:
        return reply(inv.event, f"The bot's clock reads {format_instant(ctx.clock.now(), ctx)}.")
    return [
        SetClock(instant),
        *reply(
            inv.event, f"Clock moved. The bot's clock now reads {format_instant(instant, ctx)}."
        ),
    ]


def help_command(everything: Callable[[], CommandSet]) -> Command:
    async def run(inv: Invocation, ctx: Context) -> list[Action]:
        role = ctx.sender.role if ctx.sender else None
        usable = everything().visible_to(role, inv.event.room.kind, demo=ctx.demo)
        lines = [f"{c.usage_for(role)} — {c.help_for(role)}" for c in usable]
        return reply(inv.event, "Commands you can use here:\n" + "\n".join(lines))

    return Command(
        name="help",
        help="list the commands you can use in this room",
        roles=ALL_ROLES,
        rooms=frozenset(RoomKind),
        run=run,
    )


CLOCK = Command(
    name="clock",
    help="show the bot's clock, or move it (demo only)",
    roles=frozenset({Role.SLT}),
    rooms=frozenset({RoomKind.ESCALATION}),
    arguments=(Argument("time", _instant, optional=True),),
    run=_clock,
    demo_only=True,
)


def all_commands() -> CommandSet:
    """Every command the bot knows. A new policy area adds its declarations here."""
    declared = (
        CLOCK,
        *ESCALATION_COMMANDS,
        *RELAY_COMMANDS,
        *ONBOARDING_COMMANDS,
        *INVITATIONS_COMMANDS,
        *POINTS_COMMANDS,
        *PORTFOLIO_COMMANDS,
        *AVATAR_COMMANDS,
        *DATA_RIGHTS_COMMANDS,
        *SAFEGUARDING_COMMANDS,
        *REPORT_COMMANDS,
        *PHONE_COMMANDS,
        *CONSENT_COMMANDS,
        *SCHOOL_STORY_COMMANDS,
    )
    commands = CommandSet((*declared, help_command(lambda: commands)))
    return commands
