"""The School Story: whole-school news from SLT and the office, scheduled and pinned.

Families react and reply there under the class story's rules (`handlers/story.py`: it is a
story room without a class). Here: `!schedule` (in the staff member's own room with the
bot) puts an announcement in the School Story at a time, by the injected clock; `!schedule
list` and `!schedule cancel N`; and `!pin` / `!unpin`, sent as a reply to a post in a story
room, pin it for everyone (the bot sets the room's pins: families cannot, as changing a
room's state needs more power than they have).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar
from zoneinfo import ZoneInfo

from bot.actions import Action, Pin, Redact, SendMessage, StoreAction, as_html
from bot.clock import stamp
from bot.config import DAY_NAMES, WEEKDAYS
from bot.provisioning import SCHOOL_STORY_KEY
from handlers import Context, Event
from handlers.commands import (
    Argument,
    Command,
    Invocation,
    Wording,
    format_instant,
    reply,
    split_command,
)
from handlers.discipline import display_name, tell
from handlers.story import replied_to
from storage.digest import PostKind, StoryPost
from storage.people import Role
from storage.rooms import RoomKind
from storage.school_story import PostStatus, ScheduledPost
from storage.store import Store

POSTERS = frozenset({Role.SLT, Role.OFFICE})
PIN_FLAG = "--pin"
USAGE = (
    "!schedule DAY HH:MM TEXT [--pin], where DAY is a date (2026-12-01), a weekday (mon … "
    "sun), today or tomorrow; !schedule list; !schedule cancel N"
)
_DATE = re.compile(r"(\d{4})-(\d{1,2})-(\d{1,2})")
_TIME = re.compile(r"(\d{1,2}):(\d{2})")
_WEEKDAYS = {day: n for n, day in enumerate(WEEKDAYS)} | {
    name.lower(): n for n, name in enumerate(DAY_NAMES)
}


# --- the time words of `!schedule` --------------------------------------------------------


class ScheduleError(ValueError):
    """Words `!schedule` cannot use; the message says what to write instead."""


@dataclass(frozen=True)
class Announcement:
    due: datetime
    text: str
    pin: bool


def _day(word: str, today: date) -> date | None:
    """The day a word names, or None when the day depends on the time (a weekday)."""
    lowered = word.lower()
    if lowered == "today":
        return today
    if lowered == "tomorrow":
        return today + timedelta(days=1)
    if lowered in _WEEKDAYS:
        return None
    found = _DATE.fullmatch(word)
    if found is None:
        raise ScheduleError(
            f"“{word}” is not a day I know: write a date such as 2026-12-01, a weekday such "
            "as mon or monday, today or tomorrow."
        )
    try:
        return date(*map(int, found.groups()))
    except ValueError:
        raise ScheduleError(f"{word} is not a real date.") from None


def _time(word: str | None) -> time:
    if word is None:
        raise ScheduleError("No time given: write the time after the day, such as 08:30.")
    found = _TIME.fullmatch(word)
    if found is None or int(found[1]) > 23 or int(found[2]) > 59:
        raise ScheduleError(f"“{word}” is not a time: write a 24-hour time such as 08:30.")
    return time(int(found[1]), int(found[2]))


def parse_announcement(text: str, now: datetime, tz: ZoneInfo) -> Announcement:
    """`DAY HH:MM TEXT [--pin]` as the school's local time, which must be still to come.
    A weekday is the next one at that time (today's, if the time is still ahead). Line
    breaks in the text are kept."""
    words = text.strip().split(maxsplit=2)
    if not words:
        raise ScheduleError("Say when and what: a day, a time, then the announcement.")
    local = now.astimezone(tz)
    day = _day(words[0], local.date())
    at = _time(words[1] if len(words) > 1 else None)
    body = words[2].strip() if len(words) > 2 else ""
    pin = body.split()[-1:] == [PIN_FLAG]
    body = body.removesuffix(PIN_FLAG).strip() if pin else body
    if not body:
        raise ScheduleError("There is nothing to post: write the announcement after the time.")
    if day is None:  # a weekday: the next one still to come at that time
        ahead = (_WEEKDAYS[words[0].lower()] - local.weekday()) % 7
        due = datetime.combine(local.date() + timedelta(days=ahead), at, tzinfo=tz)
        if due <= now:
            due = datetime.combine(due.date() + timedelta(days=7), at, tzinfo=tz)
    else:
        due = datetime.combine(day, at, tzinfo=tz)
    if due <= now:
        raise ScheduleError(
            f"{due:%A} {due.day} {due:%B %Y, %H:%M} has already passed: choose a time still "
            "to come."
        )
    return Announcement(due, body, pin)


# --- records ------------------------------------------------------------------------------


@dataclass(frozen=True)
class ScheduleAnnouncement(StoreAction):
    kind: ClassVar[str] = "schedule_announcement"
    author: str
    due_at: str
    text: str
    pin: bool

    def target(self) -> str | None:
        return self.due_at

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        added = await store.scheduled.add(
            self.author, self.due_at, self.text, pin=self.pin, at=at, source=action_id
        )
        return None if added is None else str(added)


@dataclass(frozen=True)
class CancelAnnouncement(StoreAction):
    kind: ClassVar[str] = "cancel_announcement"
    post_id: int

    def target(self) -> str | None:
        return f"scheduled:{self.post_id}"

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        done = await store.scheduled.set_status(self.post_id, PostStatus.CANCELLED, at=at)
        return "cancelled" if done else "not waiting"


@dataclass(frozen=True)
class MarkAnnounced(StoreAction):
    """The announcement is in the School Story (sent under `sent_key`): recorded as posted,
    and kept for the week's digest as its author's post."""

    kind: ClassVar[str] = "mark_announced"
    post_id: int
    sent_key: str
    room_id: str
    author: str
    text: str
    posted_at: str

    def target(self) -> str | None:
        return f"scheduled:{self.post_id}"

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        sent = await store.sent.with_key(self.sent_key)
        if not sent:
            return "not sent"
        event_id = sent[-1][1]
        await store.scheduled.set_status(self.post_id, PostStatus.POSTED, at=at, event_id=event_id)
        post = StoryPost(
            event_id,
            self.room_id,
            None,
            self.author,
            self.posted_at,
            self.text,
            None,
            PostKind.TEXT,
        )
        await store.digests.remember_post(post)
        return event_id


@dataclass(frozen=True)
class MarkPinned(StoreAction):
    kind: ClassVar[str] = "mark_pinned"
    post_id: int

    def target(self) -> str | None:
        return f"scheduled:{self.post_id}"

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.scheduled.set_status(self.post_id, PostStatus.PINNED, at=at)
        return None


# --- `!schedule` ---------------------------------------------------------------------------


def _when(due_at: str, ctx: Context) -> str:
    return format_instant(datetime.fromisoformat(due_at), ctx)


async def _schedule(inv: Invocation, ctx: Context) -> list[Action]:
    # The words as typed (the command kit joins its last argument's words with spaces, and
    # an announcement keeps its line breaks).
    parsed = split_command(inv.event.body or "")
    words = (parsed[1] if parsed else "").strip()
    first, _, rest = words.partition(" ")
    if first.lower() == "list" and not rest.strip():
        return await _list(inv, ctx)
    if first.lower() == "cancel":
        return await _cancel(inv, ctx, rest.strip())
    if await ctx.store.rooms.by_key(SCHOOL_STORY_KEY) is None:
        return reply(inv.event, "There is no School Story yet (run conductbot provision).")
    try:
        announcement = parse_announcement(words, ctx.clock.now(), ctx.config.school.tz)
    except ScheduleError as err:
        return reply(inv.event, f"{err} Nothing was scheduled. Usage: {USAGE}")
    due = stamp(announcement.due)
    pinned = " and pinned" if announcement.pin else ""
    return [
        ScheduleAnnouncement(inv.event.sender, due, announcement.text, announcement.pin),
        *reply(
            inv.event,
            f"Scheduled: it will appear in the School Story{pinned} on {_when(due, ctx)}. "
            "!schedule list shows what is waiting, with the number to cancel it.",
        ),
    ]


async def _list(inv: Invocation, ctx: Context) -> list[Action]:
    waiting = await ctx.store.scheduled.waiting()
    if not waiting:
        return reply(inv.event, "Nothing is scheduled for the School Story.")
    lines = ["Waiting to go in the School Story:"]
    for post in waiting:
        author = await display_name(ctx, post.author)
        pinned = ", to be pinned" if post.pin else ""
        shown = " ".join(post.text.split())
        shown = shown if len(shown) <= 80 else shown[:79] + "…"
        lines.append(f"{post.id}. {_when(post.due_at, ctx)}, by {author}{pinned}: «{shown}»")
    lines.append("To cancel one: !schedule cancel N")
    return reply(inv.event, "\n".join(lines))


async def _cancel(inv: Invocation, ctx: Context, number: str) -> list[Action]:
    wanted = int(number) if number.isascii() and number.isdigit() and len(number) < 10 else None
    post = await ctx.store.scheduled.get(wanted) if wanted is not None else None
    if post is None or post.status is not PostStatus.WAITING:
        return reply(
            inv.event,
            f"There is no scheduled post number {number or '(none given)'} waiting to go; "
            "!schedule list shows their numbers. Nothing was changed.",
        )
    return [
        CancelAnnouncement(post.id),
        *reply(inv.event, f"Cancelled: number {post.id}, due {_when(post.due_at, ctx)}."),
    ]


SCHEDULE_HELP = (
    "put an announcement in the School Story at a time (pinned with --pin); list or cancel "
    "what is waiting"
)
SCHOOL_STORY_COMMANDS = (
    Command(
        name="schedule",
        help=SCHEDULE_HELP,
        roles=POSTERS,
        rooms=frozenset({RoomKind.HOME}),
        arguments=(Argument("request", rest=True),),
        run=_schedule,
        wordings=(Wording(POSTERS, SCHEDULE_HELP, "DAY HH:MM TEXT [--pin] | list | cancel N"),),
    ),
)


# --- the announcement goes out ------------------------------------------------------------


async def announcement_actions(ctx: Context, post: ScheduledPost) -> list[Action]:
    """A waiting announcement whose time has come: posted in the School Story under its
    author's name (who sees it there; a send that fails leaves it waiting, to be tried
    again), then recorded; a posted one to be pinned: pinned. Each step is recorded as it is
    done, so a restart carries on where it stopped."""
    room = await ctx.store.rooms.by_key(SCHOOL_STORY_KEY)
    if room is None:
        return []
    if post.status is PostStatus.POSTED and post.pin and post.event_id is not None:
        return [Pin(room.room_id, post.event_id), MarkPinned(post.id)]
    if post.status is not PostStatus.WAITING:
        return []
    author = await display_name(ctx, post.author)
    content = {
        "msgtype": "m.text",
        "body": f"{post.text}\n\n— {author}",
        "format": "org.matrix.custom.html",
        "formatted_body": f"{as_html(post.text)}<br><br>— <b>{as_html(author)}</b>",
    }
    key = f"scheduled:{post.id}"
    now = ctx.clock.now().astimezone(ctx.config.school.tz).isoformat(timespec="seconds")
    return [
        SendMessage(room.room_id, content, remember_as=key),
        MarkAnnounced(post.id, key, room.room_id, post.author, post.text, now),
    ]


# --- `!pin` and `!unpin`, as a reply in a story room ---------------------------------------


async def handle_pin(event: Event, ctx: Context) -> list[Action]:
    """Staff who post in a story pin (or unpin) a post by replying `!pin` (`!unpin`) to it.
    The command itself is taken out of the story at once; the answer goes to their own
    room. A family's `!pin` is a reply like any other (the story's rules apply to it)."""
    if event.type != "m.room.message" or event.body is None or "m.new_content" in event.content:
        return []
    parsed = split_command(event.body)
    if parsed is None or parsed[0] not in ("pin", "unpin") or ctx.sender is None:
        return []
    if not ctx.sender.role.is_staff:
        return []
    hide: list[Action] = [Redact(event.room.room_id, event.event_id, "pinning command")]
    if not _posts_here(ctx, event):
        return hide + await tell(
            ctx,
            event.sender,
            "Pins in the School Story are for SLT and the office, and in a class story for "
            "its teachers and SLT. Nothing was changed.",
        )
    target = replied_to(event.content)
    post = await ctx.store.story.get(target) if target else None
    if post is None or post.room_id != event.room.room_id:
        return hide + await tell(
            ctx,
            event.sender,
            f"To {parsed[0]} a post, send !{parsed[0]} as a reply to it in the story. "
            "Nothing was changed.",
        )
    unpin = parsed[0] == "unpin"
    done = "unpinned" if unpin else "pinned: every family sees it at the top of the story"
    return [
        Pin(event.room.room_id, post.event_id, unpin=unpin),
        *hide,
        *await tell(ctx, event.sender, f"The post is {done}."),
    ]


def _posts_here(ctx: Context, event: Event) -> bool:
    """SLT anywhere; the office in the School Story; teachers in their classes' stories."""
    role = ctx.sender.role if ctx.sender else None
    class_id = event.room.class_id
    if role is Role.SLT:
        return True
    if role is Role.OFFICE:
        return class_id is None
    school_class = ctx.config.class_by_id(class_id) if class_id else None
    if role is not Role.TEACHER or school_class is None or ctx.sender is None:
        return False
    return ctx.sender.staff_id in school_class.teachers
