"""`--dry-run` changes nothing: not the database, not the homeserver (real Synapse)."""

from __future__ import annotations

import asyncio
import sqlite3
from pathlib import Path

import nio
import pytest
from conftest import BotLauncher, Matrix, School, conductbot

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


async def test_link_parent_dry_run_links_nobody_and_makes_no_room(
    launch: BotLauncher, matrix: Matrix, school: School, as_the_bot: None
) -> None:
    bot = await launch(start=False)
    joined = set((await bot.client.joined_rooms()).rooms)
    await bot.stop()
    parent = matrix.register("dry")
    before = snapshot(school.data_dir)
    data = str(school.data_dir)
    config = str(school.config_path)
    argv = ("link-parent", parent.user_id, "Amelia Hughes", "--data-dir", data, "--config", config)
    assert await _cli(*argv, "--dry-run") == 0
    assert snapshot(school.data_dir) == before

    again = await launch(start=False)
    assert set((await again.client.joined_rooms()).rooms) == joined
    client = await matrix.client(parent)
    synced = await client.sync(timeout=0)
    assert isinstance(synced, nio.SyncResponse) and not synced.rooms.invite  # invited nowhere
    await again.stop()

    assert await _cli(*argv) == 0  # the twin: for real, it links and invites
    assert snapshot(school.data_dir) != before
    synced = await client.sync(timeout=0)
    assert synced.rooms.invite


async def test_provision_dry_run_makes_no_room_and_leaves_the_rate_limit(
    launch: BotLauncher, matrix: Matrix, school: School, as_the_bot: None
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
    assert await _cli(*argv, "--dry-run") == 0
    assert snapshot(school.data_dir) == before
    assert await _rate_limit(await matrix.client(school.bot), user) == {}

    again = await launch(start=False)  # provisions for real: the twin
    assert await again.store.rooms.by_key("story:ash") is not None
    assert len(set((await again.client.joined_rooms()).rooms) - joined) >= 1
