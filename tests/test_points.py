"""Values-linked points: parsing, resolution, undo window, chart, weekly summary (without a
server), then awards, refusals and undo with real clients on a real Synapse."""

from __future__ import annotations

import io
import json
import re
from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import nio
import pytest
from conftest import (
    BotLauncher,
    Matrix,
    Person,
    RunningBot,
    School,
    eventually,
    join,
    messages,
    notices_in,
    send_text,
)
from PIL import Image

from bot.actions import SendFile, SendMessage, StoreAction
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import load_config
from bot.provisioning import home_key
from bot.roster import import_roster
from handlers import Context, Event
from handlers.command_table import all_commands
from handlers.commands import UsageError, make_handler
from handlers.points import (
    BAR_COLOUR,
    CHART_KEY,
    PLOT_BOTTOM,
    UNDO_WINDOW,
    AwardPoints,
    MarkWeeklySummary,
    bar_height,
    bar_spans,
    batch_id,
    parse_award,
    render_chart,
    summary_due,
    undo_allowed,
    weekly_summary_actions,
)
from storage.people import Person as StoredPerson
from storage.people import Role
from storage.pupils import Pupil
from storage.rooms import RoomKind
from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "rooms.yaml")
CALENDAR = SchoolCalendar(CONFIG)
VALUES = CONFIG.policy.values
SERVER = "test"
BOT = f"@conductbot:{SERVER}"
REID = f"@s.reid:{SERVER}"  # Oak and Maple
KHAN = f"@a.khan:{SERVER}"  # Willow and Maple
OKAFOR = f"@j.okafor:{SERVER}"  # SLT
SAM, KIM, AMELIA_OWN = f"@sam:{SERVER}", f"@kim:{SERVER}", f"@amelia:{SERVER}"

TUESDAY = datetime.fromisoformat("2026-11-24T10:00:00+00:00")
FRIDAY_AFTER_CLOSE = datetime.fromisoformat("2026-11-27T17:01:00+00:00")
FRIDAY_BEFORE_CLOSE = datetime.fromisoformat("2026-11-27T16:59:00+00:00")


# --- parsing ---------------------------------------------------------------------------------


def test_values_are_matched_ignoring_case_and_spelt_as_configured() -> None:
    request = parse_award("Amelia kINDness", VALUES)
    assert (request.who, request.value, request.amount, request.note) == (
        ("Amelia",),
        "Kindness",
        1,
        None,
    )


def test_points_and_note_are_optional_and_separate() -> None:
    request = parse_award("Amelia Kindness 2 helped a friend at lunch", VALUES)
    assert (request.amount, request.note) == (2, "helped a friend at lunch")
    no_number = parse_award("Amelia Kindness helped a friend", VALUES)
    assert (no_number.amount, no_number.note) == (1, "helped a friend")
    assert parse_award("Amelia Teamwork 10", VALUES).amount == 10


@pytest.mark.parametrize("amount", ["0", "11", "-3", "100"])
def test_points_must_be_between_one_and_ten(amount: str) -> None:
    with pytest.raises(UsageError, match="from 1 to 10"):
        parse_award(f"Amelia Kindness {amount} well done", VALUES)


def test_a_wrong_value_gets_the_list_of_values() -> None:
    with pytest.raises(UsageError) as raised:
        parse_award("Amelia Kindnes 2", VALUES)
    assert all(value in str(raised.value) for value in VALUES)
    with pytest.raises(UsageError, match="Kindness, Respect"):
        parse_award("Amelia", VALUES)
    with pytest.raises(UsageError):
        parse_award("", VALUES)
    with pytest.raises(UsageError, match="who"):
        parse_award(", Kindness", VALUES)


def test_several_pupils_initials_and_multi_word_values() -> None:
    request = parse_award("Amelia, Oliver B,DEMO0005 Respect 3", VALUES)
    assert request.who == ("Amelia", "Oliver B", "DEMO0005") and request.value == "Respect"
    assert parse_award("class:oak Teamwork", VALUES).who == ("class:oak",)
    many_words = parse_award("Amelia growth mindset 2 kept trying", ("Kindness", "Growth Mindset"))
    assert (many_words.value, many_words.amount, many_words.note) == (
        "Growth Mindset",
        2,
        "kept trying",
    )
    # The first word always names a pupil, even one who shares a name with a value.
    assert parse_award("Kindness Kindness", VALUES).who == ("Kindness",)


def test_the_batch_is_deterministic_from_the_command_event() -> None:
    assert batch_id("$abc") == batch_id("$abc") != batch_id("$abd")


# --- the commands, on a real database without a server ----------------------------------


class Desk:
    """A store with the demo roster, two linked parents, a pupil account and home rooms."""

    def __init__(self, store: Store) -> None:
        self.store = store
        self.clock = Clock(TUESDAY)
        self.handle = make_handler(all_commands())
        self.count = 0

    async def setup(self) -> Desk:
        now = "2026-11-20T10:00:00+00:00"
        await import_roster(
            self.store, REPO / "demo" / "roster.csv", [c.id for c in CONFIG.classes], now=now
        )
        for user, name, role, staff_id in (
            (REID, "Miss Reid", Role.TEACHER, "reid"),
            (KHAN, "Mr Khan", Role.TEACHER, "khan"),
            (OKAFOR, "Mrs Okafor", Role.SLT, "okafor"),
            (SAM, "Sam", Role.PARENT, None),
            (KIM, "Kim", Role.PARENT, None),
            (AMELIA_OWN, "Amelia", Role.PUPIL, None),
        ):
            await self.store.people.upsert(user, name, role, now=now, staff_id=staff_id)
            await self.store.rooms.add(
                f"!home-{name.split()[-1].lower()}:{SERVER}",
                RoomKind.HOME,
                home_key(user),
                created_at=now,
                owner=user,
            )
        self.amelia = await self.pupil("DEMO0001")
        self.oliver_b = await self.pupil("DEMO0002")
        await self.store.pupils.link_parent(SAM, self.amelia.id, linked_by="t", now=now)
        await self.store.pupils.link_parent(KIM, self.oliver_b.id, linked_by="t", now=now)
        await self.store.db.execute(
            "INSERT INTO pupil_accounts (user_id, pupil_id, linked_at) VALUES (?, ?, ?)",
            (AMELIA_OWN, self.amelia.id, now),
        )
        return self

    async def pupil(self, mis_id: str) -> Pupil:
        pupil = await self.store.pupils.by_mis_id(mis_id)
        assert pupil is not None
        return pupil

    async def send(self, user: str, body: str) -> list:
        """What the bot decides for `body` sent in `user`'s home room; store actions applied."""
        self.count += 1
        person = await self.store.people.get(user)
        room = await self.store.rooms.by_key(home_key(user))
        assert room is not None
        event = Event.from_raw(
            room,
            {
                "event_id": f"$cmd{self.count}",
                "sender": user,
                "type": "m.room.message",
                "origin_server_ts": 1,
                "content": {"msgtype": "m.text", "body": body},
            },
        )
        ctx = self.context(person)
        actions = await self.handle(event, ctx)
        for number, action in enumerate(actions):
            if isinstance(action, StoreAction):
                await action.apply(self.store, f"a{self.count}.{number}", self.clock.iso())
        return actions

    def context(self, sender: StoredPerson | None = None) -> Context:
        return Context(CONFIG, self.store.reader, self.clock, BOT, False, sender, CALENDAR)

    async def room_of(self, user: str) -> str:
        room = await self.store.rooms.by_key(home_key(user))
        assert room is not None
        return room.room_id


def said(actions: list, room_id: str | None = None) -> list[str]:
    return [
        a.content["body"]
        for a in actions
        if isinstance(a, SendMessage) and room_id in (None, a.room_id)
    ]


@pytest.fixture
async def desk(tmp_path: Path) -> AsyncIterator[Desk]:
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        yield await Desk(store).setup()
    finally:
        await store.close()


async def test_an_award_tells_the_pupils_parents_and_own_account_and_nobody_else(
    desk: Desk,
) -> None:
    actions = await desk.send(REID, "!award amelia kindness 2 helped a friend")
    [award] = [a for a in actions if isinstance(a, AwardPoints)]
    assert (award.pupil_ids, award.value, award.amount) == ((desk.amelia.id,), "Kindness", 2)
    assert award.batch == batch_id("$cmd1") and award.awarded_by == REID
    assert said(actions, await desk.room_of(SAM)) == [
        "Amelia got 2 points for Kindness from Miss Reid: helped a friend"
    ]
    assert said(actions, await desk.room_of(AMELIA_OWN)) == [
        "You got 2 points for Kindness from Miss Reid: helped a friend"
    ]
    rooms = {a.room_id for a in actions if isinstance(a, SendMessage)}
    assert rooms == {await desk.room_of(u) for u in (SAM, AMELIA_OWN, REID)}
    assert await desk.store.points.totals(desk.amelia.id) == {"Kindness": 2}


async def test_an_ambiguous_first_name_is_asked_back_never_guessed(desk: Desk) -> None:
    actions = await desk.send(REID, "!award Oliver Respect")
    assert not any(isinstance(a, AwardPoints) for a in actions)
    [answer] = said(actions)
    assert "Oliver Bennett" in answer and "Oliver Thornbury" in answer
    assert '"Oliver B"' in answer and '"Oliver T"' in answer and "DEMO0003" in answer
    assert "Nothing was awarded" in answer
    for spec in ("Oliver B", "oliver bennett", "DEMO0002"):
        resolved = await desk.send(REID, f"!award {spec} Respect")
        [award] = [a for a in resolved if isinstance(a, AwardPoints)]
        assert award.pupil_ids == (desk.oliver_b.id,)


async def test_names_resolve_only_within_the_teachers_classes(desk: Desk) -> None:
    isla = await desk.pupil("DEMO0009")  # Willow: Mr Khan's, not Miss Reid's
    refused = await desk.send(REID, "!award Isla Kindness")
    assert not any(isinstance(a, AwardPoints) for a in refused)
    assert 'can\'t find a pupil called "Isla"' in said(refused)[0]
    [award] = [
        a for a in await desk.send(KHAN, "!award Isla Kindness") if isinstance(a, AwardPoints)
    ]
    assert award.pupil_ids == (isla.id,)
    [by_slt] = [
        a
        for a in await desk.send(OKAFOR, "!award Isla, Amelia Curiosity 3")
        if isinstance(a, AwardPoints)
    ]
    assert set(by_slt.pupil_ids) == {isla.id, desk.amelia.id}
    # One unknown name stops the whole award: nothing half done.
    partial = await desk.send(REID, "!award Amelia, Isla Kindness")
    assert not any(isinstance(a, AwardPoints) for a in partial)


async def test_class_awards_everyone_and_asks_which_class_when_there_are_several(
    desk: Desk,
) -> None:
    asked = await desk.send(REID, "!award class Teamwork")
    assert not any(isinstance(a, AwardPoints) for a in asked)
    assert "class:oak or class:maple" in said(asked)[0]
    actions = await desk.send(REID, "!award class:oak Teamwork 2 tidy classroom")
    [award] = [a for a in actions if isinstance(a, AwardPoints)]
    oak = await desk.store.pupils.in_class("oak")
    assert sorted(award.pupil_ids) == sorted(p.id for p in oak) and len(oak) == 8
    # Families of Oak pupils with accounts are told, each about their own child only.
    assert said(actions, await desk.room_of(SAM)) == [
        "Amelia got 2 points for Teamwork from Miss Reid: tidy classroom"
    ]
    assert said(actions, await desk.room_of(KIM)) == [
        "Oliver got 2 points for Teamwork from Miss Reid: tidy classroom"
    ]
    willow = await desk.send(REID, "!award class:willow Teamwork")
    assert "not one of your classes" in said(willow)[0]
    only_class = await desk.send(OKAFOR, "!award class Teamwork")  # SLT: every class
    assert "class:oak or class:willow or class:maple" in said(only_class)[0]


async def test_parents_and_pupils_cannot_award(desk: Desk) -> None:
    for user in (SAM, AMELIA_OWN):
        actions = await desk.send(user, "!award Amelia Kindness 10")
        assert not any(isinstance(a, AwardPoints) for a in actions)
        assert "not available to you" in said(actions)[0]
    assert await desk.store.points.totals(desk.amelia.id) == {}


async def test_wrong_arguments_get_the_usage_line(desk: Desk) -> None:
    [answer] = said(await desk.send(REID, "!award Amelia Kindness 11"))
    assert "from 1 to 10" in answer and "Usage: !award PUPIL[,PUPIL…|class] VALUE [N]" in answer
    [values] = said(await desk.send(REID, "!award Amelia Happiness"))
    assert "Kindness, Respect, Resilience, Curiosity or Teamwork" in values


def test_the_undo_window_is_ten_minutes() -> None:
    awarded = "2026-11-24T10:00:00.000+00:00"
    assert UNDO_WINDOW == timedelta(minutes=10)
    assert undo_allowed(awarded, datetime.fromisoformat("2026-11-24T10:09:59+00:00"))
    assert undo_allowed(awarded, datetime.fromisoformat("2026-11-24T10:10:00+00:00"))
    assert not undo_allowed(awarded, datetime.fromisoformat("2026-11-24T10:10:01+00:00"))


async def test_undo_takes_back_the_last_award_and_tells_the_family(desk: Desk) -> None:
    await desk.send(REID, "!award Amelia Kindness 2")
    await desk.send(REID, "!award Oliver B Respect 3")
    desk.clock.set(TUESDAY + timedelta(minutes=9))
    actions = await desk.send(REID, "!undo")
    assert "Taken back: 3 points for Respect to Oliver Bennett" in said(actions)[-1]
    assert said(actions, await desk.room_of(KIM)) == [
        "A correction: the 3 points for Respect from Miss Reid that Oliver got earlier were "
        "given by mistake and have been taken back."
    ]
    assert said(actions, await desk.room_of(SAM)) == []
    assert await desk.store.points.totals(desk.oliver_b.id) == {}
    assert await desk.store.points.totals(desk.amelia.id) == {"Kindness": 2}
    desk.clock.set(TUESDAY + timedelta(minutes=11))
    late = await desk.send(REID, "!undo")
    assert "too late" in said(late)[0] and "Amelia Hughes" in said(late)[0]
    assert not any(isinstance(a, StoreAction) for a in late)
    assert await desk.store.points.totals(desk.amelia.id) == {"Kindness": 2}
    # Someone else's awards are not theirs to undo.
    assert "no award to undo" in said(await desk.send(KHAN, "!undo"))[0]


async def test_parents_see_only_their_own_child(desk: Desk) -> None:
    await desk.send(REID, "!award Amelia Kindness 2")
    await desk.send(REID, "!award Oliver B Respect 7 brilliant")
    [own] = said(await desk.send(SAM, "!points"))
    assert "Amelia's points" in own and "Kindness 2" in own
    assert "Oliver" not in own and "7" not in own and "Respect" not in own
    [asked] = said(await desk.send(SAM, "!points Oliver"))
    [nobody] = said(await desk.send(SAM, "!points Zebedee"))
    assert asked == nobody  # the same refusal, whether or not the child exists
    assert "only see the points of your own child (Amelia)" in asked
    assert "7" not in asked and "Respect" not in asked and "Bennett" not in asked
    [pupil] = said(await desk.send(AMELIA_OWN, "!points"))
    assert pupil.startswith("Your points") and "Kindness 2" in pupil
    assert said(await desk.send(AMELIA_OWN, "!points Oliver")) == [
        "Sorry, you can only see your own points."
    ]


async def test_this_term_means_this_term(desk: Desk) -> None:
    desk.clock.set(datetime.fromisoformat("2026-07-10T10:00:00+00:00"))  # last school year
    await desk.send(REID, "!award Amelia Kindness 5")
    desk.clock.set(datetime.fromisoformat("2026-11-17T10:00:00+00:00"))  # last week
    await desk.send(REID, "!award Amelia Respect 3")
    desk.clock.set(TUESDAY)
    await desk.send(REID, "!award Amelia Kindness 2")
    [own] = said(await desk.send(SAM, "!points"))
    assert "This week: 2 points (Kindness 2)" in own, own
    assert "This term (since Wednesday 2 September): 5 points (Kindness 2, Respect 3)" in own
    [whole] = said(await desk.send(REID, "!points class:oak"))
    assert whole.startswith("Oak Class: points this week / this term (since Wednesday")
    assert "Amelia Hughes: 2 / 5" in whole
    desk.clock.set(datetime.fromisoformat("2027-01-12T10:00:00+00:00"))  # the spring term
    [spring] = said(await desk.send(SAM, "!points"))
    assert "This term (since Tuesday 5 January): no points yet" in spring, spring


async def test_teachers_see_a_pupil_or_their_class_and_never_a_ranking(desk: Desk) -> None:
    await desk.send(REID, "!award Oliver B Respect 7")
    await desk.send(REID, "!award Amelia Kindness 2")
    [one] = said(await desk.send(REID, "!points Oliver B"))
    assert one.startswith("Oliver Bennett (Oak Class)") and "Respect 7" in one
    [whole] = said(await desk.send(REID, "!points class:oak"))
    lines = whole.splitlines()[1:]
    assert lines[0] == "Amelia Hughes: 2 / 2"  # register order, not by points
    assert "Oliver Bennett: 7 / 7" in lines and len(lines) == 8
    [not_theirs] = said(await desk.send(KHAN, "!points Amelia"))
    assert "can't find" in not_theirs and "Kindness" not in not_theirs


# --- the chart and the weekly summary ------------------------------------------------------


def decoded(png: bytes) -> Image.Image:
    image = Image.open(io.BytesIO(png))
    image.load()
    return image


def bar_heights(image: Image.Image, count: int) -> list[int]:
    """The height of each value's bar, measured in the middle of its span."""
    pixels = image.convert("RGB")
    heights = []
    for left, right in bar_spans(count):
        middle = (left + right) // 2
        heights.append(sum(pixels.getpixel((middle, y)) == BAR_COLOUR for y in range(PLOT_BOTTOM)))
    return heights


def only_the_childs_bars(image: Image.Image, values: tuple[str, ...], totals: dict) -> bool:
    """Every bar-coloured pixel belongs to one of the child's bars, at the child's heights:
    nothing else (another child, a class average) is drawn in the plot."""
    most = max(totals.values())
    expected = sum(
        bar_height(totals.get(v, 0), most) * (right - left + 1)
        for v, (left, right) in zip(values, bar_spans(len(values)), strict=True)
    )
    data, bar = image.convert("RGB").tobytes(), bytes(BAR_COLOUR)
    coloured = sum(data[i : i + 3] == bar for i in range(0, len(data), 3))
    return coloured == expected and bar_heights(image, len(values)) == [
        bar_height(totals.get(v, 0), most) for v in values
    ]


def test_the_chart_is_a_png_of_the_childs_own_values() -> None:
    totals = {"Kindness": 4, "Teamwork": 2}
    image = decoded(render_chart(VALUES, totals))
    assert image.format == "PNG" and image.size == (480, 300)
    assert json.loads(image.text[CHART_KEY]) == {v: totals.get(v, 0) for v in VALUES}
    assert only_the_childs_bars(image, VALUES, totals)
    assert bar_heights(image, len(VALUES))[0] > bar_heights(image, len(VALUES))[4] > 0


async def test_the_weekly_summary_goes_to_the_parents_and_pupil_once_with_only_their_chart(
    desk: Desk,
) -> None:
    await desk.send(REID, "!award Amelia Kindness 2")
    await desk.send(REID, "!award Amelia Teamwork 1")
    await desk.send(REID, "!award Oliver B Respect 9")
    await desk.send(REID, "!award Oliver B, Amelia Curiosity 1")
    desk.clock.set(FRIDAY_BEFORE_CLOSE)
    assert await weekly_summary_actions(desk.context()) == []
    desk.clock.set(FRIDAY_AFTER_CLOSE)
    due = dict(await weekly_summary_actions(desk.context()))
    amelia = due[f"weekly-summary:2026-W48:{desk.amelia.id}"]
    assert {a.room_id for a in amelia if isinstance(a, SendMessage | SendFile)} == {
        await desk.room_of(SAM),
        await desk.room_of(AMELIA_OWN),
    }  # the parents and Amelia's own account (issue 15, item 5), nobody else
    [text] = said(amelia, await desk.room_of(SAM))
    assert "Amelia's week" in text and "4 points (Kindness 2, Curiosity 1, Teamwork 1)" in text
    assert "Oliver" not in text and "Respect" not in text
    [own] = said(amelia, await desk.room_of(AMELIA_OWN))
    assert own.startswith("Your week") and "4 points (Kindness 2, Curiosity 1, Teamwork 1)" in own
    [chart, _] = [a for a in amelia if isinstance(a, SendFile)]
    assert chart.msgtype == "m.image" and chart.mimetype == "image/png"
    image = decoded(chart.data)
    expected = {"Kindness": 2, "Teamwork": 1, "Curiosity": 1}
    assert json.loads(image.text[CHART_KEY]) == {v: expected.get(v, 0) for v in VALUES}
    assert only_the_childs_bars(image, VALUES, expected)
    assert isinstance(amelia[-1], MarkWeeklySummary)
    for actions in due.values():
        for action in actions:
            if isinstance(action, StoreAction):
                await action.apply(desk.store, "x", desk.clock.iso())
    assert await weekly_summary_actions(desk.context()) == []  # once per child per week
    desk.clock.set(FRIDAY_AFTER_CLOSE + timedelta(days=3))  # Monday: still nothing again
    assert await weekly_summary_actions(desk.context()) == []


async def test_a_bot_down_on_friday_catches_up_on_monday(desk: Desk) -> None:
    await desk.send(REID, "!award Amelia Kindness 2")
    desk.clock.set(datetime.fromisoformat("2026-11-30T09:00:00+00:00"))
    assert [cause for cause, _ in await weekly_summary_actions(desk.context())] == [
        f"weekly-summary:2026-W48:{desk.amelia.id}"
    ]


async def test_no_summary_in_a_holiday_week(desk: Desk) -> None:
    desk.clock.set(datetime.fromisoformat("2026-12-22T10:00:00+00:00"))  # Christmas holidays
    await desk.send(REID, "!award Amelia Kindness 2 a kind holiday card")
    assert await desk.store.points.totals(desk.amelia.id) == {"Kindness": 2}
    desk.clock.set(datetime.fromisoformat("2026-12-27T20:00:00+00:00"))
    assert await weekly_summary_actions(desk.context()) == []
    desk.clock.set(datetime.fromisoformat("2027-01-03T20:00:00+00:00"))  # the next week too
    assert await weekly_summary_actions(desk.context()) == []


def test_when_the_summary_is_due() -> None:
    ctx = Context(CONFIG, None, Clock(), BOT, False, None, CALENDAR)  # type: ignore[arg-type]
    monday = datetime.fromisoformat("2026-11-23").date()
    assert summary_due(ctx, monday) == datetime.fromisoformat("2026-11-27T17:00:00+00:00")
    christmas = datetime.fromisoformat("2026-12-21").date()
    half_term = datetime.fromisoformat("2026-10-26").date()
    assert summary_due(ctx, christmas) is None and summary_due(ctx, half_term) is None
    # Good Friday 2027 is a bank holiday: that week ends on Thursday.
    easter = datetime.fromisoformat("2027-03-22").date()
    assert summary_due(ctx, easter) == datetime.fromisoformat("2027-03-25T17:00:00+00:00")


# --- with real clients on a real Synapse ------------------------------------------------------


class Classroom:
    """Miss Reid in her home room; Sam (Amelia's parent) and Kim (Oliver B's) in theirs."""

    def __init__(self, bot: RunningBot, matrix: Matrix, school: School) -> None:
        self.bot, self.matrix, self.school = bot, matrix, school

    async def setup(self) -> Classroom:
        self.bot.app.clock.set(TUESDAY)
        self.teacher = await self.matrix.client(self.school.staff["reid"])
        self.teacher_home = await self.bot.room(home_key(self.school.staff["reid"].user_id))
        await join(self.teacher, self.teacher_home)
        self.sam, self.sam_home, self.sam_person = await self.parent("sam", "Amelia Hughes")
        self.kim, self.kim_home, _ = await self.parent("kim", "Oliver Bennett")
        return self

    async def parent(self, name: str, pupil: str) -> tuple[nio.AsyncClient, str, Person]:
        person = self.matrix.register(name, displayname=name.title())
        await self.bot.link(person, pupil)
        client = await self.matrix.client(person)
        home = await self.bot.room(home_key(person.user_id))
        await join(client, home)
        return client, home, person

    async def command(self, client: nio.AsyncClient, room: str, body: str) -> str:
        sent = await send_text(client, room, body)
        await eventually(lambda: self.bot.store.events.outcome(sent))
        return sent

    async def answer_to(self, client: nio.AsyncClient, room: str, event_id: str) -> str:
        async def found() -> str | None:
            for e in await messages(client, room):
                relates = e["content"].get("m.relates_to", {}).get("m.in_reply_to", {})
                if relates.get("event_id") == event_id:
                    return e["content"]["body"]
            return None

        return await eventually(found)

    async def amelia(self) -> Pupil:
        pupil = await self.bot.store.pupils.by_mis_id("DEMO0001")
        assert pupil is not None
        return pupil


@pytest.fixture
async def classroom(school: School, launch: BotLauncher, matrix: Matrix) -> Classroom:
    return await Classroom(await launch(), matrix, school).setup()


async def _points_notices(client: nio.AsyncClient, room: str) -> list[str]:
    """Awards, not the room's first word (which says points are told here)."""
    return [n for n in await notices_in(client, room) if re.search(r"\bgot \d+ points? for\b", n)]


async def test_an_award_reaches_the_pupils_parents_and_nobody_else(classroom: Classroom) -> None:
    kim_before = [e["event_id"] for e in await messages(classroom.kim, classroom.kim_home)]
    sent = await classroom.command(
        classroom.teacher, classroom.teacher_home, "!award Amelia kindness 2 helped a friend"
    )
    answer = await classroom.answer_to(classroom.teacher, classroom.teacher_home, sent)
    assert answer.startswith("Awarded 2 points for Kindness to Amelia Hughes")
    assert "Their family has been told" in answer
    told = await eventually(lambda: _points_notices(classroom.sam, classroom.sam_home))
    assert told == ["Amelia got 2 points for Kindness from Miss Reid: helped a friend"]
    # Kim's own sync, after Sam's notice arrived: nothing new in Kim's home room at all.
    synced = await classroom.kim.sync(timeout=0, full_state=True)
    assert isinstance(synced, nio.SyncResponse)
    timeline = synced.rooms.join[classroom.kim_home].timeline.events
    assert not any("Amelia got" in getattr(e, "body", "") for e in timeline)
    assert [e["event_id"] for e in await messages(classroom.kim, classroom.kim_home)] == kim_before
    amelia = await classroom.amelia()
    assert await classroom.bot.store.points.totals(amelia.id) == {"Kindness": 2}
    audited = await classroom.bot.store.audit.recent(kind="award_points")
    assert len(audited) == 1 and audited[0].cause == sent and audited[0].result == "ok"


async def test_a_parent_cannot_award_or_see_another_childs_points(classroom: Classroom) -> None:
    award = await classroom.command(
        classroom.teacher, classroom.teacher_home, "!award Oliver B Respect 7"
    )
    await classroom.answer_to(classroom.teacher, classroom.teacher_home, award)
    tried = await classroom.command(classroom.sam, classroom.sam_home, "!award Amelia Kindness 10")
    refusal = await classroom.answer_to(classroom.sam, classroom.sam_home, tried)
    assert refusal == "Sorry, !award is not available to you."
    amelia = await classroom.amelia()
    assert await classroom.bot.store.points.totals(amelia.id) == {}
    assert await classroom.bot.store.audit.recent(kind="award_points") != []  # only Reid's
    assert len(await classroom.bot.store.audit.recent(kind="award_points")) == 1
    nosy = await classroom.command(classroom.sam, classroom.sam_home, "!points Oliver")
    answer = await classroom.answer_to(classroom.sam, classroom.sam_home, nosy)
    assert answer == "Sorry, you can only see the points of your own child (Amelia)."
    own = await classroom.command(classroom.sam, classroom.sam_home, "!points")
    mine = await classroom.answer_to(classroom.sam, classroom.sam_home, own)
    assert mine.startswith("Amelia's points") and "no points yet" in mine
    assert "Respect" not in mine and "7" not in mine and "Oliver" not in mine


async def test_undo_works_then_expires(classroom: Classroom) -> None:
    bot, teacher, home = classroom.bot, classroom.teacher, classroom.teacher_home
    amelia = await classroom.amelia()
    await classroom.command(teacher, home, "!award Amelia Curiosity 3 great question")
    bot.app.clock.set(TUESDAY + timedelta(minutes=5))
    undo = await classroom.command(teacher, home, "!undo")
    answer = await classroom.answer_to(teacher, home, undo)
    assert answer.startswith("Taken back: 3 points for Curiosity to Amelia Hughes")
    assert await bot.store.points.totals(amelia.id) == {}
    corrected = await eventually(lambda: _has_correction(classroom))
    assert (
        "3 points for Curiosity from Miss Reid that Amelia got earlier were given by "
        "mistake" in corrected
    )
    assert len(await bot.store.audit.recent(kind="undo_award")) == 1

    await classroom.command(teacher, home, "!award Amelia Kindness")
    bot.app.clock.set(TUESDAY + timedelta(minutes=16))
    late = await classroom.command(teacher, home, "!undo")
    assert "too late" in await classroom.answer_to(teacher, home, late)
    assert await bot.store.points.totals(amelia.id) == {"Kindness": 1}
    assert len(await bot.store.audit.recent(kind="undo_award")) == 1
    notices = await notices_in(classroom.sam, classroom.sam_home)
    assert sum("correction" in n for n in notices) == 1


async def _has_correction(classroom: Classroom) -> str | None:
    for body in await notices_in(classroom.sam, classroom.sam_home):
        if body.startswith("A correction"):
            return body
    return None


async def test_the_weekly_summary_posts_each_child_to_their_own_parents(
    classroom: Classroom,
) -> None:
    bot, teacher, home = classroom.bot, classroom.teacher, classroom.teacher_home
    await classroom.command(teacher, home, "!award Amelia Kindness 2")
    await classroom.command(teacher, home, "!award Oliver B Respect 5")
    await classroom.command(teacher, home, "!award Amelia Teamwork")
    bot.app.clock.set(FRIDAY_AFTER_CLOSE)
    for cause, actions in await weekly_summary_actions(bot.app.context()):
        assert all(o.ok for o in await bot.app.executor.run(actions, cause=cause))
    assert await weekly_summary_actions(bot.app.context()) == []

    async def images(client: nio.AsyncClient, room: str) -> list[dict]:
        return [
            e["content"]
            for e in await messages(client, room)
            if e["content"].get("msgtype") == "m.image"
        ]

    [sam_chart] = await eventually(lambda: images(classroom.sam, classroom.sam_home))
    [kim_chart] = await eventually(lambda: images(classroom.kim, classroom.kim_home))
    assert sam_chart["info"]["mimetype"] == "image/png" and sam_chart["info"]["w"] == 480
    download = await classroom.sam.download(mxc=sam_chart["url"])
    assert isinstance(download, nio.MemoryDownloadResponse), download
    amelia = {"Kindness": 2, "Teamwork": 1}
    image = decoded(download.body)
    assert json.loads(image.text[CHART_KEY]) == {v: amelia.get(v, 0) for v in VALUES}
    assert only_the_childs_bars(image, VALUES, amelia)
    sam_text = [n for n in await notices_in(classroom.sam, classroom.sam_home) if "week" in n]
    kim_text = [n for n in await notices_in(classroom.kim, classroom.kim_home) if "week" in n]
    assert len(sam_text) == 1 and "Amelia's week" in sam_text[0] and "Oliver" not in sam_text[0]
    assert len(kim_text) == 1 and "Oliver's week" in kim_text[0] and "Amelia" not in kim_text[0]
    assert kim_chart["url"] != sam_chart["url"]
