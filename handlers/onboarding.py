"""Joining with a code (being built)."""

from bot.actions import Action
from handlers import Context, Event

ONBOARDING_COMMANDS: tuple = ()


async def handle_code(event: Event, ctx: Context) -> list[Action]:
    return []


async def handle_welcome(event: Event, ctx: Context) -> list[Action]:
    return []


async def welcome_actions(ctx: Context, room_id: str, inviter: str) -> list[Action]:
    return []
