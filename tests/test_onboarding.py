"""Join codes: teachers make one-use codes, families send them to the bot and are connected.

Unit tests cover the code itself (alphabet, shape, normalising, hashing), finding the pupil,
and the decisions; the integration tests use real clients on a real Synapse and the real bot.
"""

from __future__ import annotations

import json
import logging
import re
from datetime import UTC, datetime, timedelta
from pathlib import Path

import nio
import pytest
from conftest import (
    REPO,
    BotLauncher,
    Matrix,
    Person,
    RunningBot,
    School,
    eventually,
    join,
    notices_in,
    send_text,
)

from bot.actions import Action, Invite, LinkAdult, RecordIncident, SendMessage, StoreAction
from bot.calendar import SchoolCalendar
from bot.clock import Clock, stamp
from bot.config import load_config
from bot.provisioning import ESCALATION_KEY, home_key, parent_dm_key, story_key
from bot.roster import find_pupil, import_roster
from handlers import Context, Event
from handlers.command_table import all_commands
from handlers.commands import make_handler
from handlers.onboarding import (
    ALPHABET,
    MAX_FAILURES,
    CodeRequest,
    IssueJoinCode,
    PupilNotFound,
    RecordJoinAttempt,
    code_request,
    find_taught_pupil,
    handle_code,
    handle_welcome,
    locked_until,
    looks_like_code,
    new_code,
)
from storage.codes import code_hash, normalise_code
from storage.people import Person as Someone
from storage.people import Role
from storage.rooms import Room, RoomKind
from storage.store import Store

CONFIG = load_config(REPO / "rooms.yaml")
CODE_RE = re.compile(rf"\b[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}\b")
LOOK_ALIKES = set("B8IL1O0S5Z2")

# --- the code itself -------------------------------------------------------------------------


def test_codes_are_xxxx_xxxx_from_an_alphabet_without_look_alikes() -> None:
    assert not LOOK_ALIKES & set(ALPHABET)
    assert len(set(ALPHABET)) == len(ALPHABET) == 25
    codes = [new_code() for _ in range(3000)]
    assert all(re.fullmatch(rf"[{ALPHABET}]{{4}}-[{ALPHABET}]{{4}}", c) for c in codes)
    assert len(set(codes)) == len(codes)  # 25**8 possibilities: no repeats in 3000
    assert set("".join(codes).replace("-", "")) == set(ALPHABET)  # every character is used


@pytest.mark.parametrize(
    "typed", ["KQ7D-MAXR", "kq7d-maxr", " KQ7D MAXR ", "kq7dmaxr", "KQ7D–MAXR", "KQ7D - maxr\n"]
)
def test_case_spaces_and_dashes_do_not_matter(typed: str) -> None:
    assert normalise_code(typed) == "KQ7DMAXR"
    secret = b"s" * 32
    assert code_hash(typed, secret) == code_hash("KQ7D-MAXR", secret)


def test_the_hash_is_keyed_and_gives_nothing_away() -> None:
    digest = code_hash("KQ7D-MAXR", b"a" * 32)
    assert re.fullmatch(r"[0-9a-f]{64}", digest)
    assert digest != code_hash("KQ7D-MAXR", b"b" * 32)  # a per-install secret
    assert digest != code_hash("KQ7D-MAXA", b"a" * 32)
    assert "KQ7D" not in digest.upper() and "MAXR" not in digest.upper()


async def test_the_install_secret_is_made_once_and_kept(tmp_path: Path) -> None:
    first = await Store.open(tmp_path / "db.sqlite")
    digest = await first.codes.hash("KQ7D-MAXR")
    await first.close()
    again = await Store.open(tmp_path / "db.sqlite")
    try:
        assert await again.codes.hash("kq7d maxr") == digest
    finally:
        await again.close()


@pytest.mark.parametrize(
    ("text", "code"),
    [
        ("KQ7D-MAXR", True),
        ("  kq7d-maxr  ", True),
        ("ABCD-EFGH", True),  # the example shape is tried (and refused) rather than relayed
        ("KQ7D MAXR", True),
        ("KQ7DMAXR", True),
        ("kq7dmaxr", True),  # a digit: not a word
        ("Thankyou", False),
        ("accepted", False),
        ("Well done", False),
        ("Please see KQ7D-MAXR", False),  # inside a sentence: an ordinary message
        ("KQ7D-MAXR thanks", False),
        ("KQ7D-MAX", False),
        ("KQ7D-MAXRR", False),
        ("", False),
    ],
)
def test_only_a_whole_code_shaped_message_is_a_code(text: str, code: bool) -> None:
    assert looks_like_code(text) is code


def test_five_wrong_codes_within_an_hour_pause_joining_for_an_hour() -> None:
    start = datetime(2026, 11, 24, 10, tzinfo=UTC)
    minutes = [start + timedelta(minutes=m) for m in (0, 10, 20, 30, 40)]
    assert locked_until(minutes[:4], start + timedelta(minutes=41)) is None
    assert locked_until(minutes, start + timedelta(minutes=41)) == minutes[-1] + timedelta(hours=1)
    assert locked_until(minutes, start + timedelta(minutes=101)) is None
    spread = [start + timedelta(minutes=m) for m in (0, 20, 40, 60, 80)]  # never 5 in an hour
    assert locked_until(spread, start + timedelta(minutes=81)) is None


def test_the_pupil_flag() -> None:
    assert code_request("Amelia") == CodeRequest("Amelia", for_pupil=False)
    assert code_request("Oliver B --pupil").pupil == "Oliver B"
    assert code_request("Oliver B --pupil").for_pupil
    assert code_request("—pupil Amelia").for_pupil  # phones turn -- into a dash
    with pytest.raises(ValueError):
        code_request("--pupil")


# --- decisions, with a database and no server ------------------------------------------------

BOT = "@bot:x"
REID = Someone("@s.reid:x", "Miss Reid", Role.TEACHER, "reid")
KHAN = Someone("@a.khan:x", "Mr Khan", Role.TEACHER, "khan")
HEAD = Someone("@j.okafor:x", "Mrs Okafor", Role.SLT, "okafor")
commands = make_handler(all_commands())


@pytest.fixture
async def store(tmp_path: Path) -> Store:
    opened = await Store.open(tmp_path / "db.sqlite")
    await import_roster(
        opened, REPO / "demo" / "roster.csv", [c.id for c in CONFIG.classes], now="2026-11-20"
    )
    for person in (REID, KHAN, HEAD):
        await opened.people.upsert(
            person.user_id, person.display_name, person.role, now="", staff_id=person.staff_id
        )
    await opened.rooms.add(
        "!oak:x", RoomKind.STORY, story_key("oak"), created_at="", class_id="oak"
    )
    yield opened
    await opened.close()


def context(store: Store, sender: Someone | None, clock: Clock | None = None) -> Context:
    return Context(
        CONFIG, store.reader, clock or Clock(), BOT, False, sender, SchoolCalendar(CONFIG)
    )


def message(body: str, sender: str, kind: RoomKind = RoomKind.HOME, owner: str | None = None):
    room = Room(f"!{kind.value}:x", kind, f"{kind.value}:{sender}", None, owner or sender, 0, None)
    raw = {
        "event_id": f"$e{abs(hash((body, sender)))}",
        "sender": sender,
        "type": "m.room.message",
        "origin_server_ts": 1,
        "content": {"msgtype": "m.text", "body": body},
    }
    return Event.from_raw(room, raw)


def said(actions: list[Action]) -> str:
    return "\n".join(a.content["body"] for a in actions if isinstance(a, SendMessage))


async def perform(store: Store, actions: list[Action], clock: Clock) -> None:
    for number, action in enumerate(actions):
        if isinstance(action, StoreAction):
            await action.apply(store, f"test{number}", clock.iso())


async def test_first_names_resolve_within_the_teachers_classes_and_ambiguity_is_asked(
    store: Store,
) -> None:
    ctx, reid = context(store, REID), CONFIG.classes_of("reid")
    with pytest.raises(PupilNotFound) as asked:
        await find_taught_pupil(ctx, "Oliver", reid)
    assert "!code Oliver B" in str(asked.value) and "!code Oliver T" in str(asked.value)
    assert "DEMO0002" in str(asked.value)
    assert (await find_taught_pupil(ctx, "Oliver B", reid)).surname == "Bennett"
    assert (await find_taught_pupil(ctx, "oliver thornbury", reid)).surname == "Thornbury"
    assert (await find_taught_pupil(ctx, "DEMO0002", reid)).surname == "Bennett"
    assert (await find_taught_pupil(ctx, "Noah", reid)).class_id == "maple"
    with pytest.raises(PupilNotFound, match="can't find"):
        await find_taught_pupil(ctx, "Isla", reid)  # Willow is Mr Khan's class
    with pytest.raises(PupilNotFound, match="can't find"):
        await find_taught_pupil(ctx, "DEMO0009", reid)
    assert (await find_taught_pupil(ctx, "Isla", CONFIG.classes)).class_id == "willow"


async def test_code_gives_the_teacher_a_code_stored_only_as_its_hash(store: Store) -> None:
    actions = await commands(message("!code Amelia", REID.user_id), context(store, REID))
    issue = next(a for a in actions if isinstance(a, IssueJoinCode))
    shown = said(actions)
    code = CODE_RE.search(shown)[0]
    assert "Amelia Hughes" in shown and "works once" in shown
    assert issue.code_hash == await store.codes.hash(code) and issue.for_role == "parent"
    assert issue.created_by == REID.user_id
    for action in actions:  # what the executor audits
        assert normalise_code(code) not in normalise_code(json.dumps(action.audit_detail()))
        assert action.target() is None or code not in action.target()
    assert code not in repr(issue)


async def test_code_is_refused_outside_the_teachers_classes_rooms_and_role(store: Store) -> None:
    khan = await commands(message("!code Amelia", KHAN.user_id), context(store, KHAN))
    assert "can't find a pupil called 'Amelia'" in said(khan)
    assert not any(isinstance(a, IssueJoinCode) for a in khan)
    elsewhere = message("!code Amelia", REID.user_id, owner=KHAN.user_id)
    assert "your own room" in said(await commands(elsewhere, context(store, REID)))
    parent = Someone("@p:x", "P", Role.PARENT, None)
    refused = await commands(message("!code Amelia", "@p:x"), context(store, parent))
    assert "not available to you" in said(refused)
    asked = await commands(message("!code Oliver", REID.user_id), context(store, REID))
    assert "Which one?" in said(asked) and not any(isinstance(a, IssueJoinCode) for a in asked)
    head = await commands(message("!code Isla --pupil", HEAD.user_id), context(store, HEAD))
    assert next(a for a in head if isinstance(a, IssueJoinCode)).for_role == "pupil"


async def make_code(store: Store, pupil: str = "Amelia", clock: Clock | None = None) -> str:
    ctx = context(store, REID, clock)
    actions = await commands(message(f"!code {pupil}", REID.user_id), ctx)
    await perform(store, actions, ctx.clock)
    return CODE_RE.search(said(actions))[0]


async def test_a_right_code_links_and_wrong_ones_pause_joining_after_five(store: Store) -> None:
    clock = Clock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    code = await make_code(store, clock=clock)
    user, ctx = "@new:x", context(store, None, clock)
    for attempt in range(1, MAX_FAILURES + 1):
        wrong = await handle_welcome(message(f"ACDE-FGH{attempt}", user, RoomKind.WELCOME), ctx)
        assert RecordJoinAttempt(user, ok=False) in wrong
        assert any(isinstance(a, RecordIncident) for a in wrong) is (attempt == MAX_FAILURES)
        await perform(store, wrong, clock)
    assert "paused for this account until Tuesday 24 November, 11:00" in said(wrong)
    paused = await handle_welcome(message(code.lower(), user, RoomKind.WELCOME), ctx)
    assert "Joining is paused" in said(paused) and len(paused) == 1  # not even recorded
    clock.set(datetime(2026, 11, 24, 11, 1, tzinfo=UTC))
    right = await handle_welcome(message(code.lower(), user, RoomKind.WELCOME), ctx)
    link = next(a for a in right if isinstance(a, LinkAdult))
    assert (link.user_id, link.role, link.linked_by) == (user, "parent", REID.user_id)
    assert link.code_id is not None and "connected to Amelia (Oak Class)" in link.confirm
    assert "“Oak Class story”" in link.confirm and "“Miss Reid (Oak Class)”" in link.confirm


async def test_the_example_code_is_explained_and_never_counts_as_a_wrong_attempt(
    store: Store,
) -> None:
    clock = Clock(datetime(2026, 11, 24, 10, tzinfo=UTC))
    code = await make_code(store, clock=clock)
    user, ctx = "@new:x", context(store, None, clock)
    for typed in ("ABCD-EFGH", "abcd efgh", "ABCDEFGH", "abcd-efgh", "ABCD–EFGH", "Abcdefgh"):
        told = await handle_welcome(message(typed, user, RoomKind.WELCOME), ctx)
        assert "only the example" in said(told) and "isn't counted" in said(told), typed
        assert not any(isinstance(a, RecordJoinAttempt) for a in told), typed
        await perform(store, told, clock)
    assert await store.codes.failures_since(user, "2000") == []
    right = await handle_welcome(message(code, user, RoomKind.WELCOME), ctx)
    assert any(isinstance(a, LinkAdult) for a in right)  # six examples paused nothing


async def test_the_new_parent_is_told_who_shares_the_class_story_in_good_english(
    store: Store,
) -> None:
    await store.rooms.add(
        "!maple:x", RoomKind.STORY, story_key("maple"), created_at="", class_id="maple"
    )
    one, two = await make_code(store, "Amelia"), await make_code(store, "Noah")
    ctx = context(store, None)
    oak = await handle_welcome(message(one, "@one:x", RoomKind.WELCOME), ctx)
    confirm = next(a for a in oak if isinstance(a, LinkAdult)).confirm
    assert "where Miss Reid shares what the class is doing" in confirm, confirm
    maple = await handle_welcome(message(two, "@two:x", RoomKind.WELCOME), ctx)
    confirm = next(a for a in maple if isinstance(a, LinkAdult)).confirm
    assert "where Miss Reid and Mr Khan share what the class is doing" in confirm, confirm


async def test_staff_and_ordinary_messages_never_redeem(store: Store) -> None:
    code = await make_code(store)
    staff = await handle_code(message(code, REID.user_id), context(store, REID))
    assert "Staff accounts are set up from rooms.yaml" in said(staff)
    assert not any(isinstance(a, (LinkAdult, RecordJoinAttempt)) for a in staff)
    parent = Someone("@p:x", "P", Role.PARENT, None)
    chat = message(f"Here is the code {code}", "@p:x", RoomKind.PARENT_DM)
    assert await handle_code(chat, context(store, parent)) == []
    redeemed = await handle_code(message(code, "@p:x", RoomKind.PARENT_DM), context(store, parent))
    assert any(isinstance(a, LinkAdult) for a in redeemed)


async def test_story_invites_a_parent_back_to_their_own_childrens_stories_only(
    store: Store,
) -> None:
    parent = Someone("@p:x", "P", Role.PARENT, None)
    await store.people.upsert(parent.user_id, "P", Role.PARENT, now="")
    await store.rooms.add(
        "!willow:x", RoomKind.STORY, story_key("willow"), created_at="", class_id="willow"
    )
    await store.pupils.link_parent(
        parent.user_id, (await find_pupil(store, "Amelia Hughes")).id, linked_by="t", now=""
    )
    back = await commands(message("!story", parent.user_id), context(store, parent))
    assert [a for a in back if isinstance(a, Invite)] == [Invite("!oak:x", parent.user_id)]
    assert "I've invited you to “Oak Class story”" in said(back)
    await store.discipline.suspend(parent.user_id, reason="negative: strike 2", by="t", at="")
    refused = await commands(message("!story", parent.user_id), context(store, parent))
    assert not any(isinstance(a, Invite) for a in refused)
    assert "removed from the class stories" in said(refused)
    elsewhere = message("!story", parent.user_id, RoomKind.HOME, owner="@other:x")
    assert not any(isinstance(a, Invite) for a in await commands(elsewhere, context(store, parent)))
    teacher = await commands(message("!story", REID.user_id), context(store, REID))
    assert "not available to you" in said(teacher)


async def test_beyond_the_limit_slt_decide_once(store: Store) -> None:
    amelia = (await find_pupil(store, "Amelia Hughes")).id
    for parent in ("@mum:x", "@dad:x"):
        await store.people.upsert(parent, parent, Role.PARENT, now="")
        await store.pupils.link_parent(parent, amelia, linked_by="test", now="")
    code, clock = await make_code(store), Clock()
    waiting = await handle_welcome(message(code, "@gran:x", RoomKind.WELCOME), context(store, None))
    assert "senior leader needs to approve" in said(waiting)
    assert not any(isinstance(a, LinkAdult) for a in waiting)
    await perform(store, waiting, clock)
    assert (await store.codes.find(code)).used_by == "@gran:x"  # spent on the request
    request = await store.codes.waiting("@gran:x", amelia)
    assert request is not None

    approve = message(f"!approve {request.id}", HEAD.user_id, RoomKind.ESCALATION)
    approved = await commands(approve, context(store, HEAD))
    link = next(a for a in approved if isinstance(a, LinkAdult))
    assert (link.user_id, link.beyond_limit, link.linked_by) == ("@gran:x", True, HEAD.user_id)
    await perform(store, approved, clock)
    again = await commands(approve, context(store, HEAD))
    assert "already approved by Mrs Okafor" in said(again)
    assert not any(isinstance(a, LinkAdult) for a in again)
    by_a_teacher = message(f"!decline {request.id}", REID.user_id, RoomKind.ESCALATION)
    assert "not available to you" in said(await commands(by_a_teacher, context(store, REID)))


# --- with a real homeserver ------------------------------------------------------------------


class Family:
    """A new account that started a direct chat with the bot (its welcome room)."""

    def __init__(self, bot: RunningBot, person: Person, client: nio.AsyncClient, room: str):
        self.bot, self.person, self.client, self.room = bot, person, client, room

    @property
    def user_id(self) -> str:
        return self.person.user_id

    async def send(self, body: str, room: str | None = None) -> list[str]:
        """Send, wait until the bot has handled it, and return the bot's new notices."""
        room = room or self.room
        before = len(await notices_in(self.client, room))
        sent = await send_text(self.client, room, body)
        await eventually(lambda: self.bot.store.events.outcome(sent))
        return (await notices_in(self.client, room))[before:]

    async def invites(self) -> set[str]:
        response = await self.client.sync(timeout=0)
        assert isinstance(response, nio.SyncResponse), response
        return set(self.client.invited_rooms)

    async def invited_to(self, *rooms: str) -> set[str]:
        """Waits until the family's own sync shows invites to all of `rooms`."""

        async def all_there() -> set[str] | None:
            invites = await self.invites()
            return invites if set(rooms) <= invites else None

        return await eventually(all_there)


async def new_family(bot: RunningBot, matrix: Matrix, name: str) -> Family:
    person = matrix.register(name, displayname=name.title())
    client = await matrix.client(person)
    created = await client.room_create(is_direct=True, invite=[bot.client.user_id])
    assert isinstance(created, nio.RoomCreateResponse), created
    family = Family(bot, person, client, created.room_id)

    async def welcomed() -> bool:
        return any("send me the code" in n for n in await notices_in(client, created.room_id))

    await eventually(welcomed)
    room = await bot.store.rooms.get(created.room_id)
    assert room is not None and room.kind is RoomKind.WELCOME and room.owner == person.user_id
    return family


async def issue(bot: RunningBot, matrix: Matrix, school: School, request: str) -> str:
    """A teacher's `!code` in their home room; the code read from their notices."""
    teacher = await matrix.client(school.staff["reid"])
    home = await bot.room(home_key(school.staff["reid"].user_id))
    await join(teacher, home)
    before = len(await notices_in(teacher, home))
    sent = await send_text(teacher, home, f"!code {request}")
    await eventually(lambda: bot.store.events.outcome(sent))
    found = [CODE_RE.search(n) for n in (await notices_in(teacher, home))[before:]]
    codes = [m[0] for m in found if m]
    assert len(codes) == 1, codes
    return codes[0]


async def pupil_id(bot: RunningBot, name: str) -> int:
    return (await find_pupil(bot.store, name)).id


async def everything_stored(store: Store) -> str:
    """Every row of every table, as text: to show a code appears nowhere."""
    dump = []
    async with store.db.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cur:
        tables = [row[0] for row in await cur.fetchall()]
    for table in tables:
        async with store.db.execute(f"SELECT * FROM {table}") as cur:
            dump += [repr(tuple(row)) for row in await cur.fetchall()]
    return "\n".join(dump)


async def test_a_parent_joins_with_a_teachers_code_once(
    launch: BotLauncher, matrix: Matrix, school: School, caplog: pytest.LogCaptureFixture
) -> None:
    for ours in ("bot", "handlers", "storage"):
        caplog.set_level(logging.DEBUG, logger=ours)
    bot = await launch()
    teacher = school.staff["reid"].user_id

    teacher_client = await matrix.client(school.staff["reid"])
    teacher_home = await bot.room(home_key(teacher))
    await join(teacher_client, teacher_home)
    asked = await send_text(teacher_client, teacher_home, "!code Oliver")
    await eventually(lambda: bot.store.events.outcome(asked))
    assert any("!code Oliver B" in n for n in await notices_in(teacher_client, teacher_home))

    code = await issue(bot, matrix, school, "Amelia")
    pasted = await send_text(teacher_client, teacher_home, code)  # staff never redeem
    await eventually(lambda: bot.store.events.outcome(pasted))
    assert "set up from rooms.yaml" in (await notices_in(teacher_client, teacher_home))[-1]

    sam = await new_family(bot, matrix, "sam")
    told = await sam.send(code.lower().replace("-", " "))
    assert any("connected to Amelia (Oak Class)" in n for n in told), told
    assert await bot.store.pupils.parents_of(await pupil_id(bot, "Amelia Hughes")) == [sam.user_id]
    story = await bot.room(story_key("oak"))
    home = await bot.room(home_key(sam.user_id))
    miss_reid = await bot.room(parent_dm_key(sam.user_id, teacher))
    await sam.invited_to(story, home, miss_reid)
    assert (await bot.store.people.get(sam.user_id)).role is Role.PARENT

    alex = await new_family(bot, matrix, "alex")
    again = await alex.send(code)
    assert any("already been used" in n for n in again), again
    assert alex.user_id not in await bot.store.pupils.parents_of(
        await pupil_id(bot, "Amelia Hughes")
    )

    # A second child, from the parent's own room with the bot.
    second = await issue(bot, matrix, school, "Noah")
    await join(sam.client, home)
    told = await sam.send(second, room=home)
    assert any("connected to Noah (Maple Class)" in n for n in told), told
    assert [c.first_name for c in await bot.store.pupils.children_of(sam.user_id)] == [
        "Amelia",
        "Noah",
    ]
    await sam.invited_to(await bot.room(story_key("maple")))

    # The codes were shown to the teacher and nowhere else: not stored, audited or logged.
    stored = normalise_code(await everything_stored(bot.store))
    ours = "\n".join(
        r.getMessage()
        for r in caplog.records
        if r.name.split(".")[0] in ("bot", "handlers", "storage")
    )
    assert ours  # the bot's own logging was captured
    for shown in (code, second):
        assert normalise_code(shown) not in stored
        assert shown not in ours and normalise_code(shown) not in normalise_code(ours)
    audit = await bot.store.audit.recent(500)
    assert {"issue_join_code", "link", "join_attempt"} <= {row.kind for row in audit}


async def test_expired_and_wrong_codes_change_nothing(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    code = await issue(bot, matrix, school, "Amelia")
    sam = await new_family(bot, matrix, "sam")

    wrong = await sam.send(new_code())
    assert any("isn't right" in n for n in wrong), wrong
    example = await sam.send("ABCD-EFGH")  # typed from the instructions: not a try
    assert any("only the example" in n for n in example), example

    bot.app.clock.set(bot.app.clock.now() + timedelta(days=15))
    expired = await sam.send(code)
    assert any("expired on" in n and "ask Miss Reid for a new one" in n for n in expired)

    assert await bot.store.pupils.parents_of(await pupil_id(bot, "Amelia Hughes")) == []
    assert await bot.store.people.get(sam.user_id) is None
    assert await bot.store.rooms.by_key(home_key(sam.user_id)) is None
    assert (await bot.store.codes.find(code)).used_by is None
    since = stamp(bot.app.clock.now() - timedelta(days=30))
    assert len(await bot.store.codes.failures_since(sam.user_id, since)) == 2


async def test_a_third_adult_waits_for_slt_who_approve_or_decline(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    for name in ("mum", "dad"):
        await bot.link(matrix.register(name, displayname=name.title()), "Amelia Hughes")
    amelia = await pupil_id(bot, "Amelia Hughes")
    head = await matrix.client(school.staff["okafor"])
    escalation = await bot.room(ESCALATION_KEY)
    await join(head, escalation)

    async def request_for(family: Family) -> int:
        async def seen() -> int | None:
            for n in await notices_in(head, escalation):
                if family.user_id in n and "!approve" in n:
                    return int(re.search(r"!approve (\d+)", n)[1])
            return None

        return await eventually(seen)

    gran = await new_family(bot, matrix, "gran")
    waiting = await gran.send(await issue(bot, matrix, school, "Amelia"))
    assert any("senior leader needs to approve" in n for n in waiting), waiting
    assert gran.user_id not in await bot.store.pupils.parents_of(amelia)
    approved = await send_text(head, escalation, f"!approve {await request_for(gran)}")
    await eventually(lambda: bot.store.events.outcome(approved))
    assert gran.user_id in await bot.store.pupils.parents_of(amelia)
    assert any("senior leader has approved" in n for n in await notices_in(gran.client, gran.room))
    await gran.invited_to(await bot.room(story_key("oak")))

    uncle = await new_family(bot, matrix, "uncle")
    await uncle.send(await issue(bot, matrix, school, "Amelia"))
    declined = await send_text(head, escalation, f"!decline {await request_for(uncle)}")
    await eventually(lambda: bot.store.events.outcome(declined))
    told = await notices_in(uncle.client, uncle.room)
    assert any("contact the school office at office@" in n for n in told), told
    assert uncle.user_id not in await bot.store.pupils.parents_of(amelia)
    assert len(await bot.store.pupils.parents_of(amelia)) == 3


async def test_five_wrong_codes_pause_joining_for_an_hour_and_slt_are_told(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    code = await issue(bot, matrix, school, "Amelia")
    sam = await new_family(bot, matrix, "sam")
    replies = [await sam.send(new_code()) for _ in range(MAX_FAILURES)]
    assert not any("paused" in n for r in replies[:-1] for n in r)
    assert any("joining is paused for this account until" in n for n in replies[-1])

    head = await matrix.client(school.staff["okafor"])
    escalation = await bot.room(ESCALATION_KEY)
    await join(head, escalation)
    notices = await notices_in(head, escalation)
    assert any("Joining paused after 5 wrong codes" in n and sam.user_id in n for n in notices)
    assert [i.kind for i in await bot.store.incidents.between("2000")] == ["join_paused"]

    refused = await sam.send(code)  # the right code, but too soon
    assert any("Joining is paused" in n for n in refused), refused
    assert await bot.store.pupils.parents_of(await pupil_id(bot, "Amelia Hughes")) == []

    bot.app.clock.set(bot.app.clock.now() + timedelta(minutes=61))
    joined = await sam.send(code)
    assert any("connected to Amelia" in n for n in joined), joined
    assert sam.user_id in await bot.store.pupils.parents_of(await pupil_id(bot, "Amelia Hughes"))


async def test_a_pupil_code_gives_the_pupil_their_own_room_and_nothing_else(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    code = await issue(bot, matrix, school, "Amelia --pupil")
    amelia = await new_family(bot, matrix, "amelia")
    told = await amelia.send(code)
    assert any("Hello Amelia! This is now your own account" in n for n in told), told
    pupil = await pupil_id(bot, "Amelia Hughes")
    assert await bot.store.codes.pupil_of(amelia.user_id) == pupil
    assert (await bot.store.people.get(amelia.user_id)).role is Role.PUPIL
    assert await bot.store.pupils.parents_of(pupil) == []
    home = await bot.room(home_key(amelia.user_id))
    invites = await amelia.invited_to(home)
    assert await bot.room(story_key("oak")) not in invites
    assert await bot.store.relay.conversations_of(amelia.user_id) == []

    parent_code = await issue(bot, matrix, school, "Amelia")
    refused = await amelia.send(parent_code)  # a pupil account can't become a parent
    assert any("pupil's own account" in n for n in refused), refused
    assert (await bot.store.codes.find(parent_code)).used_by is None
