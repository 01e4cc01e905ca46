"""A trust: N schools on one homeserver, on Synapse with PostgreSQL and workers beside the
same load on single-process Synapse on SQLite, in the same run (issue 17, item 5).

Each school has its own bot account, `rooms.yaml`, database and `conductbot run` (with its
own guard endpoint); one guard module on the homeserver lists every school (docs/guard.md,
`schools:`). For each deployment, in turn, the bench measures and prints:

  1. onboarding: every school's `conductbot roster import` and `conductbot provision` run
     side by side, then every family linked (account, home room, class story invite,
     conversations with the class teachers), all schools at once: time per family;
  2. start-up: every school's `conductbot run` started at once, to each bot's first handled
     event, with no saved sync cursor and again with one; each bot's resident memory;
  3. guard latency: a parent's story reply (which the homeserver's guard asks that school's
     bot about before accepting it) beside a teacher's post (not asked), both timed from
     the send to the server's answer, on a quiet server and during the burst;
  4. a story burst in every school at once (30 replies in ten seconds each, every fifth one
     negative): time from each send to the bot having judged and acted on it (or the guard
     refusing it at the send);
  5. an 08:00 release across all schools: messages held on Friday evening in every school,
     all bots restarted at Monday 08:00 together, time until every school's are delivered;
     beside the same number of plain sends by one client;
  6. per phase, the CPU each process used (from /proc/<pid>/stat): Synapse main, each
     worker, PostgreSQL (this database's backends), Redis, nginx, each bot, this bench
     (which links families in-process, as `load.py` does), and the rest of the machine.

Then it projects to 50 full-sized schools on paper from the per-family, per-message and
per-process figures, naming the process that saturates first.

Usage: .venv/bin/python bench/trust.py [--schools 5] [--classes 2] [--pupils-per-class 30]
       [--parents-per-pupil 1] [--held-parents 20] [--held-each 10] [--only workers|sqlite]
A full-sized school is 15 classes of 30 with two parents each (bench/load.py); the default
roster here is scaled down (2 classes, one parent a pupil, 300 families in all) so both
deployments fit in about 40 minutes on a shared 2-core machine (42 in docs/figures.md), and the
projection scales from per-family and per-message figures.
Needs PostgreSQL, Redis and nginx (`make postgres`; the Makefile installs them).
"""

from __future__ import annotations

import argparse
import asyncio
import os
import secrets
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import nio
import yaml

sys.path.insert(0, str(Path(__file__).resolve().parent))
import load  # noqa: E402  (bench/load.py: one school's load, reused here school by school)

from bot.app import App  # noqa: E402
from bot.clock import Clock  # noqa: E402
from bot.config import load_config  # noqa: E402
from bot.guard_api import SchoolGuard, module_config  # noqa: E402
from bot.homeserver import (  # noqa: E402
    SynapseProcess,
    SynapseSettings,
    free_port,
    register_user,
    write_synapse_config,
)
from bot.matrix import Credentials, login, make_client  # noqa: E402
from bot.provisioning import parent_dm_key, story_key  # noqa: E402
from bot.synapse_workers import synapse_with_workers  # noqa: E402
from storage.store import Store  # noqa: E402

SERVER_NAME = "trust.test"
KIND_REPLY = "Brilliant, well done everyone!"
UNKIND_REPLY = "What a rubbish useless day"
TICKS = os.sysconf("SC_CLK_TCK")
FULL_SCHOOL_FAMILIES = 15 * 30 * 2  # bench/load.py's school: 900 parents
FULL_SCHOOL_HELD = 1000  # bench/release.py's overnight: 1,000 held messages


# --- CPU and memory per process, from /proc ----------------------------------------------


def _cmdline(pid: int) -> str:
    try:
        return Path(f"/proc/{pid}/cmdline").read_bytes().replace(b"\0", b" ").decode()
    except OSError:
        return ""


def _stat(pid: int) -> tuple[int, int] | None:
    """(parent pid, user + system CPU ticks) of a process, or None once it is gone."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return None
    return int(fields[1]), int(fields[11]) + int(fields[12])


def _rss_mb(pid: int) -> float:
    try:
        return load.rss_mb(pid)
    except OSError:
        return 0.0


def _machine_busy_ticks() -> int:
    fields = [int(v) for v in Path("/proc/stat").read_text().splitlines()[0].split()[1:]]
    return sum(fields) - fields[3] - fields[4]  # all but idle and iowait


@dataclass
class Phase:
    name: str
    wall: float
    cpu: dict[str, float]  # component -> CPU seconds
    rss: dict[str, float]  # component -> peak resident MB
    machine: float  # CPU seconds of every process on the machine

    def cores(self, component: str) -> float:
        return self.cpu.get(component, 0.0) / self.wall if self.wall else 0.0

    @property
    def others(self) -> float:
        return max(0.0, self.machine - sum(self.cpu.values()))

    def line(self) -> str:
        parts = [
            f"{name} {seconds:.1f} s ({seconds / self.wall:.2f} cores)"
            for name, seconds in sorted(self.cpu.items(), key=lambda kv: -kv[1])
            if seconds >= 0.05
        ]
        return (
            f"   CPU, {self.name}, over {self.wall:.1f} s: "
            + "; ".join(parts)
            + f"; other processes on the machine {self.others:.1f} s "
            f"({self.others / self.wall:.2f} cores)"
        )


class Sampler:
    """Every half second, each process of the deployment and of the bench: its CPU ticks and
    resident memory, named by the part of the deployment it is. Processes are found by
    their command line (the deployment's directory, the Synapse database's name, the
    schools' data directories), so other sessions' servers on this machine are not counted.
    """

    def __init__(
        self, directory: Path, database: str | None, redis: int | None, schools: list[School]
    ) -> None:
        self.directory, self.database, self.schools = str(directory), database, schools
        self._redis = redis
        self.ticks: dict[int, tuple[str, int]] = {}
        self.peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _component(self, pid: int, ppid: int, command: str) -> str | None:
        if pid == os.getpid():
            return "bench (links families, parents' clients)"
        if self.directory in command:
            if "synapse.app.homeserver" in command:
                return "synapse main"
            if "generic_worker" in command:
                return f"synapse worker {Path(command.split()[-1]).stem}"
            if "nginx" in command:
                return "nginx"
        for school in self.schools:
            if str(school.work) in command:
                return f"bot {school.name}"
        if self.database and command.startswith("postgres:") and f" {self.database} " in command:
            return "postgresql"
        if command.startswith("redis-server") and self._redis and f":{self._redis}" in command:
            return "redis"
        if command.startswith("nginx: worker") and self.ticks.get(ppid, ("",))[0] == "nginx":
            return "nginx"
        return None

    def _run(self) -> None:
        while not self._stop.wait(0.5):
            self.sample()

    def sample(self) -> None:
        seen = []
        for entry in Path("/proc").iterdir():
            if not entry.name.isdigit():
                continue
            pid = int(entry.name)
            stat = _stat(pid)
            if stat is None:
                continue
            ppid, ticks = stat
            known = self.ticks.get(pid)
            name = known[0] if known else self._component(pid, ppid, _cmdline(pid))
            if name is None:
                continue
            seen.append((pid, name, ticks))
        with self._lock:
            rss: dict[str, float] = {}
            for pid, name, ticks in seen:
                self.ticks[pid] = (name, ticks)
                rss[name] = rss.get(name, 0.0) + _rss_mb(pid)
            for name, mb in rss.items():
                self.peak[name] = max(self.peak.get(name, 0.0), mb)

    def totals(self) -> dict[str, int]:
        self.sample()
        with self._lock:
            totals: dict[str, int] = {}
            for name, ticks in self.ticks.values():
                totals[name] = totals.get(name, 0) + ticks
            return totals

    @contextmanager
    def phase(self, name: str, phases: list[Phase]) -> Iterator[None]:
        before, machine = self.totals(), _machine_busy_ticks()
        with self._lock:
            self.peak = {}
        started = time.perf_counter()
        try:
            yield
        finally:
            wall = time.perf_counter() - started
            after = self.totals()
            cpu = {k: (v - before.get(k, 0)) / TICKS for k, v in after.items()}
            result = Phase(
                name,
                wall,
                {k: v for k, v in cpu.items() if v > 0},
                dict(self.peak),
                (_machine_busy_ticks() - machine) / TICKS,
            )
            phases.append(result)
            print(result.line(), flush=True)

    def close(self) -> None:
        self._stop.set()
        self._thread.join()


# --- one school of the trust -------------------------------------------------------------


@dataclass
class Sent:
    at: float
    answered: float
    event_id: str | None  # None: the guard refused it at the send


class School(load.Bench):
    """One school of the trust: bench/load.py's school, its accounts prefixed by the
    school's name, its bot serving its own guard endpoint."""

    def __init__(
        self, name: str, work: Path, settings: SynapseSettings, args: argparse.Namespace
    ) -> None:
        work.mkdir(parents=True)
        super().__init__(work, settings, args.parents_per_pupil)
        self.name = name
        self.classes, self.pupils = args.classes, args.pupils_per_class
        self.guard_port = free_port()
        self.guard_secret = secrets.token_urlsafe(24)
        self.bot_id = f"@conductbot-{name}:{settings.server_name}"
        self.running: subprocess.Popen | None = None
        self.conversations: dict[str, str] = {}

    def env(self, now: str) -> dict[str, str]:
        return super().env(now) | {
            "CONDUCTBOT_GUARD_SECRET": self.guard_secret,
            "CONDUCTBOT_GUARD_PORT": str(self.guard_port),
        }

    async def conductbot(self, *args: str) -> float:
        """The office's command, its output kept in the school's commands.log."""
        env = self.env(load.TUESDAY_MORNING)
        env.pop("CONDUCTBOT_NOW")
        started = time.perf_counter()
        with (self.work / "commands.log").open("a") as log:
            process = await asyncio.create_subprocess_exec(
                sys.executable,
                "-m",
                "bot.cli",
                *args,
                "--config",
                str(self.config),
                "--data-dir",
                str(self.db.parent),
                cwd=load.REPO,
                env=env,
                stdout=log,
                stderr=log,
            )
            if await process.wait() != 0:
                raise RuntimeError(f"{self.name}: conductbot {args[0]} failed; see {log.name}")
        return time.perf_counter() - started

    def guard(self) -> SchoolGuard:
        return SchoolGuard(self.bot_id, f"http://127.0.0.1:{self.guard_port}", self.guard_secret)

    def staff_ids(self) -> list[str]:
        load.CLASSES, load.PUPILS_PER_CLASS = self.classes, self.pupils
        document = yaml.safe_load(load.school_config(self.work).read_text())
        return [f"@{self.name}{m['user']}:{SERVER_NAME}" for m in document["staff"]]

    def accounts(self) -> None:
        """The school's configuration, bot and staff accounts, and roster file."""
        load.CLASSES, load.PUPILS_PER_CLASS = self.classes, self.pupils
        self.config = load.school_config(self.work)
        document = yaml.safe_load(self.config.read_text())
        for member in document["staff"]:
            member["user"] = f"{self.name}{member['user']}"
        document["safeguarding"]["leads"] = ["slt0"]
        self.config.write_text(yaml.safe_dump(document, sort_keys=False))
        self.roster = load.roster_csv(self.work)
        register_user(self.settings, f"conductbot-{self.name}", "conductbot-pw", admin=True)
        for member in document["staff"]:
            self.register(member["user"])
        self.parents = [
            (f"{self.name}p{c:02}{p:02}{k}", f"L{c:02}{p:02}")
            for c in range(self.classes)
            for p in range(self.pupils)
            for k in range(self.parents_per_pupil)
        ]
        self.teacher_local = f"{self.name}t000"
        self.teacher = f"@{self.teacher_local}:{SERVER_NAME}"

    async def link_families(self, slots: int, done: list[int]) -> float:
        """Every family linked, `slots` at a time, as `load.Bench.provision` links them."""
        config = load_config(self.config)
        store = await Store.open(self.db)
        credentials = Credentials(self.settings.base_url, self.bot_id, password="conductbot-pw")
        client = make_client(credentials, self.db.parent)
        await login(client, store, credentials)
        app = App(config, store, client, Clock())
        gate = asyncio.Semaphore(slots)
        started = time.perf_counter()

        async def link(name: str, mis_id: str) -> None:
            async with gate:
                user = await asyncio.to_thread(self.register, name)
                pupil = await store.pupils.by_mis_id(mis_id)
                await app.provisioner.link_parent(user, pupil, linked_by="bench")
                done[0] += 1

        try:
            await asyncio.gather(*(link(name, mis) for name, mis in self.parents))
            took = time.perf_counter() - started
            self.story = (await store.rooms.by_key(story_key("c00"))).room_id
            for name, _ in self.parents:
                user = f"@{name}:{SERVER_NAME}"
                room = await store.rooms.by_key(parent_dm_key(user, self.teacher))
                if room is not None:
                    self.conversations[name] = room.room_id
            return took
        finally:
            await client.close()
            await store.close()

    def launch(self, now: str) -> float:
        self.running, started = self.start_bot(now)
        return started

    def halt(self) -> None:
        if self.running is not None:
            self.stop(self.running)
            self.running = None

    def rooms(self) -> int:
        return load.count(self.db, "SELECT COUNT(*) FROM rooms")


# --- the phases, across every school at once ---------------------------------------------


@dataclass
class Results:
    kind: str
    schools: int
    families: int
    figures: dict[str, float] = field(default_factory=dict)
    phases: list[Phase] = field(default_factory=list)

    def phase(self, name: str) -> Phase:
        return next(p for p in self.phases if p.name == name)


def pct(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def timed_send(client: nio.AsyncClient, room: str, body: str, reply_to: str = "") -> Sent:
    content: dict = {"msgtype": "m.text", "body": body}
    if reply_to:
        content["m.relates_to"] = {"m.in_reply_to": {"event_id": reply_to}}
    started = time.perf_counter()
    response = await client.room_send(room, "m.room.message", content)
    answered = time.perf_counter()
    event_id = response.event_id if isinstance(response, nio.RoomSendResponse) else None
    return Sent(started, answered, event_id)


async def first_handled(school: School, started: float) -> float:
    """Replies to a teacher's post every half second until the bot has handled one."""
    parent = await school.client(school.parents[0][0])
    teacher = await school.client(school.teacher_local)
    try:
        await parent.join(school.story)
        await teacher.join(school.story)
        post = await timed_send(teacher, school.story, "Start-up post")
        deadline = time.perf_counter() + 300
        while time.perf_counter() < deadline:
            sent = await timed_send(parent, school.story, "Lovely, thank you!", post.event_id)
            for _ in range(5):
                if sent.event_id and load.processed(school.db, sent.event_id):
                    return time.perf_counter() - started
                await asyncio.sleep(0.1)
        raise RuntimeError(f"{school.name}: the bot handled nothing within 300 s")
    finally:
        await parent.close()
        await teacher.close()


async def startup(schools: list[School], label: str, results: Results, sampler: Sampler) -> None:
    if label == "no cursor":
        for school in schools:
            with sqlite3.connect(school.db) as conn:
                conn.execute("DELETE FROM bot_state WHERE key = 'sync_cursor'")
    with sampler.phase(f"start-up, {label}", results.phases):
        starts = [school.launch(load.TUESDAY_MORNING) for school in schools]
        probes = (first_handled(s, t) for s, t in zip(schools, starts, strict=True))
        took = await asyncio.gather(*probes)
    memory = [_rss_mb(s.running.pid) for s in schools if s.running]
    results.figures[f"startup {label} max"] = max(took)
    results.figures[f"startup {label} median"] = statistics.median(took)
    results.figures["bot rss max"] = max(memory)
    print(
        f"2. start-up of all {len(schools)} bots at once to each one's first handled event, "
        f"{label}: median {statistics.median(took):.1f} s, slowest {max(took):.1f} s; "
        f"resident memory per bot {min(memory):.0f}-{max(memory):.0f} MB",
        flush=True,
    )


async def quiet_guard(schools: list[School], results: Results, replies: int = 10) -> None:
    """Sends one after another on an otherwise quiet server: a parent's story reply (the
    guard asks the school's bot) and a teacher's post (not asked)."""
    guarded, plain = [], []
    for school in schools:
        parent = await school.client(school.parents[0][0])
        teacher = await school.client(school.teacher_local)
        post = await timed_send(teacher, school.story, "Quiet post")
        for n in range(replies):
            sent = await timed_send(parent, school.story, f"{KIND_REPLY} ({n})", post.event_id)
            guarded.append(sent.answered - sent.at)
            sent = await timed_send(teacher, school.story, f"A note ({n})")
            plain.append(sent.answered - sent.at)
        await parent.close()
        await teacher.close()
    results.figures["guard quiet reply p50"] = statistics.median(guarded) * 1000
    results.figures["guard quiet post p50"] = statistics.median(plain) * 1000
    print(
        f"3. guard, quiet server: a parent's story reply answered in p50 "
        f"{statistics.median(guarded) * 1000:.0f} ms (p95 {pct(guarded, 0.95) * 1000:.0f}); a "
        f"teacher's post, not asked about, p50 {statistics.median(plain) * 1000:.0f} ms",
        flush=True,
    )


async def burst(schools: list[School], results: Results, sampler: Sampler) -> None:
    """30 replies in ten seconds in every school's first class story at once, with each
    school's teacher posting once a second beside them."""
    clients: dict[str, list[nio.AsyncClient]] = {}
    teachers: dict[str, nio.AsyncClient] = {}
    posts: dict[str, str] = {}
    for school in schools:
        names = [name for name, mis in school.parents if mis.startswith("L00")][:30]
        clients[school.name] = [await school.client(name) for name in names]
        for client in clients[school.name]:
            await client.join(school.story)
        teachers[school.name] = await school.client(school.teacher_local)
        post = await timed_send(teachers[school.name], school.story, "Sports day!")
        posts[school.name] = post.event_id or ""
    await asyncio.sleep(3)
    replies: list[tuple[School, Sent]] = []
    plain: list[float] = []
    acted: dict[str, float] = {}
    stopping = asyncio.Event()

    async def reply(school: School, n: int, client: nio.AsyncClient) -> None:
        await asyncio.sleep(n * 0.3)
        body = UNKIND_REPLY if n % 5 == 0 else KIND_REPLY
        replies.append((school, await timed_send(client, school.story, body, posts[school.name])))

    async def teacher(school: School) -> None:
        while not stopping.is_set():
            sent = await timed_send(teachers[school.name], school.story, "Reminder: PE kit")
            plain.append(sent.answered - sent.at)
            await asyncio.sleep(1)

    async def watch() -> None:
        while True:
            for school, sent in list(replies):
                key = sent.event_id or f"refused {id(sent)}"
                if key in acted:
                    continue
                if sent.event_id is None:
                    acted[key] = sent.answered
                elif load.processed(school.db, sent.event_id):
                    acted[key] = time.perf_counter()
            await asyncio.sleep(0.02)

    with sampler.phase("story burst", results.phases):
        watcher = asyncio.create_task(watch())
        posting = [asyncio.create_task(teacher(s)) for s in schools]
        await asyncio.gather(
            *(reply(s, n, c) for s in schools for n, c in enumerate(clients[s.name]))
        )
        for _ in range(3000):
            if len(acted) >= len(replies):
                break
            await asyncio.sleep(0.02)
        stopping.set()
        await asyncio.gather(*posting)
        watcher.cancel()
    latencies = [
        acted[key] - sent.at
        for _, sent in replies
        if (key := sent.event_id or f"refused {id(sent)}") in acted
    ]
    refused = sum(1 for _, sent in replies if sent.event_id is None)
    removed = sum(
        load.count(s.db, "SELECT COUNT(*) FROM incidents WHERE kind = 'reply removed'")
        for s in schools
    )
    answers = [sent.answered - sent.at for _, sent in replies]
    figures = results.figures
    figures["burst replies"] = len(replies)
    figures["burst acted"] = len(latencies)
    figures["burst p50"] = statistics.median(latencies)
    figures["burst p95"] = pct(latencies, 0.95)
    figures["burst worst"] = max(latencies)
    figures["guard load reply p50"] = statistics.median(answers) * 1000
    figures["guard load reply p95"] = pct(answers, 0.95) * 1000
    figures["guard load post p50"] = statistics.median(plain) * 1000
    print(
        f"4. story burst, {len(replies)} replies in 10 s across {len(schools)} schools: acted "
        f"on {len(latencies)}; p50 {figures['burst p50']:.2f} s, p95 {figures['burst p95']:.2f} "
        f"s, worst {figures['burst worst']:.2f} s (target: each within 2 s); refused by the "
        f"guard at the send {refused}, removed after delivery {removed}",
        flush=True,
    )
    print(
        f"3. guard under load (the burst): a parent's reply answered in p50 "
        f"{figures['guard load reply p50']:.0f} ms (p95 {figures['guard load reply p95']:.0f}); "
        f"a teacher's post, not asked about, p50 {figures['guard load post p50']:.0f} ms",
        flush=True,
    )
    for school in schools:
        for client in clients[school.name]:
            await client.close()
        await teachers[school.name].close()


async def release(
    schools: list[School], results: Results, sampler: Sampler, parents: int, each: int
) -> None:
    query = "SELECT COUNT(*) FROM relays WHERE status = 'delivered' AND direction = 'to_teacher'"
    for school in schools:
        school.launch(load.FRIDAY_EVENING)
    await asyncio.sleep(5)
    senders: list[tuple[nio.AsyncClient, str]] = []
    for school in schools:
        # Not the burst's unkind repliers (every fifth): two strikes suspend a parent's relay.
        names = [n for n, _ in school.parents if n in school.conversations]
        for name in [n for i, n in enumerate(names) if i % 5][:parents]:
            client = await school.client(name)
            await client.join(school.conversations[name])
            senders.append((client, school.conversations[name]))

    async def send(client: nio.AsyncClient, room: str) -> None:
        for m in range(each):
            await client.room_send(
                room, "m.room.message", {"msgtype": "m.text", "body": f"Question {m}"}
            )

    total = each * len(senders)
    with sampler.phase("held overnight", results.phases):
        await asyncio.gather(*(send(c, r) for c, r in senders))
        held, since = 0, time.perf_counter()
        while time.perf_counter() - since < 120:  # until all are held, or none for 2 min
            now = sum(
                load.count(s.db, "SELECT COUNT(*) FROM relays WHERE status = 'held'")
                for s in schools
            )
            if now > held:
                held, since = now, time.perf_counter()
            if held >= total:
                break
            await asyncio.sleep(0.5)
    print(f"   {held} of {total} messages held on Friday evening", flush=True)
    for client, _ in senders:
        await client.close()
    for school in schools:
        school.halt()
    already = {s.name: load.count(s.db, query) for s in schools}
    goal = {
        s.name: load.count(s.db, "SELECT COUNT(*) FROM relays WHERE status = 'held'")
        for s in schools
    }
    finished: dict[str, float] = {}
    with sampler.phase("08:00 release", results.phases):
        started = time.perf_counter()
        for school in schools:
            school.launch(load.MONDAY_OPENING)
        deadline = started + 900
        first = float("nan")
        while len(finished) < len(schools) and time.perf_counter() < deadline:
            for school in schools:
                if first != first and load.count(school.db, query) > already[school.name]:
                    first = time.perf_counter() - started
                if school.name not in finished:
                    if load.count(school.db, query) - already[school.name] >= goal[school.name]:
                        finished[school.name] = time.perf_counter() - started
            await asyncio.sleep(0.2)
    for school in schools:
        school.halt()
    ours = max(finished.values()) if len(finished) == len(schools) else float("nan")
    plain = await schools[0].client(f"{schools[0].name}t001")
    bare = await load.plain_sends(plain, total)
    await plain.close()
    results.figures["release total"] = total
    results.figures["release seconds"] = ours
    results.figures["release plain"] = bare
    results.figures["release first"] = first
    print(
        f"5. 08:00 release, {total} held messages across {len(schools)} schools, all bots "
        f"started together: every school's delivered {ours:.1f} s from the start "
        f"({total / ours:.0f} messages/s; schools finished between "
        f"{min(finished.values()):.1f} and {max(finished.values()):.1f} s; the first delivered "
        f"at {first:.1f} s, then {total / (ours - first):.0f} messages/s); {total} plain "
        f"sends by one client {bare:.1f} s; ratio {ours / bare:.2f}",
        flush=True,
    )


@contextmanager
def deployment(kind: str, directory: Path, guard: dict) -> Iterator[SynapseSettings]:
    if kind == "workers":
        with synapse_with_workers(directory, SERVER_NAME, guard=guard) as settings:
            yield settings
        return
    settings = write_synapse_config(directory, server_name=SERVER_NAME, guard=guard)
    with SynapseProcess(settings):
        yield settings


async def run(kind: str, args: argparse.Namespace, root: Path) -> Results:
    print(f"\n=== {kind}: {args.schools} schools ===", flush=True)
    directory = root / kind / "synapse"
    schools_dir = root / kind
    placeholder = SynapseSettings(directory, SERVER_NAME, 0, "")
    schools = []
    for n in range(args.schools):
        schools.append(School(f"s{n}", schools_dir / f"s{n}", placeholder, args))
    staff = [member for school in schools for member in school.staff_ids()]
    guard = module_config(
        None,
        None,
        [s.bot_id for s in schools] + staff,
        schools=[s.guard() for s in schools],
        direct_chat_with=[s.bot_id for s in schools],
        timeout_ms=args.guard_timeout_ms,
    )
    results = Results(kind, args.schools, 0)
    with ExitStack() as stack:
        started = time.perf_counter()
        settings = stack.enter_context(deployment(kind, directory, guard))
        results.figures["homeserver start"] = time.perf_counter() - started
        print(f"0. homeserver from nothing to answering: {time.perf_counter() - started:.1f} s")
        main = yaml.safe_load((directory / "homeserver.yaml").read_text())
        database = main["database"]["args"].get("database") if kind == "workers" else None
        for school in schools:
            school.settings = settings
        redis = (main.get("redis") or {}).get("port")
        sampler = Sampler(directory, database, redis, schools)
        stack.callback(sampler.close)
        for school in schools:
            school.accounts()
        families = sum(len(s.parents) for s in schools)
        results.families = families
        with sampler.phase("roster and provision", results.phases):
            imports = (s.conductbot("roster", "import", str(s.roster)) for s in schools)
            took = await asyncio.gather(*imports)
            print(f"1. roster import, all schools at once: slowest {max(took):.1f} s", flush=True)
            took = await asyncio.gather(*(s.conductbot("provision") for s in schools))
        rooms = statistics.median(s.rooms() for s in schools)
        results.figures["provision"] = max(took)
        print(
            f"1. provision, every school's {rooms:.0f} rooms, all schools at once: slowest "
            f"{max(took):.1f} s",
            flush=True,
        )
        done = [0]

        async def report() -> None:
            while True:
                await asyncio.sleep(30)
                print(f"   ... {done[0]} of {families} families linked", flush=True)

        with sampler.phase("linking families", results.phases):
            reporter = asyncio.create_task(report())
            took = await asyncio.gather(*(s.link_families(args.slots, done) for s in schools))
            reporter.cancel()
        wall = results.phase("linking families").wall
        results.figures["link wall"] = wall
        results.figures["per family"] = wall / families
        print(
            f"1. linking {families} families ({len(schools)} schools x {families // len(schools)}"
            f", {args.slots} at a time in each school): {wall:.1f} s, "
            f"{wall / families * 1000:.0f} ms a family across the trust; schools took "
            f"{min(took):.1f}-{max(took):.1f} s; {sum(s.rooms() for s in schools)} rooms in all",
            flush=True,
        )
        await startup(schools, "no cursor", results, sampler)
        for school in schools:
            school.halt()
        await startup(schools, "saved cursor", results, sampler)
        await quiet_guard(schools, results)
        await burst(schools, results, sampler)
        for school in schools:
            school.halt()
        await release(schools, results, sampler, args.held_parents, args.held_each)
    return results


# --- the projection to 50 schools --------------------------------------------------------


def shares(phase: Phase, units: float) -> str:
    """Each part's CPU per unit of work, busiest first."""
    return ", ".join(
        f"{name} {seconds / units * 1000:.0f} ms"
        for name, seconds in sorted(phase.cpu.items(), key=lambda kv: -kv[1])
        if seconds / units >= 0.0005
    )


def saturates(phase: Phase, units: float) -> list[tuple[str, float]]:
    """The shared parts of the homeserver with the rate of work (units a second) at which
    each would be fully busy: one core for a Synapse process (Python, one core at most),
    every core for PostgreSQL; lowest first. Bots are left out: each school has its own, so
    more schools add bots rather than load on one. The last row is the whole machine."""
    rows = []
    for name, seconds in phase.cpu.items():
        if name.startswith(("bot ", "bench")) or seconds <= 0:
            continue
        ceiling = (os.cpu_count() or 1) if name == "postgresql" else 1.0
        rows.append((name, ceiling / (seconds / units)))
    rows.sort(key=lambda row: row[1])
    ours = sum(phase.cpu.values())
    rows.append(("this whole machine (all our processes)", (os.cpu_count() or 1) / (ours / units)))
    return rows


def project(results: Results, target: int = 50) -> None:
    r, f = results, results.figures
    print(f"\n--- projection to {target} full schools, {r.kind} (from the figures above) ---")
    link = r.phase("linking families")
    families = target * FULL_SCHOOL_FAMILIES
    rows = saturates(link, r.families)
    first = rows[0]
    print(
        f"onboarding: measured {f['per family'] * 1000:.0f} ms a family across the trust "
        f"({1 / f['per family']:.1f} families/s); {families:,} families ({target} x "
        f"{FULL_SCHOOL_FAMILIES}) = {f['per family'] * families / 3600:.1f} h at that rate\n"
        f"   CPU a family: {shares(link, r.families)}\n"
        f"   first to saturate: {first[0]}, fully busy at {first[1]:.1f} families/s "
        f"({families / first[1] / 3600:.1f} h for {families:,}); then "
        + "; ".join(f"{name} at {rate:.1f}/s" for name, rate in rows[1:])
    )
    rate = f["release total"] / (f["release seconds"] - f["release first"])
    held = target * FULL_SCHOOL_HELD
    release = r.phase("08:00 release")
    rows = saturates(release, f["release total"])
    print(
        f"08:00 release: measured {rate:.0f} messages/s across {r.schools} schools once the "
        f"first was delivered ({f['release first']:.1f} s after the bots started); {held:,} "
        f"held messages ({target} x {FULL_SCHOOL_HELD}) = {held / rate / 60:.1f} min at that "
        f"rate\n"
        f"   CPU a message: {shares(release, f['release total'])}\n"
        f"   first to saturate: {rows[0][0]}, fully busy at {rows[0][1]:.0f} messages/s "
        f"({held / rows[0][1] / 60:.1f} min for {held:,}); then "
        + "; ".join(f"{name} at {rate:.0f}/s" for name, rate in rows[1:])
    )
    burst = r.phase("story burst")
    print(
        f"story burst: CPU a reply: {shares(burst, f['burst replies'])}; first to saturate "
        f"{saturates(burst, f['burst replies'])[0][0]}"
    )
    memory = f["bot rss max"]
    print(
        f"bots: {target} x {memory:.0f} MB = {target * memory / 1024:.1f} GB resident for the "
        f"bots alone; {r.schools} started at once took {f['startup saved cursor max']:.1f} s "
        f"(slowest, with a cursor)"
    )


async def main(args: argparse.Namespace) -> None:
    root = Path(tempfile.mkdtemp(prefix="conductbot-trust-"))
    families = args.schools * args.classes * args.pupils_per_class * args.parents_per_pupil
    print(
        f"trust bench: {args.schools} schools x {args.classes} classes x "
        f"{args.pupils_per_class} pupils x {args.parents_per_pupil} parents = {families} "
        f"families per deployment (a full school is 15 x 30 x 2 = 900; scaled down), "
        f"working in {root}; {os.cpu_count()} cores; load average at start "
        f"{os.getloadavg()[0]:.2f}",
        flush=True,
    )
    kinds = [args.only] if args.only else ["workers", "sqlite"]
    all_results = [await run(kind, args, root) for kind in kinds]
    for results in all_results:
        project(results)
    print(f"\nload average at the end {os.getloadavg()[0]:.2f}")


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--schools", type=int, default=5)
    parser.add_argument("--classes", type=int, default=2, help="per school (full: 15)")
    parser.add_argument("--pupils-per-class", type=int, default=30)
    parser.add_argument("--parents-per-pupil", type=int, default=1, help="full: 2")
    parser.add_argument("--slots", type=int, default=4, help="families linked at once a school")
    parser.add_argument("--held-parents", type=int, default=20, help="per school")
    parser.add_argument("--held-each", type=int, default=10, help="messages per parent")
    parser.add_argument("--guard-timeout-ms", type=int, default=1000)
    parser.add_argument("--only", choices=["workers", "sqlite"])
    asyncio.run(main(parser.parse_args()))
