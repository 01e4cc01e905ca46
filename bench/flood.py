"""A hostile parent floods the bot: does everyone else still get served?

Starts `conductbot demo` (the embedded Synapse with the guard module, the bot and its guard
endpoint, in one process as in production) with the clock on a Tuesday morning. Then, at
the same time:

- Tom (a parent) sends a 20,000-character private message to Miss Reid and 1,000 text
  reactions to a post in the Oak class story;
- Sarah (another parent) sends `!help` in her own room every second and times the answer;
- Priya (a third parent) posts kind story replies every half second and times the send,
  which is how long Synapse waited for the guard's answer.

It prints `!help` answer times (p50, p95, max; target: within 2 s), the story replies' send
times against the guard's timeout (p95; target: within the timeout), and checks that Tom's
long message reached Miss Reid exactly once, whole, and that the reaction flood was cut.

Usage: .venv/bin/python bench/flood.py [--reactions 1000] [--chars 20000]
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nio

from bot.provisioning import home_key, parent_dm_key, story_key
from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
TUESDAY = "2026-11-24T10:00:00+00:00"
GUARD_TIMEOUT_MS = 300  # bot.guard_api.module_config's default


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def start_demo(directory: Path) -> subprocess.Popen[str]:
    env = os.environ | {"CONDUCTBOT_NOW": TUESDAY}
    demo = subprocess.Popen(
        [sys.executable, "-m", "bot.cli", "demo", "--data-dir", str(directory)],
        cwd=REPO,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert demo.stdout is not None
    for line in demo.stdout:
        if "ready in" in line:
            return demo
    raise RuntimeError("the demo did not come up")


async def client(accounts: dict, name: str) -> nio.AsyncClient:
    user = accounts["users"][name]
    person = nio.AsyncClient(accounts["homeserver"], user["user_id"])
    response = await person.login(user["password"])
    assert isinstance(response, nio.LoginResponse), response
    return person


async def join(person: nio.AsyncClient, room: str) -> None:
    response = await person.join(room)
    assert isinstance(response, nio.JoinResponse), response


async def answered(person: nio.AsyncClient, room: str, command: str) -> bool:
    response = await person.room_messages(room, start="", limit=20)
    return any(
        e.source.get("content", {}).get("m.relates_to", {}).get("m.in_reply_to", {}).get("event_id")
        == command
        for e in response.chunk
    )


async def bot_events(person: nio.AsyncClient, room: str) -> list[str]:
    """The ids of the bot's message events in a room (encrypted or not), newest 100."""
    response = await person.room_messages(room, start="", limit=100)
    return [
        e.event_id
        for e in response.chunk
        if e.sender.startswith("@conductbot:")
        and e.source.get("type") in ("m.room.message", "m.room.encrypted")
    ]


async def run(reactions: int, chars: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        directory = Path(tmp)
        demo = await asyncio.to_thread(start_demo, directory)
        try:
            accounts = json.loads((directory / "accounts.json").read_text())
            users = accounts["users"]
            store = await Store.open(directory / "data" / "conductbot.sqlite")
            tom, sarah, priya, reid = [
                await client(accounts, n)
                for n in ("tom.bennett", "sarah.hughes", "priya.patel", "reid")
            ]
            oak = accounts["rooms"][story_key("oak")]
            for person in (tom, sarah, reid):
                await join(person, oak)
            priya_story = (await store.pupils.children_of(users["priya.patel"]["user_id"]))[0]
            priya_room = accounts["rooms"][story_key(priya_story.class_id)]
            await join(priya, priya_room)
            teacher_in_priya_room = reid if priya_story.class_id in ("oak", "maple") else None
            poster = teacher_in_priya_room or await client(accounts, "khan")
            await join(poster, priya_room)
            post = (
                await poster.room_send(
                    priya_room, "m.room.message", {"msgtype": "m.text", "body": "Our trip!"}
                )
            ).event_id
            oak_post = (
                await reid.room_send(
                    oak, "m.room.message", {"msgtype": "m.text", "body": "Sunflowers"}
                )
            ).event_id
            sarah_home = await store.rooms.by_key(home_key(users["sarah.hughes"]["user_id"]))
            await join(sarah, sarah_home.room_id)
            tom_dm = await store.rooms.by_key(
                parent_dm_key(users["tom.bennett"]["user_id"], users["reid"]["user_id"])
            )
            await join(tom, tom_dm.room_id)
            conversation = await store.relay.conversation_in(tom_dm.room_id)
            await join(reid, conversation.teacher_room)
            await asyncio.sleep(2)  # the bot has seen the joins

            long_text = ("Please read this carefully. " * chars)[:chars]
            help_times: list[float] = []
            send_times: list[float] = []
            flooding = True

            long_sent: list[str] = []

            async def flood() -> None:
                nonlocal flooding
                response = await tom.room_send(
                    tom_dm.room_id, "m.room.message", {"msgtype": "m.text", "body": long_text}
                )
                long_sent.append(response.event_id)
                for n in range(reactions):
                    await tom.room_send(
                        oak,
                        "m.reaction",
                        {
                            "m.relates_to": {
                                "rel_type": "m.annotation",
                                "event_id": oak_post,
                                "key": f"wow {n}",
                            }
                        },
                    )
                flooding = False

            async def ask_help() -> None:
                while flooding or len(help_times) < 5:
                    sent = time.monotonic()
                    command = await sarah.room_send(
                        sarah_home.room_id, "m.room.message", {"msgtype": "m.text", "body": "!help"}
                    )
                    while not await answered(sarah, sarah_home.room_id, command.event_id):
                        if time.monotonic() - sent > 30:
                            break
                        await asyncio.sleep(0.05)
                    help_times.append(time.monotonic() - sent)
                    await asyncio.sleep(1)

            async def reply_in_story() -> None:
                n = 0
                while flooding or n < 10:
                    content = {
                        "msgtype": "m.text",
                        "body": f"Lovely trip! ({n})",
                        "m.relates_to": {"m.in_reply_to": {"event_id": post}},
                    }
                    sent = time.monotonic()
                    await priya.room_send(priya_room, "m.room.message", content)
                    send_times.append((time.monotonic() - sent) * 1000)
                    n += 1
                    await asyncio.sleep(0.5)

            before = len(await bot_events(reid, conversation.teacher_room))
            started = time.monotonic()
            await asyncio.gather(flood(), ask_help(), reply_in_story())
            flood_seconds = time.monotonic() - started

            async def delivered() -> list[str]:
                """The teacher's room is encrypted, so the events are counted, not read: the
                bot's events there, once its record says the message was delivered."""
                relayed = await store.relay.by_source(long_sent[0])
                if relayed is None or relayed.status != "delivered":
                    return []
                return await bot_events(reid, conversation.teacher_room)

            copies: list[str] = []
            for _ in range(120):  # up to a minute for the bot to catch up
                copies = await delivered()
                if copies:
                    break
                await asyncio.sleep(0.5)

            async def removed() -> int:
                count, token = 0, ""
                for _ in range(20):  # pages back through the story room
                    page = await reid.room_messages(oak, start=token, limit=500)
                    count += sum(
                        1
                        for e in page.chunk
                        if e.source.get("type") == "m.reaction" and not e.source.get("content")
                    )
                    if not page.chunk or not page.end:
                        break
                    token = page.end
                return count

            cut = 0
            for _ in range(240):  # the story room catches up at its own pace
                cut = await removed()
                if cut >= reactions - 20:
                    break
                await asyncio.sleep(0.5)
            caught_up = time.monotonic() - started - flood_seconds

            print(
                f"flood: {reactions} text reactions and a {chars:,}-character message, "
                f"sent in {flood_seconds:.1f} s"
            )
            print(
                f"!help answered ({len(help_times)} asks during the flood): p50 "
                f"{statistics.median(help_times):.2f} s, p95 {percentile(help_times, 0.95):.2f} s, "
                f"max {max(help_times):.2f} s (target: within 2 s)"
            )
            print(
                f"story replies through the guard ({len(send_times)}): p50 "
                f"{statistics.median(send_times):.0f} ms, p95 {percentile(send_times, 0.95):.0f} ms"
                f" (guard timeout {GUARD_TIMEOUT_MS} ms)"
            )
            print(
                "the long message was delivered to the teacher in "
                f"{max(0, len(copies) - before)} event(s) (a long one goes in parts), the "
                f"bot's record: {'delivered, once' if copies else 'not delivered'}"
            )
            print(
                f"reactions removed from the story: {cut} of {reactions} (the first 20 are "
                f"judged and stay), {caught_up:.1f} s after the flood ended"
            )
            await store.close()
            for person in (tom, sarah, priya, reid, poster):
                await person.close()
        finally:
            demo.terminate()
            demo.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reactions", type=int, default=1000)
    parser.add_argument("--chars", type=int, default=20_000)
    args = parser.parse_args()
    asyncio.run(run(args.reactions, args.chars))


if __name__ == "__main__":
    main()
