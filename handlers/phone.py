"""`!phone`: a teacher asks a family, kindly, to phone the school.

Leamington's policy: "Should a staff member be unable to answer a question via the messaging
system, they should ask the parent to phone the school directly." The teacher sends `!phone`
in their conversation room; the family gets one templated message with the office's number
and hours from `rooms.yaml` (`school.office_phone`, `school.office_hours`). It counts as the
teacher's answer, so the reply window stops there.
"""

from __future__ import annotations

from bot.actions import Action, as_html, notice
from handlers import Context
from handlers.commands import STAFF, Command, Invocation, reply
from handlers.discipline import display_name
from handlers.relay import NoteConversation
from storage.rooms import RoomKind


def phone_text(ctx: Context, teacher: str) -> str | None:
    """What the family is sent; None when rooms.yaml gives no office number."""
    school = ctx.config.school
    if school.office_phone is None:
        return None
    hours = school.office_hours
    when = f" (the office is open {hours.describe()})" if hours else ""
    return (
        f"{teacher} would like to talk this through with you by phone, which will be easier "
        f"than messages. Please ring the school office on {school.office_phone}{when} and ask "
        f"to speak to {teacher}; the office will find a time that suits you both. Thank you."
    )


async def _phone(inv: Invocation, ctx: Context) -> list[Action]:
    event = inv.event
    conversation = await ctx.store.relay.conversation_in(event.room.room_id)
    if conversation is None or conversation.teacher != event.sender:
        return reply(event, "!phone works only in your own conversation with a family.")
    if conversation.closed_at:
        return reply(event, "This conversation is closed; nothing was sent to the family.")
    teacher = await display_name(ctx, event.sender)
    text = phone_text(ctx, teacher)
    if text is None:
        return reply(
            event,
            "I can't ask the family to phone: the school's number is not set "
            "(school.office_phone in rooms.yaml). Nothing was sent.",
        )
    parent = await display_name(ctx, conversation.parent)
    return [
        notice(conversation.parent_room, text, as_html(text)),
        NoteConversation(conversation.id, "answered"),
        *reply(event, f"Sent to {parent}:\n{text}"),
    ]


PHONE_COMMANDS = (
    Command(
        name="phone",
        help="ask the family, kindly, to phone the school office (its number and hours)",
        roles=STAFF,
        rooms=frozenset({RoomKind.TEACHER_DM}),
        run=_phone,
    ),
)
