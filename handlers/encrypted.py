"""Messages the bot cannot read: end-to-end encrypted ones (Element encrypts new chats).

Until the bot is an encryption endpoint (issue 14), such a message is never silently
ignored: the sender is told at once that it was not passed on and how to reach the school,
with the emergency routes in case someone is in danger, and SLT are told that somebody
tried to write. Once per room per day, so a conversation is not flooded with notices.
"""

from __future__ import annotations

import html

from bot.actions import Action, notice
from handlers import Context, Event
from handlers.discipline import escalate, is_immune
from storage.incidents import Incident


async def handle_encrypted(event: Event, ctx: Context) -> list[Action]:
    if event.type != "m.room.encrypted" or await is_immune(ctx, event.sender):
        return []
    key = f"encrypted:{event.room.room_id}:{ctx.clock.now().date().isoformat()}"
    if await ctx.store.sent.with_key(key):
        return []
    text = (
        "I can't read encrypted messages yet, so this message has not been passed on to the "
        "school. Please write again in a chat that is not encrypted (in your app, start a new "
        "chat with me and turn encryption off), or email the school office at "
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
    told = notice(
        event.room.room_id, text, html.escape(text).replace("\n", "<br>"), remember_as=key
    )
    headline = "Someone wrote an encrypted message the bot cannot read"
    return [told, *await escalate(ctx, incident, headline)]
