"""Handlers decide; they never act. Each takes an event and the context and returns actions.

Routing is by the kind of room stored in the database (see `ROUTES` in `bot/app.py`).
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bot.actions import Action
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import Config
from storage.people import Person
from storage.rooms import Room
from storage.store import Reader


class MalformedEvent(ValueError):
    """The event lacks what every Matrix event has; it is recorded and skipped."""


@dataclass(frozen=True)
class Event:
    room: Room
    event_id: str
    sender: str
    type: str
    content: dict[str, Any]
    origin_server_ts: int
    state_key: str | None
    raw: dict[str, Any]

    @classmethod
    def from_raw(cls, room: Room, raw: dict[str, Any]) -> Event:
        event_id, sender, event_type = raw.get("event_id"), raw.get("sender"), raw.get("type")
        content, ts = raw.get("content"), raw.get("origin_server_ts")
        if not all(isinstance(v, str) for v in (event_id, sender, event_type)):
            raise MalformedEvent("event_id, sender or type missing or not a string")
        if not isinstance(content, dict):
            raise MalformedEvent("content is not an object")
        if not isinstance(ts, int):
            raise MalformedEvent("origin_server_ts is not an integer")
        state_key = raw.get("state_key")
        return cls(
            room=room,
            event_id=event_id,
            sender=sender,
            type=event_type,
            content=content,
            origin_server_ts=ts,
            state_key=state_key if isinstance(state_key, str) else None,
            raw=raw,
        )

    @property
    def body(self) -> str | None:
        body = self.content.get("body")
        return body if isinstance(body, str) else None


@dataclass(frozen=True)
class Context:
    """What a handler may read. It returns actions for anything it wants done."""

    config: Config
    store: Reader  # the query half: a change to the database is a record the executor performs
    clock: Clock
    bot_user_id: str
    demo: bool
    sender: Person | None
    calendar: SchoolCalendar
    homeserver: str = ""  # the client API address families type into their app


Handler = Callable[[Event, Context], Awaitable[list[Action]]]


def relation(content: dict[str, Any]) -> dict[str, Any]:
    """An event's `m.relates_to`, or {} when it has none (or a malformed one)."""
    relates = content.get("m.relates_to")
    return relates if isinstance(relates, dict) else {}
