"""Chat commands, each declared once: name, aliases, who may use it, where, its arguments and
its help line. Parsing, permission checks, usage errors and `!help` all come from that one
declaration. Commands start with `!` or `/` (some clients hold back unknown `/` commands).
"""

from __future__ import annotations

import re
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from bot.actions import Action, as_html, notice
from handlers import Context, Event, relation
from storage.people import Role
from storage.rooms import RoomKind

PREFIXES = ("!", "/")
ALL_ROLES = frozenset(Role)
STAFF = frozenset({Role.TEACHER, Role.SLT})


class UsageError(ValueError):
    """A person typed a command wrongly; the reply carries the usage line."""


@dataclass(frozen=True)
class Argument:
    name: str
    parse: Callable[[str], Any] = str
    optional: bool = False
    rest: bool = False  # takes the rest of the line, spaces and all

    def __str__(self) -> str:
        shown = self.name.upper() + ("…" if self.rest else "")
        return f"[{shown}]" if self.optional else shown


@dataclass(frozen=True)
class Invocation:
    command: Command
    args: dict[str, Any]
    event: Event


Run = Callable[[Invocation, Context], Awaitable[list[Action]]]


@dataclass(frozen=True)
class Wording:
    """How a command reads to some roles (families, say) where `help` is staff's wording."""

    roles: frozenset[Role]
    help: str
    arguments: str = ""  # the usage line after the name, as these roles would type it


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    roles: frozenset[Role]
    rooms: frozenset[RoomKind]
    run: Run
    arguments: tuple[Argument, ...] = ()
    aliases: tuple[str, ...] = ()
    demo_only: bool = False
    wordings: tuple[Wording, ...] = ()

    @property
    def usage(self) -> str:
        return " ".join([f"!{self.name}", *(str(a) for a in self.arguments)])

    def _wording(self, role: Role | None) -> Wording | None:
        return next((w for w in self.wordings if role in w.roles), None)

    def help_for(self, role: Role | None) -> str:
        wording = self._wording(role)
        return wording.help if wording else self.help

    def usage_for(self, role: Role | None) -> str:
        wording = self._wording(role)
        if wording is None:
            return self.usage
        return f"!{self.name} {wording.arguments}".rstrip()

    def parse_arguments(self, text: str) -> dict[str, Any]:
        words = text.split()
        values: dict[str, Any] = {}
        for position, argument in enumerate(self.arguments):
            if argument.rest:
                word = " ".join(words[position:]) if position < len(words) else ""
                words = words[:position]
            else:
                word = words[position] if position < len(words) else ""
            if not word:
                if not argument.optional:
                    raise UsageError(f"{argument.name} is missing")
                values[argument.name] = None
                continue
            try:
                values[argument.name] = argument.parse(word)
            except ValueError as err:
                raise UsageError(f"{argument.name}: {err}") from None
        if len(words) > len(self.arguments):
            raise UsageError(f"too many words after !{self.name}")
        return values


@dataclass(frozen=True)
class CommandSet:
    commands: tuple[Command, ...]
    _by_name: dict[str, Command] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        names: dict[str, Command] = {}
        for command in self.commands:
            for name in (command.name, *command.aliases):
                if name in names:
                    raise ValueError(f"command name !{name} declared twice")
                names[name] = command
        object.__setattr__(self, "_by_name", names)

    def find(self, name: str) -> Command | None:
        return self._by_name.get(name.lower())

    def visible_to(self, role: Role | None, kind: RoomKind, *, demo: bool) -> list[Command]:
        return [
            c
            for c in self.commands
            if role in c.roles and kind in c.rooms and (demo or not c.demo_only)
        ]


def split_command(text: str) -> tuple[str, str] | None:
    """('award', 'Amelia Kindness') for '!award Amelia Kindness'; None if not a command."""
    stripped = text.strip()
    if len(stripped) < 2 or stripped[0] not in PREFIXES or not stripped[1].isalpha():
        return None
    name, _, rest = stripped[1:].partition(" ")
    return name.split("\n")[0].lower(), rest


#: The first line of a reply fallback: "> <@alice:example.org> …" ("> * <@alice…> …" for an
#: emote), as the Matrix spec writes it.
_FALLBACK_HEAD = re.compile(r"> (?:\* )?<@[^>\s]+> ")


def _without_reply_fallback(event: Event) -> str:
    """A reply's body without the quote some clients still put before it ("> <@x> sent a
    file." and an empty line), so `!activity` sent as a reply to a file is still a command.
    Only that quote: a person's own "> …" lines stay, so "> quoted words" then "!word" on
    the next line is not a command."""
    body = event.body or ""
    if "m.in_reply_to" not in relation(event.content):
        return body
    lines = body.split("\n")
    if not _FALLBACK_HEAD.match(lines[0]):
        return body
    after = next((i for i, line in enumerate(lines) if not line.startswith(">")), len(lines))
    if after == len(lines) or lines[after].strip():
        return body  # the spec's fallback ends with an empty line
    return "\n".join(lines[after + 1 :]).strip()


def reply(event: Event, text: str) -> list[Action]:
    """A notice in the same room, marked as a reply to the command."""
    relates = {"m.relates_to": {"m.in_reply_to": {"event_id": event.event_id}}}
    return [notice(event.room.room_id, text, as_html(text), **relates)]


def make_handler(commands: CommandSet) -> Callable[[Event, Context], Awaitable[list[Action]]]:
    async def handle(event: Event, ctx: Context) -> list[Action]:
        if event.type != "m.room.message" or event.content.get("msgtype") != "m.text":
            return []
        if "m.new_content" in event.content or event.body is None:
            return []  # edits of commands are not commands
        parsed = split_command(_without_reply_fallback(event))
        if parsed is None:
            return []
        name, rest = parsed
        command = commands.find(name)
        role = ctx.sender.role if ctx.sender else None
        kind = event.room.kind
        if command is None or (command.demo_only and not ctx.demo and name != "clock"):
            return reply(event, f"I don't know the command !{name}. Send !help for the list.")
        if role not in command.roles:
            return reply(event, f"Sorry, !{command.name} is not available to you.")
        if kind not in command.rooms:
            return reply(event, f"Sorry, !{command.name} can't be used in this room.")
        if command.demo_only and not ctx.demo:
            return reply(event, f"!{command.name} only works in demo mode; nothing was changed.")
        try:
            args = command.parse_arguments(rest)
        except UsageError as err:
            return reply(event, f"{err}. Usage: {command.usage_for(role)}")
        return await command.run(Invocation(command, args, event), ctx)

    handle.__qualname__ = "commands"
    return handle


def format_instant(instant: datetime, ctx: Context) -> str:
    local = instant.astimezone(ctx.config.school.tz)
    return f"{local:%A} {local.day} {local:%B %Y, %H:%M} ({ctx.config.school.timezone})"
