"""Families without Matrix: the weekly digest by e-mail, and the same digest on paper.

Decisions only. Staff posts in a class story are remembered as they are posted (edits and
take-downs follow them), so the digest is built from the bot's own records; what one
family's digest holds is chosen here: the class's posts of the week, each photo only when
every pupil its caption names has photo consent *now* (consent withdrawn since the post
counts), their own child's points, and the school's dates from the calendar. Sending goes
through the executor (`SendDigest`); the addresses never pass through here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import ClassVar

from bot.actions import Action, SendDigest, StoreAction
from bot.calendar import SchoolCalendar
from bot.clock import stamp
from bot.config import WEEKDAYS, Config
from bot.digest_render import DigestItem, DigestPage, Office, SchoolDate
from handlers import Context, Event, relation
from handlers.media import _caption, _mentions, media_of
from handlers.points import week_key, week_start
from storage.digest import PostKind, StoryPost
from storage.pupils import Pupil
from storage.store import Reader, Store

#: How far ahead the digest lists the school's dates.
DATES_AHEAD = timedelta(weeks=6)


# --- remembering posts -----------------------------------------------------------------


@dataclass(frozen=True)
class RememberStoryPost(StoreAction):
    kind: ClassVar[str] = "remember_story_post"
    post: StoryPost

    def target(self) -> str | None:
        return self.post.event_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.digests.remember_post(self.post)
        return None


@dataclass(frozen=True)
class EditStoryPost(StoreAction):
    kind: ClassVar[str] = "edit_story_post"
    event_id: str
    text: str

    def target(self) -> str | None:
        return self.event_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.digests.edit_post(self.event_id, self.text)
        return None


@dataclass(frozen=True)
class ForgetStoryPost(StoreAction):
    kind: ClassVar[str] = "forget_story_post"
    event_id: str

    def target(self) -> str | None:
        return self.event_id

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        await store.digests.forget_post(self.event_id)
        return None


def _posted_at(event: Event, ctx: Context) -> str:
    moment = datetime.fromtimestamp(event.origin_server_ts / 1000, tz=ctx.config.school.tz)
    return moment.isoformat(timespec="seconds")


async def handle_story_post(event: Event, ctx: Context) -> list[Action]:
    """A staff post in a class story or the School Story joins the digest; an edit changes
    it; a deletion (by anyone allowed to delete it, the bot included) takes it out. Runs
    after the story's other handlers, so a post they took down is never seen here."""
    room = event.room
    if event.type == "m.room.redaction":
        redacts = event.content.get("redacts") or event.raw.get("redacts")
        return [ForgetStoryPost(redacts)] if isinstance(redacts, str) else []
    staff = ctx.sender is not None and ctx.sender.role.is_staff
    if event.type != "m.room.message" or not staff or event.state_key is not None:
        return []
    relates = relation(event.content)
    if relates.get("rel_type") == "m.replace":
        new = event.content.get("m.new_content")
        edited = relates.get("event_id")
        if isinstance(new, dict) and isinstance(new.get("body"), str) and isinstance(edited, str):
            return [EditStoryPost(edited, new["body"])]
        return []
    if relates:  # replies and threads are conversation, not the week's news
        return []
    found = media_of(event)
    if found is None:
        text, mxc, kind = event.body or "", None, PostKind.TEXT
    else:
        mxc, media = found
        text = _caption(event)
        kind = PostKind.PHOTO if media == "image" else PostKind.OTHER
    if not text and kind is PostKind.TEXT:
        return []
    at = _posted_at(event, ctx)
    post = StoryPost(event.event_id, room.room_id, room.class_id, event.sender, at, text, mxc, kind)
    return [RememberStoryPost(post)]


# --- one family's digest -----------------------------------------------------------------

NOT_SHOWN = (
    "A photo is not shown here: it names a child whose family has not given photo "
    "consent. It is in the class story for families who have."
)
OTHER_MEDIA = "A video or file was posted with this: it is in the class story."


def may_show_photo(caption: str, pupils: list[Pupil]) -> bool:
    """The class story's own rule, checked again now: every pupil the caption names has
    photo consent (a withdrawal since the post counts)."""
    return all(p.photo_consent for p in pupils if _mentions(caption, p.first_name))


def _at(config: Config, day: date) -> datetime:
    return datetime.combine(day, time(0), tzinfo=config.school.tz)


def school_dates(config: Config, calendar: SchoolCalendar, since: date) -> list[SchoolDate]:
    """Holidays, bank holidays and closures from `since` for `DATES_AHEAD`, runs of days with
    the same name as one entry (a half term is one line, not nine)."""
    dates: list[SchoolDate] = []
    day, until = since, since + DATES_AHEAD
    while day < until:
        name = calendar.closure_name(day)
        if name is not None:
            if dates and dates[-1].name == name and (day - dates[-1].end).days <= 3:
                dates[-1] = SchoolDate(dates[-1].start, day, name)
            else:
                dates.append(SchoolDate(day, day, name))
        day += timedelta(days=1)
    return dates


async def digest_page(
    store: Reader,
    config: Config,
    calendar: SchoolCalendar,
    pupil: Pupil,
    monday: date,
    items: tuple[DigestItem, ...] | None = None,
) -> DigestPage:
    """One child's digest of the week beginning `monday`. `items` (the class's posts, from
    `class_items`) may be passed in when making many pages for one class."""
    school_class = config.class_by_id(pupil.class_id)
    if items is None:
        items = await class_items(store, config, pupil.class_id, monday)
    since, until = _at(config, monday), _at(config, monday + timedelta(days=7))
    totals = await store.points.totals(pupil.id, since=stamp(since), until=stamp(until))
    points = tuple((value, totals.get(value, 0)) for value in config.policy.values)
    points += tuple((v, n) for v, n in totals.items() if v not in config.policy.values)
    school = config.school
    return DigestPage(
        school=school.name,
        class_name=school_class.name if school_class else pupil.class_id,
        child=pupil.first_name,
        monday=monday,
        items=items,
        points=points,
        dates=tuple(school_dates(config, calendar, monday + timedelta(days=5))),
        office=Office(school.name, school.office_email, school.office_phone, school.office_address),
    )


async def class_items(
    store: Reader, config: Config, class_id: str, monday: date
) -> tuple[DigestItem, ...]:
    """The week's posts in the class story and the School Story, in the order they were
    posted, each photo only where it may be shown (a School Story photo is checked against
    every pupil in the school)."""
    since, until = stamp(_at(config, monday)), stamp(_at(config, monday + timedelta(days=7)))
    pupils = {key: await store.pupils.in_story(key) for key in (class_id, None)}
    posts = await store.digests.posts(class_id, since, until)
    posts += await store.digests.posts(None, since, until)
    items = []
    for post in sorted(posts, key=lambda p: datetime.fromisoformat(p.posted_at)):
        person = await store.people.get(post.sender)
        author = person.display_name if person else "The school"
        if post.class_id is None:
            author += ", School Story"
        photo, note = None, None
        if post.kind is PostKind.PHOTO and post.mxc is not None:
            if not may_show_photo(post.text, pupils[post.class_id]):
                note = NOT_SHOWN
            else:
                photo = await store.digests.photo(post.mxc)
                if photo is None:
                    note = "A photo was posted with this: it is in the class story."
        elif post.kind is PostKind.OTHER:
            note = OTHER_MEDIA
        posted = datetime.fromisoformat(post.posted_at).astimezone(config.school.tz)
        items.append(DigestItem(posted, author, post.text, photo, note))
    return tuple(items)


# --- when digests go ---------------------------------------------------------------------


def digest_due(config: Config, calendar: SchoolCalendar, monday: date) -> datetime | None:
    """When the week's digest goes (`digest.day` and `digest.time`); None for a week without
    a working day (a holiday: nothing to tell)."""
    if not any(calendar.is_working_day(monday + timedelta(days=n)) for n in range(7)):
        return None
    day = monday + timedelta(days=WEEKDAYS.index(config.digest.day))
    return datetime.combine(day, config.digest.time, tzinfo=config.school.tz)


async def digest_actions(ctx: Context) -> list[tuple[str, list[Action]]]:
    """(cause, actions) for each registered address whose digest is due and not yet sent:
    this week's once its time has come, and last week's if the bot was down then (not for
    an address registered since)."""
    now = ctx.clock.now()
    this_week = week_start(now.astimezone(ctx.config.school.tz).date())
    recipients = await ctx.store.digests.recipients()
    due: list[tuple[str, list[Action]]] = []
    for monday in (this_week - timedelta(days=7), this_week):
        at = digest_due(ctx.config, ctx.calendar, monday)
        if at is None or now < at:
            continue
        week = week_key(monday)
        items: dict[str, tuple[DigestItem, ...]] = {}
        for recipient in recipients:
            if await ctx.store.digests.was_sent(recipient.id, week):
                continue
            if monday < this_week and recipient.added_at > stamp(at):
                continue  # registered since last week's went: theirs starts with this week's
            pupil = await ctx.store.pupils.get(recipient.pupil_id)
            if pupil is None:
                continue
            if pupil.class_id not in items:
                items[pupil.class_id] = await class_items(
                    ctx.store, ctx.config, pupil.class_id, monday
                )
            page = await digest_page(
                ctx.store, ctx.config, ctx.calendar, pupil, monday, items[pupil.class_id]
            )
            due.append((f"digest:{week}:{recipient.id}", [SendDigest(recipient.id, week, page)]))
    return due


# --- registering and unsubscribing -------------------------------------------------------


@dataclass(frozen=True)
class AddDigestRecipient(StoreAction):
    """The office registers a family's e-mail address for a pupil's digest. The address is
    kept in `digest_recipients` only: never in the audit row or the log."""

    kind: ClassVar[str] = "add_digest_recipient"
    pupil_id: int
    address: str
    added_by: str

    def target(self) -> str | None:
        return f"pupil:{self.pupil_id}"

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        added = await store.digests.add_recipient(
            self.pupil_id, self.address, by=self.added_by, at=at
        )
        return "added" if added else "registered already"


@dataclass(frozen=True)
class RemoveDigestRecipient(StoreAction):
    """Unsubscribe: the address is deleted, with its record of sends."""

    kind: ClassVar[str] = "remove_digest_recipient"
    recipient_id: int

    def target(self) -> str | None:
        return f"recipient:{self.recipient_id}"

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        removed = await store.digests.remove_recipient(self.recipient_id, at=at)
        return "removed" if removed else "gone already"


async def unsubscribe_actions(store: Reader, token: str) -> list[Action]:
    """A valid link removes its address; anything else changes nothing."""
    recipient = await store.digests.recipient_for_token(token)
    return [RemoveDigestRecipient(recipient.id)] if recipient is not None else []
