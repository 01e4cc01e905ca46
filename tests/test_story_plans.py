"""The class story's decisions as plans, from a temporary database, without Synapse.

A family's reply under a teacher's post is judged; the handler returns what should happen
(records and effects on the homeserver, as data) and the executor is not run. These tests
read those plans: what tests/test_story.py shows with real clients, here in milliseconds.
Miss Reid teaches Oak (Amelia's class) and posted about sunflowers; Jane is Amelia's
mother; Mrs Okafor is the safeguarding lead.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import pytest

from bot.actions import Action, Kick, RecordIncident, Redact, SendMessage
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import load_config
from bot.provisioning import ESCALATION_KEY, home_key, story_key
from handlers import Context, Event
from handlers.discipline import PUBLIC_REASON, AddStrike, Suspend
from handlers.safeguarding import RaiseAlert
from handlers.story import (
    KEEP,
    REMOVE,
    DecideReview,
    OpenReview,
    RememberStoryEvent,
    handle_review_decision,
    handle_story,
)
from storage.incidents import Incident
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store
from storage.story import StoryEvent

A = TypeVar("A", bound=Action)

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "rooms.yaml")
BOT = "@bot:x"
PARENT, TEACHER, LEAD = "@jane:x", "@s.reid:x", "@j.okafor:x"
OAK, ESC = "!oak:x", "!esc:x"
PARENT_HOME, TEACHER_HOME, LEAD_HOME = "!home-jane:x", "!home-reid:x", "!home-okafor:x"
POST = "$post"
CREATED = "2026-09-01T08:00:00+00:00"
TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")

KIND = "What a lovely day, thank you Miss Reid! Amelia loved it 😊"
NEGATIVE = "This is rubbish, worst class ever, the teacher is useless"
UNSURE = "Shame Amelia missed it again"
PHONE = "Lovely! Can you ring me on 07700 900123 about Amelia's reading?"
URGENT = (
    "Amelia told me she wants to die and that everyone would be better off without her. She's 9."
)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "db.sqlite")
    await store.rooms.add(OAK, RoomKind.STORY, story_key("oak"), created_at=CREATED, class_id="oak")
    await store.rooms.add(ESC, RoomKind.ESCALATION, ESCALATION_KEY, created_at=CREATED)
    for room_id, owner in [(PARENT_HOME, PARENT), (TEACHER_HOME, TEACHER), (LEAD_HOME, LEAD)]:
        await store.rooms.add(
            room_id, RoomKind.HOME, home_key(owner), created_at=CREATED, owner=owner
        )
    for user, name, role in [
        (PARENT, "Jane Hughes", Role.PARENT),
        (TEACHER, "Miss Reid", Role.TEACHER),
        (LEAD, "Mrs Okafor", Role.SLT),
    ]:
        await store.people.upsert(user, name, role, now=CREATED)
    amelia = await store.pupils.add("Amelia", "Hughes", "oak", True, "M1", now=CREATED)
    await store.pupils.add("Oliver", "Bennett", "oak", True, "M2", now=CREATED)
    await store.pupils.link_parent(PARENT, amelia, linked_by="test", now=CREATED)
    sunflowers = "Oak class planted sunflowers 🌻"
    await store.story.remember(StoryEvent(POST, OAK, TEACHER, True, None, sunflowers))
    await store.db.commit()
    yield store
    await store.close()


async def context(store: Store, sender: str, at: datetime = TUESDAY_10AM) -> Context:
    return Context(
        CONFIG,
        store.reader,
        Clock(at),
        BOT,
        False,
        await store.people.get(sender),
        SchoolCalendar(CONFIG),
    )


async def event_in(
    store: Store, room_id: str, raw: dict[str, object], at: datetime = TUESDAY_10AM
) -> Event:
    room = await store.rooms.get(room_id)
    assert room is not None
    raw = {"origin_server_ts": int(at.timestamp() * 1000)} | raw
    return Event.from_raw(room, raw)


async def reply(
    store: Store, body: str, sender: str = PARENT, at: datetime = TUESDAY_10AM, *, new: bool = False
) -> list[Action]:
    """What the story handler would do with `sender`'s reply to Miss Reid's post (`new`: a
    new post of the same words), sent at `at`."""
    content: dict[str, object] = {"msgtype": "m.text", "body": body}
    if not new:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": POST}}
    raw = {"event_id": "$reply", "sender": sender, "type": "m.room.message", "content": content}
    event = await event_in(store, OAK, raw, at)
    return await handle_story(event, await context(store, sender, at))


def sent_to(actions: list[Action], room: str) -> list[str]:
    return [a.content["body"] for a in actions if isinstance(a, SendMessage) and a.room_id == room]


def incidents(actions: list[Action]) -> list[Incident]:
    return [a.incident for a in actions if isinstance(a, RecordIncident)]


def of(actions: list[Action], kind: type[A]) -> list[A]:
    return [a for a in actions if isinstance(a, kind)]


async def test_a_kind_reply_is_kept_and_only_remembered(store: Store) -> None:
    actions = await reply(store, KIND)
    [remembered] = actions
    assert isinstance(remembered, RememberStoryEvent), actions
    assert remembered.event == StoryEvent("$reply", OAK, PARENT, False, POST, None)


async def test_an_unkind_reply_is_removed_with_a_first_warning_and_slt_told(store: Store) -> None:
    actions = await reply(store, NEGATIVE)
    assert of(actions, Redact) == [Redact(OAK, "$reply", PUBLIC_REASON)], actions
    [incident] = incidents(actions)
    assert incident.kind == "reply removed" and incident.rule == "negative", incident
    assert incident.outcome == "warning (strike 1)" and incident.evidence["body"] == NEGATIVE
    [added] = of(actions, AddStrike)
    assert (added.user_id, added.event_id, added.rule) == (PARENT, "$reply", "negative")
    assert not of(actions, Suspend) and not of(actions, Kick), actions  # one warning first
    [told] = sent_to(actions, PARENT_HOME)
    assert "This is a warning" in told and "office@" in told, told
    [slt] = sent_to(actions, ESC)
    assert "Reply removed" in slt and NEGATIVE in slt, slt
    # the evidence is recorded before the reply is redacted
    assert actions.index(of(actions, RecordIncident)[0]) < actions.index(of(actions, Redact)[0])


async def test_a_second_unkind_reply_removes_the_parent_from_the_story(store: Store) -> None:
    await store.discipline.add_strike(
        PARENT, "$earlier", "negative", confirmed_by="conductbot (judge)", at=CREATED
    )
    await store.db.commit()
    actions = await reply(store, NEGATIVE)
    [incident] = incidents(actions)
    assert incident.outcome.startswith("removed from class stories"), incident
    assert of(actions, Suspend) and of(actions, Kick) == [Kick(OAK, PARENT, PUBLIC_REASON)]


async def test_an_unsure_reply_is_hidden_and_asks_the_teacher_with_no_strike(
    store: Store,
) -> None:
    actions = await reply(store, UNSURE)
    [review] = of(actions, OpenReview)
    assert (review.event_id, review.author, review.in_reply_to) == ("$reply", PARENT, POST)
    assert review.text == UNSURE and review.label == "negative", review
    # hidden from other families until a teacher decides (as tests/test_story.py shows)
    assert of(actions, Redact) == [Redact(OAK, "$reply", PUBLIC_REASON)], actions
    [asked] = [a for a in of(actions, SendMessage) if a.room_id == TEACHER_HOME]
    assert asked.reactions == (KEEP, REMOVE) and asked.remember_as == "review:$reply", asked
    assert UNSURE in asked.content["body"] and "React ✅" in asked.content["body"]
    assert not of(actions, AddStrike), actions
    [incident] = incidents(actions)
    assert incident.kind == "reply sent to a teacher" and "no strike" in incident.outcome
    [told] = sent_to(actions, PARENT_HOME)
    assert "waiting for a teacher" in told, told


async def test_a_reply_with_a_phone_number_is_removed_without_a_strike(store: Store) -> None:
    actions = await reply(store, PHONE)
    assert of(actions, Redact) == [Redact(OAK, "$reply", PUBLIC_REASON)], actions
    assert not of(actions, AddStrike), actions
    [incident] = incidents(actions)
    assert incident.rule == "sensitive" and "no strike" in incident.outcome, incident
    [told] = sent_to(actions, PARENT_HOME)
    assert "private information" in told and "Miss Reid" in told, told
    assert "This is not a warning" in told


@pytest.mark.parametrize("body", [NEGATIVE, UNSURE, PHONE, URGENT])
async def test_a_teachers_words_are_never_removed(store: Store, body: str) -> None:
    actions = await reply(store, body, sender=TEACHER)
    [remembered] = actions
    assert isinstance(remembered, RememberStoryEvent) and remembered.event.by_staff, actions


async def test_an_urgent_reply_is_removed_and_alerts_the_lead_with_no_strike(store: Store) -> None:
    actions = await reply(store, URGENT)
    [alert] = of(actions, RaiseAlert)
    assert alert.user_id == PARENT and alert.reply_room == PARENT_HOME, alert
    assert URGENT in alert.body
    assert of(actions, Redact) == [Redact(OAK, "$reply", PUBLIC_REASON)], actions
    assert not of(actions, AddStrike), actions
    [incident] = incidents(actions)
    assert incident.kind == "safeguarding" and "no strike" in incident.outcome, incident
    [family] = sent_to(actions, PARENT_HOME)
    assert CONFIG.safeguarding.emergency in family and "taken your reply out" in family, family
    [lead] = sent_to(actions, LEAD_HOME)
    assert "URGENT" in lead and URGENT in lead, lead
    # the incident and the alert are stored before the reply is removed
    assert actions.index(alert) < actions.index(of(actions, Redact)[0])


@pytest.mark.usefixtures("story_danger_in_doubt")
@pytest.mark.parametrize("at", [TUESDAY_10AM, datetime.fromisoformat("2026-11-20T19:00:00+00:00")])
async def test_a_reply_read_as_danger_in_doubt_is_hidden_and_a_lead_reads_it_quietly(
    store: Store, at: datetime
) -> None:
    """In hours and out: hidden for the teacher, a lead asked to read it now; the family is
    told it waits for a teacher, not given the emergency routes, and nothing is a strike."""
    actions = await reply(store, KIND, at=at)
    [hidden] = of(actions, Redact)
    assert hidden == Redact(OAK, "$reply", PUBLIC_REASON), actions
    [review] = of(actions, OpenReview)
    assert review.text == KIND and review.unread is None and review.label == "urgent", review
    [asked] = [a for a in of(actions, SendMessage) if a.room_id == TEACHER_HOME]
    assert asked.reactions == (KEEP, REMOVE), asked
    assert "a safeguarding lead has been asked to read it" in asked.content["body"], asked
    [alert] = of(actions, RaiseAlert)
    assert alert.alert_kind == "unsure" and alert.reply_room == "", alert
    assert actions.index(alert) < actions.index(hidden)  # stored before the reply is hidden
    [lead] = sent_to(actions, LEAD_HOME)
    assert "PLEASE READ" in lead and KIND in lead and "URGENT" not in lead, lead
    assert "the family was not told of this alert" in lead, lead
    [told] = sent_to(actions, PARENT_HOME)
    assert "waiting for a teacher" in told and CONFIG.safeguarding.emergency not in told, told
    assert not of(actions, AddStrike), actions
    kinds = sorted(incident.kind for incident in incidents(actions))
    assert kinds == ["reply sent to a teacher", "safeguarding"], kinds
    # danger the words find is urgent still: removed, the family given the emergency routes
    urgent = await reply(store, URGENT)
    [alert] = of(urgent, RaiseAlert)
    assert alert.alert_kind == "urgent" and alert.reply_room == PARENT_HOME, alert


@pytest.mark.usefixtures("story_danger_in_doubt")
async def test_a_new_post_read_as_danger_in_doubt_takes_the_urgent_path(store: Store) -> None:
    """A new post never goes back in the story: no teacher is asked to put it back, and it
    takes the safeguarding path as any danger would, the family given the emergency routes."""
    actions = await reply(store, KIND, new=True)
    assert not of(actions, OpenReview), actions
    [alert] = of(actions, RaiseAlert)
    assert alert.alert_kind == "urgent" and alert.reply_room == PARENT_HOME, alert
    [family] = sent_to(actions, PARENT_HOME)
    assert CONFIG.safeguarding.emergency in family, family
    assert not of(actions, AddStrike), actions


@pytest.mark.usefixtures("story_danger_in_doubt")
async def test_a_teachers_cross_on_a_reply_in_doubt_keeps_it_out_with_no_strike(
    store: Store,
) -> None:
    """It may be a disclosure: kept out of the story, the family told it is no warning."""
    [review] = of(await reply(store, KIND), OpenReview)
    review_id = await store.story.open_review(
        review.event_id, OAK, PARENT, POST, KIND, review.label, 0.6, review.reasons, at=CREATED
    )
    await store.sent.remember("$notice", TEACHER_HOME, "review:$reply")
    await store.db.commit()
    actions = await decide(store, REMOVE)
    assert of(actions, DecideReview) == [DecideReview(review_id, "remove", by=TEACHER)], actions
    assert not of(actions, AddStrike) and not of(actions, Suspend), actions
    [incident] = incidents(actions)
    assert incident.rule == "urgent" and "no strike" in incident.outcome, incident
    [told] = sent_to(actions, PARENT_HOME)
    assert "This is not a warning" in told, told


# A teacher's ✅ or ❌ on the review notice in their home room --------------------------


@pytest.fixture
async def review(store: Store) -> int:
    review_id = await store.story.open_review(
        "$reply", OAK, PARENT, POST, UNSURE, "negative", 0.55, ("negative wording",), at=CREATED
    )
    await store.sent.remember("$notice", TEACHER_HOME, "review:$reply")
    await store.db.commit()
    return review_id


async def decide(store: Store, key: str, sender: str = TEACHER) -> list[Action]:
    event = await event_in(
        store,
        TEACHER_HOME,
        {
            "event_id": "$decision",
            "sender": sender,
            "type": "m.reaction",
            "content": {
                "m.relates_to": {"rel_type": "m.annotation", "event_id": "$notice", "key": key}
            },
        },
    )
    return await handle_review_decision(event, await context(store, sender))


async def test_a_teachers_keep_reposts_the_reply_with_no_strike(store: Store, review: int) -> None:
    actions = await decide(store, KEEP)
    assert of(actions, DecideReview) == [DecideReview(review, "keep", by=TEACHER)], actions
    [reposted] = [a for a in of(actions, SendMessage) if a.room_id == OAK]
    assert reposted.content["body"] == f"Jane Hughes wrote: «{UNSURE}»", reposted
    assert reposted.content["m.relates_to"] == {"m.in_reply_to": {"event_id": POST}}
    assert not of(actions, AddStrike) and not of(actions, Redact), actions
    [told] = sent_to(actions, PARENT_HOME)
    assert "Miss Reid" in told and "now in the class story" in told, told


async def test_a_teachers_remove_keeps_it_out_with_a_strike_she_confirmed(
    store: Store, review: int
) -> None:
    actions = await decide(store, REMOVE)
    assert of(actions, DecideReview) == [DecideReview(review, "remove", by=TEACHER)], actions
    [added] = of(actions, AddStrike)
    assert added.confirmed_by == "Miss Reid" and added.rule == "negative", added
    assert not [a for a in of(actions, SendMessage) if a.room_id == OAK], actions
    [incident] = incidents(actions)
    assert incident.kind == "teacher removed a reply" and incident.outcome.startswith("warning")
    [told] = sent_to(actions, PARENT_HOME)
    assert "This is a warning" in told, told


async def test_a_decided_review_is_not_decided_again(store: Store, review: int) -> None:
    await store.story.decide(review, "keep", by=TEACHER, at=CREATED)
    await store.db.commit()
    actions = await decide(store, REMOVE)
    [said] = sent_to(actions, TEACHER_HOME)
    assert "already decided (keep)" in said and len(actions) == 1, actions


@pytest.mark.parametrize(("key", "sender"), [("👍", TEACHER), (REMOVE, PARENT)])
async def test_other_reactions_and_non_staff_decide_nothing(
    store: Store, review: int, key: str, sender: str
) -> None:
    assert await decide(store, key, sender) == []
