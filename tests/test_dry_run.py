"""`--dry-run` changes nothing: not the database, not the homeserver (real Synapse)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import nio
import pytest
from conftest import BotLauncher, Matrix, School, conductbot

from bot.app import App
from bot.clock import Clock
from storage.store import DATABASE


def snapshot(data_dir: Path) -> dict[str, list[tuple]]:
    """Every table's rows but the audit's (dry runs are audited, marked as dry runs)."""
    with sqlite3.connect(data_dir / DATABASE) as db:
        tables = [row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type='table'")]
        return {
            table: sorted(map(tuple, db.execute(f"SELECT * FROM {table}")), key=repr)
            for table in tables
            if table != "audit"
        }


@pytest.fixture
def as_the_bot(school: School, monkeypatch: pytest.MonkeyPatch) -> None:
    credentials = school.credentials
    monkeypatch.setenv("CONDUCTBOT_HOMESERVER", credentials.homeserver)
    monkeypatch.setenv("CONDUCTBOT_USER_ID", credentials.user_id)
    monkeypatch.setenv("CONDUCTBOT_PASSWORD", credentials.password or "")


async def _cli(*argv: str) -> int:
    return await asyncio.to_thread(conductbot, *argv)


async def _rate_limit(client: nio.AsyncClient, user_id: str) -> dict:
    response = await client.send(
        "GET",
        f"/_synapse/admin/v1/users/{user_id}/override_ratelimit",
        headers={"Authorization": f"Bearer {client.access_token}"},
    )
    assert response.status == 200
    return await response.json()


async def _joined(matrix: Matrix, school: School) -> set[str]:
    """The bot account's rooms, asked as the bot without starting it (which provisions)."""
    return set((await (await matrix.client(school.bot)).joined_rooms()).rooms)


async def test_link_parent_dry_run_links_nobody_and_makes_no_room(
    launch: BotLauncher,
    matrix: Matrix,
    school: School,
    as_the_bot: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bot = await launch(start=False)
    joined = set((await bot.client.joined_rooms()).rooms)
    await bot.stop()
    parent = matrix.register("dry")
    before = snapshot(school.data_dir)
    data = str(school.data_dir)
    config = str(school.config_path)
    argv = ("link-parent", parent.user_id, "Amelia Hughes", "--data-dir", data, "--config", config)
    capsys.readouterr()
    assert await _cli(*argv, "--dry-run") == 0
    said = capsys.readouterr().out.splitlines()
    assert snapshot(school.data_dir) == before
    assert await _joined(matrix, school) == joined
    client = await matrix.client(parent)
    synced = await client.sync(timeout=0)
    assert isinstance(synced, nio.SyncResponse) and not synced.rooms.invite  # invited nowhere
    # It says what it would do, and nothing it says claims a link, a room or an invite.
    assert said[0] == "dry run: nothing was changed"
    assert said[1].startswith(f"would link {parent.user_id} to Amelia Hughes")
    assert "home room would be created" in said
    assert all("would" in line for line in said[1:]), said

    assert await _cli(*argv) == 0  # the twin: for real, it links and invites
    done = capsys.readouterr().out.splitlines()
    assert done[0].startswith(f"linked {parent.user_id} to Amelia Hughes")
    assert "home room created" in done
    assert not any("would" in line or "dry run" in line for line in done), done
    assert snapshot(school.data_dir) != before
    synced = await client.sync(timeout=0)
    assert synced.rooms.invite


async def test_provision_dry_run_makes_no_room_and_leaves_the_rate_limit(
    launch: BotLauncher,
    matrix: Matrix,
    school: School,
    as_the_bot: None,
    capsys: pytest.CaptureFixture[str],
) -> None:
    bot = await launch(start=False)
    joined = set((await bot.client.joined_rooms()).rooms)
    user = bot.client.user_id
    deleted = await bot.client.send(
        "DELETE",
        f"/_synapse/admin/v1/users/{user}/override_ratelimit",
        headers={"Authorization": f"Bearer {bot.client.access_token}"},
    )
    assert deleted.status == 200 and await _rate_limit(bot.client, user) == {}
    await bot.stop()

    def add_class(doc: dict) -> None:
        doc["classes"].append(
            {"id": "ash", "name": "Ash Class", "year": "Year 1", "teachers": ["reid"]}
        )

    school.edit_config(add_class)
    before = snapshot(school.data_dir)
    argv = ("provision", "--data-dir", str(school.data_dir), "--config", str(school.config_path))
    capsys.readouterr()
    assert await _cli(*argv, "--dry-run") == 0
    said = capsys.readouterr().out
    assert snapshot(school.data_dir) == before
    assert await _joined(matrix, school) == joined
    assert await _rate_limit(await matrix.client(school.bot), user) == {}
    assert said.splitlines()[-1].startswith("dry run, nothing was changed: 1 would be created")

    again = await launch(start=False)  # provisions for real: the twin
    assert await again.store.rooms.by_key("story:ash") is not None
    assert len(set((await again.client.joined_rooms()).rooms) - joined) >= 1


async def test_a_welcome_invite_in_a_dry_run_records_no_room(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch(start=False)
    newcomer = matrix.register("newcomer")
    client = await matrix.client(newcomer)
    made = await client.room_create(invite=[bot.client.user_id], is_direct=True)
    assert isinstance(made, nio.RoomCreateResponse)
    before = snapshot(school.data_dir)

    dry = App(bot.config, bot.store, bot.client, Clock(), dry_run=True)
    await dry.invited(made.room_id, newcomer.user_id, True)
    assert snapshot(school.data_dir) == before
    assert made.room_id not in (await bot.client.joined_rooms()).rooms

    assert bot.app is not None
    await bot.app.invited(made.room_id, newcomer.user_id, True)  # the twin: joins, records
    assert await bot.store.rooms.by_key(f"welcome:{made.room_id}") is not None
    assert made.room_id in (await bot.client.joined_rooms()).rooms
