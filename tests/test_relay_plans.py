"""The relay's decisions as plans, from a temporary database, without Synapse.

A parent's private message is judged and routed; the handler returns what should happen
(records and effects on the homeserver, as data) and the executor is not run. These tests
read those plans: what the Synapse tests show with real clients, here in milliseconds.
Miss Reid teaches Oak (Amelia's class); Mrs Okafor is the safeguarding lead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path

import pytest

from bot.actions import Action, DeliverRelay, React, RecordIncident, SendMessage
from bot.calendar import SchoolCalendar
from bot.clock import Clock, stamp
from bot.config import load_config
from bot.judge import Label, Outcome, Verdict
from bot.provisioning import ESCALATION_KEY, home_key
from handlers import Context, Event, relay
from handlers.discipline import AddStrike
from handlers.relay import HELD, StoreRelay, handle_parent_dm
from handlers.safeguarding import RaiseAlert
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "rooms.yaml")
BOT = "@bot:x"
PARENT, TEACHER, LEAD = "@jane:x", "@s.reid:x", "@j.okafor:x"
PARENT_DM, TEACHER_DM, ESC = "!parent-dm:x", "!teacher-dm:x", "!esc:x"
TEACHER_HOME, LEAD_HOME = "!home-reid:x", "!home-okafor:x"
CREATED = "2026-09-01T08:00:00+00:00"
FRIDAY_7PM = datetime.fromisoformat("2026-11-20T19:00:00+00:00")
MONDAY_8AM = datetime.fromisoformat("2026-11-23T08:00:00+00:00")
TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")

WORRY = (
    "Hi Miss Reid, Amelia's been a bit upset about friendship stuff at lunch. "
    "Could you keep an eye out? Thanks"
)
URGENT = (
    "Amelia told me she wants to die and that everyone would be better off without her. She's 9."
)
URGENT_SWEARING = "Amelia's not at the fucking gate and no one's seen her. RING ME NOW"
THREAT = "I know what car you drive. Speak to my daughter like that again and I'll be waiting."


async def open_school(path: Path) -> Store:
    """A database with Jane (Amelia's parent), Miss Reid, Mrs Okafor and their rooms."""
    store = await Store.open(path)
    rooms = [
        (ESC, RoomKind.ESCALATION, ESCALATION_KEY, None),
        (PARENT_DM, RoomKind.PARENT_DM, "dm:jane:reid", PARENT),
        (TEACHER_DM, RoomKind.TEACHER_DM, "dm:reid:jane", TEACHER),
        (TEACHER_HOME, RoomKind.HOME, home_key(TEACHER), TEACHER),
        (LEAD_HOME, RoomKind.HOME, home_key(LEAD), LEAD),
    ]
    for room_id, kind, key, owner in rooms:
        await store.rooms.add(room_id, kind, key, created_at=CREATED, owner=owner)
    for user, name, role in [
        (PARENT, "Jane Hughes", Role.PARENT),
        (TEACHER, "Miss Reid", Role.TEACHER),
        (LEAD, "Mrs Okafor", Role.SLT),
    ]:
        await store.people.upsert(user, name, role, now=CREATED)
    amelia = await store.pupils.add("Amelia", "Hughes", "oak", True, "M1", now=CREATED)
    await store.pupils.link_parent(PARENT, amelia, linked_by="test", now=CREATED)
    await store.relay.open_conversation(PARENT, TEACHER, PARENT_DM, TEACHER_DM, at=CREATED)
    await store.db.commit()
    return store


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await open_school(tmp_path / "db.sqlite")
    yield store
    await store.close()


async def context_at(store: Store, at: datetime) -> Context:
    """What a handler is given for one of Jane's events at `at`."""
    return Context(
        CONFIG,
        store.reader,
        Clock(at),
        BOT,
        False,
        await store.people.get(PARENT),
        SchoolCalendar(CONFIG),
    )


async def plan(store: Store, body: str, at: datetime, msgtype: str = "m.text") -> list[Action]:
    """What the relay would do with Jane's message sent at `at`."""
    room = await store.rooms.get(PARENT_DM)
    assert room is not None
    content: dict[str, object] = {"msgtype": msgtype, "body": body}
    if msgtype == "m.image":
        content["url"] = "mxc://x/photo"
    raw = {
        "event_id": "$message",
        "sender": PARENT,
        "type": "m.room.message",
        "origin_server_ts": int(at.timestamp() * 1000),
        "content": content,
    }
    return await handle_parent_dm(Event.from_raw(room, raw), await context_at(store, at))


def sent_to(actions: list[Action], room: str) -> list[str]:
    """The bodies of the messages the plan sends to a room (notices and relayed copies)."""
    sends = (a for a in actions if isinstance(a, SendMessage | DeliverRelay))
    return [a.content["body"] for a in sends if a.room_id == room]


def stored(actions: list[Action]) -> StoreRelay:
    [record] = [a for a in actions if isinstance(a, StoreRelay)]
    return record


async def test_an_ordinary_worry_at_friday_7pm_is_held_for_monday_with_no_alert(
    store: Store,
) -> None:
    actions = await plan(store, WORRY, FRIDAY_7PM)
    record = stored(actions)
    assert record.status == "held" and record.release_at == stamp(MONDAY_8AM), record
    assert any(isinstance(a, React) and a.key == HELD for a in actions), actions
    assert not any(isinstance(a, RaiseAlert | RecordIncident) for a in actions), actions
    assert sent_to(actions, TEACHER_DM) == [] and sent_to(actions, LEAD_HOME) == []
    [told] = sent_to(actions, PARENT_DM)
    assert "held" in told and "!urgent" in told, told


async def test_the_same_worry_in_hours_goes_to_the_teacher_at_once(store: Store) -> None:
    actions = await plan(store, WORRY, TUESDAY_10AM)
    [copy] = sent_to(actions, TEACHER_DM)
    assert WORRY in copy, copy
    assert not any(isinstance(a, RaiseAlert) for a in actions), actions


async def test_an_urgent_message_at_friday_7pm_answers_the_family_and_alerts_the_lead(
    store: Store,
) -> None:
    actions = await plan(store, URGENT, FRIDAY_7PM)
    [alert] = [a for a in actions if isinstance(a, RaiseAlert)]
    assert alert.user_id == PARENT and URGENT in alert.body, alert
    [family] = sent_to(actions, PARENT_DM)
    assert "999" in family and CONFIG.safeguarding.emergency in family, family
    [lead] = sent_to(actions, LEAD_HOME)
    assert "URGENT" in lead and URGENT in lead and "!ack" in lead, lead
    [incident] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert incident.kind == "safeguarding" and "no strike" in incident.outcome, incident
    assert not any(isinstance(a, AddStrike) for a in actions), actions
    # The teacher has it first at the opening, marked urgent; nothing reaches them tonight.
    record = stored(actions)
    assert record.label == "urgent" and record.release_at == stamp(MONDAY_8AM), record
    assert sent_to(actions, TEACHER_DM) == []


async def test_an_urgent_message_that_swears_is_urgent_not_diverted(store: Store) -> None:
    actions = await plan(store, URGENT_SWEARING, FRIDAY_7PM)
    assert any(isinstance(a, RaiseAlert) for a in actions), actions
    assert stored(actions).status == "held", stored(actions)
    escalation = sent_to(actions, ESC)
    assert escalation and all("URGENT" in body for body in escalation), escalation


async def test_a_threat_goes_to_slt_not_the_teacher(store: Store) -> None:
    actions = await plan(store, THREAT, TUESDAY_10AM)
    assert stored(actions).status == "diverted", stored(actions)
    assert sent_to(actions, TEACHER_DM) == []
    [incident] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert incident.user_id == PARENT and THREAT in str(incident.evidence), incident


async def test_a_photo_at_friday_7pm_is_held_like_any_message(store: Store) -> None:
    actions = await plan(store, "photo.jpg", FRIDAY_7PM, msgtype="m.image")
    record = stored(actions)
    assert record.status == "held" and record.release_at == stamp(MONDAY_8AM), record
    assert not any(isinstance(a, RaiseAlert) for a in actions), actions


async def test_a_closed_conversation_passes_nothing_on_and_says_so(store: Store) -> None:
    conversation = await store.relay.conversation(PARENT, TEACHER)
    assert conversation is not None
    await store.relay.close(conversation.id, at=CREATED)
    await store.db.commit()
    actions = await plan(store, WORRY, TUESDAY_10AM)
    [told] = sent_to(actions, PARENT_DM)
    assert "closed" in told and len(actions) == 1, actions


@pytest.fixture
def danger_in_doubt(monkeypatch: pytest.MonkeyPatch) -> None:
    """The judge reads danger in every message, but not surely (only its learned tier)."""
    unsure = Verdict(Label.OK, 0.8, ("nothing of concern",), Outcome.KEEP, doubt="reads as danger")
    monkeypatch.setattr(relay, "judge", lambda text, context: unsure)


@pytest.mark.usefixtures("danger_in_doubt")
async def test_danger_read_but_not_surely_at_7pm_asks_a_lead_and_does_not_alarm_the_family(
    store: Store,
) -> None:
    actions = await plan(store, WORRY, FRIDAY_7PM)
    record = stored(actions)
    assert record.status == "held" and record.release_at == stamp(MONDAY_8AM), record
    [alert] = [a for a in actions if isinstance(a, RaiseAlert)]
    assert alert.reply_room == "", alert  # a lead's !ack is not passed on to the family
    [lead] = sent_to(actions, LEAD_HOME)
    assert "PLEASE READ" in lead and "not sure" in lead and WORRY in lead, lead
    [family] = sent_to(actions, PARENT_DM)
    assert "held" in family and "999" not in family, family
    [incident] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert incident.rule == "unsure" and "emergency" not in incident.outcome, incident
    assert not any(isinstance(a, AddStrike) for a in actions), actions


#: A threat the judge also reads as danger, but not surely.
THREAT_IN_DOUBT = Verdict(Label.ABUSIVE, 0.9, ("threat",), Outcome.REMOVE, doubt="reads as danger")


@pytest.mark.parametrize("at", [FRIDAY_7PM, TUESDAY_10AM], ids=["friday-7pm", "in-hours"])
async def test_a_threat_that_may_be_danger_goes_to_slt_and_a_lead_reads_it(
    store: Store, monkeypatch: pytest.MonkeyPatch, at: datetime
) -> None:
    """SLT decide on the threat; a safeguarding lead, who may not be among them, reads it now."""
    monkeypatch.setattr(relay, "judge", lambda text, context: THREAT_IN_DOUBT)
    actions = await plan(store, THREAT, at)
    assert stored(actions).status == "diverted", stored(actions)
    assert sent_to(actions, TEACHER_DM) == []
    assert any(THREAT in body for body in sent_to(actions, ESC)), actions
    [lead] = sent_to(actions, LEAD_HOME)
    assert "PLEASE READ" in lead and THREAT in lead, lead
    [family] = sent_to(actions, PARENT_DM)
    assert "senior leadership" in family and "999" not in family, family
    assert not any(isinstance(a, AddStrike) for a in actions), actions


#: A threat in German that no word list knows and the reader of other languages reads as one
#: (I know where your car stands every morning; one more detention and you'll regret it).
THREAT_ROUGHLY_READ = (
    "Frau Reid, ich weiß, wo Ihr Auto jeden Morgen steht. Wenn meine Tochter noch einmal "
    "nachsitzen muss, werden Sie das bereuen."
)


@pytest.mark.parametrize("at", [FRIDAY_7PM, TUESDAY_10AM], ids=["friday-7pm", "in-hours"])
async def test_a_threat_read_roughly_in_another_language_goes_to_slt_and_a_lead_reads_it(
    store: Store, at: datetime
) -> None:
    """SLT read it first; the family is told why, without being called disrespectful (the
    reader may be wrong: tests/test_judge_multilingual.py). What reads as a threat may be a
    disclosure that quotes one, so a lead reads it now, at any hour, as a message the judge
    cannot read."""
    actions = await plan(store, THREAT_ROUGHLY_READ, at)
    assert stored(actions).status == "diverted", stored(actions)
    assert sent_to(actions, TEACHER_DM) == []
    assert any(THREAT_ROUGHLY_READ in body for body in sent_to(actions, ESC)), actions
    [alert] = [a for a in actions if isinstance(a, RaiseAlert)]
    assert alert.alert_kind == "unread", alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "PLEASE READ" in lead and "German" in lead and THREAT_ROUGHLY_READ in lead, lead
    told = sent_to(actions, PARENT_DM)
    [held_back] = [body for body in told if "senior leadership" in body]
    assert "German" in held_back and "pass it on" in held_back, held_back
    assert "respectful" not in held_back, held_back
    assert any(CONFIG.safeguarding.emergency in body for body in told), told
    assert not any("when school opens" in body or "Miss Reid" in body for body in told), told
    assert not any(isinstance(a, AddStrike) for a in actions), actions


@pytest.mark.usefixtures("danger_in_doubt")
async def test_danger_read_but_not_surely_in_hours_goes_to_the_teacher_at_once(
    store: Store,
) -> None:
    actions = await plan(store, WORRY, TUESDAY_10AM)
    [copy] = sent_to(actions, TEACHER_DM)
    assert WORRY in copy, copy
    assert not any(isinstance(a, RaiseAlert) for a in actions), actions
