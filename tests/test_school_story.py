"""The School Story: whole-school news from SLT and the office, with real clients on a real
Synapse (every family gets it, its replies are moderated as in a class story, announcements
go out at their time by the injected clock, pins), and fast tests of `!schedule`'s words
and of the digest.

Mrs Okafor is SLT, Mrs Lewis is the office (rooms.yaml); Amelia is in Oak, Isla in Willow.
"""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    Person,
    RunningBot,
    School,
    eventually,
    is_redacted,
    join,
    messages,
    send_text,
)

from bot.actions import Pin, SendMessage
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import load_config
from bot.provisioning import SCHOOL_STORY_KEY, home_key
from handlers import Context, Event
from handlers.command_table import all_commands
from handlers.commands import make_handler
from handlers.digest import class_items
from handlers.school_story import (
    MarkAnnounced,
    MarkPinned,
    ScheduleAnnouncement,
    ScheduleError,
    announcement_actions,
    parse_announcement,
)
from storage.digest import PostKind, StoryPost
from storage.people import Role
from storage.rooms import RoomKind
from storage.school_story import PostStatus
from storage.store import Store

LONDON = ZoneInfo("Europe/London")
#: Monday 23 November 2026, 09:00 in London (GMT).
MONDAY_9AM = datetime(2026, 11, 23, 9, 0, tzinfo=LONDON)
REPO = Path(__file__).resolve().parent.parent
KIND = "Thank you, what lovely news! We can't wait 😊"
UNKIND = "This is rubbish, worst school ever, the head is useless"


# --- the words of `!schedule` (no server) ---------------------------------------------------


def when(text: str) -> datetime:
    return parse_announcement(text, MONDAY_9AM, LONDON).due


def test_a_date_a_weekday_today_and_tomorrow_are_local_times_still_to_come() -> None:
    assert when("2026-12-01 08:30 Flu jabs") == datetime(2026, 12, 1, 8, 30, tzinfo=LONDON)
    assert when("tue 08:30 Sports day") == datetime(2026, 11, 24, 8, 30, tzinfo=LONDON)
    assert when("Friday 15:15 Cake sale") == datetime(2026, 11, 27, 15, 15, tzinfo=LONDON)
    # a weekday is the next one still to come: today's later, next week's once it has gone
    assert when("mon 16:00 Clubs") == datetime(2026, 11, 23, 16, 0, tzinfo=LONDON)
    assert when("mon 08:00 Clubs") == datetime(2026, 11, 30, 8, 0, tzinfo=LONDON)
    assert when("today 9:05 Soon") == datetime(2026, 11, 23, 9, 5, tzinfo=LONDON)
    assert when("tomorrow 07:45 Early") == datetime(2026, 11, 24, 7, 45, tzinfo=LONDON)
    # summer time: 08:30 in London is 07:30 UTC
    assert when("2027-06-01 08:30 Trip").utcoffset().total_seconds() == 3600  # type: ignore[union-attr]


def test_the_text_keeps_its_lines_and_a_final_pin_flag_pins_it() -> None:
    announcement = parse_announcement(
        "wed 08:30 Nativity tickets\nare on sale now --pin", MONDAY_9AM, LONDON
    )
    assert announcement.text == "Nativity tickets\nare on sale now"
    assert announcement.pin
    plain = parse_announcement("wed 08:30 Please use --pin numbers", MONDAY_9AM, LONDON)
    assert not plain.pin and plain.text == "Please use --pin numbers"  # only as the last word
    glued = parse_announcement("wed 08:30 Bring a jumper--pin", MONDAY_9AM, LONDON)
    assert not glued.pin and glued.text == "Bring a jumper--pin"


@pytest.mark.parametrize(
    ("words", "said"),
    [
        ("", "Say when and what"),
        ("tomorrow", "No time given"),
        ("2026-12-01", "No time given"),
        ("funday 08:30 Cake", "“funday” is not a day I know"),
        ("2026-02-30 08:30 Cake", "2026-02-30 is not a real date"),
        ("tue 8.30 Cake", "“8.30” is not a time"),
        ("tue 24:00 Cake", "“24:00” is not a time"),
        ("tue 08:30", "There is nothing to post"),
        ("tue 08:30 --pin", "There is nothing to post"),
        ("2026-11-20 08:30 Too late", "Friday 20 November 2026, 08:30 has already passed"),
        ("today 08:59 Too late", "has already passed"),
    ],
)
def test_bad_words_are_refused_with_what_to_write_instead(words: str, said: str) -> None:
    with pytest.raises(ScheduleError, match=said):
        parse_announcement(words, MONDAY_9AM, LONDON)


async def test_the_digest_has_the_weeks_school_story_posts_beside_the_class_story(
    tmp_path: Path,
) -> None:
    config = load_config(REPO / "rooms.yaml")
    store = await Store.open(tmp_path / "db.sqlite")
    try:

        def post(event_id: str, class_id: str | None, at: str, text: str) -> StoryPost:
            return StoryPost(event_id, "!r", class_id, "@x:s", at, text, None, PostKind.TEXT)

        for story_post in (
            post("$1", "oak", "2026-11-24T10:00:00+00:00", "Oak planted bulbs"),
            post("$2", None, "2026-11-23T08:30:00+00:00", "Flu jabs on Tuesday"),
            post("$3", "willow", "2026-11-24T11:00:00+00:00", "Willow's trip"),
            post("$4", None, "2026-11-16T08:30:00+00:00", "Last week's news"),
        ):
            await store.digests.remember_post(story_post)
        items = await class_items(store, config, "oak", date(2026, 11, 23))
    finally:
        await store.close()
    assert [(i.text, i.author) for i in items] == [
        ("Flu jabs on Tuesday", "The school, School Story"),
        ("Oak planted bulbs", "The school"),
    ]


async def test_the_plans_for_an_announcement_post_it_record_it_then_pin_it(
    tmp_path: Path,
) -> None:
    """Decisions as data (no server): what the bot plans for `!schedule` and for a post
    whose time has come, at each step."""
    config = load_config(REPO / "rooms.yaml")
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        office, home = "@k.lewis:x", "!home"
        await store.people.upsert(office, "Mrs Lewis", Role.OFFICE, now="t", staff_id="lewis")
        await store.rooms.add("!school", RoomKind.STORY, SCHOOL_STORY_KEY, created_at="t")
        await store.rooms.add(home, RoomKind.HOME, home_key(office), created_at="t", owner=office)
        ctx = Context(
            config,
            store.reader,
            Clock(MONDAY_9AM),
            "@bot:x",
            False,
            await store.people.get(office),
            SchoolCalendar(config),
        )
        command = {
            "event_id": "$c",
            "sender": office,
            "type": "m.room.message",
            "origin_server_ts": 1,
            "content": {"msgtype": "m.text", "body": "!schedule fri 15:15 Cake sale --pin"},
        }
        handle = make_handler(all_commands())
        home_room = await store.rooms.get(home)
        assert home_room is not None
        [schedule, answer] = await handle(Event.from_raw(home_room, command), ctx)
        assert schedule == ScheduleAnnouncement(
            office, "2026-11-27T15:15:00.000+00:00", "Cake sale", True
        )
        assert isinstance(answer, SendMessage) and answer.room_id == home
        refused = command | {"content": {"msgtype": "m.text", "body": "!schedule fri Cake"}}
        [only] = await handle(Event.from_raw(home_room, refused), ctx)
        assert isinstance(only, SendMessage) and "Nothing was scheduled" in only.content["body"]

        post_id = await schedule.apply(store, "$cmd", "t")
        assert post_id is not None
        assert await schedule.apply(store, "$cmd", "t") is None  # the command handled again
        [post] = await store.scheduled.due("2026-11-27T15:15:00.000+00:00")
        send, mark = await announcement_actions(ctx, post)
        assert isinstance(send, SendMessage) and send.room_id == "!school"
        assert send.content["body"] == "Cake sale\n\n— Mrs Lewis"
        assert isinstance(mark, MarkAnnounced) and mark.post_id == int(post_id)
        post_id = int(post_id)
        await store.scheduled.set_status(post_id, PostStatus.POSTED, at="t", event_id="$p")
        [posted] = await store.scheduled.due("2026-11-27T15:16:00.000+00:00")
        assert await announcement_actions(ctx, posted) == [
            Pin("!school", "$p"),
            MarkPinned(post_id),
        ]
        await store.scheduled.set_status(post_id, PostStatus.PINNED, at="t")
        assert await store.scheduled.due("2026-11-27T15:16:00.000+00:00") == []
    finally:
        await store.close()


# --- on the real server ----------------------------------------------------------------------


class SchoolStory:
    """The School Story with SLT, the office and two families in different classes."""

    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self) -> SchoolStory:
        self.room = await self.bot.room(SCHOOL_STORY_KEY)
        self.head = await self.staff("okafor")
        self.office = await self.staff("lewis")
        self.office_home = await self.bot.room(home_key(self.school.staff["lewis"].user_id))
        await join(self.office, self.office_home)
        self.sam, self.sam_person = await self.family("sam", "Amelia Hughes")
        self.priya, self.priya_person = await self.family("priya", "Isla Patel")
        return self

    async def staff(self, staff_id: str) -> nio.AsyncClient:
        client = await self.matrix.client(self.school.staff[staff_id])
        await join(client, self.room)
        return client

    async def family(self, name: str, pupil: str) -> tuple[nio.AsyncClient, Person]:
        """Linked as the bot links a family: invited to the School Story, which they join."""
        person = self.matrix.register(name, displayname=name.title())
        await self.bot.link(person, pupil)
        client = await self.matrix.client(person)
        synced = await client.sync(timeout=0)
        assert self.room in synced.rooms.invite  # invited by the link, like a class story
        await join(client, self.room)
        await join(client, await self.bot.room(home_key(person.user_id)))
        return client, person

    async def sees(self, client: nio.AsyncClient, body: str) -> list[dict]:
        return [
            e
            for e in await messages(client, self.room)
            if body in (e.get("content", {}).get("body") or "")
        ]

    async def pins(self, client: nio.AsyncClient) -> list[str]:
        state = await client.room_get_state_event(self.room, "m.room.pinned_events")
        assert isinstance(state, nio.RoomGetStateEventResponse), state
        return state.content.get("pinned", [])

    async def answer(self, command: str) -> str:
        """The office sends a command in their own room; the bot's reply to it."""
        sent = await send_text(self.office, self.office_home, command)

        async def replied() -> list[str]:
            return [
                e["content"]["body"]
                for e in await messages(self.office, self.office_home)
                if e["content"].get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
                == sent
            ]

        [said] = await eventually(replied)
        return said


@pytest.fixture
async def story(school: School, launch: BotLauncher, matrix: Matrix) -> SchoolStory:
    bot = await launch()
    bot.app.clock.set(MONDAY_9AM)
    return await SchoolStory(bot, matrix, school).setup()


async def test_a_post_reaches_every_family_and_replies_follow_the_class_story_rules(
    story: SchoolStory,
) -> None:
    news = "Harvest festival on Friday: please bring a tin for the food bank."
    post = await send_text(story.office, story.room, news)
    for family in (story.sam, story.priya):
        await eventually(lambda family=family: story.sees(family, news))

    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post}}}
    unkind = await send_text(story.sam, story.room, UNKIND, **relation)
    kind = await send_text(story.priya, story.room, KIND, **relation)
    await eventually(lambda: is_redacted(story.priya, story.room, unkind))
    await eventually(lambda: story.bot.store.events.outcome(kind))
    assert not await is_redacted(story.sam, story.room, kind)
    await eventually(
        lambda: story.bot.store.events.outcome(unkind)
    )  # its strike follows the redaction
    strikes = await story.bot.store.discipline.strikes(story.sam_person.user_id)
    assert [s.rule for s in strikes] == ["negative"]
    # a family's own top-level post comes down, as in a class story
    own = await send_text(story.priya, story.room, "Does anyone know when the fair is?")
    await eventually(lambda: is_redacted(story.sam, story.room, own))


async def test_a_scheduled_post_appears_at_its_time_even_after_a_restart_and_is_pinned(
    story: SchoolStory, launch: BotLauncher
) -> None:
    text = "Flu vaccinations are on Tuesday morning.\nPlease return the consent forms."
    said = await story.answer(f"!schedule tue 08:30 {text} --pin")
    assert "Tuesday 24 November 2026, 08:30" in said and "pinned" in said
    [waiting] = await story.bot.store.scheduled.waiting()
    assert (waiting.text, waiting.pin) == (text, True)
    listed = await story.answer("!schedule list")
    assert f"{waiting.id}. Tuesday 24 November 2026, 08:30" in listed and "Mrs Lewis" in listed

    # The bot restarts: the announcement is in the database, not in a job.
    await story.bot.stop()
    bot = await launch(start=False)
    # Five minutes before its time (the clock runs on meanwhile, but not that far): nothing,
    # neither at start (the catch-up of anything overdue) nor when asked.
    bot.app.clock.set(datetime(2026, 11, 24, 8, 25, tzinfo=LONDON))
    await bot.start()
    assert await bot.app.announce_due() == 0
    assert await story.sees(story.sam, "Flu vaccinations") == []
    assert (await bot.store.scheduled.get(waiting.id)).status is PostStatus.WAITING  # type: ignore[union-attr]

    bot.app.clock.set(datetime(2026, 11, 24, 8, 30, tzinfo=LONDON))
    await bot.app.announce_due()  # the 5-second job may have been first: either posts it once
    [posted] = await eventually(lambda: story.sees(story.sam, "Flu vaccinations"))
    assert posted["content"]["body"] == f"{text}\n\n— Mrs Lewis"
    assert posted["sender"] == story.school.bot.user_id
    await eventually(lambda: story.sees(story.priya, "Flu vaccinations"))

    async def pinned() -> bool:
        return posted["event_id"] in await story.pins(story.sam)

    await eventually(pinned)

    async def recorded_pinned() -> bool:  # MarkPinned follows the Pin
        record = await bot.store.scheduled.get(waiting.id)
        return record is not None and record.status is PostStatus.PINNED

    assert await eventually(recorded_pinned)
    assert len(await story.sees(story.priya, "Flu vaccinations")) == 1  # once, never twice


async def test_staff_pin_with_a_reply_and_a_family_cannot_change_the_pins(
    story: SchoolStory,
) -> None:
    news = "The school nativity is on 10 December at 14:00."
    post = await send_text(story.head, story.room, news)
    await eventually(lambda: story.bot.store.story.get(post))
    before = await story.pins(story.sam)  # the code of conduct, pinned when the room was made
    assert len(before) == 1

    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post}}}
    command = await send_text(story.head, story.room, "!pin", **relation)

    async def pinned() -> bool:
        return post in await story.pins(story.priya)

    await eventually(pinned)
    await eventually(lambda: is_redacted(story.sam, story.room, command))  # taken out at once

    # A family cannot set the pins (the room's power levels) …
    refused = await story.sam.room_put_state(story.room, "m.room.pinned_events", {"pinned": []})
    assert isinstance(refused, nio.RoomPutStateError), refused
    # … and their "!pin" is only a reply, under the story's rules.
    other = await send_text(story.head, story.room, "Christmas jumper day on Friday!")
    await eventually(lambda: story.bot.store.story.get(other))
    theirs = await send_text(
        story.sam, story.room, "!pin", **{"m.relates_to": {"m.in_reply_to": {"event_id": other}}}
    )
    await eventually(lambda: story.bot.store.events.outcome(theirs))
    assert await story.pins(story.sam) == [*before, post]


async def test_bad_schedule_requests_are_refused_and_change_nothing(story: SchoolStory) -> None:
    for command, said in (
        ("!schedule tomorrow", "No time given"),
        ("!schedule funday 08:30 Cake sale", "“funday” is not a day I know"),
        ("!schedule 2026-11-20 08:30 Cake sale", "has already passed"),
        ("!schedule wed 08:30", "There is nothing to post"),
        ("!schedule cancel 99", "There is no scheduled post number 99"),
    ):
        answer = await story.answer(command)
        assert said in answer, answer
        assert "Nothing was" in answer
    assert await story.bot.store.scheduled.waiting() == []
    # and the families' side: only staff who post there may schedule
    sam_home = await story.bot.room(home_key(story.sam_person.user_id))
    attempt = await send_text(story.sam, sam_home, "!schedule wed 08:30 Party")
    await eventually(lambda: story.bot.store.events.outcome(attempt))
    assert await story.bot.store.scheduled.waiting() == []


async def test_a_scheduled_post_can_be_cancelled(story: SchoolStory) -> None:
    await story.answer("!schedule wed 10:00 Coffee morning in the hall")
    [waiting] = await story.bot.store.scheduled.waiting()
    said = await story.answer(f"!schedule cancel {waiting.id}")
    assert said.startswith(f"Cancelled: number {waiting.id}")
    story.bot.app.clock.set(datetime(2026, 11, 25, 10, 1, tzinfo=LONDON))
    assert await story.bot.app.announce_due() == 0
    assert await story.sees(story.sam, "Coffee morning") == []


async def test_with_the_guard_module_an_unkind_reply_never_stays_and_a_kind_one_is_let_through(
    guarded_school: School, launch_guarded: BotLauncher, guarded_matrix: Matrix
) -> None:
    """The guard module asks the bot about every event, and the bot answers for the School
    Story as for any story room (by the room's kind): an unkind reply is refused at send
    time, or removed after delivery when the module's wait ran out; a kind one goes in."""
    bot = await launch_guarded()
    bot.app.clock.set(MONDAY_9AM)
    story = await SchoolStory(bot, guarded_matrix, guarded_school).setup()
    post = await send_text(story.office, story.room, "Our Christmas fair is on Saturday.")
    await eventually(lambda: story.sees(story.sam, "Christmas fair"))
    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post}}}

    unkind = await story.sam.room_send(
        story.room, "m.room.message", {"msgtype": "m.text", "body": UNKIND} | relation
    )
    if isinstance(unkind, nio.RoomSendError):
        assert unkind.status_code == "M_FORBIDDEN", unkind
        assert (unkind.message or "").startswith("Your reply was not posted."), unkind
    else:
        await eventually(lambda: is_redacted(story.priya, story.room, unkind.event_id))
    kind = await send_text(story.priya, story.room, KIND, **relation)
    await eventually(lambda: story.bot.store.events.outcome(kind))
    assert not await is_redacted(story.sam, story.room, kind)
    assert await story.sees(story.priya, UNKIND) == []
