"""Faults: the bot killed with SIGKILL mid-work, and its database locked by another process.

The bot runs as a real `conductbot run` process where it is killed; after a restart every
held message is delivered exactly once, in order, and every reply is acted on once.
"""

from __future__ import annotations

import asyncio
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import aiosqlite
import nio
from conftest import BotLauncher, Matrix, School, eventually, join
from test_foundation import Recorder

from bot.provisioning import parent_dm_key, story_key, teacher_dm_key
from storage.rooms import RoomKind

REPO = Path(__file__).resolve().parent.parent
HELD = 200
PUPILS = (
    "Amelia Hughes",
    "Oliver Bennett",
    "Oliver Thornbury",
    "Poppy Featherstone",
    "Arthur Pennywhistle",
    "Florence Applegarth",
)


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
        [
            sys.executable,
            "-m",
            "bot.cli",
            "run",
            "--config",
            str(school.config_path),
            "--data-dir",
            str(school.data_dir),
        ],
        cwd=REPO,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )


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


async def test_sigkill_during_a_burst_of_story_replies_acts_on_each_once(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    setup = await launch()
    story = await setup.room(story_key("oak"))
    parents = [matrix.register(f"p{n}") for n in range(6)]
    for parent, pupil in zip(parents, PUPILS, strict=True):
        await setup.link(parent, pupil)
    teacher = await matrix.client(school.staff["reid"])
    await join(teacher, story)
    post = await teacher.room_send(
        story, "m.room.message", {"msgtype": "m.text", "body": "Sports day"}
    )
    await setup.stop()

    bot = run_bot(school, "2026-11-24T10:00:00+00:00")
    clients = [await matrix.client(p) for p in parents]
    for client in clients:
        await join(client, story)
    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post.event_id}}}
    sent: list[str] = []
    negative: list[str] = []
    try:
        for round_ in range(5):
            for n, client in enumerate(clients):
                unkind = n % 3 == 0  # these parents are warned, then removed mid-burst
                body = "What a rubbish useless day" if unkind else "Lovely, thank you!"
                content = {"msgtype": "m.text", "body": f"{body} {round_}"} | relation
                response = await client.room_send(story, "m.room.message", content)
                if isinstance(response, nio.RoomSendResponse):  # not once they are removed
                    sent.append(response.event_id)
                    if unkind:
                        negative.append(response.event_id)
            if round_ == 2:
                bot.send_signal(signal.SIGKILL)
                bot.wait(timeout=10)
                bot = run_bot(school, "2026-11-24T10:01:00+00:00")
        await eventually(lambda: _all_processed(school, sent), within=90)
    finally:
        bot.terminate()
        bot.wait(timeout=20)
    async with aiosqlite.connect(school.data_dir / "conductbot.sqlite") as db:
        async with db.execute(
            "SELECT event_id, COUNT(*) FROM incidents WHERE kind = 'reply removed' "
            "GROUP BY event_id"
        ) as cursor:
            removed = dict(await cursor.fetchall())
        async with db.execute("SELECT event_id, COUNT(*) FROM strikes GROUP BY event_id") as c:
            strikes = dict(await c.fetchall())
    assert negative and set(removed) == set(negative) and set(removed.values()) == {1}
    assert set(strikes) == set(negative) and set(strikes.values()) == {1}


async def _all_processed(school: School, event_ids: list[str]) -> bool:
    async with aiosqlite.connect(school.data_dir / "conductbot.sqlite") as db:
        marks = ", ".join("?" * len(event_ids))
        async with db.execute(
            f"SELECT COUNT(*) FROM processed_events WHERE event_id IN ({marks})", event_ids
        ) as cursor:
            return (await cursor.fetchone())[0] == len(event_ids)


async def test_a_database_locked_by_another_process_for_seconds_loses_nothing(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    bot = await launch()
    parent = matrix.register("sam")
    await bot.link(parent, "Amelia Hughes")
    story = await bot.room(story_key("oak"))
    client = await matrix.client(parent)
    await join(client, story)
    teacher = await matrix.client(school.staff["reid"])
    await join(teacher, story)
    post = await teacher.room_send(
        story, "m.room.message", {"msgtype": "m.text", "body": "Our trip"}
    )
    relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post.event_id}}}
    locked = asyncio.Event()

    def hold_the_lock() -> None:
        with sqlite3.connect(school.data_dir / "conductbot.sqlite", timeout=30) as other:
            other.execute("BEGIN EXCLUSIVE")
            locked.set()
            time.sleep(4)
            other.rollback()

    holder = asyncio.create_task(asyncio.to_thread(hold_the_lock))
    await locked.wait()
    sent = [
        (
            await client.room_send(
                story, "m.room.message", {"msgtype": "m.text", "body": body} | relation
            )
        ).event_id
        for body in ("Lovely!", "What a rubbish useless trip", "Thank you")
    ]
    await holder
    await eventually(lambda: _all_processed(school, sent), within=60)
    assert not bot.task.done()
    assert [i.event_id for i in await bot.store.incidents.of_user(parent.user_id)] == [sent[1]]


async def test_three_thousand_events_while_the_bot_is_down_are_each_handled_once(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    """The timeline comes back `limited`; the gap is back-filled, nothing twice or skipped."""
    recorder = Recorder()
    routes = {RoomKind.STORY: [recorder]}
    bot = await launch(routes)
    story = await bot.room(story_key("oak"))
    parents = [matrix.register(f"p{n}") for n in range(3)]
    clients = []
    for parent, pupil in zip(parents, PUPILS, strict=False):
        await bot.link(parent, pupil)
        clients.append(await matrix.client(parent))
        await join(clients[-1], story)
    await bot.stop()

    async def send(client: nio.AsyncClient, n: int) -> list[str]:
        sent = []
        for m in range(1000):
            response = await client.room_send(
                story, "m.room.message", {"msgtype": "m.text", "body": f"{n}-{m}"}
            )
            sent.append(response.event_id)
        return sent

    batches = await asyncio.gather(*(send(c, n) for n, c in enumerate(clients)))
    await launch(routes)
    everything = {event_id for batch in batches for event_id in batch}
    await eventually(lambda: everything <= set(recorder.seen), within=180)
    assert len(recorder.seen) == len(set(recorder.seen)) == 3000
    for batch in batches:  # each sender's messages in the order they were sent
        positions = [recorder.seen.index(event_id) for event_id in batch]
        assert positions == sorted(positions)
