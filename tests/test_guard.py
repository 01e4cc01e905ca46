"""The Synapse guard: a real Synapse with `synapse_module.ConductbotGuard`, and the bot's
`GuardApi` started by the tests on the port the module was configured with.

One Synapse serves this file (its module config names fixed accounts); each test has its
own database, filled directly with rooms, staff and media fingerprints.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
import secrets
import threading
import time
from collections.abc import AsyncIterator, Awaitable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import aiohttp
import nio
import pytest
import yaml
from conftest import (
    REPO,
    Matrix,
    eventually,
    incidents_in,
    join,
    messages,
    notices_in,
    send_text,
)

from bot import guard_api
from bot.actions import Executor, Redact
from bot.clock import Clock
from bot.config import load_config
from bot.guard_api import (
    MEDIA_REASON,
    GuardApi,
    judged_text,
    module_config,
    mxc_uris,
    refused_id,
)
from bot.homeserver import (
    SynapseProcess,
    SynapseSettings,
    free_port,
    register_user,
    write_synapse_config,
)
from bot.judge import JudgeContext, Verdict
from bot.provisioning import ESCALATION_KEY, home_key
from handlers.discipline import AddStrike
from handlers.media import ProtectCopy
from storage.media import Fingerprint
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store

SERVER = "guard.test"
BOT, TEACHER = f"@conductbot:{SERVER}", f"@teacher:{SERVER}"
NEGATIVE = "This is rubbish, worst class ever. Awful teaching."
KIND = "What a lovely trip, thank you Miss Reid!"
NOW = "2026-11-20T10:00:00+00:00"
#: How long the module waits for the bot here: more than the 300 ms default, as the
#: machine running the tests is shared and a refusal late by a moment is let through.
TIMEOUT_MS = 1000

pytestmark = pytest.mark.synapse


@dataclass(frozen=True)
class Guarded:
    settings: SynapseSettings
    port: int  # where the module expects the bot's endpoint
    secret: str
    passwords: dict[str, str]


@pytest.fixture(scope="module")
def guarded(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Guarded]:
    pytest.importorskip("synapse", reason="matrix-synapse is not installed (extra: test)")
    port, secret = free_port(), secrets.token_urlsafe(24)
    guard = module_config(
        f"http://127.0.0.1:{port}",
        secret,
        [BOT, TEACHER],
        direct_chat_with=[BOT],
        timeout_ms=TIMEOUT_MS,
    )
    settings = write_synapse_config(tmp_path_factory.mktemp("guarded"), SERVER, guard=guard)
    with SynapseProcess(settings):
        passwords = {}
        for user in (BOT, TEACHER):
            passwords[user] = secrets.token_urlsafe(12)
            # Not server admins: Synapse skips the room rules for admins, and these tests
            # are about the allow-list.
            register_user(settings, user[1:].split(":")[0], passwords[user])
        yield Guarded(settings, port, secret, passwords)


@dataclass
class World:
    guarded: Guarded
    matrix: Matrix
    store: Store
    api: GuardApi
    executor: Executor  # the bot's, as the app hands it to the endpoint
    teacher: nio.AsyncClient
    bot: nio.AsyncClient

    async def parent(self) -> nio.AsyncClient:
        return await self.matrix.client(self.matrix.register("parent"))

    async def room(
        self, *members: nio.AsyncClient, kind: RoomKind | None = None, class_id: str = "oak"
    ) -> str:
        """A room the teacher creates and `members` join; recorded as `kind` if given."""
        response = await self.teacher.room_create(invite=[m.user_id for m in members])
        assert isinstance(response, nio.RoomCreateResponse), response
        for member in members:
            await join(member, response.room_id)
        if kind is not None:
            key = f"{kind.value}:{response.room_id}"
            await self.store.rooms.add(
                response.room_id, kind, key, created_at=NOW, class_id=class_id
            )
        return response.room_id

    async def bot_room(self, kind: RoomKind, key: str, *members: nio.AsyncClient) -> str:
        """A room of the bot's own (a home room, the escalation room) that `members` join."""
        response = await self.bot.room_create(invite=[m.user_id for m in members])
        assert isinstance(response, nio.RoomCreateResponse), response
        for member in members:
            await join(member, response.room_id)
        await self.store.rooms.add(response.room_id, kind, key, created_at=NOW)
        return response.room_id


async def _login(settings: SynapseSettings, user: str, password: str) -> nio.AsyncClient:
    client = nio.AsyncClient(settings.base_url, user)
    assert isinstance(await client.login(password), nio.LoginResponse)
    return client


@pytest.fixture
async def world(guarded: Guarded, tmp_path: Path) -> AsyncIterator[World]:
    store = await Store.open(tmp_path / "conductbot.sqlite")
    await store.people.upsert(TEACHER, "Miss Reid", Role.TEACHER, now=NOW, staff_id="reid")
    api = GuardApi(store, load_config(REPO / "rooms.yaml"), BOT, guarded.secret)
    matrix = Matrix(guarded.settings)
    teacher = await _login(guarded.settings, TEACHER, guarded.passwords[TEACHER])
    bot = await _login(guarded.settings, BOT, guarded.passwords[BOT])
    executor = Executor(bot, store, api.clock)
    await api.start(executor, port=guarded.port)
    try:
        yield World(guarded, matrix, store, api, executor, teacher, bot)
    finally:
        await api.stop()
        for client in (teacher, bot):
            await client.close()
        await matrix.aclose()
        await store.close()


def _png(colour: str) -> bytes:
    from PIL import Image

    out = io.BytesIO()
    Image.new("RGB", (8, 8), colour).save(out, format="PNG")
    return out.getvalue()


async def _upload(client: nio.AsyncClient, data: bytes) -> nio.UploadResponse | nio.UploadError:
    response, _ = await client.upload(
        io.BytesIO(data), "image/png", "photo.png", filesize=len(data)
    )
    return response


def _refused(response: Any, words: str) -> bool:
    return (
        isinstance(response, nio.ErrorResponse)
        and response.status_code == "M_FORBIDDEN"
        and words in (response.message or "")
    )


async def _reply(client: nio.AsyncClient, room_id: str, to: str, body: str) -> Any:
    content = {
        "msgtype": "m.text",
        "body": body,
        "m.relates_to": {"m.in_reply_to": {"event_id": to}},
    }
    return await client.room_send(room_id, "m.room.message", content)


# --- room rules ---------------------------------------------------------------------------


async def test_families_cannot_create_rooms_or_invite_but_staff_and_the_bot_can(
    world: World,
) -> None:
    parent, other = await world.parent(), await world.parent()
    assert _refused(await parent.room_create(name="Year 2 parents"), "Only school staff")
    room = await world.room(parent)
    assert _refused(await parent.room_invite(room, other.user_id), "Only school staff")
    assert isinstance(await world.teacher.room_invite(room, other.user_id), nio.RoomInviteResponse)
    made = await world.bot.room_create(invite=[parent.user_id])
    assert isinstance(made, nio.RoomCreateResponse), made
    assert isinstance(
        await world.bot.room_invite(made.room_id, other.user_id), nio.RoomInviteResponse
    )


async def test_a_family_may_open_a_private_chat_with_the_bot_and_nothing_more(world: World) -> None:
    parent, other = await world.parent(), await world.parent()
    chat = await parent.room_create(is_direct=True, invite=[BOT])
    assert isinstance(chat, nio.RoomCreateResponse), chat
    assert _refused(await parent.room_create(is_direct=True, invite=[other.user_id]), "staff")
    assert _refused(await parent.room_create(invite=[BOT]), "staff")  # not a direct chat
    public = await parent.room_create(
        is_direct=True, invite=[BOT], preset=nio.RoomPreset.public_chat
    )
    assert _refused(public, "staff")
    assert _refused(await parent.room_invite(chat.room_id, other.user_id), "staff")
    opened = await parent.room_put_state(chat.room_id, "m.room.join_rules", {"join_rule": "public"})
    assert isinstance(opened, nio.RoomPutStateError) and opened.status_code == "M_FORBIDDEN"
    readable = {"history_visibility": "world_readable"}
    exposed = await parent.room_put_state(chat.room_id, "m.room.history_visibility", readable)
    assert isinstance(exposed, nio.RoomPutStateError) and exposed.status_code == "M_FORBIDDEN"
    shared = {"history_visibility": "shared"}
    kept = await parent.room_put_state(chat.room_id, "m.room.history_visibility", shared)
    assert isinstance(kept, nio.RoomPutStateResponse), kept  # the kind twin: still private
    born_open = await parent.room_create(
        is_direct=True,
        invite=[BOT],
        initial_state=[{"type": "m.room.history_visibility", "content": readable}],
    )
    assert _refused(born_open, "staff")


# --- content rules ------------------------------------------------------------------------


async def _class_photo(world: World, story: str) -> dict[str, Any]:
    """The teacher posts a photo in the story; the bot's fingerprint of it is recorded."""
    data = _png("orange")
    uploaded = await _upload(world.teacher, data)
    assert isinstance(uploaded, nio.UploadResponse), uploaded
    content = {
        "msgtype": "m.image",
        "body": "trip.png",
        "url": uploaded.content_uri,
        "info": {"mimetype": "image/png", "size": len(data)},
    }
    sent = await world.teacher.room_send(story, "m.room.message", content)
    assert isinstance(sent, nio.RoomSendResponse), sent
    await world.store.media.record(
        Fingerprint(
            uploaded.content_uri,
            hashlib.sha256(data).hexdigest(),
            None,
            "image",
            story,
            sent.event_id,
            TEACHER,
        ),
        at=NOW,
    )
    return content


async def test_class_photos_cannot_be_forwarded_out_of_their_story(world: World) -> None:
    parent = await world.parent()
    story = await world.room(parent, kind=RoomKind.STORY)
    elsewhere = await world.room(parent, kind=RoomKind.PARENT_DM)
    photo = await _class_photo(world, story)
    mxc = photo["url"]
    forwards = [
        photo,  # Element's forward copies the content
        {"msgtype": "m.file", "body": "x", "file": {"url": mxc, "v": "v2"}},  # encrypted form
        {
            "msgtype": "m.image",
            "body": "x",
            "url": "mxc://guard.test/other",
            "info": {"thumbnail_url": mxc},
        },
        {"msgtype": "m.text", "body": f"look {mxc}"},  # a known URI is enough to download
    ]
    for content in forwards:
        response = await parent.room_send(elsewhere, "m.room.message", content)
        assert _refused(response, "Class photos stay in their class story"), (content, response)
    # Staff may share their own photos, in the story and elsewhere.
    for room in (story, elsewhere):
        sent = await world.teacher.room_send(room, "m.room.message", photo)
        assert isinstance(sent, nio.RoomSendResponse), sent
    # Media nobody protected goes anywhere.
    fresh = await _upload(parent, _png("green"))
    assert isinstance(fresh, nio.UploadResponse), fresh
    ordinary = {"msgtype": "m.image", "body": "dog.png", "url": fresh.content_uri}
    assert isinstance(
        await parent.room_send(elsewhere, "m.room.message", ordinary), nio.RoomSendResponse
    )

    # Each refusal counts as a re-share removed after delivery would: an incident, a strike.
    async def counted() -> list[str]:
        strikes = await world.store.discipline.strikes(parent.user_id)
        return [s.rule for s in strikes] if len(strikes) == len(forwards) else []

    assert await eventually(counted) == ["reshare"] * len(forwards)
    incidents = await world.store.incidents.of_user(parent.user_id)
    assert [i.kind for i in incidents] == ["class media re-share refused"] * len(forwards)


async def test_staff_may_upload_a_class_photo_again_and_families_may_not_post_it(
    world: World,
) -> None:
    parent = await world.parent()
    story = await world.room(parent, kind=RoomKind.STORY)
    second = await world.room(kind=RoomKind.STORY, class_id="maple")  # Miss Reid's other class
    home = await world.bot_room(RoomKind.HOME, home_key(parent.user_id), parent)
    photo = await _class_photo(world, story)
    again = await _upload(world.teacher, _png("orange"))  # saved, and uploaded again
    assert isinstance(again, nio.UploadResponse), again
    posted = await world.teacher.room_send(
        second, "m.room.message", photo | {"url": again.content_uri}
    )
    assert isinstance(posted, nio.RoomSendResponse), posted
    # A family may upload the same bytes (an upload does not say who sends it), but not
    # post them anywhere: the event names its sender.
    elsewhere = await world.room(parent, kind=RoomKind.PARENT_DM)
    copy = await _upload(parent, _png("orange"))
    assert isinstance(copy, nio.UploadResponse), copy
    refused = await parent.room_send(elsewhere, "m.room.message", photo | {"url": copy.content_uri})
    assert _refused(refused, "Class photos stay in their class story"), refused

    async def told() -> list[str]:
        return [n for n in await notices_in(parent, home) if "before anyone saw it" in n]

    [notice] = await eventually(told)
    assert "must not be shared anywhere else" in notice
    # The plan tells the family before it records the strike (handlers/media.py).
    [strike] = await eventually(lambda: world.store.discipline.strikes(parent.user_id))
    assert strike.rule == "reshare"
    assert await world.store.discipline.strikes(TEACHER) == []


async def test_a_negative_story_reply_never_reaches_another_family(world: World) -> None:
    writer, reader = await world.parent(), await world.parent()
    story = await world.room(writer, reader, kind=RoomKind.STORY)
    post = await send_text(world.teacher, story, "Our trip to the farm today!")
    refused = await _reply(writer, story, post, NEGATIVE)
    assert _refused(refused, "Your reply was not posted. Parents and carers will only"), refused
    kind = await _reply(writer, story, post, KIND)
    assert isinstance(kind, nio.RoomSendResponse), kind

    async def reader_sees_the_kind_reply() -> list[dict]:
        timeline = await messages(reader, story)
        return timeline if any(e["event_id"] == kind.event_id for e in timeline) else []

    timeline = await eventually(reader_sees_the_kind_reply)
    bodies = [e["content"].get("body", "") for e in timeline]
    assert not any("rubbish" in body for body in bodies)
    [refusal] = await eventually(lambda: world.store.incidents.of_user(writer.user_id))
    assert (refusal.rule, refusal.room_id) == ("negative", story)
    # Outside the story nothing is judged: the same words in another room go through.
    elsewhere = await world.room(writer, kind=RoomKind.PARENT_DM)
    assert isinstance(await _reply(writer, elsewhere, post, NEGATIVE), nio.RoomSendResponse)
    # Staff are never judged.
    assert isinstance(await _reply(world.teacher, story, post, NEGATIVE), nio.RoomSendResponse)


async def test_a_refused_story_reply_counts_as_a_removal_and_a_kind_one_is_left_alone(
    world: World, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    parent = await world.parent()
    story = await world.room(parent, kind=RoomKind.STORY)
    home = await world.bot_room(RoomKind.HOME, home_key(parent.user_id), parent)
    escalation = await world.bot_room(RoomKind.ESCALATION, ESCALATION_KEY)
    post = await send_text(world.teacher, story, "Our trip to the farm today!")
    kind = await _reply(parent, story, post, KIND)
    assert isinstance(kind, nio.RoomSendResponse), kind
    refused = await _reply(parent, story, post, NEGATIVE)
    assert _refused(refused, "Your reply was not posted."), refused

    # SLT's incident is the plan's last action: the notice and the strike come before it.
    [incident] = await eventually(lambda: incidents_in(world.bot, escalation))
    assert (incident["kind"], incident["rule"]) == ("reply refused", "negative")
    assert (incident["outcome"], incident["evidence"]["body"]) == ("warning (strike 1)", NEGATIVE)
    [warning] = await notices_in(parent, home)  # and none for the kind reply
    assert warning.startswith("This is a warning. Your message was not posted because")
    assert "Parents and carers will only contribute positive feedback" in warning
    [strike] = await world.store.discipline.strikes(parent.user_id)
    assert strike.rule == "negative"
    [recorded] = await world.store.incidents.of_user(parent.user_id)
    assert recorded.evidence["body"] == NEGATIVE  # the evidence is copied, never logged
    assert "guard refused: rule=negative" in caplog.text and "rubbish" not in caplog.text


async def test_a_client_retrying_a_refused_reply_is_counted_once(world: World) -> None:
    """The same transaction sent again is one offence; a new send of the same words is
    another (one warning, then removal)."""
    parent = await world.parent()
    story = await world.room(parent, kind=RoomKind.STORY)
    home = await world.bot_room(RoomKind.HOME, home_key(parent.user_id), parent)
    post = await send_text(world.teacher, story, "Harvest festival")
    reply = {
        "msgtype": "m.text",
        "body": NEGATIVE,
        "m.relates_to": {"m.in_reply_to": {"event_id": post}},
    }

    async def send(txn: str, told: str) -> None:
        response = await parent.room_send(story, "m.room.message", reply, tx_id=txn)
        assert _refused(response, "Your reply was not posted."), response
        # One at a time: Synapse waits for each answer only so long.
        await eventually(lambda: _any(notices_in(parent, home), told), within=30)

    await send("first", "This is a warning")
    await send("first", "This is a warning")  # the client's retry
    await send("second", "You have been removed")
    assert len(await world.store.discipline.strikes(parent.user_id)) == 2
    assert len(await world.store.incidents.of_user(parent.user_id)) == 2
    assert len(await notices_in(parent, home)) == 2
    same = refused_id(story, parent.user_id, "m.room.message", reply, "first")
    assert same == refused_id(story, parent.user_id, "m.room.message", reply, "first")
    assert same != refused_id(story, parent.user_id, "m.room.message", reply, "second")


async def _any(notices: Awaitable[list[str]], words: str) -> bool:
    return any(words in notice for notice in await notices)


async def test_a_refusal_given_after_synapse_stopped_waiting_is_not_counted(
    world: World, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    """Synapse let the reply through (`fail_open`): the bot removes it after delivery, so
    the late refusal must not count it a second time."""
    released = threading.Event()
    quick = guard_api.judge_quickly

    def held(text: str, context: JudgeContext) -> Verdict:
        released.wait(10)
        return quick(text, context)

    monkeypatch.setattr(guard_api, "judge_quickly", held)
    parent = await world.parent()
    story = await world.room(parent, kind=RoomKind.STORY)
    post = await send_text(world.teacher, story, "Harvest festival")
    accepted = await _reply(parent, story, post, NEGATIVE)
    assert isinstance(accepted, nio.RoomSendResponse), accepted
    released.set()
    await eventually(lambda: "answered too late" in caplog.text)
    assert await world.store.incidents.of_user(parent.user_id) == []


async def test_with_the_bot_stopped_judging_fails_open_and_room_rules_hold(world: World) -> None:
    parent, other = await world.parent(), await world.parent()
    story = await world.room(parent, kind=RoomKind.STORY)
    post = await send_text(world.teacher, story, "Sports day!")
    await world.api.stop()
    began = time.monotonic()
    accepted = await _reply(parent, story, post, NEGATIVE)
    assert isinstance(accepted, nio.RoomSendResponse), accepted  # the bot removes it later
    assert time.monotonic() - began < 1.0  # a refused connection is noticed at once
    assert _refused(await parent.room_create(name="parents only"), "Only school staff")
    assert _refused(await parent.room_invite(story, other.user_id), "Only school staff")
    assert isinstance(await world.teacher.room_create(), nio.RoomCreateResponse)
    await world.api.start(world.executor, port=world.guarded.port)  # the module notices
    assert _refused(await _reply(parent, story, post, NEGATIVE), "Your reply was not posted")


async def test_a_bot_that_does_not_answer_in_time_is_not_waited_for(world: World) -> None:
    """A bot that accepts the connection and says nothing: the module gives up at
    `timeout_ms`."""
    parent = await world.parent()
    story = await world.room(parent, kind=RoomKind.STORY)
    post = await send_text(world.teacher, story, "Harvest festival")
    await world.api.stop()

    async def silent(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        await reader.read()  # until the module hangs up

    server = await asyncio.start_server(silent, "127.0.0.1", world.guarded.port)
    try:
        began = time.monotonic()
        accepted = await _reply(parent, story, post, NEGATIVE)
        took = time.monotonic() - began
    finally:
        server.close()
    assert isinstance(accepted, nio.RoomSendResponse), accepted
    assert TIMEOUT_MS / 1000 <= took < TIMEOUT_MS / 1000 + 1.2, took


# --- the endpoint on its own --------------------------------------------------------------


def _dry_run(store: Store) -> Executor:
    """An executor that performs nothing: these tests read the endpoint's decisions."""
    return Executor(nio.AsyncClient("http://127.0.0.1:9"), store, Clock(), dry_run=True)


@pytest.fixture
async def endpoint(tmp_path: Path) -> AsyncIterator[tuple[GuardApi, str]]:
    store = await Store.open(tmp_path / "conductbot.sqlite")
    await store.people.upsert(TEACHER, "Miss Reid", Role.TEACHER, now=NOW, staff_id="reid")
    api = GuardApi(store, load_config(REPO / "rooms.yaml"), BOT, "s" * 32, clock=Clock())
    await api.start(_dry_run(store), port=0)
    try:
        yield api, f"http://127.0.0.1:{api.port}"
    finally:
        await api.stop()
        await store.close()


async def test_the_endpoint_wants_the_secret_except_for_health(
    endpoint: tuple[GuardApi, str],
) -> None:
    _, url = endpoint
    body = {"room_id": "!r:x", "sender": "@p:x", "type": "m.room.message", "content": {}}
    async with aiohttp.ClientSession() as http:
        async with http.get(f"{url}/healthz") as response:
            assert (response.status, await response.json()) == (200, {"ok": True})
        for headers in ({}, {"Authorization": "Bearer " + "t" * 32}, {"Authorization": "s" * 32}):
            async with http.post(f"{url}/v1/check-event", json=body, headers=headers) as response:
                assert response.status == 401
        auth = {"Authorization": "Bearer " + "s" * 32}
        async with http.post(f"{url}/v1/check-event", json=body, headers=auth) as response:
            assert (response.status, await response.json()) == (
                200,
                {"allow": True, "reason": None},
            )
        async with http.post(f"{url}/v1/upload", data=b"[", headers=auth) as response:
            assert response.status == 400


def _edit(event_id: str, new_content: dict[str, Any]) -> dict[str, Any]:
    relation = {"rel_type": "m.replace", "event_id": event_id}
    return {
        "msgtype": "m.text",
        "body": "* x",
        "m.new_content": new_content,
        "m.relates_to": relation,
    }


async def test_the_endpoint_finds_protected_media_wherever_it_is(
    endpoint: tuple[GuardApi, str],
) -> None:
    api, _ = endpoint
    mxc = "mxc://guard.test/AbC123"
    await api.store.media.record(
        Fingerprint(mxc, "ab" * 32, None, "image", "!story:x", "$e", TEACHER), at=NOW
    )
    edit = _edit("$a", {"msgtype": "m.image", "body": "x", "url": mxc})
    assert list(mxc_uris(edit)) == [mxc]
    refusal = await api.check_event("!dm:x", "@p:x", "m.room.message", edit)
    assert refusal is not None and refusal.reason == MEDIA_REASON and refusal.rule == "reshare"
    assert not any(isinstance(action, Redact) for action in refusal.plan)  # nothing delivered
    assert await api.check_event("!story:x", "@p:x", "m.room.message", edit) is None
    assert await api.check_event("!dm:x", TEACHER, "m.room.message", edit) is None
    assert await api.check_event("!dm:x", BOT, "m.sticker", {"url": mxc}) is None
    # An upload is never refused; one of protected bytes is protected like the original.
    copy = "mxc://guard.test/Copy1"
    [protect] = await api.check_upload(copy, "ab" * 32)
    assert isinstance(protect, ProtectCopy)
    assert (protect.copy.mxc, protect.copy.room_id) == (copy, "!story:x")
    assert await api.check_upload(mxc, "ab" * 32) == []  # the original itself
    assert await api.check_upload(copy, "cd" * 32) == []


async def test_the_endpoint_judges_replies_and_edits_in_stories_only(
    endpoint: tuple[GuardApi, str],
) -> None:
    api, _ = endpoint
    await api.store.rooms.add(
        "!story:x", RoomKind.STORY, "story:oak", created_at=NOW, class_id="oak"
    )
    reply = {
        "msgtype": "m.text",
        "body": f"> <@t:x> post\n\n{NEGATIVE}",
        "m.relates_to": {"m.in_reply_to": {"event_id": "$post"}},
    }
    edit = _edit("$r", {"msgtype": "m.text", "body": NEGATIVE})
    bare_edit = {key: value for key, value in edit.items() if key != "m.new_content"}
    bare_edit["body"] = f"* {NEGATIVE}"  # no new content: clients show the fallback
    assert judged_text(reply) == NEGATIVE
    for content in (reply, edit, bare_edit):
        refusal = await api.check_event("!story:x", "@p:x", "m.room.message", content)
        assert refusal is not None and refusal.reason.startswith("Your reply was not posted.")
        assert [a for a in refusal.plan if isinstance(a, Redact)] == []
        [strike] = [a for a in refusal.plan if isinstance(a, AddStrike)]
        assert (strike.rule, strike.event_id) == ("negative", refusal.event_id)
    kind = reply | {"body": KIND}
    assert await api.check_event("!story:x", "@p:x", "m.room.message", kind) is None
    kind_bare_edit = bare_edit | {"body": f"* {KIND}"}
    assert await api.check_event("!story:x", "@p:x", "m.room.message", kind_bare_edit) is None
    top_level = {"msgtype": "m.text", "body": NEGATIVE}  # the story handler's: a reminder
    assert await api.check_event("!story:x", "@p:x", "m.room.message", top_level) is None
    assert await api.check_event("!unknown:x", "@p:x", "m.room.message", reply) is None


async def test_the_endpoint_refuses_hostile_reactions_in_stories_only(
    endpoint: tuple[GuardApi, str],
) -> None:
    api, _ = endpoint
    await api.store.rooms.add(
        "!story:x", RoomKind.STORY, "story:oak", created_at=NOW, class_id="oak"
    )

    def reaction(key: str) -> dict[str, Any]:
        return {"m.relates_to": {"rel_type": "m.annotation", "event_id": "$post", "key": key}}

    for key in ("rubbish teacher", "🖕🏽", "👎👎"):
        refusal = await api.check_event("!story:x", "@p:x", "m.reaction", reaction(key))
        assert refusal is not None and refusal.reason.startswith("Your reaction was not posted.")
        assert [a for a in refusal.plan if isinstance(a, Redact)] == []  # nobody saw it
        assert [a for a in refusal.plan if isinstance(a, AddStrike)] == []  # a reminder
    for key in ("well done!", "👍🏽", "❤️", "wow 999"):
        assert await api.check_event("!story:x", "@p:x", "m.reaction", reaction(key)) is None
    assert await api.check_event("!dm:x", "@p:x", "m.reaction", reaction("🖕")) is None


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # importing Synapse and Twisted
def test_the_module_config_is_checked_and_failure_modes_combine() -> None:
    pytest.importorskip("synapse")
    from synapse.module_api.errors import ConfigError

    from synapse_module import ConductbotGuard

    good = module_config("http://127.0.0.1:1", "s" * 32, [BOT], media_fail_open=False)
    config = ConductbotGuard.parse_config(good)
    assert config.timeout == 0.3 and config.allowed_creators == {BOT}
    for bad in (
        {"secret": "short"},
        {"allowed_creators": ["teacher"]},
        {"timeout_ms": 0},
        {"fail_open": {"judging": "yes"}},
        {"bot_url": "127.0.0.1:1"},
    ):
        with pytest.raises(ConfigError):
            ConductbotGuard.parse_config(good | bad)

    class Api:
        def register_spam_checker_callbacks(self, **_: Any) -> None:
            pass

        def register_third_party_rules_callbacks(self, **_: Any) -> None:
            pass

    guard = ConductbotGuard(config, Api())  # type: ignore[arg-type]
    assert guard._unavailable({"judging"}) == "NOT_SPAM"
    assert guard._unavailable({"media"}) != "NOT_SPAM"
    assert guard._unavailable({"judging", "media"}) != "NOT_SPAM"


async def test_the_endpoint_is_configured_from_the_environment(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "conductbot.sqlite")
    config = load_config(REPO / "rooms.yaml")
    try:
        assert GuardApi.from_env(store, config, BOT, environ={}) is None
        (tmp_path / "secret").write_text("f" * 32 + "\n")
        environ = {
            "CONDUCTBOT_GUARD_SECRET_FILE": str(tmp_path / "secret"),
            "CONDUCTBOT_GUARD_PORT": "0",
        }
        api = GuardApi.from_env(store, config, BOT, environ=environ)
        assert api is not None and api.port == 0
        await api.start(_dry_run(store))
        try:
            url = f"http://127.0.0.1:{api.port}/v1/upload"
            async with aiohttp.ClientSession() as http:
                auth = {"Authorization": "Bearer " + "f" * 32}
                body = {"sha256": "00", "mxc": "mxc://guard.test/a"}
                async with http.post(url, json=body, headers=auth) as response:
                    assert await response.json() == {"allow": True, "reason": None}
        finally:
            await api.stop()
    finally:
        await store.close()


def test_the_homeserver_config_gains_and_loses_the_module(tmp_path: Path) -> None:
    pytest.importorskip("synapse")
    guard = module_config("http://127.0.0.1:1", "s" * 32, [BOT])
    settings = write_synapse_config(tmp_path / "hs", SERVER, guard=guard)

    def read() -> list[dict[str, Any]]:
        return yaml.safe_load(settings.config_path.read_text())["modules"]

    assert read() == [{"module": "synapse_module.ConductbotGuard", "config": guard}]
    moved = guard | {"bot_url": "http://127.0.0.1:2"}
    write_synapse_config(tmp_path / "hs", SERVER, guard=moved)  # an existing server
    assert read() == [{"module": "synapse_module.ConductbotGuard", "config": moved}]
    write_synapse_config(tmp_path / "hs", SERVER)
    assert read() == []
