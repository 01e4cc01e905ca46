"""A school-sized load: 15 classes, 450 pupils, 900 parents and 40 staff on one Synapse.

Measures and prints, each beside a bare client doing the same work where one exists:
  1. September's long commands as the office runs them, each printing its progress and its
     total time: `conductbot roster import` (450 pupils), `conductbot provision` (the
     school's rooms), `conductbot invitations --all` (450 letters); then every family's
     rooms (900 parents linked, the bench saying how many as it goes), and `conductbot
     provision` again over the whole school (every family's rooms checked);
  2. the bot's start-up to its first handled event, with a saved sync cursor and with none
     (beside a bare client's login and first sync as the same account);
  3. the bot's resident memory after start-up (VmRSS of the `conductbot run` process);
  4. a burst of 30 parents replying to a story post within ten seconds: time from each
     reply arriving to the bot having judged and acted on it (negative ones removed);
  5. 1,000 messages held overnight and released at 08:00, beside 1,000 plain sends;
  6. the size of the bot's end-to-end encryption store per family (private rooms are
     encrypted, as in rooms.yaml).

Usage: .venv/bin/python bench/load.py [--parents-per-pupil 2]   (about 10–15 minutes)
Targets (issue 7): start-up with a cursor < 10 s; memory < 300 MB; every burst reply acted
on within 2 s; the release within 1.3 x the bare client.
"""

from __future__ import annotations

import argparse
import asyncio
import csv
import os
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import nio
import yaml

from bot.app import App
from bot.clock import Clock
from bot.config import load_config
from bot.crypto import CRYPTO_DIR
from bot.homeserver import (
    SynapseProcess,
    SynapseSettings,
    register_user,
    write_synapse_config,
)
from bot.matrix import Credentials, login, make_client
from bot.progress import Progress
from bot.provisioning import parent_dm_key, story_key
from storage.store import Store

REPO = Path(__file__).resolve().parent.parent
PUPILS_PER_CLASS, TEACHERS_PER_CLASS, SLT = 30, 2, 10
CLASSES = int(os.environ.get("LOAD_CLASSES", "15"))  # a smaller school for a smoke run
FRIDAY_EVENING = "2026-11-20T17:05:00+00:00"
MONDAY_OPENING = "2026-11-23T08:00:00+00:00"
TUESDAY_MORNING = "2026-11-24T10:00:00+00:00"


def school_config(work: Path) -> Path:
    document = yaml.safe_load((REPO / "rooms.yaml").read_text())
    staff, classes = [], []
    for c in range(CLASSES):
        teachers = []
        for t in range(TEACHERS_PER_CLASS):
            sid = f"t{c:02}{t}"
            staff.append({"id": sid, "name": f"Teacher {c}-{t}", "user": sid, "role": "teacher"})
            teachers.append(sid)
        classes.append({"id": f"c{c:02}", "name": f"Class {c}", "teachers": teachers})
    for s in range(SLT):
        staff.append({"id": f"slt{s}", "name": f"Leader {s}", "user": f"slt{s}", "role": "slt"})
    document["staff"], document["classes"] = staff, classes
    document["safeguarding"]["leads"] = ["slt0"]  # rooms.yaml's lead is not on this staff
    path = work / "rooms.yaml"
    path.write_text(yaml.safe_dump(document, sort_keys=False))
    return path


def roster_csv(work: Path) -> Path:
    path = work / "roster.csv"
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["first_name", "surname", "class", "photo_consent", "mis_id"])
        for c in range(CLASSES):
            for p in range(PUPILS_PER_CLASS):
                writer.writerow(
                    [f"Pupil{c}x{p}", f"Load{c}x{p}", f"c{c:02}", "yes", f"L{c:02}{p:02}"]
                )
    return path


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def processed(db: Path, event_id: str) -> bool:
    with sqlite3.connect(db) as conn:
        row = conn.execute("SELECT 1 FROM processed_events WHERE event_id = ?", (event_id,))
        return row.fetchone() is not None


def count(db: Path, query: str) -> int:
    with sqlite3.connect(db) as conn:
        return int(conn.execute(query).fetchone()[0])


async def plain_sends(client: nio.AsyncClient, total: int) -> float:
    """Seconds for one client to send `total` plain messages into a new room: the floor a
    release of held messages is compared with."""
    room = (await client.room_create(name="plain")).room_id
    started = time.perf_counter()
    for m in range(total):
        await client.room_send(room, "m.room.message", {"msgtype": "m.text", "body": f"{m}"})
    return time.perf_counter() - started


class Bench:
    def __init__(self, work: Path, settings: SynapseSettings, parents_per_pupil: int) -> None:
        self.work, self.settings = work, settings
        self.parents_per_pupil = parents_per_pupil
        self.db = work / "data" / "conductbot.sqlite"
        self.bot_id = ""

    def register(self, name: str, admin: bool = False) -> str:
        return register_user(self.settings, name, f"{name}-pw", admin=admin)

    def env(self, now: str) -> dict[str, str]:
        return os.environ | {
            "CONDUCTBOT_HOMESERVER": self.settings.base_url,
            "CONDUCTBOT_USER_ID": self.bot_id,
            "CONDUCTBOT_PASSWORD": "conductbot-pw",
            "CONDUCTBOT_NOW": now,
            "PYTHONPATH": str(REPO),
        }

    def start_bot(self, now: str) -> tuple[subprocess.Popen, float]:
        log = (self.work / "bot.log").open("a")
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "bot.cli",
                "run",
                "--config",
                str(self.config),
                "--data-dir",
                str(self.db.parent),
            ],
            cwd=REPO,
            env=self.env(now),
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        return process, time.perf_counter()

    @staticmethod
    def stop(process: subprocess.Popen) -> None:
        process.terminate()
        process.wait(timeout=30)

    async def client(self, name: str) -> nio.AsyncClient:
        client = nio.AsyncClient(self.settings.base_url, f"@{name}:{self.settings.server_name}")
        assert isinstance(await client.login(f"{name}-pw"), nio.LoginResponse)
        return client

    async def conductbot(self, *args: str) -> float:
        """A `conductbot` command as the school's office runs it, on the school's
        configuration and data, its output shown indented as it comes; its wall time."""
        env = self.env(TUESDAY_MORNING)
        env.pop("CONDUCTBOT_NOW")  # the real clock, as the office has it
        config = ["--config", str(self.config), "--data-dir", str(self.db.parent)]
        started = time.perf_counter()
        process = await asyncio.create_subprocess_exec(
            sys.executable,
            "-m",
            "bot.cli",
            *args,
            *config,
            cwd=REPO,
            env=env,
            stdout=asyncio.subprocess.PIPE,
            stderr=(self.work / "commands.log").open("a"),
        )
        assert process.stdout is not None
        async for line in process.stdout:
            print(f"     | {line.decode().rstrip()}", flush=True)
        status = await process.wait()
        if status != 0:
            raise RuntimeError(f"conductbot {args[0]} exited {status}; see commands.log")
        return time.perf_counter() - started

    async def provision(self) -> None:
        self.config = school_config(self.work)
        self.bot_id = self.register("conductbot", admin=True)
        config = load_config(self.config)
        for member in config.staff:
            self.register(member.user)
        print("1. the roster, the school's rooms and the letters, as the office runs them:")
        took = await self.conductbot("roster", "import", str(roster_csv(self.work)))
        print(f"   roster import: {took:.1f} s with the command's start", flush=True)
        took = await self.conductbot("provision")
        rooms = count(self.db, "SELECT COUNT(*) FROM rooms")
        print(f"   provision, the school's {rooms} rooms: {took:.1f} s", flush=True)
        letters = self.work / "letters.pdf"
        took = await self.conductbot("invitations", "--all", "--pdf", str(letters))
        print(f"   invitations for every pupil: {took:.1f} s", flush=True)

        store = await Store.open(self.db)
        credentials = Credentials(self.settings.base_url, self.bot_id, password="conductbot-pw")
        client = make_client(credentials, self.db.parent)
        await login(client, store, credentials)  # provision has set up the rest
        app = App(config, store, client, Clock())
        started = time.perf_counter()
        self.parents: list[tuple[str, str]] = [  # (name, pupil mis id)
            (f"p{c:02}{p:02}{k}", f"L{c:02}{p:02}")
            for c in range(CLASSES)
            for p in range(PUPILS_PER_CLASS)
            for k in range(self.parents_per_pupil)
        ]
        slots = asyncio.Semaphore(4)  # families linked side by side, as a busy September
        progress = Progress("bench", "families linked", every=30)
        linked = 0

        async def link(name: str, mis_id: str) -> None:
            nonlocal linked
            async with slots:
                user = await asyncio.to_thread(self.register, name)
                pupil = await store.pupils.by_mis_id(mis_id)
                await app.provisioner.link_parent(user, pupil, linked_by="bench")
                linked += 1
                progress(linked, len(self.parents))

        await asyncio.gather(*(link(name, mis_id) for name, mis_id in self.parents))
        families = time.perf_counter() - started
        rooms = count(self.db, "SELECT COUNT(*) FROM rooms")
        print(
            f"   linking {len(self.parents)} parents (home room, class story invite, "
            f"conversations with {TEACHERS_PER_CLASS} teachers): {families:.1f} s "
            f"({families / len(self.parents) * 1000:.0f} ms a family; {rooms} rooms in all)",
            flush=True,
        )
        self.story = (await store.rooms.by_key(story_key("c00"))).room_id
        self.teacher = f"@t000:{self.settings.server_name}"
        self.conversations = {}
        for name, _ in self.parents:
            user = f"@{name}:{self.settings.server_name}"
            room = await store.rooms.by_key(parent_dm_key(user, self.teacher))
            if room is not None:
                self.conversations[name] = room.room_id
        await client.close()
        await store.close()
        took = await self.conductbot("provision")  # one process per device: ours is closed
        print(f"   provision again, every family's rooms checked: {took:.1f} s", flush=True)

    async def startup(self, label: str, *, cursor: bool) -> float:
        if not cursor:
            with sqlite3.connect(self.db) as conn:
                conn.execute("DELETE FROM bot_state WHERE key = 'sync_cursor'")
        parent = await self.client(self.parents[0][0])
        await parent.join(self.story)
        process, started = self.start_bot(TUESDAY_MORNING)
        try:
            # A reply every half second until the bot handles one (the first sync without a
            # cursor skips what came before it, by design).
            teacher = await self.client("t000")
            await teacher.join(self.story)
            post = await teacher.room_send(
                self.story, "m.room.message", {"msgtype": "m.text", "body": "Startup post"}
            )
            await teacher.close()
            while True:
                sent = await parent.room_send(
                    self.story,
                    "m.room.message",
                    {
                        "msgtype": "m.text",
                        "body": "Lovely, thank you!",
                        "m.relates_to": {"m.in_reply_to": {"event_id": post.event_id}},
                    },
                )
                for _ in range(5):
                    if processed(self.db, sent.event_id):
                        took = time.perf_counter() - started
                        memory = rss_mb(process.pid)
                        print(
                            f"2. start-up to first handled event, {label}: {took:.1f} s; "
                            f"resident memory {memory:.0f} MB",
                            flush=True,
                        )
                        return memory
                    await asyncio.sleep(0.1)
        finally:
            self.stop(process)
            await parent.close()

    async def bare_startup(self) -> None:
        started = time.perf_counter()
        client = nio.AsyncClient(self.settings.base_url, self.bot_id)
        await client.login("conductbot-pw")
        response = await client.sync(timeout=0, full_state=True)
        took = time.perf_counter() - started
        print(
            f"   bare client: login and a full first sync of {len(response.rooms.join)} "
            f"rooms as the same account: {took:.1f} s",
            flush=True,
        )
        await client.close()

    async def burst(self) -> None:
        process, _ = self.start_bot(TUESDAY_MORNING)
        clients = [await self.client(name) for name, mis in self.parents[:60:2]]  # class c00
        try:
            for client in clients:
                await client.join(self.story)
            teacher = await self.client("t000")
            await teacher.join(self.story)
            post = await teacher.room_send(
                self.story, "m.room.message", {"msgtype": "m.text", "body": "Sports day!"}
            )
            await asyncio.sleep(3)
            relation = {"m.relates_to": {"m.in_reply_to": {"event_id": post.event_id}}}
            bodies = ["Brilliant, well done everyone!", "What a rubbish useless day"]
            sent: list[tuple[str, float]] = []

            async def reply(n: int, client: nio.AsyncClient) -> None:
                await asyncio.sleep(n * 0.3)  # 30 replies within ten seconds
                started = time.perf_counter()
                response = await client.room_send(
                    self.story,
                    "m.room.message",
                    {"msgtype": "m.text", "body": bodies[n % 5 == 0]} | relation,
                )
                sent.append((response.event_id, started))

            acted: dict[str, float] = {}

            async def watch() -> None:  # beside the sends, so each reply is timed as it lands
                while True:
                    for event_id, _ in list(sent):
                        if event_id not in acted and processed(self.db, event_id):
                            acted[event_id] = time.perf_counter()
                    await asyncio.sleep(0.02)

            watcher = asyncio.create_task(watch())
            await asyncio.gather(*(reply(n, c) for n, c in enumerate(clients)))
            for _ in range(3000):  # up to a minute for the last ones
                if len(acted) >= len(sent):
                    break
                await asyncio.sleep(0.02)
            watcher.cancel()
            latencies = [acted[e] - t for e, t in sent if e in acted]
            removed = count(self.db, "SELECT COUNT(*) FROM incidents WHERE kind = 'reply removed'")
            print(
                f"4. burst of {len(sent)} replies in 10 s: acted on {len(latencies)}; "
                f"p50 {statistics.median(latencies):.2f} s, worst {max(latencies):.2f} s "
                f"(target every reply within 2 s); negative replies removed: {removed}",
                flush=True,
            )
            await teacher.close()
        finally:
            self.stop(process)
            for client in clients:
                await client.close()

    async def overnight(self) -> None:
        process, _ = self.start_bot(FRIDAY_EVENING)
        senders = []
        try:
            await asyncio.sleep(5)
            names = [name for name, _ in self.parents if name in self.conversations][:50]
            for name in names:
                client = await self.client(name)
                await client.join(self.conversations[name])
                senders.append((client, self.conversations[name]))

            async def send(client: nio.AsyncClient, room: str) -> None:
                for m in range(20):
                    await client.room_send(
                        room, "m.room.message", {"msgtype": "m.text", "body": f"Question {m}"}
                    )

            await asyncio.gather(*(send(c, r) for c, r in senders))
            total = 20 * len(senders)
            held = Progress("bench", "messages held", every=30)
            for _ in range(1200):
                held(count(self.db, "SELECT COUNT(*) FROM relays WHERE status = 'held'"), total)
                if held.done >= total:
                    break
                await asyncio.sleep(0.5)
        finally:
            self.stop(process)
            for client, _ in senders:
                await client.close()
        process, started = self.start_bot(MONDAY_OPENING)
        try:
            query = (
                "SELECT COUNT(*) FROM relays WHERE status = 'delivered' AND direction = "
                "'to_teacher'"
            )
            already = count(self.db, query)
            released = Progress("bench", "messages released", every=30)
            for _ in range(6000):  # up to ten minutes
                released(count(self.db, query) - already, total)
                if released.done >= total:
                    break
                await asyncio.sleep(0.1)
            ours = time.perf_counter() - started
        finally:
            self.stop(process)
        plain = await self.client("t001")
        bare = await plain_sends(plain, total)
        await plain.close()
        print(
            f"5. {total} held messages released at 08:00 (from the bot's start): {ours:.1f} s; "
            f"plain sends by one client: {bare:.1f} s; ratio {ours / bare:.2f} "
            "(target <= 1.3)",
            flush=True,
        )

    def crypto_store(self) -> None:
        """The bot's end-to-end encryption store after all of the above (issue 14)."""
        folder = self.db.parent / CRYPTO_DIR
        size = sum(path.stat().st_size for path in folder.rglob("*") if path.is_file())
        families = len(self.parents)
        print(
            f"6. crypto store: {size / 1e6:.1f} MB for {families} parents "
            f"({size / families / 1e3:.1f} KB each); the parents here are plain clients with "
            "no device keys, so room keys shared with parents' own devices come on top",
            flush=True,
        )


async def main(parents_per_pupil: int) -> None:
    work = Path(tempfile.mkdtemp(prefix="conductbot-load-"))
    settings = write_synapse_config(work / "synapse", server_name="load.test")
    synapse = SynapseProcess(settings)
    synapse.start()
    try:
        bench = Bench(work, settings, parents_per_pupil)
        await bench.provision()
        await bench.startup("with no cursor", cursor=False)
        memory = await bench.startup("with a saved cursor", cursor=True)
        await bench.bare_startup()
        print(f"3. resident memory of the bot: {memory:.0f} MB (target < 300 MB)", flush=True)
        await bench.burst()
        await bench.overnight()
        bench.crypto_store()
    finally:
        synapse.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--parents-per-pupil", type=int, default=2)
    asyncio.run(main(parser.parse_args().parents_per_pupil))
