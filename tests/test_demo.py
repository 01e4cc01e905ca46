"""`conductbot demo` end to end: Synapse comes up, accounts.json is written, a parent sees
their rooms, a teacher can post, Ctrl-C stops both, and a second run reuses everything."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import nio
import pytest
from conftest import join, send_text

from bot.provisioning import portfolio_key
from bot.roster import find_pupil
from storage.store import DATABASE, Store

REPO = Path(__file__).resolve().parent.parent


def start_demo(data_dir: Path) -> tuple[subprocess.Popen, float]:
    process = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "demo", "--data-dir", str(data_dir)],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PYTHONPATH": str(REPO)},
    )
    started = time.monotonic()
    assert process.stdout is not None
    for line in process.stdout:
        if "conductbot demo ready" in line:
            return process, time.monotonic() - started
    process.wait(timeout=10)
    pytest.fail(f"the demo exited ({process.returncode}) before it was ready")


def stop_demo(process: subprocess.Popen) -> int:
    process.send_signal(signal.SIGINT)
    return process.wait(timeout=30)


async def test_the_demo_comes_up_writes_accounts_and_serves_a_school(tmp_path: Path) -> None:
    pytest.importorskip("synapse")
    process, took = start_demo(tmp_path)
    try:
        assert took < 60
        accounts = json.loads((tmp_path / "accounts.json").read_text())
        assert set(accounts) == {"homeserver", "users", "rooms"}
        assert accounts["homeserver"].startswith("http://127.0.0.1:")
        roles = [u["role"] for u in accounts["users"].values()]
        assert roles.count("teacher") == 2 and roles.count("slt") == 1
        assert roles.count("office") == 1
        assert roles.count("parent") == 4
        assert roles.count("pupil") == 1
        for user in accounts["users"].values():
            assert user["user_id"].startswith("@") and len(user["password"]) >= 12
            if user["role"] in ("parent", "pupil"):
                assert user["pupils"] and set(user["pupils"][0]) == {"first_name", "class"}
            if user["role"] == "teacher":
                assert user["classes"]
        assert set(accounts["rooms"]) == {
            "escalation",
            "story:oak",
            "story:willow",
            "story:maple",
            "school_story",
            "portfolio:Amelia",
        }

        parent = accounts["users"]["sarah.hughes"]
        client = nio.AsyncClient(accounts["homeserver"], parent["user_id"])
        teacher = nio.AsyncClient(accounts["homeserver"], accounts["users"]["reid"]["user_id"])
        try:
            assert isinstance(await client.login(parent["password"]), nio.LoginResponse)
            synced = await client.sync(timeout=0)
            invited = set(synced.rooms.invite)
            story = accounts["rooms"]["story:" + parent["pupils"][0]["class"]]
            assert story in invited
            names = {
                room_id: next(e.name for e in info.invite_state if hasattr(e, "name"))
                for room_id, info in synced.rooms.invite.items()
            }
            # The class story room, the School Story, the home room and a conversation with
            # the class teacher.
            assert accounts["rooms"]["school_story"] in invited
            assert sorted(names.values()) == sorted(
                [
                    "Oak Class story",
                    "Brookfield Primary School: School Story",
                    "Brookfield Primary School",
                    "Miss Reid (Oak Class)",
                ]
            )
            await join(client, story)

            login = await teacher.login(accounts["users"]["reid"]["password"])
            assert isinstance(login, nio.LoginResponse)
            await join(teacher, story)
            await send_text(teacher, story, "Welcome to Oak class story!")
        finally:
            await client.close()
            await teacher.close()

        # The demo pupil's own account: their portfolio, with the teacher's first activity.
        [own] = [u for u in accounts["users"].values() if u["role"] == "pupil"]
        assert own["pupils"] == [{"first_name": "Amelia", "class": "oak"}]
        pupil = nio.AsyncClient(accounts["homeserver"], own["user_id"])
        try:
            assert isinstance(await pupil.login(own["password"]), nio.LoginResponse)
            portfolio = accounts["rooms"]["portfolio:Amelia"]
            await join(pupil, portfolio)
            name = await pupil.room_get_state_event(portfolio, "m.room.name")
            assert isinstance(name, nio.RoomGetStateEventResponse)
            assert "portfolio" in name.content["name"]
            # Private rooms are encrypted in the demo: this plain client sees the bot's
            # welcome and the activity as two encrypted messages (the words: below).
            shown = await pupil.room_messages(portfolio, start="", limit=50)
            assert isinstance(shown, nio.RoomMessagesResponse)
            bot = accounts["users"]["conductbot"]["user_id"]
            bots = [e for e in shown.chunk if e.sender == bot]
            assert sum(e.source.get("type") == "m.room.encrypted" for e in bots) >= 2
        finally:
            await pupil.close()
    finally:
        assert stop_demo(process) == 0
    store = await Store.open(tmp_path / "data" / DATABASE)
    try:
        amelia = await find_pupil(store, "Amelia Hughes")
        [(activity, due)] = await store.portfolios.activities(amelia.id)
        assert activity.startswith("Draw your favourite animal") and due is None
        assert (await store.rooms.by_key(portfolio_key(amelia.id))) is not None
    finally:
        await store.close()

    # A second run reuses the server, the accounts and the rooms.
    again, _ = start_demo(tmp_path)
    try:
        reused = json.loads((tmp_path / "accounts.json").read_text())
        assert reused["users"] == accounts["users"] and reused["rooms"] == accounts["rooms"]
        assert reused["homeserver"] == accounts["homeserver"]
    finally:
        assert stop_demo(again) == 0
    store = await Store.open(tmp_path / "data" / DATABASE)
    try:  # the activity was set once, not again
        assert len(await store.portfolios.activities(amelia.id)) == 1
    finally:
        await store.close()
