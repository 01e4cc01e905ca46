"""SLT commands in the escalation room, and user reports fetched from Synapse's admin API."""

from __future__ import annotations

import csv
import io
from collections.abc import AsyncIterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import aiohttp
import nio
import pytest
from conftest import Matrix, join, messages, send_text

from bot.actions import Action, Executor, Invite, RecordIncident, SendFile, SendMessage, StoreAction
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import load_config
from bot.provisioning import home_key
from bot.reports import EventReports
from handlers import Context, Event
from handlers.command_table import all_commands
from handlers.commands import make_handler
from handlers.discipline import INCIDENT_KEY, Pardon, Reinstate
from handlers.escalation import CSV_COLUMNS, day, matrix_user_id, since
from storage.incidents import Incident
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "rooms.yaml")
NOW = datetime(2026, 11, 20, 12, 0, tzinfo=UTC)
HEAD, TEACHER, PARENT, OTHER = "@head:x", "@reid:x", "@jane:x", "@sam:x"
ESC, OAK, HOME = "!esc:x", "!oak:x", "!home-jane:x"
CREATED = "2026-09-01T08:00:00+00:00"

handle = make_handler(all_commands())


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "db.sqlite")
    await store.rooms.add(ESC, RoomKind.ESCALATION, "escalation", created_at=CREATED)
    await store.rooms.add(OAK, RoomKind.STORY, "story:oak", created_at=CREATED, class_id="oak")
    await store.rooms.add(HOME, RoomKind.HOME, home_key(PARENT), created_at=CREATED, owner=PARENT)
    for user, name, role in [
        (HEAD, "Mrs Okafor", Role.SLT),
        (TEACHER, "Miss Reid", Role.TEACHER),
        (PARENT, "Jane Hughes", Role.PARENT),
        (OTHER, "Sam Bennett", Role.PARENT),
    ]:
        await store.people.upsert(user, name, role, now=CREATED)
    amelia = await store.pupils.add("Amelia", "Hughes", "oak", True, "M1", now=CREATED)
    await store.pupils.link_parent(PARENT, amelia, linked_by="test", now=CREATED)
    yield store
    await store.close()


async def run(store: Store, body: str, *, role: Role = Role.SLT, room: str = ESC) -> list[Action]:
    sender = {Role.SLT: HEAD, Role.TEACHER: TEACHER, Role.PARENT: PARENT}[role]
    known = await store.rooms.get(room)
    assert known is not None
    raw = {
        "event_id": "$command",
        "sender": sender,
        "type": "m.room.message",
        "origin_server_ts": 1,
        "content": {"msgtype": "m.text", "body": body},
    }
    ctx = Context(
        CONFIG,
        store.reader,
        Clock(NOW),
        "@bot:x",
        False,
        await store.people.get(sender),
        SchoolCalendar(CONFIG),
    )
    return await handle(Event.from_raw(known, raw), ctx)


def text_in(actions: list[Action], room: str = ESC) -> str:
    return "\n".join(
        a.content["body"] for a in actions if isinstance(a, SendMessage) and a.room_id == room
    )


def only_replies(actions: list[Action]) -> bool:
    return all(isinstance(a, SendMessage) and a.room_id == ESC for a in actions)


async def strike(store: Store, user: str, at: str, event: str = "$bad", rule: str = "negative"):
    await store.discipline.add_strike(user, event, rule, confirmed_by=TEACHER, at=at)


async def incident(store: Store, at: str, body: str = "rude", user: str = PARENT, **kw) -> None:
    found = Incident(
        kind="removed",
        user_id=user,
        rule="negative",
        outcome="warning (strike 1)",
        room_id=OAK,
        evidence={"body": body},
        **kw,
    )
    await store.incidents.record(found, action_id=f"a{at}{body}", at=at)


# --- argument parsing ----------------------------------------------------------------------


def test_argument_parsers() -> None:
    assert matrix_user_id("@jane:school.example") == "@jane:school.example"
    assert matrix_user_id("https://matrix.to/#/@jane:x") == "@jane:x"
    assert since("7d") == timedelta(days=7) and since("24H") == timedelta(hours=24)
    assert since("2026-11-01") == date(2026, 11, 1) == day("2026-11-01")
    for bad in ("jane", "@jane", "jane:x", "@ja ne:x"):
        with pytest.raises(ValueError, match="not a Matrix user id"):
            matrix_user_id(bad)
    for bad in ("yesterday", "7w", "2026-13-01", "99999999d"):
        with pytest.raises(ValueError, match="expected e.g. 2026-11-01, 7d or 24h"):
            since(bad)
    with pytest.raises(ValueError, match="not a date"):
        day("9999-12-31")


# --- !strikes ------------------------------------------------------------------------------


async def test_strikes_lists_each_strike_with_its_state(store: Store) -> None:
    await strike(store, PARENT, "2026-11-18T09:30:00.000+00:00")
    await strike(store, PARENT, "2026-01-10T10:00:00.000+00:00", event="$old")
    text = text_in(await run(store, f"!strikes {PARENT}"))
    assert "Strikes for Jane Hughes (@jane:x)" in text
    assert "18 Nov 2026, 09:30 — negative — confirmed by Miss Reid — active" in text
    assert "10 Jan 2026" in text and "expired" in text
    assert "They are not removed." in text
    await store.discipline.pardon(PARENT, by=HEAD, reason="spoke to her", at=NOW.isoformat())
    await store.discipline.suspend(PARENT, reason="negative: strike 2", by="conductbot", at="x")
    text = text_in(await run(store, f"!strikes {PARENT}"))
    assert "pardoned (spoke to her)" in text and "currently removed" in text


async def test_strikes_of_an_unknown_or_malformed_user(store: Store) -> None:
    assert "I don't know @nobody:x" in text_in(await run(store, "!strikes @nobody:x"))
    assert "has no strikes" in text_in(await run(store, f"!strikes {OTHER}"))
    malformed = text_in(await run(store, "!strikes jane"))
    assert "not a Matrix user id" in malformed and "Usage: !strikes USER" in malformed


# --- !pardon -------------------------------------------------------------------------------


async def test_pardon_clears_strikes_records_escalates_and_tells_the_person(store: Store) -> None:
    await strike(store, PARENT, "2026-11-18T09:30:00.000+00:00")
    actions = await run(store, f"!pardon {PARENT} spoke to her on the phone")
    assert Pardon(PARENT, by=HEAD, reason="spoke to her on the phone") in actions
    [record] = [a for a in actions if isinstance(a, RecordIncident)]
    assert record.incident.kind == "pardoned" and record.incident.confirmed_by == HEAD
    assert record.incident.evidence == {"reason": "spoke to her on the phone"}
    assert "Cleared 1 strike for Jane Hughes" in text_in(actions)
    assert any(INCIDENT_KEY in a.content for a in actions if isinstance(a, SendMessage))
    assert "cleared the warnings" in text_in(actions, HOME)


async def test_pardon_needs_a_reason_and_something_to_clear(store: Store) -> None:
    missing = await run(store, f"!pardon {PARENT}")
    assert only_replies(missing) and "Usage: !pardon USER REASON…" in text_in(missing)
    nothing = await run(store, f"!pardon {PARENT} no need")
    assert only_replies(nothing) and "no warnings to clear" in text_in(nothing)


# --- !reinstate ----------------------------------------------------------------------------


async def test_reinstate_lifts_the_removal_and_invites_back(store: Store) -> None:
    await strike(store, PARENT, "2026-11-18T09:30:00.000+00:00")
    await strike(store, PARENT, "2026-11-19T09:30:00.000+00:00", event="$again")
    await store.discipline.suspend(PARENT, reason="negative: strike 2", by="conductbot", at="x")
    actions = await run(store, f"!reinstate {PARENT}")
    assert Reinstate(PARENT, by=HEAD) in actions
    assert Invite(OAK, PARENT) in actions
    assert Pardon(PARENT, by=HEAD, reason=f"reinstated by {HEAD}") in actions
    [record] = [a for a in actions if isinstance(a, RecordIncident)]
    assert record.incident.kind == "reinstated" and "2 strikes cleared" in record.incident.outcome
    assert "class story and messaging again" in text_in(actions, HOME)
    assert "Jane Hughes (@jane:x) is reinstated" in text_in(actions)
    assert "2 strikes cleared: they start again with a warning" in text_in(actions)


async def test_reinstate_of_someone_not_removed_changes_nothing(store: Store) -> None:
    actions = await run(store, f"!reinstate {PARENT}")
    assert only_replies(actions) and "is not removed" in text_in(actions)


@pytest.mark.parametrize(
    "body",
    [
        f"!strikes {PARENT}",
        f"!pardon {PARENT} why",
        f"!reinstate {PARENT}",
        "!incidents",
        "!export incidents 2026-11-01 2026-11-30",
    ],
)
async def test_parents_and_teachers_are_refused(store: Store, body: str) -> None:
    await store.discipline.suspend(PARENT, reason="test", by="conductbot", at="x")
    for role in (Role.PARENT, Role.TEACHER):
        actions = await run(store, body, role=role)
        assert only_replies(actions) and "not available to you" in text_in(actions)
    in_story = await run(store, body, room=OAK)
    assert not any(isinstance(a, StoreAction | SendFile) for a in in_story)
    assert "can't be used in this room" in text_in(in_story, OAK)


async def test_help_lists_the_slt_commands(store: Store) -> None:
    text = text_in(await run(store, "!help"))
    assert all(f"!{name}" in text for name in ("strikes", "pardon", "reinstate", "incidents"))


# --- !incidents ----------------------------------------------------------------------------


async def test_incidents_since_a_period_or_a_date(store: Store) -> None:
    await incident(store, "2026-11-01T10:00:00.000+00:00", "old news")
    await incident(store, "2026-11-19T15:30:00.000+00:00", "recent", user=OTHER)
    week = text_in(await run(store, "!incidents"))
    assert "1 incident since" in week and "19 Nov 2026, 15:30 — removed — Sam Bennett" in week
    assert "old news" not in week and "@jane:x" not in week
    both = text_in(await run(store, "!incidents 2026-11-01"))
    assert "2 incidents" in both and both.index("Jane Hughes") < both.index("Sam Bennett")
    assert "No incidents since" in text_in(await run(store, "!incidents 1h"))
    assert "Usage: !incidents [SINCE]" in text_in(await run(store, "!incidents lately"))


async def test_incidents_shows_at_most_30_lines_newest_last(store: Store) -> None:
    for n in range(35):
        await incident(store, f"2026-11-19T10:{n:02d}:00.000+00:00", f"n{n}")
    text = text_in(await run(store, "!incidents"))
    assert "35 incidents" in text and "(5 earlier not shown" in text
    assert "10:05" in text and "10:04" not in text and text.rstrip().endswith("(strike 1)")
    assert len(text.splitlines()) == 32


# --- !export -------------------------------------------------------------------------------


async def test_export_sends_a_csv_of_the_range_with_formulas_neutralised(store: Store) -> None:
    await incident(store, "2026-10-01T22:30:00.000+00:00", "before")  # 1 Oct 23:30 BST
    await incident(
        store,
        "2026-10-01T23:30:00.000+00:00",
        '=HYPERLINK("http://x")',
        label="negative",
        confidence=0.91,
        reasons=("hostile",),
        confirmed_by=TEACHER,
    )  # 2 Oct 00:30 BST
    await incident(store, "2026-10-31T23:59:00.000+00:00", "last day")  # GMT by then
    await incident(store, "2026-11-01T00:00:00.000+00:00", "after")
    [sent] = await run(store, "!export incidents 2026-10-02 2026-10-31")
    assert isinstance(sent, SendFile) and sent.room_id == ESC
    assert sent.filename == "incidents-2026-10-02-to-2026-10-31.csv"
    rows = list(csv.DictReader(io.StringIO(sent.data.decode("utf-8-sig"))))
    assert tuple(rows[0]) == CSV_COLUMNS
    assert [r["evidence"] for r in rows] == ['\'=HYPERLINK("http://x")', "last day"]
    first = rows[0]
    assert (first["date"], first["time"]) == ("2026-10-02", "00:30")
    assert first["person"] == "Jane Hughes" and first["matrix_id"] == "'@jane:x"
    assert first["role"] == "parent" and first["children"] == "Amelia (Oak Class)"
    assert first["room"] == "Oak Class story" and first["category"] == "negative"
    assert (first["judge_label"], first["judge_confidence"]) == ("negative", "0.91")
    assert first["judge_reasons"] == "hostile" and first["action_taken"] == "warning (strike 1)"
    assert first["confirmed_by"] == "Miss Reid (@reid:x)"


async def test_export_refuses_bad_dates(store: Store) -> None:
    backwards = await run(store, "!export incidents 2026-11-30 2026-11-01")
    assert only_replies(backwards) and "is after TO" in text_in(backwards)
    assert "Usage: !export INCIDENTS FROM TO" in text_in(backwards)
    for body in (
        "!export incidents 2026-11-01",
        "!export incidents 1/11/2026 2026-11-30",
        "!export people 2026-11-01 2026-11-30",
    ):
        actions = await run(store, body)
        assert only_replies(actions) and "Usage: !export" in text_in(actions)


# --- event reports against a real Synapse --------------------------------------------------


async def report(matrix: Matrix, client: nio.AsyncClient, room_id: str, event_id: str) -> None:
    url = (
        f"{matrix.settings.base_url}/_matrix/client/v3/rooms/{quote(room_id)}/report/"
        f"{quote(event_id)}"
    )
    headers = {"Authorization": f"Bearer {client.access_token}"}
    async with aiohttp.ClientSession() as http:
        async with http.post(url, json={"reason": "Rude about staff"}, headers=headers) as resp:
            assert resp.status == 200, await resp.text()


async def test_reports_are_posted_once_to_the_escalation_room(
    matrix: Matrix, tmp_path: Path
) -> None:
    bot, parent, reporter = (matrix.register(n, admin=(n == "bot")) for n in ("bot", "p", "r"))
    bot_client, parent_client, reporter_client = [
        await matrix.client(p) for p in (bot, parent, reporter)
    ]
    room = await bot_client.room_create(name="Oak", invite=[parent.user_id, reporter.user_id])
    escalation = await bot_client.room_create(name="Escalation")
    assert isinstance(room, nio.RoomCreateResponse)
    assert isinstance(escalation, nio.RoomCreateResponse)
    await join(parent_client, room.room_id)
    await join(reporter_client, room.room_id)
    event_id = await send_text(parent_client, room.room_id, "You're all useless")
    await report(matrix, reporter_client, room.room_id, event_id)

    store = await Store.open(tmp_path / "db.sqlite")
    try:
        await store.rooms.add(
            escalation.room_id, RoomKind.ESCALATION, "escalation", created_at=CREATED
        )
        clock = Clock()
        reports = EventReports(
            store,
            Executor(bot_client, store, clock),
            clock,
            CONFIG,
        )
        assert await reports.check() >= 1
        assert await reports.check() == 0
        posted = [
            e["content"]
            for e in await messages(bot_client, escalation.room_id)
            if e["content"].get(INCIDENT_KEY, {}).get("event_id") == event_id
        ]
        assert len(posted) == 1
        body = posted[0]["body"]
        assert parent.user_id in body and reporter.user_id in body
        assert "Rude about staff" in body and "You're all useless" in body
        assert posted[0][INCIDENT_KEY]["kind"] == "reported"
        [recorded] = await store.incidents.of_user(parent.user_id)
        assert recorded.rule == "reported by a user" and recorded.room_id == room.room_id

        not_admin = EventReports(
            store,
            Executor(parent_client, store, clock),
            clock,
            CONFIG,
        )
        assert await not_admin.check() == 0
        assert await not_admin.check() == 0
    finally:
        await store.close()


async def test_a_flood_of_reports_is_grouped_and_staff_are_never_the_subject(
    matrix: Matrix, tmp_path: Path
) -> None:
    bot, teacher, reporter = (matrix.register(n, admin=(n == "bot")) for n in ("bot", "t", "r"))
    bot_client, teacher_client, reporter_client = [
        await matrix.client(p) for p in (bot, teacher, reporter)
    ]
    room = await bot_client.room_create(name="Oak", invite=[teacher.user_id, reporter.user_id])
    escalation = await bot_client.room_create(name="Escalation")
    assert isinstance(room, nio.RoomCreateResponse)
    assert isinstance(escalation, nio.RoomCreateResponse)
    await join(teacher_client, room.room_id)
    await join(reporter_client, room.room_id)
    posts = [await send_text(teacher_client, room.room_id, f"Trip photo {n}") for n in range(20)]
    for post in posts:
        await report(matrix, reporter_client, room.room_id, post)

    store = await Store.open(tmp_path / "db.sqlite")
    try:
        await store.rooms.add(
            escalation.room_id, RoomKind.ESCALATION, "escalation", created_at=CREATED
        )
        await store.people.upsert(teacher.user_id, "Miss Reid", Role.TEACHER, now=CREATED)
        clock = Clock()
        executor = Executor(bot_client, store, clock)
        reports = EventReports(store, executor, clock, CONFIG)
        await reports.check()
        assert await reports.check() == 0
        notices = [e["content"] for e in await messages(bot_client, escalation.room_id)]
        about_staff = "report about a member of staff"
        one_by_one = [n for n in notices if n.get(INCIDENT_KEY, {}).get("kind") == about_staff]
        grouped = [
            n for n in notices if "more than 5 messages in the last hour" in n.get("body", "")
        ]
        assert len(one_by_one) == 5 and len(grouped) == 1
        assert await store.incidents.of_user(teacher.user_id) == []
        assert len(await store.incidents.of_user(reporter.user_id)) == 6
    finally:
        await store.close()
