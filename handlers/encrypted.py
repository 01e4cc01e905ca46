"""Encrypted messages the bot could not decrypt: never silently ignored.

The bot reads encrypted rooms (bot/crypto.py), but a message can still arrive unreadable:
sent before the bot's device was in the room, or from a client that withheld the room key.
The sender is told at once that it was not passed on and to send it again, with the
emergency routes in case someone is in danger, and SLT are told (which also counts them).
Once per room per hour, so a conversation is not flooded with notices.
"""

from __future__ import annotations

from bot.actions import Action, as_html, notice
from handlers import Context, Event
from handlers.discipline import escalate, is_immune
from storage.incidents import Incident


async def handle_encrypted(event: Event, ctx: Context) -> list[Action]:
    if event.type != "m.room.encrypted" or await is_immune(ctx, event.sender):
        return []
    hour = ctx.clock.now().strftime("%Y-%m-%dT%H")
    key = f"encrypted:{event.room.room_id}:{hour}"
    if await ctx.store.sent.with_key(key):
        return []
    text = (
        "I couldn't read that message, so it has not been passed on to the school. Please "
        "send it again. If it still doesn't get through, email the school office at "
        f"{ctx.config.school.office_email}.\n\n{ctx.config.safeguarding.emergency}"
    )
    incident = Incident(
        kind="encrypted message not read",
        user_id=event.sender,
        rule="encrypted",
        outcome="the sender was told it was not passed on, with the emergency routes",
        room_id=event.room.room_id,
        event_id=event.event_id,
    )
    told = notice(event.room.room_id, text, as_html(text), remember_as=key)
    headline = "Someone wrote an encrypted message the bot could not decrypt"
    return [told, *await escalate(ctx, incident, headline)]
