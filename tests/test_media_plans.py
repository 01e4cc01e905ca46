"""Class media's decisions as plans, from a temporary database, without Synapse.

Media posted anywhere the bot is goes to the media handler; it returns what should happen
(records and effects on the homeserver, as data) and neither the executor nor the media
worker is run. What tests/test_media.py shows with real clients and real bytes, here in
milliseconds. Miss Reid teaches Oak; Jane is Amelia's mother; Poppy's parents have
withdrawn photo consent.
"""

from __future__ import annotations

from collections.abc import AsyncIterator
from datetime import datetime
from pathlib import Path
from typing import TypeVar

import pytest

from bot.actions import Action, RecordIncident, Redact, SendMessage
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import load_config
from bot.provisioning import ESCALATION_KEY, home_key, story_key
from handlers import Context, Event
from handlers.discipline import PUBLIC_REASON, AddStrike
from handlers.media import ProtectCopy, QueueMedia, handle_media, upload_actions
from storage.media import Fingerprint
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store

A = TypeVar("A", bound=Action)

REPO = Path(__file__).resolve().parent.parent
CONFIG = load_config(REPO / "rooms.yaml")
BOT = "@bot:x"
PARENT, TEACHER = "@jane:x", "@s.reid:x"
OAK, ESC, PARENT_DM = "!oak:x", "!esc:x", "!parent-dm:x"
PARENT_HOME, TEACHER_HOME = "!home-jane:x", "!home-reid:x"
CREATED = "2026-09-01T08:00:00+00:00"
TUESDAY_10AM = datetime.fromisoformat("2026-11-24T10:00:00+00:00")
SUNFLOWERS = "mxc://x/sunflowers"  # Miss Reid's class photo, protected with its bytes
DIGEST = "5f" * 32


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[Store]:
    store = await Store.open(tmp_path / "db.sqlite")
    await store.rooms.add(OAK, RoomKind.STORY, story_key("oak"), created_at=CREATED, class_id="oak")
    await store.rooms.add(ESC, RoomKind.ESCALATION, ESCALATION_KEY, created_at=CREATED)
    await store.rooms.add(
        PARENT_DM, RoomKind.PARENT_DM, "dm:jane:reid", created_at=CREATED, owner=PARENT
    )
    for room_id, owner in [(PARENT_HOME, PARENT), (TEACHER_HOME, TEACHER)]:
        await store.rooms.add(
            room_id, RoomKind.HOME, home_key(owner), created_at=CREATED, owner=owner
        )
    await store.people.upsert(PARENT, "Jane Hughes", Role.PARENT, now=CREATED)
    await store.people.upsert(TEACHER, "Miss Reid", Role.TEACHER, now=CREATED)
    amelia = await store.pupils.add("Amelia", "Hughes", "oak", True, "M1", now=CREATED)
    poppy = await store.pupils.add("Poppy", "Shaw", "oak", True, "M2", now=CREATED)
    await store.pupils.set_photo_consent(poppy, False, now=CREATED)  # withdrawn
    await store.pupils.link_parent(PARENT, amelia, linked_by="test", now=CREATED)
    # what the media worker records once it has hashed the class photo's bytes
    await store.media.record(
        Fingerprint(SUNFLOWERS, DIGEST, None, "image", OAK, "$class-photo", TEACHER), at=CREATED
    )
    await store.db.commit()
    yield store
    await store.close()


async def context(store: Store, sender: str | None = None) -> Context:
    return Context(
        CONFIG,
        store.reader,
        Clock(TUESDAY_10AM),
        BOT,
        False,
        await store.people.get(sender) if sender else None,
        SchoolCalendar(CONFIG),
    )


def photo(mxc: str, caption: str = "") -> dict[str, object]:
    """An m.image as Element sends it: a caption is the body, the name then in `filename`."""
    content: dict[str, object] = {"msgtype": "m.image", "body": caption or "photo.png", "url": mxc}
    if caption:
        content["filename"] = "photo.png"
    return content


async def plan(store: Store, room_id: str, sender: str, content: dict[str, object]) -> list[Action]:
    """What the media handler would do with `sender` posting `content` in a room."""
    room = await store.rooms.get(room_id)
    assert room is not None
    raw = {
        "event_id": "$media",
        "sender": sender,
        "type": "m.room.message",
        "origin_server_ts": int(TUESDAY_10AM.timestamp() * 1000),
        "content": content,
    }
    return await handle_media(Event.from_raw(room, raw), await context(store, sender))


def sent_to(actions: list[Action], room: str) -> list[str]:
    return [a.content["body"] for a in actions if isinstance(a, SendMessage) and a.room_id == room]


def of(actions: list[Action], kind: type[A]) -> list[A]:
    return [a for a in actions if isinstance(a, kind)]


async def test_a_teachers_photo_in_the_story_is_queued_for_protection(store: Store) -> None:
    content = photo("mxc://x/new-photo", "Our sunflowers!")
    actions = await plan(store, OAK, TEACHER, content)
    assert actions == [
        QueueMedia("protect", "$media", OAK, TEACHER, "mxc://x/new-photo", "image", content)
    ]


async def test_a_parent_posting_a_class_photo_privately_has_it_removed_with_a_strike(
    store: Store,
) -> None:
    actions = await plan(store, PARENT_DM, PARENT, photo(SUNFLOWERS))
    assert of(actions, Redact) == [Redact(PARENT_DM, "$media", PUBLIC_REASON)], actions
    [record] = of(actions, RecordIncident)
    incident = record.incident
    assert incident.kind == "class media re-shared" and incident.rule == "reshare", incident
    assert incident.user_id == PARENT and incident.evidence["original_event"] == "$class-photo"
    assert "Oak Class story" in incident.reasons[0], incident
    [added] = of(actions, AddStrike)
    assert (added.user_id, added.rule) == (PARENT, "reshare"), added
    told = sent_to(actions, PARENT_HOME)
    assert any("must not be shared anywhere else" in t for t in told), told
    [slt] = sent_to(actions, ESC)
    assert "Class media re-shared" in slt, slt
    assert not of(actions, QueueMedia), actions
    # the evidence is recorded before the photo is redacted
    assert actions.index(record) < actions.index(of(actions, Redact)[0])


async def test_a_parents_own_new_photo_is_queued_for_a_check_not_removed(store: Store) -> None:
    content = photo("mxc://x/our-holiday")
    actions = await plan(store, PARENT_DM, PARENT, content)
    assert actions == [
        QueueMedia("check", "$media", PARENT_DM, PARENT, "mxc://x/our-holiday", "image", content)
    ]


async def test_staff_may_repost_their_own_class_media_elsewhere(store: Store) -> None:
    assert await plan(store, TEACHER_HOME, TEACHER, photo(SUNFLOWERS)) == []


async def test_an_upload_of_protected_bytes_is_protected_under_its_own_mxc(store: Store) -> None:
    ctx = await context(store)
    assert await upload_actions(ctx, "mxc://x/copy", DIGEST) == [
        ProtectCopy(
            Fingerprint("mxc://x/copy", DIGEST, None, "image", OAK, "$class-photo", TEACHER)
        )
    ]
    assert await upload_actions(ctx, SUNFLOWERS, DIGEST) == []  # the original itself
    assert await upload_actions(ctx, "mxc://x/other", "0a" * 32) == []  # bytes never protected


async def test_a_teachers_photo_naming_a_pupil_without_consent_is_refused(store: Store) -> None:
    actions = await plan(store, OAK, TEACHER, photo("mxc://x/art", "Poppy's wonderful painting"))
    assert of(actions, Redact) == [Redact(OAK, "$media", PUBLIC_REASON)], actions
    assert not of(actions, QueueMedia) and not of(actions, AddStrike), actions
    [record] = of(actions, RecordIncident)
    assert record.incident.rule == "photo consent" and "no strike" in record.incident.outcome
    [told] = sent_to(actions, TEACHER_HOME)
    assert "Poppy" in told and "photo consent" in told, told
    [slt] = sent_to(actions, ESC)
    assert "no photo consent" in slt, slt


async def test_a_teachers_photo_not_naming_that_pupil_is_queued_as_usual(store: Store) -> None:
    content = photo("mxc://x/art", "Amelia's wonderful painting")
    actions = await plan(store, OAK, TEACHER, content)
    assert actions == [
        QueueMedia("protect", "$media", OAK, TEACHER, "mxc://x/art", "image", content)
    ]
