"""Faults: the bot killed with SIGKILL in the middle of releasing held messages.

The bot runs as a real `conductbot run` process; after the kill and a restart every held
message is delivered exactly once, in the order the parent sent it.
"""

from __future__ import annotations

import asyncio
import os
import signal
import subprocess
import sys
from pathlib import Path

import aiosqlite
import nio
from conftest import BotLauncher, Matrix, School, eventually, join

from bot.provisioning import parent_dm_key, teacher_dm_key

REPO = Path(__file__).resolve().parent.parent
HELD = 200


def run_bot(school: School, now: str) -> subprocess.Popen:
    env = os.environ | {
        "CONDUCTBOT_HOMESERVER": school.settings.base_url,
        "CONDUCTBOT_USER_ID": school.bot.user_id,
        "CONDUCTBOT_PASSWORD": school.bot.password,
        "CONDUCTBOT_NOW": now,
        "PYTHONPATH": str(REPO),
    }
    log = (school.data_dir / "bot.log").open("a")
    return subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "run", "--config", str(school.config_path),
         "--data-dir", str(school.data_dir)],
        cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT,
    )  # fmt: skip


async def count(school: School, status: str) -> int:
    async with aiosqlite.connect(school.data_dir / "conductbot.sqlite") as db:
        async with db.execute("SELECT COUNT(*) FROM relays WHERE status = ?", (status,)) as c:
            return (await c.fetchone())[0]


async def everything_in(client: nio.AsyncClient, room_id: str) -> list[dict]:
    events, token = [], ""
    while True:
        page = await client.room_messages(
            room_id, start=token, direction=nio.MessageDirection.back, limit=500
        )
        assert isinstance(page, nio.RoomMessagesResponse)
        events += [e.source for e in page.chunk]
        if not page.chunk or not page.end:
            return list(reversed(events))
        token = page.end


async def test_sigkill_during_release_delivers_every_held_message_once_in_order(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    setup = await launch()  # syncs once, so the bot process resumes from a saved cursor
    parent = matrix.register("parent")
    await setup.link(parent, "Amelia Hughes")
    teacher_id = school.staff["reid"].user_id
    parent_room = await setup.room(parent_dm_key(parent.user_id, teacher_id))
    teacher_room = await setup.room(teacher_dm_key(teacher_id, parent.user_id))
    await setup.stop()

    bot = run_bot(school, "2026-11-20T17:05:00+00:00")  # Friday evening: everything is held
    try:
        family = await matrix.client(parent)
        await join(family, parent_room)
        for n in range(HELD):
            sent = await family.room_send(
                parent_room, "m.room.message", {"msgtype": "m.text", "body": f"message {n:03}"}
            )
            assert isinstance(sent, nio.RoomSendResponse)
        await eventually(lambda: _at_least(count(school, "held"), HELD), within=60)
    finally:
        bot.terminate()
        bot.wait(timeout=20)

    bot = run_bot(school, "2026-11-23T08:00:01+00:00")  # Monday: the catch-up release starts
    try:
        await eventually(lambda: _at_least(count(school, "delivered"), 20), within=60)
    finally:
        bot.send_signal(signal.SIGKILL)
        bot.wait(timeout=10)
    interrupted_at = await count(school, "delivered")
    assert interrupted_at < HELD, "the kill came too late to interrupt the release"

    bot = run_bot(school, "2026-11-23T08:05:00+00:00")
    try:
        await eventually(lambda: _at_least(count(school, "delivered"), HELD), within=120)
    finally:
        bot.terminate()
        bot.wait(timeout=20)

    teacher = await matrix.client(school.staff["reid"])
    await join(teacher, teacher_room)
    bodies = [
        e["content"]["body"].split("\n", 1)[1]
        for e in await everything_in(teacher, teacher_room)
        if e["type"] == "m.room.message" and e["content"].get("msgtype") == "m.text"
    ]
    assert bodies == [f"message {n:03}" for n in range(HELD)]


async def _at_least(value: asyncio.Future | object, target: int) -> bool:
    return await value >= target  # type: ignore[misc]
