"""Command declarations: parsing, permissions, usage errors and !help, without a server."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from bot.actions import SetClock
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import load_config
from handlers import Context, Event
from handlers.command_table import all_commands
from handlers.commands import (
    Argument,
    Command,
    UsageError,
    make_handler,
    split_command,
)
from storage.people import Person, Role
from storage.rooms import Room, RoomKind

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "rooms.yaml")
CALENDAR = SchoolCalendar(CONFIG)


def event(body: str, kind: RoomKind = RoomKind.ESCALATION) -> Event:
    room = Room("!room:x", kind, kind.value, None, None, 0, None)
    return Event.from_raw(
        room,
        {
            "event_id": "$e",
            "sender": "@someone:x",
            "type": "m.room.message",
            "origin_server_ts": 1,
            "content": {"msgtype": "m.text", "body": body},
        },
    )


def context(role: Role | None, *, demo: bool = True) -> Context:
    sender = Person("@someone:x", "Someone", role, None) if role else None
    return Context(CONFIG, None, Clock(), "@bot:x", demo, sender, CALENDAR)  # type: ignore[arg-type]


handle = make_handler(all_commands())


def text_of(actions: list) -> str:
    return " ".join(a.content["body"] for a in actions if hasattr(a, "content"))


def test_split_command() -> None:
    assert split_command("!clock 2026") == ("clock", "2026")
    assert split_command("/HELP") == ("help", "")
    assert split_command("hello !clock") is None
    assert split_command("!") is None
    assert split_command("/ 1") is None


async def test_slt_moves_the_clock_in_demo_mode() -> None:
    actions = await handle(event("!clock 2026-11-23T08:00:00+00:00"), context(Role.SLT))
    assert actions[0] == SetClock(datetime(2026, 11, 23, 8, tzinfo=UTC))
    assert "Monday 23 November 2026, 08:00" in text_of(actions)


async def test_clock_is_refused_outside_demo_mode_and_to_others() -> None:
    outside = await handle(event("!clock 2026-11-23T08:00:00Z"), context(Role.SLT, demo=False))
    assert not any(isinstance(a, SetClock) for a in outside)
    assert "only works in demo mode" in text_of(outside)
    parent = await handle(event("!clock 2026-11-23T08:00:00Z"), context(Role.PARENT))
    assert not any(isinstance(a, SetClock) for a in parent)
    assert "not available to you" in text_of(parent)
    stranger = await handle(event("!clock 2026-11-23T08:00:00Z"), context(None))
    assert "not available to you" in text_of(stranger)
    story = await handle(event("!clock 2026-11-23T08:00:00Z", RoomKind.STORY), context(Role.SLT))
    assert "can't be used in this room" in text_of(story)


async def test_wrong_arguments_get_the_usage_line() -> None:
    naive = await handle(event("!clock 2026-11-23T08:00"), context(Role.SLT))
    assert "no UTC offset" in text_of(naive) and "Usage: !clock [TIME]" in text_of(naive)
    extra = await handle(event("!clock 2026-11-23T08:00Z again"), context(Role.SLT))
    assert "too many words" in text_of(extra)
    unknown = await handle(event("!frobnicate"), context(Role.SLT))
    assert "don't know the command !frobnicate" in text_of(unknown)


async def test_help_lists_only_what_the_person_may_use_here() -> None:
    slt = text_of(await handle(event("!help"), context(Role.SLT)))
    assert "!clock" in slt and "!help" in slt
    parent = text_of(await handle(event("!help", RoomKind.HOME), context(Role.PARENT)))
    assert "!clock" not in parent and "!help" in parent
    not_demo = text_of(await handle(event("!help"), context(Role.SLT, demo=False)))
    assert "!clock" not in not_demo


async def test_help_speaks_to_families_in_their_own_words() -> None:
    parent = text_of(await handle(event("!help", RoomKind.HOME), context(Role.PARENT)))
    assert "!points [CHILD] — your child's points by school value" in parent, parent
    assert "!story — " in parent and "about you and your children" in parent
    for staff_words in ("(staff)", "PUPIL", "class's", "!code", "!award", "!undo", "!ack"):
        assert staff_words not in parent, staff_words
    pupil = text_of(await handle(event("!help", RoomKind.HOME), context(Role.PUPIL)))
    assert "!points — your points by school value" in pupil, pupil
    assert "your child" not in pupil and "!story" not in pupil
    teacher = text_of(await handle(event("!help", RoomKind.HOME), context(Role.TEACHER)))
    assert "!points [PUPIL|class] — points by school value" in teacher, teacher
    assert "your child" not in teacher and "!story" not in teacher


async def test_ordinary_messages_and_edits_are_not_commands() -> None:
    assert await handle(event("Thank you for the photos!"), context(Role.PARENT)) == []
    edit = event("!help")
    edit.content["m.new_content"] = {"body": "!help"}
    assert await handle(edit, context(Role.SLT)) == []


def _reply(body: str, kind: RoomKind = RoomKind.HOME, **relates: object) -> Event:
    replying = event(body, kind)
    replying.content["m.relates_to"] = {"m.in_reply_to": {"event_id": "$earlier"}} | relates
    return replying


async def test_a_reply_is_a_command_only_after_the_clients_quote() -> None:
    teacher = context(Role.TEACHER)
    # a reply fallback ("> <@x> …" lines, then an empty line) is left out, emotes too
    for quote in (
        "> <@t:x> sent a file.",
        "> <@t:x> Trip on Friday\n> bring coats",
        "> * <@t:x> waves",
    ):
        answered = text_of(await handle(_reply(f"{quote}\n\n!help"), teacher))
        assert "!points [PUPIL|class]" in answered, quote
    # a reply or a thread message with no fallback is a command as it stands
    assert "!points" in text_of(await handle(_reply("!help"), teacher))
    thread = _reply("!help", rel_type="m.thread", event_id="$root", is_falling_back=True)
    assert "!points" in text_of(await handle(thread, teacher))
    # a person's own quote then "!…" is an ordinary message, as it is in a message that is
    # not a reply; so is a quote that only looks like a fallback, and one with no empty line
    for body in (
        "> the trip is on Friday\n!Important: he has no coat",
        "> Bring £2 on Friday\n\n!help",
        "> <@t:x> Trip on Friday\n!help",
    ):
        assert await handle(_reply(body, RoomKind.PARENT_DM), context(Role.PARENT)) == [], body
        assert await handle(event(body, RoomKind.PARENT_DM), context(Role.PARENT)) == [], body


ECHO = Command(
    name="echo",
    help="test",
    roles=frozenset(Role),
    rooms=frozenset(RoomKind),
    run=None,  # type: ignore[arg-type]
    arguments=(Argument("count", int), Argument("note", optional=True, rest=True)),
)


@given(st.text())
def test_argument_parsing_never_raises_anything_but_a_usage_error(text: str) -> None:
    try:
        values = ECHO.parse_arguments(text)
    except UsageError:
        return
    assert isinstance(values["count"], int)


@given(st.text())
def test_every_declared_command_parses_any_text_or_gives_a_usage_error(text: str) -> None:
    """Arbitrary text after any command name: a parsed command or a usage error, nothing else."""
    for command in all_commands().commands:
        parsed = split_command(f"!{command.name} {text}")
        assert parsed is not None
        try:
            command.parse_arguments(parsed[1])
        except UsageError:
            pass
