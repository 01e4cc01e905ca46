"""Staff report a family's message to SLT: `!report NOTE`, sent as a reply to it.

Leamington's policy: "Should teachers receive any messages which they find inappropriate,
they should see the Deputy Headteacher/Headteacher as soon as possible and record on CPOMs."
A teacher replies to a message the bot relayed to them (in their conversation room), or to
a family's reply in a class story, with `!report` and a note. The message becomes an
incident (the evidence and the note) in the escalation room and in `!export incidents`; the
family is not told; SLT take it from there with the existing commands.

In a class story, where commands are not otherwise taken, the teacher's `!report` is
removed at once (families never see it) and the answer goes to the teacher's home room.
"""

from __future__ import annotations

from dataclasses import replace

from bot.actions import Action, RecordIncident, RecordReported, Redact, SendMessage
from handlers import Context, Event
from handlers.commands import (
    STAFF,
    Argument,
    Command,
    Invocation,
    UsageError,
    reply,
    split_command,
)
from handlers.discipline import display_name, escalate, evidence_of, is_immune, tell
from handlers.story import replied_to
from storage.incidents import Incident
from storage.relay import TO_TEACHER
from storage.rooms import RoomKind

RULE = "report"
KIND = "reported by staff"
HEADLINE = "Reported by staff"
HIDDEN = "Sent to the school's senior leaders privately"
ANSWER_WITH = "Reply to the family's message with !report and a note saying why"


def _incident(user: str, room_id: str, event_id: str, note: str, by: str, by_name: str) -> Incident:
    return Incident(
        kind=KIND,
        user_id=user,
        rule=RULE,
        outcome=f"reported by {by_name}: {note} (the family was not told)",
        room_id=room_id,
        event_id=event_id,
        evidence={"note": note},
        confirmed_by=by,
    )


def _done(who: str) -> str:
    return (
        f"Thank you: I've reported {who}'s message to the senior leaders with your note, as an "
        "incident they can see and export for the safeguarding log. The family has not been "
        "told."
    )


async def _report(inv: Invocation, ctx: Context) -> list[Action]:
    """In a teacher's conversation room: a message the bot relayed from the parent."""
    event, note = inv.event, inv.args["note"]
    target = replied_to(event.content)
    if target is None:
        return reply(event, f"{ANSWER_WITH}, e.g. !report rude about another child.")
    conversation = await ctx.store.relay.conversation_in(event.room.room_id)
    relayed = await ctx.store.relay.by_delivered(target)
    if (
        conversation is None
        or conversation.teacher != event.sender
        or relayed is None
        or relayed.conversation_id != conversation.id
        or relayed.direction != TO_TEACHER
    ):
        return reply(
            event,
            "I can only report a message the family sent you, passed on by me. "
            f"{ANSWER_WITH}; nothing was reported.",
        )
    teacher = await display_name(ctx, event.sender)
    incident = _incident(relayed.sender, event.room.room_id, target, note, event.sender, teacher)
    kept = evidence_of(relayed.content) if relayed.content else {}
    if not kept:
        kept = {"body": "(the message is no longer kept: message_retention_days)"}
    incident = replace(incident, evidence=kept | incident.evidence)
    parent = await display_name(ctx, relayed.sender)
    return [
        RecordIncident(incident),
        *await escalate(ctx, incident, f"{HEADLINE} ({teacher})"),
        *reply(event, _done(parent)),
    ]


async def handle_story_report(event: Event, ctx: Context) -> list[Action]:
    """A member of staff's `!report` in a class story: removed at once, answered privately."""
    if event.type != "m.room.message" or event.body is None or event.state_key is not None:
        return []
    if ctx.sender is None or not ctx.sender.role.is_staff:
        return []  # a family's "!report" is a reply like any other
    parsed = split_command(event.body)
    if parsed is None or parsed[0] != REPORT.name or "m.new_content" in event.content:
        return []
    hide: list[Action] = [Redact(event.room.room_id, event.event_id, HIDDEN)]
    try:
        note = REPORT.parse_arguments(parsed[1])["note"]
    except UsageError as err:
        return hide + await tell(ctx, event.sender, f"{err}. Usage: {REPORT.usage}")
    target = replied_to(event.content)
    reported = await ctx.store.story.get(target) if target else None
    if (
        reported is None
        or reported.by_staff
        or reported.room_id != event.room.room_id
        or await is_immune(ctx, reported.sender)
    ):
        return hide + await tell(
            ctx,
            event.sender,
            f"I can only report a family's reply in the class story. {ANSWER_WITH}; "
            "nothing was reported (your !report was taken out of the story).",
        )
    teacher = await display_name(ctx, event.sender)
    incident = _incident(
        reported.sender, event.room.room_id, reported.event_id, note, event.sender, teacher
    )
    notices = await escalate(ctx, incident, f"{HEADLINE} ({teacher})")
    if not notices or not isinstance(notices[0], SendMessage):
        return hide + await tell(ctx, event.sender, "There is no escalation room yet.")
    parent = await display_name(ctx, reported.sender)
    return [
        RecordReported(incident, notices[0]),
        *hide,
        *await tell(ctx, event.sender, _done(parent) + " The reply stays up."),
    ]


REPORT = Command(
    name="report",
    help="as a reply to a family's message (here, or in a class story): report it to SLT "
    "with your note; the family is not told",
    roles=STAFF,
    rooms=frozenset({RoomKind.TEACHER_DM}),
    arguments=(Argument("note", rest=True),),
    run=_report,
)

REPORT_COMMANDS = (REPORT,)
