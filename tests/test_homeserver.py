"""Integration tests for the embedded Synapse (bot/homeserver.py) and the test harness."""

from __future__ import annotations

import asyncio
import json
import stat
import time
import urllib.error
import urllib.request
from pathlib import Path
from typing import Any
from urllib.parse import quote

import nio
import pytest
import yaml

from bot.homeserver import (
    SynapseProcess,
    SynapseSettings,
    UserExists,
    login,
    override_ratelimit,
    register_user,
    write_synapse_config,
)

pytestmark = pytest.mark.synapse


def _get(url: str, token: str | None = None) -> tuple[int, Any]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers)) as response:
            return response.status, json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, None


async def _wait_for_text(
    client: nio.AsyncClient, room_id: str, body: str, since: str, within: float = 10
) -> nio.RoomMessageText:
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        response = await client.sync(timeout=1000, since=since)
        assert isinstance(response, nio.SyncResponse), response
        since = response.next_batch
        room = response.rooms.join.get(room_id)
        for event in room.timeline.events if room else []:
            if isinstance(event, nio.RoomMessageText) and event.body == body:
                return event
    raise AssertionError(f"{client.user_id} never saw {body!r} in {room_id}")


async def test_message_reaches_another_user(matrix) -> None:
    alice_person = matrix.register("alice", displayname="Alice Teacher")
    bob_person = matrix.register("bob")
    alice = await matrix.client(alice_person)
    bob = await matrix.client(bob_person)

    created = await alice.room_create(name="Class 3", invite=[bob_person.user_id])
    assert isinstance(created, nio.RoomCreateResponse), created
    joined = await bob.join(created.room_id)
    assert isinstance(joined, nio.JoinResponse), joined
    first = await bob.sync(timeout=0)
    assert isinstance(first, nio.SyncResponse)

    text = "Reading books go home on Friday"
    sent = await alice.room_send(
        created.room_id, "m.room.message", {"msgtype": "m.text", "body": text}
    )
    assert isinstance(sent, nio.RoomSendResponse), sent

    seen = await _wait_for_text(bob, created.room_id, text, since=first.next_batch)
    assert seen.sender == alice_person.user_id
    assert seen.event_id == sent.event_id

    profile = await bob.get_displayname(alice_person.user_id)
    assert getattr(profile, "displayname", None) == "Alice Teacher"


async def test_rooms_default_to_version_12(matrix) -> None:
    client = await matrix.client(matrix.register("creator"))
    created = await client.room_create()
    assert isinstance(created, nio.RoomCreateResponse), created
    state = await client.room_get_state_event(created.room_id, "m.room.create")
    assert isinstance(state, nio.RoomGetStateEventResponse), state
    assert state.content["room_version"] == "12"


def test_config_is_reused(synapse: SynapseSettings) -> None:
    config = synapse.directory / "homeserver.yaml"
    before = config.read_bytes()
    again = write_synapse_config(synapse.directory, server_name="other.example", port=1)
    assert again == synapse
    assert config.read_bytes() == before


def test_config_is_private_and_loopback_only(synapse: SynapseSettings) -> None:
    config_path = synapse.directory / "homeserver.yaml"
    assert stat.S_IMODE(config_path.stat().st_mode) == 0o600
    config = yaml.safe_load(config_path.read_text())
    assert [listener["bind_addresses"] for listener in config["listeners"]] == [["127.0.0.1"]]
    names = [name for r in config["listeners"][0]["resources"] for name in r["names"]]
    assert names == ["client"]
    assert config["federation_domain_whitelist"] == []
    assert config["enable_registration"] is False
    assert config["rc_message"]["per_second"] >= 100
    assert (synapse.directory / "signing.key").exists()
    assert not (synapse.directory / "homeserver.yaml.tmp").exists()


def test_no_federation_endpoints(synapse: SynapseSettings) -> None:
    status, body = _get(f"{synapse.base_url}/_matrix/client/versions")
    assert status == 200 and "v1.1" in body["versions"]
    assert _get(f"{synapse.base_url}/_matrix/federation/v1/version")[0] == 404
    assert _get(f"{synapse.base_url}/_matrix/key/v2/server")[0] == 404


def test_registering_an_existing_user_raises(synapse: SynapseSettings) -> None:
    assert register_user(synapse, "dup-user", "pw1") == "@dup-user:test.conductbot"
    with pytest.raises(UserExists):
        register_user(synapse, "dup-user", "pw2")
    # The first password still works: the second registration changed nothing.
    assert login(synapse.base_url, "dup-user", "pw1")


def test_override_ratelimit(matrix) -> None:
    admin = matrix.register("admin", admin=True)
    parent = matrix.register("parent")
    admin_token = login(matrix.settings.base_url, admin.user_id, admin.password)
    parent_token = login(matrix.settings.base_url, parent.user_id, parent.password)
    url = (
        f"{matrix.settings.base_url}/_synapse/admin/v1/users/"
        f"{quote(parent.user_id, safe='')}/override_ratelimit"
    )

    assert _get(url, admin_token) == (200, {})
    assert override_ratelimit(matrix.settings.base_url, parent_token, parent.user_id) is False
    assert _get(url, admin_token) == (200, {})
    assert override_ratelimit(matrix.settings.base_url, admin_token, parent.user_id) is True
    assert _get(url, admin_token) == (200, {"messages_per_second": 0, "burst_count": 0})
    # The harness lifted the admin's own limit when registering it.
    own = url.replace(quote(parent.user_id, safe=""), quote(admin.user_id, safe=""))
    assert _get(own, admin_token) == (200, {"messages_per_second": 0, "burst_count": 0})


def test_start_refuses_a_busy_port(synapse: SynapseSettings) -> None:
    with pytest.raises(RuntimeError, match="already in use"):
        SynapseProcess(synapse).start()


def test_start_reports_a_crash_with_the_log(tmp_path: Path) -> None:
    settings = write_synapse_config(tmp_path / "hs", server_name="broken.conductbot")
    config = yaml.safe_load(settings.config_path.read_text())
    config["database"] = {"name": "no-such-engine", "args": {}}
    settings.config_path.write_text(yaml.safe_dump(config))
    process = SynapseProcess(settings)
    with pytest.raises(RuntimeError, match="exited with code") as raised:
        process.start(timeout=30)
    assert "no-such-engine" in str(raised.value)
    assert not process.running


async def test_clients_stay_usable_concurrently(matrix) -> None:
    """Several real clients on one loop: the harness must not serialise them."""
    people = [matrix.register(f"p{i}") for i in range(3)]
    clients = await asyncio.gather(*(matrix.client(p) for p in people))
    whoami = await asyncio.gather(*(c.whoami() for c in clients))
    assert [w.user_id for w in whoami] == [p.user_id for p in people]
