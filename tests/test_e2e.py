"""The bot as an encryption endpoint: cross-signed, its store bound to its device, private
rooms encrypted (and converted, never back), on the real Synapse."""

from __future__ import annotations

import stat
from pathlib import Path
from typing import Any

import nio
import pytest
import yaml
from conftest import (
    BotLauncher,
    Matrix,
    RunningBot,
    School,
    eventually,
    join,
    messages,
    notices_in,
    send_text,
)

from bot.actions import notice
from bot.config import ConfigError, load_config
from bot.crypto import CROSS_SIGNING_FILE, CRYPTO_DIR, store_file
from bot.provisioning import ESCALATION_KEY, home_key, story_key
from storage.rooms import RoomKind
from storage.state import ENCRYPTION_SWEPT


def self_signing_key(keys: dict[str, Any], user_id: str) -> str:
    [key_id] = keys["self_signing_keys"][user_id]["keys"]
    return key_id


async def devices(bot: RunningBot) -> set[str]:
    client = bot.client
    response = await client.devices()
    return {device.id for device in response.devices}


async def test_the_bot_cross_signs_its_device_once_and_keeps_its_keys_private(
    launch: BotLauncher, school: School
) -> None:
    bot = await launch()
    user = bot.client.user_id
    keys = await bot.app.sync.encryption.own_keys()
    master = keys["master_keys"][user]["keys"]
    signer = self_signing_key(keys, user)
    device = keys["device_keys"][user][bot.client.device_id]
    assert signer in device["signatures"][user]  # what "exclude insecure devices" needs
    folder = school.data_dir / CRYPTO_DIR
    assert stat.S_IMODE((folder / CROSS_SIGNING_FILE).stat().st_mode) == 0o600
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700

    await bot.stop()
    again = await launch()
    assert again.client.device_id == bot.client.device_id  # the same device, with its store
    kept = await again.app.sync.encryption.own_keys()
    assert kept["master_keys"][user]["keys"] == master  # not made anew


async def test_a_lost_crypto_store_means_a_new_signed_device_and_the_old_one_deleted(
    launch_encrypted: BotLauncher, matrix: Matrix, encrypted_school: School
) -> None:
    school = encrypted_school
    bot = await launch_encrypted()
    old = bot.client.device_id
    await bot.stop()
    store_file(school.data_dir / CRYPTO_DIR, bot.client.user_id, old).unlink()

    again = await launch_encrypted()
    new = again.client.device_id
    assert new != old
    # The new device's store was told every room's encryption setting, once.
    assert await again.store.state.get(ENCRYPTION_SWEPT) == new
    remaining = await devices(again)
    assert new in remaining and old not in remaining
    keys = await again.app.sync.encryption.own_keys()
    user = again.client.user_id
    assert self_signing_key(keys, user) in keys["device_keys"][user][new]["signatures"][user]

    # The new device, knowing nothing of the rooms yet, still encrypts where it must.
    home = await again.room(home_key(school.staff["reid"].user_id))
    [sent] = await again.app.executor.run([notice(home, "Hello again")], cause="test")
    teacher = await matrix.client(school.staff["reid"])  # reads what the server holds
    await join(teacher, home)
    seen = await teacher.room_get_event(home, sent.result)
    assert seen.event.source["type"] == "m.room.encrypted"


async def encryption_of(bot: RunningBot, key: str) -> dict[str, Any] | None:
    answer = await bot.client.room_get_state_event(await bot.room(key), "m.room.encryption")
    content = getattr(answer, "content", None)
    return content or None


async def test_private_rooms_are_encrypted_and_class_stories_are_not(
    launch_encrypted: BotLauncher, encrypted_school: School
) -> None:
    school = encrypted_school
    bot = await launch_encrypted(start=False)
    reid = school.staff["reid"].user_id
    assert await encryption_of(bot, home_key(reid)) == {"algorithm": "m.megolm.v1.aes-sha2"}
    assert await encryption_of(bot, ESCALATION_KEY) is not None
    assert await encryption_of(bot, story_key("oak")) is None  # the guard reads replies


async def test_provision_encrypts_existing_private_rooms_and_never_turns_it_off(
    launch: BotLauncher, school: School
) -> None:
    bot = await launch(start=False)
    reid = school.staff["reid"].user_id
    assert await encryption_of(bot, home_key(reid)) is None
    await bot.stop()

    school.edit_config(lambda doc: doc.update(encryption={"private_rooms": True}))
    converted = await launch(start=False)
    assert await encryption_of(converted, home_key(reid)) is not None
    assert await encryption_of(converted, story_key("oak")) is None
    await converted.stop()

    school.edit_config(lambda doc: doc.update(encryption={"private_rooms": False}))
    back = await launch(start=False)
    assert await encryption_of(back, home_key(reid)) is not None  # on stays on


@pytest.mark.parametrize(
    ("section", "expected"),
    [
        ({"private_rooms": "sometimes"}, "encryption.private_rooms"),
        ({"stories": True}, "encryption.stories"),
    ],
)
def test_a_broken_encryption_section_is_named(
    tmp_path: Path, section: dict[str, Any], expected: str
) -> None:
    document = yaml.safe_load((Path(__file__).parent.parent / "rooms.yaml").read_text())
    document["encryption"] = section
    path = tmp_path / "rooms.yaml"
    path.write_text(yaml.safe_dump(document))
    with pytest.raises(ConfigError) as raised:
        load_config(path)
    assert expected in str(raised.value)


async def test_keys_that_are_not_the_bots_are_logged_and_the_bot_still_answers(
    launch: BotLauncher, school: School, matrix: Matrix, caplog: pytest.LogCaptureFixture
) -> None:
    folder = school.data_dir / CRYPTO_DIR
    folder.mkdir(parents=True)
    (folder / CROSS_SIGNING_FILE).write_text('{"user_id": "@someone:else", "seeds": {}}')
    bot = await launch()  # started: its first sync done
    assert "not cross-signed" in caplog.text and "not @conductbot" in caplog.text
    head = await matrix.client(school.staff["okafor"])
    escalation = await bot.room(ESCALATION_KEY)
    await join(head, escalation)
    await send_text(head, escalation, "!help")

    async def answered() -> bool:
        return any("Commands you can use here" in n for n in await notices_in(head, escalation))

    assert await eventually(answered)


async def _open_direct_chat(
    matrix: Matrix, bot: RunningBot, name: str, preset: nio.RoomPreset
) -> tuple[nio.AsyncClient, str]:
    """A newcomer's unencrypted direct chat with the bot, and the bot's first words in it."""
    client = await matrix.client(matrix.register(name))
    created = await client.room_create(is_direct=True, invite=[bot.client.user_id], preset=preset)
    assert isinstance(created, nio.RoomCreateResponse), created

    async def welcome() -> str | None:
        for event in await messages(client, created.room_id):
            if event["sender"] == bot.client.user_id and "state_key" not in event:
                return event["type"]
        return None

    return client, await eventually(welcome)


async def test_a_welcome_room_is_encrypted_before_the_bot_speaks_when_it_may(
    launch_encrypted: BotLauncher, matrix: Matrix
) -> None:
    bot = await launch_encrypted()
    trusted = nio.RoomPreset.trusted_private_chat  # as Element makes it: the bot may
    client, first = await _open_direct_chat(matrix, bot, "trusting", trusted)
    assert first == "m.room.encrypted"
    [room] = [r for r in await bot.store.rooms.of_kind(RoomKind.WELCOME)]
    state = await client.room_get_state_event(room.room_id, "m.room.encryption")
    assert state.content == {"algorithm": "m.megolm.v1.aes-sha2"}

    # `private_chat` gives the bot no power to: it says it in the open, never silent.
    _, plain = await _open_direct_chat(matrix, bot, "plain", nio.RoomPreset.private_chat)
    assert plain == "m.room.message"


async def test_provision_encrypts_a_welcome_room_still_open(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch()
    trusted = nio.RoomPreset.trusted_private_chat
    client, first = await _open_direct_chat(matrix, bot, "early", trusted)
    assert first == "m.room.message"  # the school had not turned encryption on yet
    [room] = await bot.store.rooms.of_kind(RoomKind.WELCOME)
    await bot.stop()

    school.edit_config(lambda doc: doc.update(encryption={"private_rooms": True}))
    await launch(start=False)
    state = await client.room_get_state_event(room.room_id, "m.room.encryption")
    assert isinstance(state, nio.RoomGetStateEventResponse), state
