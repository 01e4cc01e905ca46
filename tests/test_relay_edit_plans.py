"""A parent's edit is judged as the message it now is: the relay's plans, without Synapse.

An edit that makes a waiting message one a lead should read (danger read but not surely,
a language the judge cannot read, a threat that may be danger) asks a lead as a new message
would, and a message held back with SLT at any hour; an edit into clear danger after an alert
that was not urgent (a lead asked to read it, unsure or in a language the judge cannot read)
takes the urgent path, the alert becomes urgent, and only its new notice's ✅ acknowledges it.
One urgent alert for one message, replays included; an ordinary edit asks nobody. The judge
is replaced by fixed verdicts, so these read only the relay's decisions; each plan's records
are applied to a real database (as the executor would) before the next event is planned.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime, timedelta
from pathlib import Path

import aiosqlite
import pytest
from test_relay_plans import (
    CONFIG,
    ESC,
    FRIDAY_7PM,
    LEAD,
    LEAD_HOME,
    MONDAY_8AM,
    PARENT,
    PARENT_DM,
    TEACHER_DM,
    TUESDAY_10AM,
    context_at,
    open_school,
    sent_to,
)

from bot.actions import Action, RecordIncident, SendMessage, StoreAction, action_id
from bot.calendar import SchoolCalendar
from bot.clock import Clock, parse_instant, stamp
from bot.judge import Label, Outcome, Verdict
from handlers import Context, Event, relay
from handlers.commands import Invocation
from handlers.relay import (
    RELAY_COMMANDS,
    URGENT,
    UpdateRelay,
    handle_parent_dm,
    release_actions,
)
from handlers.safeguarding import (
    ACK,
    ALERT_KEY,
    READ_FOR_YOU,
    RETELL_AFTER,
    AcknowledgeAlert,
    RaiseAlert,
    handle_alert_reaction,
)
from storage.migrations import MIGRATIONS
from storage.safeguarding import AlertKind
from storage.store import Store

SOURCE, EDIT = "$message", "$edit"
FRIDAY_730PM = FRIDAY_7PM + timedelta(minutes=30)
TUESDAY_7PM = TUESDAY_10AM + timedelta(hours=9)

WORRY = "Could you keep an eye on Amelia at lunch? She's been a bit upset."
KINDER = "Could you keep an eye on Amelia at lunch please? Thank you."
UNSURE = "Her uncle is picking her up again and she doesn't want to go with him."
DANGER = "Amelia told me she wants to die and that everyone would be better off without her."
WORSE = "Amelia says she wants to die tonight and has taken my tablets."
UNREADABLE = "Amelia anaumwa sana na ana hofu kurudi nyumbani."
THREAT = "I know what car you drive. Speak to my daughter like that again and I'll be waiting."
RUDE = "You are a useless teacher and a disgrace, and everyone at the gate says so."
ROUGH_THREAT = "Ich weiß, wo Ihr Auto steht. Noch eine Strafarbeit und Sie werden es bereuen."
SHARP = "I'm disappointed nobody told me about the trip. Again."

ORDINARY = Verdict(Label.OK, 0.9, ("nothing of concern",), Outcome.KEEP)
VERDICTS = {
    UNSURE: Verdict(Label.OK, 0.8, ("nothing of concern",), Outcome.KEEP, doubt="reads danger"),
    DANGER: Verdict(Label.URGENT, 0.97, ("a child wants to die",), Outcome.KEEP),
    WORSE: Verdict(Label.URGENT, 0.99, ("a child wants to die",), Outcome.KEEP),
    UNREADABLE: Verdict(Label.OK, 0.5, ("not a language it reads",), Outcome.KEEP, unread="sw"),
    THREAT: Verdict(Label.ABUSIVE, 0.9, ("threat",), Outcome.REMOVE, doubt="reads danger"),
    RUDE: Verdict(Label.ABUSIVE, 0.9, ("insult",), Outcome.REMOVE),
    ROUGH_THREAT: Verdict(
        Label.ABUSIVE, 0.9, ("reads as a threat in German",), Outcome.REMOVE, unread="German"
    ),
    SHARP: Verdict(Label.NEGATIVE, 0.8, ("a sharp tone",), Outcome.KEEP),
}


@pytest.fixture(autouse=True)
def fixed_verdicts(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(relay, "judge", lambda text, context: VERDICTS.get(text, ORDINARY))


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await open_school(tmp_path / "db.sqlite")
    yield store
    await store.close()


async def _handle(store: Store, event_id: str, content: dict, at: datetime) -> list[Action]:
    room = await store.rooms.get(PARENT_DM)
    assert room is not None
    raw = {
        "event_id": event_id,
        "sender": PARENT,
        "type": "m.room.message",
        "origin_server_ts": int(at.timestamp() * 1000),
        "content": content,
    }
    return await handle_parent_dm(Event.from_raw(room, raw), await context_at(store, at))


async def _handle_sent(store: Store, body: str, at: datetime) -> list[Action]:
    return await _handle(store, SOURCE, {"msgtype": "m.text", "body": body}, at)


async def sent(store: Store, body: str, at: datetime) -> list[Action]:
    """Jane's message, planned and its records kept (as the executor keeps them)."""
    actions = await _handle_sent(store, body, at)
    await keep(store, actions, SOURCE, at)
    return actions


async def edited(store: Store, body: str, at: datetime) -> list[Action]:
    """What the relay would do with Jane's edit of that message to `body` (not kept)."""
    content = {
        "msgtype": "m.text",
        "body": f"* {body}",
        "m.new_content": {"msgtype": "m.text", "body": body},
        "m.relates_to": {"rel_type": "m.replace", "event_id": SOURCE},
    }
    return await _handle(store, EDIT, content, at)


async def keep(store: Store, actions: list[Action], cause: str, at: datetime) -> None:
    for index, action in enumerate(actions):
        if isinstance(action, StoreAction):
            await action.apply(store, action_id(cause, index, action), stamp(at))
    await store.db.commit()


async def performed(store: Store, actions: list[Action], cause: str, at: datetime) -> list[str]:
    """As the executor performs a plan, in order: records kept, and each notice sent under a
    key remembered (its event id `<cause>:<index>`). The ids of those notices."""
    remembered = []
    for index, action in enumerate(actions):
        if isinstance(action, StoreAction):
            await action.apply(store, action_id(cause, index, action), stamp(at))
        elif isinstance(action, SendMessage) and action.remember_as:
            event_id = f"{cause}:{index}"
            await store.sent.remember(event_id, action.room_id, action.remember_as)
            remembered.append(event_id)
    await store.db.commit()
    return remembered


async def delivered(store: Store, at: datetime) -> None:
    """The message reached the teacher (as the executor records a `DeliverRelay`)."""
    await store.relay.delivered(SOURCE, "$teachers-copy", at=stamp(at))
    await store.db.commit()


def alerts(actions: list[Action]) -> list[RaiseAlert]:
    return [a for a in actions if isinstance(a, RaiseAlert)]


def updates(actions: list[Action]) -> list[UpdateRelay]:
    return [a for a in actions if isinstance(a, UpdateRelay)]


def emergency_text(actions: list[Action]) -> list[str]:
    return [body for body in sent_to(actions, PARENT_DM) if CONFIG.safeguarding.emergency in body]


# Gap 1: an edit into a message a lead should read --------------------------------------


async def test_a_held_message_edited_into_doubt_at_7pm_asks_a_lead_and_does_not_alarm_the_family(
    store: Store,
) -> None:
    await sent(store, WORRY, FRIDAY_7PM)
    actions = await edited(store, UNSURE, FRIDAY_730PM)
    [alert] = alerts(actions)
    assert alert.source_event == SOURCE and alert.reply_room == "", alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "PLEASE READ" in lead and UNSURE in lead and "edited to say this" in lead, lead
    assert emergency_text(actions) == [] and sent_to(actions, PARENT_DM) == [], actions
    [update] = updates(actions)
    assert update.status is None and update.content is not None, update  # still held
    assert update.content["body"] == UNSURE, update
    [incident] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert incident.rule == "unsure" and incident.event_id == SOURCE, incident
    await keep(store, actions, EDIT, FRIDAY_730PM)
    held = await store.relay.by_source(SOURCE)
    assert held is not None and held.status == "held", held
    assert held.release_at == stamp(MONDAY_8AM), held


async def test_the_same_edit_replayed_asks_no_lead_again(store: Store) -> None:
    await sent(store, WORRY, FRIDAY_7PM)
    await keep(store, await edited(store, UNSURE, FRIDAY_730PM), EDIT, FRIDAY_730PM)
    again = await edited(store, UNSURE, FRIDAY_730PM)
    assert alerts(again) == [] and sent_to(again, LEAD_HOME) == [], again
    assert [type(a) for a in again] == [UpdateRelay], again


async def test_a_message_delivered_in_hours_and_edited_into_doubt_at_7pm_asks_a_lead(
    store: Store,
) -> None:
    """The teacher has gone home: their copy is changed now (they read it in the morning),
    and a lead reads it tonight."""
    await sent(store, WORRY, TUESDAY_10AM)
    await delivered(store, TUESDAY_10AM)
    actions = await edited(store, UNSURE, TUESDAY_7PM)
    [copy] = sent_to(actions, TEACHER_DM)
    assert copy.startswith("* ") and UNSURE in copy, copy
    [alert] = alerts(actions)
    assert alert.reply_room == "" and len(sent_to(actions, LEAD_HOME)) == 1, actions
    assert emergency_text(actions) == [], actions


async def test_the_same_edit_in_hours_asks_no_lead(store: Store) -> None:
    """In hours the teacher has the edit at once, as they have a new message."""
    await sent(store, WORRY, TUESDAY_10AM)
    await delivered(store, TUESDAY_10AM)
    actions = await edited(store, UNSURE, TUESDAY_10AM + timedelta(minutes=5))
    assert len(actions) == 1 and isinstance(actions[0], SendMessage), actions
    [copy] = sent_to(actions, TEACHER_DM)
    assert UNSURE in copy, copy


async def test_a_delivered_message_edited_in_hours_into_a_language_it_cannot_read_asks_nobody(
    store: Store,
) -> None:
    """The negative twin of the diverted one below: in hours the teacher has the edit."""
    await sent(store, WORRY, TUESDAY_10AM)
    await delivered(store, TUESDAY_10AM)
    actions = await edited(store, UNREADABLE, TUESDAY_10AM + timedelta(minutes=5))
    assert len(actions) == 1 and isinstance(actions[0], SendMessage), actions
    [copy] = sent_to(actions, TEACHER_DM)
    assert UNREADABLE in copy, copy
    assert alerts(actions) == [] and sent_to(actions, PARENT_DM) == [], actions


@pytest.mark.parametrize("body", [UNSURE, UNREADABLE], ids=["unsure", "unread"])
async def test_a_diverted_message_edited_in_hours_into_one_a_lead_should_read_asks_a_lead(
    store: Store, body: str
) -> None:
    """Held back with SLT, it is not with the teacher, in hours or not: a lead reads it."""
    await sent(store, RUDE, TUESDAY_10AM)
    diverted = await store.relay.by_source(SOURCE)
    assert diverted is not None and diverted.status == "diverted", diverted
    assert await store.alerts.by_source(SOURCE) is None
    actions = await edited(store, body, TUESDAY_10AM + timedelta(minutes=5))
    assert sent_to(actions, TEACHER_DM) == [], actions
    [alert] = alerts(actions)
    assert alert.source_event == SOURCE, alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "PLEASE READ" in lead and body in lead and "edited to say this" in lead, lead
    if body == UNSURE:
        assert alert.reply_room == "" and alert.alert_kind == "unsure", alert
        assert sent_to(actions, PARENT_DM) == [], actions
    else:
        assert alert.reply_room == PARENT_DM and alert.alert_kind == "unread", alert
        [family] = sent_to(actions, PARENT_DM)
        assert READ_FOR_YOU in family and "not working now" not in family, family
    assert [update.status for update in updates(actions)] == [None], actions  # still with SLT


async def test_a_paused_message_edited_in_hours_into_doubt_is_released_now(store: Store) -> None:
    """No longer one to pause on: the teacher has it now, as a new message with that verdict."""
    await sent(store, SHARP, TUESDAY_10AM)
    paused = await store.relay.by_source(SOURCE)
    assert paused is not None and paused.status == "pausing", paused
    at = TUESDAY_10AM + timedelta(minutes=2)
    actions = await edited(store, UNSURE, at)
    assert alerts(actions) == [] and sent_to(actions, LEAD_HOME) == [], actions
    [update] = updates(actions)
    soon = at + timedelta(seconds=1)  # the test clock ticks as it is read
    assert update.status == "held" and stamp(at) <= (update.release_at or "") <= stamp(soon)
    await keep(store, actions, EDIT, at)
    [due] = await store.relay.due(stamp(soon))
    assert due.source_event == SOURCE and due.content == {"msgtype": "m.text", "body": UNSURE}


async def test_a_held_message_edited_into_a_language_the_judge_cannot_read_is_read_for_them(
    store: Store,
) -> None:
    """As a new message in that language out of hours: the family answered, a lead asked."""
    await sent(store, WORRY, FRIDAY_7PM)
    actions = await edited(store, UNREADABLE, FRIDAY_730PM)
    [alert] = alerts(actions)
    assert alert.source_event == SOURCE and alert.reply_room == PARENT_DM, alert
    [family] = sent_to(actions, PARENT_DM)
    assert CONFIG.safeguarding.emergency in family and READ_FOR_YOU in family, family
    [lead] = sent_to(actions, LEAD_HOME)
    assert "cannot read" in lead and UNREADABLE in lead, lead
    assert all(update.status is None for update in updates(actions)), actions


@pytest.mark.parametrize("at", [FRIDAY_730PM, TUESDAY_10AM], ids=["friday-7pm", "in-hours"])
async def test_a_message_edited_into_a_threat_that_may_be_danger_goes_to_slt_and_a_lead(
    store: Store, at: datetime
) -> None:
    await sent(store, WORRY, at - timedelta(minutes=30))
    if at == TUESDAY_10AM:
        await delivered(store, at - timedelta(minutes=30))
    actions = await edited(store, THREAT, at)
    assert any(THREAT in body for body in sent_to(actions, ESC)), actions
    assert not any(THREAT in body for body in sent_to(actions, TEACHER_DM)), actions
    [alert] = alerts(actions)
    assert alert.source_event == SOURCE and alert.reply_room == "", alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "PLEASE READ" in lead and THREAT in lead, lead
    assert emergency_text(actions) == [], actions
    if at == FRIDAY_730PM:
        assert [update.status for update in updates(actions)] == ["diverted"], actions


@pytest.mark.parametrize("at", [FRIDAY_730PM, TUESDAY_10AM], ids=["friday-7pm", "in-hours"])
async def test_a_message_edited_into_a_threat_read_roughly_goes_to_slt_and_a_lead_reads_it(
    store: Store, at: datetime
) -> None:
    """As a new message read roughly as a threat: SLT read it first, a lead now, and the family
    is not told the teacher will see it at the opening."""
    await sent(store, WORRY, at - timedelta(minutes=30))
    actions = await edited(store, ROUGH_THREAT, at)
    assert not any(ROUGH_THREAT in body for body in sent_to(actions, TEACHER_DM)), actions
    assert any(ROUGH_THREAT in body for body in sent_to(actions, ESC)), actions
    [alert] = alerts(actions)
    assert alert.source_event == SOURCE and alert.alert_kind == "unread", alert
    family = sent_to(actions, PARENT_DM)
    assert any("senior leadership" in body for body in family), family
    assert not any("school opens" in body for body in family), family


async def test_an_ordinary_edit_asks_nobody(store: Store) -> None:
    await sent(store, WORRY, FRIDAY_7PM)
    actions = await edited(store, KINDER, FRIDAY_730PM)
    assert [type(a) for a in actions] == [UpdateRelay], actions
    assert actions[0] == UpdateRelay(SOURCE, content={"msgtype": "m.text", "body": KINDER})


# Gap 2: an edit into clear danger after a lead was only asked to read it ---------------


async def _unsure_then_acknowledged(store: Store) -> None:
    """Jane's message read as danger but not surely at 7pm: a lead asked, and has seen it."""
    await sent(store, UNSURE, FRIDAY_7PM)
    alert = await store.alerts.by_source(SOURCE)
    assert alert is not None and alert.reply_room == "" and alert.notified_at, alert
    await store.alerts.acknowledge(SOURCE, LEAD, at=stamp(FRIDAY_7PM))
    await store.db.commit()


async def test_an_edit_into_danger_after_an_unsure_alert_takes_the_urgent_path(
    store: Store,
) -> None:
    await _unsure_then_acknowledged(store)
    actions = await edited(store, DANGER, FRIDAY_730PM)
    [family] = emergency_text(actions)
    assert "999" in family, family
    [alert] = alerts(actions)
    assert alert.source_event == SOURCE and alert.reply_room == PARENT_DM, alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "URGENT" in lead and DANGER in lead and "PLEASE READ" not in lead, lead
    [update] = updates(actions)
    assert update.label == URGENT and update.release_at == stamp(MONDAY_8AM), update
    [incident] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert incident.rule == "urgent" and incident.event_id == SOURCE, incident

    await keep(store, actions, EDIT, FRIDAY_730PM)
    stored = await store.alerts.by_source(SOURCE)
    assert stored is not None and stored.reply_room == PARENT_DM, stored
    assert stored.acked_at is None and stored.acked_by is None, stored  # to be seen again
    assert stored.notified_at == stamp(FRIDAY_730PM) and "URGENT" in stored.body, stored
    # At the opening the teacher has it first, marked urgent.
    held = await store.relay.by_source(SOURCE)
    assert held is not None and held.label == URGENT, held
    ctx = await context_at(store, MONDAY_8AM)
    [copy] = sent_to(await release_actions(ctx, held), TEACHER_DM)
    assert "URGENT" in copy and DANGER in copy, copy


async def test_the_urgent_edit_replayed_raises_no_second_alert(store: Store) -> None:
    await _unsure_then_acknowledged(store)
    await keep(store, await edited(store, DANGER, FRIDAY_730PM), EDIT, FRIDAY_730PM)
    again = await edited(store, DANGER, FRIDAY_730PM)
    assert alerts(again) == [] and sent_to(again, LEAD_HOME) == [], again
    assert emergency_text(again) == [] and sent_to(again, ESC) == [], again


async def test_a_delivered_message_edited_into_danger_after_an_unsure_alert_is_marked_urgent(
    store: Store,
) -> None:
    await _unsure_then_acknowledged(store)
    await delivered(store, MONDAY_8AM)
    monday_7pm = MONDAY_8AM + timedelta(hours=11)
    actions = await edited(store, DANGER, monday_7pm)
    [copy] = sent_to(actions, TEACHER_DM)
    assert copy.startswith("* ") and "URGENT" in copy and DANGER in copy, copy
    assert len(emergency_text(actions)) == 1 and len(alerts(actions)) == 1, actions


async def test_an_already_urgent_message_edited_into_danger_again_raises_no_second_alert(
    store: Store,
) -> None:
    await sent(store, DANGER, FRIDAY_7PM)
    first = await store.alerts.by_source(SOURCE)
    actions = await edited(store, WORSE, FRIDAY_730PM)
    assert alerts(actions) == [] and sent_to(actions, LEAD_HOME) == [], actions
    assert emergency_text(actions) == [], actions
    assert [type(a) for a in actions] == [UpdateRelay], actions
    await keep(store, actions, EDIT, FRIDAY_730PM)
    assert await store.alerts.by_source(SOURCE) == first


async def test_an_unread_message_edited_into_danger_takes_the_urgent_path(store: Store) -> None:
    """A lead was asked to read a language the judge cannot, and the family answered; now it
    is clear danger: the family is answered again, the leads get the URGENT notice with the
    new words, the teacher's copy is marked urgent, and the acknowledgement is asked afresh."""
    await sent(store, UNREADABLE, FRIDAY_7PM)
    first = await store.alerts.by_source(SOURCE)
    assert first is not None and first.reply_room == PARENT_DM and first.kind == "unread", first
    await store.alerts.acknowledge(SOURCE, LEAD, at=stamp(FRIDAY_7PM))
    await store.db.commit()
    actions = await edited(store, DANGER, FRIDAY_730PM)
    [family] = emergency_text(actions)
    assert "999" in family and READ_FOR_YOU not in family, family
    [alert] = alerts(actions)
    assert alert.alert_kind == "urgent" and alert.reply_room == PARENT_DM, alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "URGENT" in lead and DANGER in lead and "PLEASE READ" not in lead, lead
    [update] = updates(actions)
    assert update.label == URGENT and update.release_at == stamp(MONDAY_8AM), update
    [incident] = [a.incident for a in actions if isinstance(a, RecordIncident)]
    assert incident.rule == "urgent", incident

    await keep(store, actions, EDIT, FRIDAY_730PM)
    stored = await store.alerts.by_source(SOURCE)
    assert stored is not None and stored.kind == "urgent" and "URGENT" in stored.body, stored
    assert stored.acked_at is None and stored.acked_by is None, stored
    assert stored.notified_at == stamp(FRIDAY_730PM), stored
    held = await store.relay.by_source(SOURCE)
    assert held is not None and held.label == URGENT, held
    ctx = await context_at(store, MONDAY_8AM)
    [copy] = sent_to(await release_actions(ctx, held), TEACHER_DM)
    assert "URGENT" in copy and DANGER in copy, copy

    # Replayed, or edited into danger again: the alert is urgent already, nothing new.
    for body in (DANGER, WORSE):
        again = await edited(store, body, FRIDAY_730PM + timedelta(minutes=1))
        assert alerts(again) == [] and sent_to(again, LEAD_HOME) == [], again
        assert emergency_text(again) == [] and sent_to(again, ESC) == [], again


async def test_a_delivered_unread_message_edited_into_danger_is_marked_urgent_for_the_teacher(
    store: Store,
) -> None:
    await sent(store, UNREADABLE, FRIDAY_7PM)
    await delivered(store, MONDAY_8AM)
    monday_7pm = MONDAY_8AM + timedelta(hours=11)
    actions = await edited(store, DANGER, monday_7pm)
    [copy] = sent_to(actions, TEACHER_DM)
    assert copy.startswith("* ") and "URGENT" in copy and DANGER in copy, copy
    assert [update.label for update in updates(actions)] == [URGENT], actions
    assert len(emergency_text(actions)) == 1 and len(alerts(actions)) == 1, actions


async def test_an_unsure_message_edited_into_an_ordinary_one_changes_only_its_words(
    store: Store,
) -> None:
    await _unsure_then_acknowledged(store)
    actions = await edited(store, KINDER, FRIDAY_730PM)
    assert [type(a) for a in actions] == [UpdateRelay], actions
    await keep(store, actions, EDIT, FRIDAY_730PM)
    alert = await store.alerts.by_source(SOURCE)
    assert alert is not None and alert.reply_room == "" and alert.acked_by == LEAD, alert


# The family's !urgent after a lead was only asked to read the message -----------------


async def urgent_sent(store: Store, at: datetime) -> list[Action]:
    """What the relay would do with Jane's !urgent in her conversation at `at`."""
    room = await store.rooms.get(PARENT_DM)
    assert room is not None
    raw = {
        "event_id": "$urgent",
        "sender": PARENT,
        "type": "m.room.message",
        "origin_server_ts": int(at.timestamp() * 1000),
        "content": {"msgtype": "m.text", "body": "!urgent"},
    }
    [command] = [c for c in RELAY_COMMANDS if c.name == "urgent"]
    invocation = Invocation(command, {}, Event.from_raw(room, raw))
    return await command.run(invocation, await context_at(store, at))


async def test_the_familys_urgent_after_an_unsure_alert_gives_them_the_emergency_routes(
    store: Store,
) -> None:
    await _unsure_then_acknowledged(store)
    actions = await urgent_sent(store, FRIDAY_730PM)
    [family] = emergency_text(actions)
    assert "999" in family, family
    [alert] = alerts(actions)
    assert alert.source_event == SOURCE and alert.reply_room == PARENT_DM, alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "URGENT" in lead and "which the family marked urgent" in lead, lead
    await keep(store, actions, "$urgent", FRIDAY_730PM)
    stored = await store.alerts.by_source(SOURCE)
    assert stored is not None and stored.reply_room == PARENT_DM and stored.acked_at is None
    again = await urgent_sent(store, FRIDAY_730PM + timedelta(minutes=1))
    assert alerts(again) == [] and emergency_text(again) == [], again
    [told] = sent_to(again, PARENT_DM)
    assert "already with the school's safeguarding lead" in told, told


async def test_the_familys_urgent_after_an_unread_alert_takes_the_urgent_path(
    store: Store,
) -> None:
    """The family was answered and a lead asked to read their language; the family now says
    it is urgent: the leads get the URGENT notice, and the teacher's copy is marked urgent."""
    await sent(store, UNREADABLE, FRIDAY_7PM)
    actions = await urgent_sent(store, FRIDAY_730PM)
    assert len(emergency_text(actions)) == 1, actions
    [alert] = alerts(actions)
    assert alert.alert_kind == "urgent" and alert.reply_room == PARENT_DM, alert
    [lead] = sent_to(actions, LEAD_HOME)
    assert "URGENT" in lead and "which the family marked urgent" in lead, lead
    [update] = updates(actions)
    assert update.label == URGENT, update
    await keep(store, actions, "$urgent", FRIDAY_730PM)
    stored = await store.alerts.by_source(SOURCE)
    assert stored is not None and stored.kind == "urgent" and stored.acked_at is None, stored
    again = await urgent_sent(store, FRIDAY_730PM + timedelta(minutes=1))
    assert alerts(again) == [] and emergency_text(again) == [], again


# A lead's ✅: only on the notice that stands for the alert as it is now ------------------


async def reacted(store: Store, notice_id: str, at: datetime) -> list[Action]:
    """What the bot would do with Mrs Okafor's ✅ on one of her notices."""
    room = await store.rooms.get(LEAD_HOME)
    assert room is not None
    raw = {
        "event_id": f"$tick-{notice_id}",
        "sender": LEAD,
        "type": "m.reaction",
        "origin_server_ts": int(at.timestamp() * 1000),
        "content": {
            "m.relates_to": {"rel_type": "m.annotation", "event_id": notice_id, "key": ACK}
        },
    }
    ctx = Context(
        CONFIG,
        store.reader,
        Clock(at),
        "@bot:x",
        False,
        await store.people.get(LEAD),
        SchoolCalendar(CONFIG),
    )
    return await handle_alert_reaction(Event.from_raw(room, raw), ctx)


async def test_a_tick_on_the_old_please_read_notice_does_not_acknowledge_the_urgent_alert(
    store: Store,
) -> None:
    [old] = await performed(
        store, await _handle_sent(store, UNSURE, FRIDAY_7PM), SOURCE, FRIDAY_7PM
    )
    handle = (await store.alerts.by_source(SOURCE)).handle
    assert await store.sent.key_of(old) == ALERT_KEY + handle
    [new] = await performed(store, await edited(store, DANGER, FRIDAY_730PM), EDIT, FRIDAY_730PM)
    assert await store.sent.with_key(ALERT_KEY + handle) == [(LEAD_HOME, new)]

    at = FRIDAY_730PM + timedelta(minutes=5)
    assert await reacted(store, old, at) == []
    alert = await store.alerts.by_source(SOURCE)
    assert alert is not None and alert.acked_at is None, alert

    actions = await reacted(store, new, at)
    assert [a.by for a in actions if isinstance(a, AcknowledgeAlert)] == [LEAD], actions
    [family] = sent_to(actions, PARENT_DM)
    assert "seen by the school's safeguarding lead" in family, family
    await keep(store, actions, f"$tick-{new}", at)
    alert = await store.alerts.by_source(SOURCE)
    assert alert is not None and alert.acked_by == LEAD, alert


async def test_a_tick_on_an_alert_never_upgraded_still_acknowledges_it(store: Store) -> None:
    """The negative twin: an ordinary edit of an unsure message retires no notice."""
    [old] = await performed(
        store, await _handle_sent(store, UNSURE, FRIDAY_7PM), SOURCE, FRIDAY_7PM
    )
    await performed(store, await edited(store, KINDER, FRIDAY_730PM), EDIT, FRIDAY_730PM)
    actions = await reacted(store, old, FRIDAY_730PM + timedelta(minutes=5))
    assert [a.by for a in actions if isinstance(a, AcknowledgeAlert)] == [LEAD], actions


# The store: an alert that is not urgent is raised again as urgent, once -----------------


async def _raise(
    store: Store, reply_room: str, body: str, at: datetime, kind: AlertKind = "urgent"
) -> bool:
    upgraded = await store.alerts.raise_alert(
        SOURCE,
        "h1",
        PARENT,
        reply_room,
        body,
        f"<p>{body}</p>",
        kind=kind,
        notify_at=stamp(at),
        at=stamp(at),
    )
    await store.db.commit()
    return upgraded


@pytest.mark.parametrize(
    ("kind", "reply_room"), [("unsure", ""), ("unread", PARENT_DM)], ids=["unsure", "unread"]
)
async def test_the_store_upgrades_an_alert_that_was_not_urgent(
    store: Store, kind: AlertKind, reply_room: str
) -> None:
    assert not await _raise(store, reply_room, "PLEASE READ", FRIDAY_7PM, kind)
    assert (await store.alerts.by_source(SOURCE)).kind == kind
    await store.alerts.mark(SOURCE, "notified_at", at=stamp(FRIDAY_7PM))
    await store.alerts.mark(SOURCE, "chased_at", at=stamp(FRIDAY_7PM))
    await store.alerts.acknowledge(SOURCE, LEAD, at=stamp(FRIDAY_7PM))
    assert await _raise(store, PARENT_DM, "URGENT", FRIDAY_730PM)
    alert = await store.alerts.by_source(SOURCE)
    assert alert is not None, alert
    assert (alert.handle, alert.reply_room, alert.body) == ("h1", PARENT_DM, "URGENT"), alert
    assert alert.kind == "urgent" and alert.html == "<p>URGENT</p>", alert
    assert alert.notify_at == stamp(FRIDAY_730PM), alert
    assert alert.notified_at is None and alert.chased_at is None, alert
    assert alert.acked_at is None and alert.acked_by is None, alert
    assert alert.raised_at == stamp(FRIDAY_7PM), alert  # when the concern was first raised
    assert [a.source_event for a in await store.alerts.to_notify(stamp(FRIDAY_730PM))] == [SOURCE]
    assert not await _raise(store, PARENT_DM, "URGENT again", FRIDAY_730PM)  # once


async def test_an_alert_told_at_once_is_left_to_the_job_only_if_the_telling_never_ended(
    store: Store,
) -> None:
    """The scheduled job tells the leads of an alert that is due. One the handler is telling
    now is not due to it until RETELL_AFTER has passed (the bot stopped before it was told),
    so the handler and the job never both tell a lead."""
    actions = await _handle_sent(store, DANGER, FRIDAY_7PM)
    [raised] = alerts(actions)
    await keep(store, [raised], SOURCE, FRIDAY_7PM)  # stored; the leads' notices not yet sent
    due_at = parse_instant(raised.notify_at)
    assert RETELL_AFTER <= due_at - FRIDAY_7PM < RETELL_AFTER + timedelta(seconds=10)
    assert await store.alerts.to_notify(stamp(due_at - timedelta(seconds=1))) == []
    due = await store.alerts.to_notify(raised.notify_at)
    assert [alert.source_event for alert in due] == [SOURCE]
    await keep(store, actions, SOURCE, FRIDAY_7PM)  # the whole plan: the leads were told
    assert await store.alerts.to_notify(stamp(FRIDAY_7PM + timedelta(days=3))) == []


async def test_an_alert_acknowledged_before_it_was_due_is_not_told(store: Store) -> None:
    await _raise(store, PARENT_DM, "URGENT", FRIDAY_730PM)
    assert len(await store.alerts.to_notify(stamp(FRIDAY_730PM))) == 1
    await store.alerts.acknowledge(SOURCE, LEAD, at=stamp(FRIDAY_7PM))
    assert await store.alerts.to_notify(stamp(FRIDAY_730PM)) == []


async def test_the_store_keeps_an_urgent_alert(store: Store) -> None:
    """A replayed urgent message, or a later unsure or unread reading of it, raises nothing."""
    await _raise(store, PARENT_DM, "URGENT", FRIDAY_7PM)
    await store.alerts.mark(SOURCE, "notified_at", at=stamp(FRIDAY_7PM))
    first = await store.alerts.by_source(SOURCE)
    assert first is not None and first.kind == "urgent", first
    assert not await _raise(store, PARENT_DM, "URGENT again", FRIDAY_730PM)
    assert not await _raise(store, "", "PLEASE READ", FRIDAY_730PM, "unsure")
    assert not await _raise(store, PARENT_DM, "PLEASE READ", FRIDAY_730PM, "unread")
    assert not await _raise(store, "!elsewhere:x", "URGENT elsewhere", FRIDAY_730PM)
    assert await store.alerts.by_source(SOURCE) == first


async def test_the_store_keeps_an_alert_raised_again_as_not_urgent(store: Store) -> None:
    await _raise(store, "", "PLEASE READ", FRIDAY_7PM, "unsure")
    await store.alerts.mark(SOURCE, "notified_at", at=stamp(FRIDAY_7PM))
    first = await store.alerts.by_source(SOURCE)
    await _raise(store, "", "PLEASE READ again", FRIDAY_730PM, "unsure")
    await _raise(store, PARENT_DM, "PLEASE READ: in Swahili", FRIDAY_730PM, "unread")
    assert await store.alerts.by_source(SOURCE) == first


async def test_alerts_raised_before_the_kind_column_take_the_kind_they_were_raised_as(
    tmp_path: Path,
) -> None:
    """The migration gives each alert the word its latest incident recorded; without one, an
    alert nobody answered the family on is unsure, one whose notice asked a lead to read a
    language is unread, and the rest urgent."""
    path = tmp_path / "old.sqlite"
    unread_notice = '{"body": "\\ud83d\\udd0e PLEASE READ: a message in sw from Jane", "html": ""}'
    async with aiosqlite.connect(path) as db:
        for migration in MIGRATIONS[:-1]:
            for statement in migration.statements:
                await db.execute(statement)
        rows = [  # source event, reply room, notice, incident rules in order
            ("$urgent", PARENT_DM, '{"body": "URGENT", "html": ""}', ["urgent"]),
            ("$unread", PARENT_DM, unread_notice, ["unread"]),
            ("$unsure", "", '{"body": "PLEASE READ", "html": ""}', ["unsure"]),
            ("$upgraded", PARENT_DM, '{"body": "URGENT", "html": ""}', ["unsure", "urgent"]),
            ("$no-incident-unsure", "", '{"body": "PLEASE READ", "html": ""}', []),
            ("$no-incident-unread", PARENT_DM, unread_notice, []),
            ("$no-incident-urgent", PARENT_DM, '{"body": "URGENT", "html": ""}', []),
        ]
        for number, (source, room, notice, rules) in enumerate(rows):
            await db.execute(
                "INSERT INTO safeguarding_alerts (source_event, handle, user_id, reply_room, "
                "alert, raised_at, notify_at) VALUES (?, ?, ?, ?, ?, 'then', 'then')",
                (source, f"h{number}", PARENT, room, notice),
            )
            for rule in rules:
                await db.execute(
                    "INSERT INTO incidents (action_id, at, kind, user_id, event_id, rule, "
                    "outcome) VALUES (?, 'then', 'safeguarding', ?, ?, ?, '')",
                    (f"{source}:{rule}", PARENT, source, rule),
                )
        await db.execute(f"PRAGMA user_version = {len(MIGRATIONS) - 1}")
        await db.commit()
    store = await Store.open(path)
    try:
        kinds = {source: (await store.alerts.by_source(source)).kind for source, *_ in rows}
        assert kinds == {
            "$urgent": "urgent",
            "$unread": "unread",
            "$unsure": "unsure",
            "$upgraded": "urgent",
            "$no-incident-unsure": "unsure",
            "$no-incident-unread": "unread",
            "$no-incident-urgent": "urgent",
        }, kinds
    finally:
        await store.close()
