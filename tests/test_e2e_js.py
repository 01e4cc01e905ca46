"""A parent and a teacher on Element's own SDK, with encryption on, against the real bot.

The parent runs in "exclude insecure devices" mode (MSC4153): they read only devices their
owners cross-signed, so these pass only while the bot's device is cross-signed. The parent
opens an encrypted direct chat as Element does, redeems a code, joins the class story and
writes to the teacher; the bot restarts and still reads them; a photo crosses encrypted
rooms and arrives whole.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import AsyncIterator

import pytest
from conftest import BotLauncher, Matrix, Person, RunningBot, School, eventually
from js_client import JsClient
from PIL import Image
from test_onboarding import CODE_RE
from test_relay import TUESDAY_MORNING

from bot.provisioning import home_key, parent_dm_key, story_key, teacher_dm_key
from storage.rooms import RoomKind

pytestmark = pytest.mark.js


class JsClients:
    def __init__(self, matrix: Matrix) -> None:
        self.matrix = matrix
        self.running: list[JsClient] = []

    async def __call__(self, person: Person) -> JsClient:
        homeserver = self.matrix.settings.base_url
        client = await JsClient.start(homeserver, person.user_id, person.password)
        self.running.append(client)
        return client


@pytest.fixture
async def js(matrix: Matrix) -> AsyncIterator[JsClients]:
    clients = JsClients(matrix)
    yield clients
    for client in clients.running:
        await client.close()


async def notice_with(client: JsClient, room_id: str, words: str) -> str:
    async def found() -> str | None:
        return next((n for n in await client.notices(room_id) if words in n), None)

    return await eventually(found, within=30)


async def invited_to(client: JsClient, room_id: str) -> bool:
    return room_id in (await client.call("invites"))["rooms"]


async def join_when_invited(client: JsClient, room_id: str) -> None:
    await eventually(lambda: invited_to(client, room_id), within=30)
    await client.call("join", room_id=room_id)


async def messages_from_bot(client: JsClient, room_id: str, bot: RunningBot) -> list[dict]:
    return [
        e
        for e in await client.timeline(room_id)
        if e["type"] == "m.room.message"
        and e["sender"] == bot.client.user_id
        and e["content"].get("msgtype") != "m.notice"
    ]


def photo() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (64, 48), (200, 120, 40)).save(buffer, format="PNG")
    return buffer.getvalue()


async def test_an_element_parent_links_joins_and_talks_to_the_teacher_in_encrypted_rooms(
    launch_encrypted: BotLauncher, matrix: Matrix, encrypted_school: School, js: JsClients
) -> None:
    school = encrypted_school
    bot = await launch_encrypted()
    bot.app.clock.set(TUESDAY_MORNING)
    teacher_person = school.staff["reid"]
    teacher = await js(teacher_person)

    # The teacher asks for a code in their (encrypted) home room.
    home = await bot.room(home_key(teacher_person.user_id))
    await join_when_invited(teacher, home)
    assert (await teacher.call("encrypted", room_id=home))["encrypted"]
    await teacher.send(home, "!code Amelia")

    async def code_told() -> re.Match[str] | None:
        return next((m for n in await teacher.notices(home) if (m := CODE_RE.search(n))), None)

    code = await eventually(code_told, within=30)

    # A new parent opens an encrypted direct chat with the bot, as Element does.
    parent_person = matrix.register("elena", displayname="Elena")
    parent = await js(parent_person)
    welcome = await parent.create_direct(bot.client.user_id)
    await notice_with(parent, welcome, "send me the code")
    room = await bot.store.rooms.get(welcome)
    assert room is not None and room.kind is RoomKind.WELCOME
    await parent.send(welcome, code[0])
    await notice_with(parent, welcome, "now connected to Amelia")
    assert [c.first_name for c in await bot.store.pupils.children_of(parent_person.user_id)] == [
        "Amelia"
    ]

    # Their home room was made, and spoken in, before they joined: they can read all of it.
    parent_home = await bot.room(home_key(parent_person.user_id))
    await join_when_invited(parent, parent_home)

    async def all_read() -> bool:
        timeline = await parent.timeline(parent_home)
        from_bot = [e for e in timeline if e["sender"] == bot.client.user_id and e["encrypted"]]
        return bool(from_bot) and not any(e["decryption_failure"] for e in from_bot)

    assert await eventually(all_read, within=30)

    # The class story (unencrypted, for the guard) and the encrypted conversation rooms.
    story = await bot.room(story_key("oak"))
    await join_when_invited(parent, story)
    assert not (await parent.call("encrypted", room_id=story))["encrypted"]
    parent_room = await bot.room(parent_dm_key(parent_person.user_id, teacher_person.user_id))
    teacher_room = await bot.room(teacher_dm_key(teacher_person.user_id, parent_person.user_id))
    await join_when_invited(parent, parent_room)
    await join_when_invited(teacher, teacher_room)
    assert (await parent.call("encrypted", room_id=parent_room))["encrypted"]

    await parent.send(parent_room, "Could Amelia bring her recorder on Friday?")

    async def relayed(words: str) -> list[dict]:
        return [
            m
            for m in await messages_from_bot(teacher, teacher_room, bot)
            if words in m["content"].get("body", "")
        ]

    [copy] = await eventually(lambda: relayed("recorder on Friday"), within=30)
    assert copy["encrypted"] and not copy["decryption_failure"]

    await teacher.send(teacher_room, "Yes please, she can.")

    async def answered() -> bool:
        return any(
            "she can" in m["content"].get("body", "")
            for m in await messages_from_bot(parent, parent_room, bot)
        )

    assert await eventually(answered, within=30)

    # The bot restarts with its crypto store and still reads the parent.
    await bot.stop()
    bot = await launch_encrypted()
    bot.app.clock.set(TUESDAY_MORNING)
    await parent.send(parent_room, "And her PE kit on Thursday?")
    [after_restart] = await eventually(lambda: relayed("PE kit on Thursday"), within=30)
    assert after_restart["encrypted"]  # the restarted bot still knows the room is encrypted

    # A photo crosses encrypted rooms: the bot fingerprints the decrypted bytes and the
    # teacher gets the file, still encrypted, whole.
    data = photo()
    sent = await parent.send_image(parent_room, data, "drawing.png", "image/png")

    async def image_relayed() -> list[dict]:
        return [
            m
            for m in await messages_from_bot(teacher, teacher_room, bot)
            if m["content"].get("msgtype") == "m.image"
        ]

    [image] = await eventually(image_relayed, within=30)
    assert "file" in image["content"] and "url" not in image["content"]
    downloaded = await teacher.call("download", content=image["content"])
    assert (
        hashlib.sha256(bytes.fromhex(downloaded["hex"])).digest() == hashlib.sha256(data).digest()
    )

    # Fingerprinted from the decrypted bytes (an unreadable file says "could not decrypt").
    assert await eventually(lambda: bot.store.media.check_result(sent)) == "no match"
