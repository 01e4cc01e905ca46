"""What the Synapse guard adds to a parent's kind story reply.

Two Synapses are started in the same run on this machine, identical except that one loads
`synapse_module.ConductbotGuard` (which asks the bot's `GuardApi` about every story reply,
and the judge keeps it) and the other has no module. Each has a teacher's story room with
two parents in it. Sends alternate between the two servers (and which goes first alternates
too), so both sides see the same machine load over the same minutes.

Why two servers rather than one server with a judged and an unjudged room: with the module
loaded, every parent reply is sent to the bot whatever the room (the module does not know
room kinds; the bot does), so a "room it doesn't judge" on the same server would still pay
the round trip. Two servers are the only true "with versus without".

The bot's endpoint runs in its own process, as it would inside `conductbot run`, with a
database holding the story room and the teacher; the bot's sync loop is not running (it
acts after delivery, so it does not change what is measured here).

Measured per reply: the send (PUT until the server answers: the server waits for the
module, so this is where the cost shows) and delivery (PUT until another parent's client
receives it through /sync: what a family notices).

Usage: .venv/bin/python bench/guard_latency.py [--replies 200] [--control]
`--control` runs the same with the module on neither server: the bench's own bias between
two servers (about 1.02-1.03x here).
Target: delivery p50 with the module <= 1.15 x without.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import secrets
import shutil
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

import nio

from bot.actions import Executor
from bot.clock import Clock
from bot.config import load_config
from bot.guard_api import GuardApi, module_config
from bot.homeserver import (
    SynapseProcess,
    SynapseSettings,
    free_port,
    register_user,
    write_synapse_config,
)
from bot.progress import Progress
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
KIND = "Lovely photos, thank you Miss Reid! ({n})"
NOW = "2026-11-20T10:00:00+00:00"
WARM_UP = 10


@dataclass
class Server:
    name: str
    settings: SynapseSettings
    passwords: dict[str, str]  # localpart -> password
    story: str = ""
    post: str = ""


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(fraction * (len(ordered) - 1)))]


def serve_guard(database: str, port: int, secret: str, bot: str, ready: object) -> None:
    """The bot's endpoint, in a process of its own (as inside `conductbot run`)."""

    async def serve() -> None:
        store = await Store.open(database)
        api = GuardApi(store, load_config(REPO / "rooms.yaml"), bot, secret)
        # Kind replies only: nothing is refused, so there is nothing to perform.
        executor = Executor(nio.AsyncClient(""), store, Clock(), dry_run=True)
        await api.start(executor, port=port)
        ready.set()  # type: ignore[attr-defined]
        await asyncio.Event().wait()

    asyncio.run(serve())


def start_server(work: Path, name: str, guard: dict | None) -> tuple[SynapseProcess, Server]:
    settings = write_synapse_config(work / name, f"{name}.test", guard=guard)
    process = SynapseProcess(settings)
    process.start()
    passwords = {}
    for localpart in ("teacher", "writer", "reader"):
        passwords[localpart] = secrets.token_urlsafe(12)
        register_user(settings, localpart, passwords[localpart])
    return process, Server(name, settings, passwords)


async def login(server: Server, localpart: str) -> nio.AsyncClient:
    client = nio.AsyncClient(server.settings.base_url, f"@{localpart}:{server.name}.test")
    assert isinstance(await client.login(server.passwords[localpart]), nio.LoginResponse)
    return client


async def prepare(server: Server) -> None:
    """A teacher's story room with both parents in it, and the teacher's post."""
    teacher, writer, reader = [await login(server, p) for p in ("teacher", "writer", "reader")]
    created = await teacher.room_create(name="Oak story", invite=[writer.user_id, reader.user_id])
    assert isinstance(created, nio.RoomCreateResponse), created
    for client in (writer, reader):
        assert isinstance(await client.join(created.room_id), nio.JoinResponse)
    post = await teacher.room_send(
        created.room_id, "m.room.message", {"msgtype": "m.text", "body": "Our sunflowers"}
    )
    server.story, server.post = created.room_id, post.event_id
    for client in (teacher, writer, reader):
        await client.close()


async def measure(
    servers: list[Server], replies: int, control: bool
) -> dict[str, dict[str, list[float]]]:
    writers = {s.name: await login(s, "writer") for s in servers}
    readers = {s.name: await login(s, "reader") for s in servers}
    arrived: dict[str, float] = {}

    async def watch(reader: nio.AsyncClient) -> None:
        token = (await reader.sync(timeout=0)).next_batch
        while True:
            response = await reader.sync(timeout=30_000, since=token)
            now = time.perf_counter()
            token = response.next_batch
            for joined in response.rooms.join.values():
                for event in joined.timeline.events:
                    arrived.setdefault(event.event_id, now)

    watchers = [asyncio.create_task(watch(r)) for r in readers.values()]
    await asyncio.sleep(0.5)
    sent: dict[str, list[tuple[str, float, float]]] = {s.name: [] for s in servers}
    progress = Progress("bench", "replies sent to each server", every=30)
    try:
        for n in range(replies + WARM_UP):
            progress(n, replies + WARM_UP)  # before the send, so the line is not timed
            for server in servers if n % 2 else reversed(servers):
                content = {
                    "msgtype": "m.text",
                    "body": KIND.format(n=n),
                    "m.relates_to": {"m.in_reply_to": {"event_id": server.post}},
                }
                began = time.perf_counter()
                response = await writers[server.name].room_send(
                    server.story, "m.room.message", content
                )
                answered = time.perf_counter()
                assert isinstance(response, nio.RoomSendResponse), response
                if n >= WARM_UP:
                    sent[server.name].append((response.event_id, began, answered))
                await asyncio.sleep(0.1)  # let delivery finish before the next send
        progress(replies + WARM_UP, replies + WARM_UP)
        for _ in range(100):
            if all(e in arrived for pairs in sent.values() for e, _, _ in pairs):
                break
            await asyncio.sleep(0.1)
        # The module was really in the path: the guarded server refuses a negative reply.
        guarded = servers[0]
        negative = {
            "msgtype": "m.text",
            "body": "This is rubbish, worst class ever.",
            "m.relates_to": {"m.in_reply_to": {"event_id": guarded.post}},
        }
        refused = await writers[guarded.name].room_send(guarded.story, "m.room.message", negative)
        if not control:
            assert isinstance(refused, nio.RoomSendError), "the guard did not judge the replies"
    finally:
        for task in watchers:
            task.cancel()
        for client in (*writers.values(), *readers.values()):
            await client.close()
    return {
        name: {
            "send": [(answered - began) * 1000 for _, began, answered in pairs],
            "delivery": [
                (arrived[e] - began) * 1000 if e in arrived else float("inf")
                for e, began, _ in pairs
            ],
        }
        for name, pairs in sent.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--replies", type=int, default=200)
    parser.add_argument(
        "--control", action="store_true", help="neither server loads the module (the bias)"
    )
    args = parser.parse_args()
    replies, control = args.replies, args.control
    work = Path(tempfile.mkdtemp(prefix="conductbot-guard-bench-"))
    port, secret = free_port(), secrets.token_urlsafe(24)
    bot, teacher = "@conductbot:guarded.test", "@teacher:guarded.test"
    guard = module_config(f"http://127.0.0.1:{port}", secret, [bot, teacher])
    processes: list[SynapseProcess] = []
    endpoint = None
    try:
        for name, module in (("guarded", None if control else guard), ("plain", None)):
            process, server = start_server(work, name, module)
            processes.append(process)
            asyncio.run(prepare(server))
            if name == "guarded":
                guarded = server
            else:
                plain = server

        async def record() -> None:
            store = await Store.open(work / "conductbot.sqlite")
            await store.rooms.add(
                guarded.story, RoomKind.STORY, "story:oak", created_at=NOW, class_id="oak"
            )
            await store.people.upsert(teacher, "Miss Reid", Role.TEACHER, now=NOW)
            await store.close()

        asyncio.run(record())
        context = multiprocessing.get_context("spawn")
        ready = context.Event()
        endpoint = context.Process(
            target=serve_guard,
            args=(str(work / "conductbot.sqlite"), port, secret, bot, ready),
            daemon=True,
        )
        endpoint.start()
        assert ready.wait(30), "the guard endpoint did not start"
        results = asyncio.run(measure([guarded, plain], replies, control))
    finally:
        if endpoint is not None:
            endpoint.terminate()
        for process in processes:
            process.stop()
    label = "control: no module on either server" if control else "with the module vs without"
    print(f"{replies} kind story replies per server, interleaved, {WARM_UP} warm-up; {label}")
    for what in ("send", "delivery"):
        with_, without = results["guarded"][what], results["plain"][what]
        # Sends go in pairs, one to each server, so the pair's difference cancels slow moments.
        paired = [a - b for a, b in zip(with_, without, strict=True)]
        print(
            f"{what:>8}: with p50 {percentile(with_, 0.5):5.1f} ms p95 "
            f"{percentile(with_, 0.95):5.1f} | without p50 {percentile(without, 0.5):5.1f} ms "
            f"p95 {percentile(without, 0.95):5.1f} | ratio p50 "
            f"{percentile(with_, 0.5) / percentile(without, 0.5):.2f}x | paired added p50 "
            f"{percentile(paired, 0.5):+.1f} ms"
        )
    shutil.rmtree(work, ignore_errors=True)  # kept when something failed, for its logs


if __name__ == "__main__":
    main()
