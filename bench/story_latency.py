"""From a negative story reply being sent to its removal being visible to another parent.

Measures conductbot (a `conductbot run` process judging, auditing and acting) beside a bare
"redact on sight" client (`bench/bare_redactor.py`) in the same run, on the same Synapse,
alternating sends between the two rooms. Prints p50 and p95 for both and the ratio.

Usage: .venv/bin/python bench/story_latency.py [--replies 60]
Target (issue 3): conductbot p50 <= 1.25 x the bare floor.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nio
import yaml

from bot.homeserver import SynapseProcess, SynapseSettings, register_user, write_synapse_config
from bot.progress import Progress

REPO = Path(__file__).resolve().parent.parent
NEGATIVE = "This is rubbish, worst class ever, the teacher is useless ({n})"


@dataclass
class Setup:
    settings: SynapseSettings
    users: dict[str, tuple[str, str]]  # name -> (user id, password)
    env: dict[str, str]
    config: Path
    data: str


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def command(setup: Setup, *args: str) -> list[str]:
    """`conductbot ARGS` for this bench's school, as a subprocess's argv."""
    config = ["--config", str(setup.config), "--data-dir", setup.data]
    return [sys.executable, "-m", "bot.cli", *args, *config]


def conductbot(setup: Setup, *args: str) -> None:
    subprocess.run(
        command(setup, *args),
        cwd=REPO,
        env=setup.env,
        check=True,
        capture_output=True,
    )


def prepare(work: Path, settings: SynapseSettings) -> Setup:
    """The demo school on a fresh server; two parents linked to pupils in Oak class."""
    users: dict[str, tuple[str, str]] = {}

    def register(name: str, localpart: str, admin: bool = False) -> None:
        password = f"{localpart}-password"
        users[name] = (register_user(settings, localpart, password, admin=admin), password)

    register("bot", "conductbot", admin=True)
    register("bare", "bare", admin=True)
    register("sender", "sender")
    register("observer", "observer")
    document = yaml.safe_load((REPO / "rooms.yaml").read_text())
    # The same parent sends every negative reply: keep them warned, not removed.
    document["policy"]["warnings_before_removal"] = 10 * 1000
    for member in document["staff"]:
        register(member["id"], member["user"])
    config = work / "rooms.yaml"
    config.write_text(yaml.safe_dump(document, sort_keys=False))
    env = os.environ | {
        "CONDUCTBOT_HOMESERVER": settings.base_url,
        "CONDUCTBOT_USER_ID": users["bot"][0],
        "CONDUCTBOT_PASSWORD": users["bot"][1],
        "PYTHONPATH": str(REPO),
    }
    setup = Setup(settings, users, env, config, str(work / "data"))
    subprocess.run(
        [
            sys.executable,
            "-m",
            "bot.cli",
            "roster",
            "import",
            "demo/roster.csv",
            "--config",
            str(config),
            "--data-dir",
            setup.data,
        ],
        cwd=REPO,
        env=env,
        check=True,
        capture_output=True,
    )
    conductbot(setup, "provision")
    conductbot(setup, "link-parent", users["sender"][0], "Amelia Hughes")
    conductbot(setup, "link-parent", users["observer"][0], "Oliver Bennett")
    return setup


def wait_for_line(process: subprocess.Popen, text: str) -> None:
    assert process.stdout is not None
    for line in process.stdout:
        if text in line:
            return
    raise RuntimeError(f"process exited before printing '{text}'")


async def measure(setup: Setup, story: str, bare_room: str, replies: int) -> dict[str, list]:
    async def login(name: str) -> nio.AsyncClient:
        client = nio.AsyncClient(setup.settings.base_url, setup.users[name][0])
        assert isinstance(await client.login(setup.users[name][1]), nio.LoginResponse)
        return client

    sender, observer, teacher = await login("sender"), await login("observer"), await login("reid")
    try:
        await teacher.join(story)
        post = await teacher.room_send(
            story, "m.room.message", {"msgtype": "m.text", "body": "Our sunflowers"}
        )
        seen: dict[str, float] = {}
        token = (await observer.sync(timeout=0)).next_batch

        async def observe() -> None:
            nonlocal token
            while True:
                response = await observer.sync(timeout=30_000, since=token)
                now = time.perf_counter()
                token = response.next_batch
                for joined in response.rooms.join.values():
                    for event in joined.timeline.events:
                        if isinstance(event, nio.RedactionEvent):
                            seen.setdefault(event.redacts, now)

        watcher = asyncio.create_task(observe())
        sent: dict[str, list[tuple[str, float]]] = {"conductbot": [], "bare": []}
        relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post.event_id}}}
        progress = Progress("bench", "replies sent to each room", every=30)
        for n in range(replies):
            progress(n, replies)  # before the sends, so the line is not timed
            for name, room in (("conductbot", story), ("bare", bare_room)):
                content = {"msgtype": "m.text", "body": NEGATIVE.format(n=n)} | relation
                started = time.perf_counter()
                response = await sender.room_send(room, "m.room.message", content)
                sent[name].append((response.event_id, started))
                await asyncio.sleep(0.25)
        progress(replies, replies)
        for _ in range(150):  # up to 30 s for the last removals
            if all(e in seen for pairs in sent.values() for e, _ in pairs):
                break
            await asyncio.sleep(0.2)
        watcher.cancel()
        return {
            name: [(seen[e] - t) * 1000 for e, t in pairs if e in seen]
            for name, pairs in sent.items()
        } | {"missing": [e for pairs in sent.values() for e, _ in pairs if e not in seen]}
    finally:
        for client in (sender, observer, teacher):
            await client.close()


async def rooms_for(setup: Setup) -> tuple[str, str]:
    """The Oak story room (from the sender's invites) and a bare room the floor client owns."""
    clients = []
    for name in ("sender", "observer", "bare"):
        client = nio.AsyncClient(setup.settings.base_url, setup.users[name][0])
        await client.login(setup.users[name][1])
        clients.append(client)
    sender, observer, bare = clients
    invites = (await sender.sync(timeout=0)).rooms.invite
    story = next(
        room
        for room, info in invites.items()
        if any(getattr(e, "name", "").endswith("story") for e in info.invite_state)
    )
    created = await bare.room_create(
        name="bare floor", invite=[setup.users["sender"][0], setup.users["observer"][0]]
    )
    for client in (sender, observer):
        await client.join(story)
        await client.join(created.room_id)
    for client in clients:
        await client.close()
    return story, created.room_id


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=60)
    replies = parser.parse_args().replies
    work = Path(tempfile.mkdtemp(prefix="conductbot-bench-"))
    settings = write_synapse_config(work / "synapse", server_name="bench.test")
    synapse = SynapseProcess(settings)
    synapse.start()
    processes: list[subprocess.Popen] = []
    try:
        setup = prepare(work, settings)
        print("school prepared", flush=True)
        story, bare_room = asyncio.run(rooms_for(setup))
        print("rooms ready", flush=True)
        bot = subprocess.Popen(
            command(setup, "run"),
            cwd=REPO,
            env=setup.env,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        processes.append(bot)
        bare_id, bare_password = setup.users["bare"]
        bare = subprocess.Popen(
            [
                sys.executable,
                str(REPO / "bench" / "bare_redactor.py"),
                settings.base_url,
                bare_id,
                bare_password,
                bare_room,
            ],
            cwd=REPO,
            stdout=subprocess.PIPE,
            text=True,
        )
        processes.append(bare)
        print("waiting for the bot and the bare client", flush=True)
        wait_for_line(bot, "first sync")
        wait_for_line(bare, "bare redactor ready")
        print(f"sending {replies} replies to each", flush=True)
        time.sleep(2)
        results = asyncio.run(measure(setup, story, bare_room, replies))
        for name in ("conductbot", "bare"):
            latencies = results[name]
            print(
                f"{name:>10}: p50 {percentile(latencies, 0.5):6.1f} ms   "
                f"p95 {percentile(latencies, 0.95):6.1f} ms   ({len(latencies)} removals seen)"
            )
        ratio = percentile(results["conductbot"], 0.5) / percentile(results["bare"], 0.5)
        print(f"missing removals: {len(results['missing'])}")
        print(f"conductbot p50 = {ratio:.2f} x the bare floor (target <= 1.25)")
    finally:
        for process in processes:
            process.terminate()
            process.wait(timeout=10)
        synapse.stop()


if __name__ == "__main__":
    main()
