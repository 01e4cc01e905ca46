"""The real-server harness: one Synapse per test session, real nio clients per test."""

from __future__ import annotations

import asyncio
import secrets
import time
import uuid
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import nio
import pytest
import yaml

from bot import judge_model
from bot.app import App, Routes
from bot.cli import parser
from bot.clock import Clock
from bot.config import Config, load_config
from bot.guard_api import GuardApi, SchoolGuard, module_config
from bot.homeserver import (
    SynapseProcess,
    SynapseSettings,
    free_port,
    login,
    override_ratelimit,
    postgres_database,
    register_user,
    write_synapse_config,
)
from bot.matrix import Credentials, make_client
from bot.roster import find_pupil, import_roster
from bot.synapse_workers import synapse_with_workers
from storage.store import Store

SERVER_NAME = "test.conductbot"


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Tests that use the server are marked `synapse`, so `-m "not synapse"` skips them."""
    for item in items:
        server = {"synapse", "matrix", "guarded_synapse", "homeserver_kind"}
        if server & set(getattr(item, "fixturenames", ())):
            item.add_marker(pytest.mark.synapse)


#: The homeservers a test that uses one runs against, in turn: SQLite and PostgreSQL, unless
#: its module names others in `HOMESERVER_KINDS`.
KINDS = {
    "sqlite": pytest.param("sqlite"),
    "postgres": pytest.param("postgres", marks=pytest.mark.postgres),
    "workers": pytest.param("workers", marks=[pytest.mark.postgres, pytest.mark.workers]),
}


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    if "homeserver_kind" in metafunc.fixturenames:
        kinds = getattr(metafunc.module, "HOMESERVER_KINDS", ("sqlite", "postgres"))
        metafunc.parametrize(
            "homeserver_kind", [KINDS[kind] for kind in kinds], indirect=True, scope="session"
        )


@pytest.fixture(scope="session")
def homeserver_kind(request: pytest.FixtureRequest) -> str:
    """Synapse on SQLite; on PostgreSQL (marker `postgres`, `make postgres` starts it); or
    on PostgreSQL with workers, Redis and nginx (marker `workers`)."""
    return request.param


@contextmanager
def homeserver(
    kind: str, directory: Path, guard: dict[str, Any] | None = None
) -> Iterator[SynapseSettings]:
    """A new homeserver of this kind, with a database of its own, running."""
    pytest.importorskip("synapse", reason="matrix-synapse is not installed (extra: test)")
    if kind == "workers":
        with synapse_with_workers(directory, SERVER_NAME, guard=guard) as settings:
            yield settings
        return
    with ExitStack() as stack:
        database = stack.enter_context(postgres_database()) if kind == "postgres" else None
        settings = write_synapse_config(
            directory, server_name=SERVER_NAME, guard=guard, database=database
        )
        stack.enter_context(SynapseProcess(settings))
        yield settings


@pytest.fixture(scope="session")
def synapse(
    tmp_path_factory: pytest.TempPathFactory, homeserver_kind: str
) -> Iterator[SynapseSettings]:
    with homeserver(homeserver_kind, tmp_path_factory.mktemp("synapse")) as settings:
        yield settings


@dataclass(frozen=True)
class Person:
    user_id: str
    password: str
    localpart: str
    admin: bool = False


class Matrix:
    """Registers uniquely named people and logs them in as real nio clients."""

    def __init__(self, settings: SynapseSettings) -> None:
        self.settings = settings
        self._clients: list[nio.AsyncClient] = []

    def register(
        self, localpart_prefix: str, admin: bool = False, displayname: str | None = None
    ) -> Person:
        """Blocking (a few ms); admins also get their message rate limit lifted."""
        localpart = f"{localpart_prefix}-{uuid.uuid4().hex[:8]}"
        password = uuid.uuid4().hex
        user_id = register_user(
            self.settings, localpart, password, admin=admin, displayname=displayname
        )
        if admin:
            token = login(self.settings.base_url, user_id, password)
            if not override_ratelimit(self.settings.base_url, token, user_id):
                raise RuntimeError(f"could not override the rate limit of {user_id}")
        return Person(user_id=user_id, password=password, localpart=localpart, admin=admin)

    async def client(self, person: Person) -> nio.AsyncClient:
        client = nio.AsyncClient(self.settings.base_url, person.user_id)
        self._clients.append(client)
        response = await client.login(person.password, device_name="conductbot-tests")
        if not isinstance(response, nio.LoginResponse):
            raise RuntimeError(f"login failed for {person.user_id}: {response}")
        return client

    async def aclose(self) -> None:
        for client in self._clients:
            await client.close()
        self._clients.clear()


@pytest.fixture
async def matrix(synapse: SynapseSettings) -> AsyncIterator[Matrix]:
    harness = Matrix(synapse)
    try:
        yield harness
    finally:
        await harness.aclose()


# --- the bot against the real server ----------------------------------------------------

REPO = Path(__file__).resolve().parent.parent


def conductbot(*argv: str) -> int:
    """Run a `conductbot` subcommand in this process, through the real command line parser
    (without `main`'s logging set-up), and give its exit status."""
    args = parser().parse_args(list(argv))
    return asyncio.run(args.run(args))


# Synapse spreads a profile change to the user's rooms in a scheduled task; when another
# task is being launched at that moment, it waits for the scheduler's next round, a minute
# later. A test that waits for the bot to see a name or avatar change allows for that.
PROFILE_SPREAD = 90.0


async def eventually(check: Callable[[], Any], within: float = 15.0) -> Any:
    """Poll an async or sync check until it returns something truthy; fail after `within`."""
    deadline = time.monotonic() + within
    while True:
        result = check()
        if asyncio.iscoroutine(result):
            result = await result
        if result:
            return result
        if time.monotonic() > deadline:
            raise AssertionError(f"condition not met within {within}s: {check}")
        await asyncio.sleep(0.1)


@dataclass(frozen=True)
class GuardEndpoint:
    """Where the homeserver's guard module asks the bot (`bot/guard_api.py`)."""

    port: int
    secret: str


@dataclass
class School:
    """The demo school from rooms.yaml with freshly registered, uniquely named staff."""

    settings: SynapseSettings
    config_path: Path
    data_dir: Path
    bot: Person
    staff: dict[str, Person]
    guard: GuardEndpoint | None = None  # the bot serves it when the homeserver loads the module

    @property
    def credentials(self) -> Credentials:
        return Credentials(self.settings.base_url, self.bot.user_id, password=self.bot.password)

    def config(self) -> Config:
        return load_config(self.config_path)

    def edit_config(self, change: Callable[[dict[str, Any]], None]) -> None:
        """Apply `change` to the YAML document and write it back."""
        document = yaml.safe_load(self.config_path.read_text())
        change(document)
        self.config_path.write_text(yaml.safe_dump(document, sort_keys=False))


@pytest.fixture
async def school(matrix: Matrix, tmp_path: Path) -> School:
    return make_school(matrix, tmp_path)


def make_school(
    matrix: Matrix,
    directory: Path,
    *,
    encrypted: bool = False,
    staff: dict[str, Person] | None = None,
    guard: GuardEndpoint | None = None,
    bot: Person | None = None,
) -> School:
    """rooms.yaml's school on `matrix`'s server, with uniquely named staff and bot.

    Private rooms are encrypted only when asked: most tests read the bot's notices with
    plain clients; tests/test_e2e*.py read them as encrypting clients do. `staff` already
    registered (by id in rooms.yaml) are used instead of new ones, and so is `bot`."""
    document = yaml.safe_load((REPO / "rooms.yaml").read_text())
    document["encryption"] = {"private_rooms": encrypted, "story": False}
    staff = dict(staff or {})
    for member in document["staff"]:
        if member["id"] not in staff:
            staff[member["id"]] = matrix.register(member["id"], displayname=member["name"])
        member["user"] = staff[member["id"]].user_id
    config_path = directory / "rooms.yaml"
    config_path.write_text(yaml.safe_dump(document, sort_keys=False))
    bot = bot or matrix.register("conductbot", admin=True)
    return School(matrix.settings, config_path, directory / "data", bot, staff, guard)


class RunningBot:
    """The real bot (App) in this event loop, with its own database under the school's dir."""

    def __init__(self, school: School, routes: Routes | None = None, *, demo: bool = False) -> None:
        self.school = school
        self.routes = routes
        self.demo = demo
        self.config = school.config()
        self.app: App | None = None
        self.task: asyncio.Task | None = None
        self.stopped = False

    async def prepare(self) -> RunningBot:
        self.store = await Store.open(self.school.data_dir / "conductbot.sqlite")
        await import_roster(
            self.store,
            REPO / "demo" / "roster.csv",
            [c.id for c in self.config.classes],
            now="2026-11-20T10:00:00+00:00",
        )
        self.client = make_client(self.school.credentials, self.school.data_dir)
        clock = Clock()
        guard = None
        if (endpoint := self.school.guard) is not None:  # as `conductbot run` makes it
            guard = GuardApi(
                self.store,
                self.config,
                self.school.bot.user_id,
                endpoint.secret,
                clock=clock,
                port=endpoint.port,
            )
        self.app = App(
            self.config,
            self.store,
            self.client,
            clock,
            demo=self.demo,
            routes=self.routes,
            guard=guard,
        )
        self.report = await self.app.prepare(self.school.credentials)
        return self

    async def start(self) -> RunningBot:
        if self.app is None:
            await self.prepare()
        self.task = asyncio.create_task(self.app.run())
        ready = asyncio.create_task(self.app.sync.ready.wait())
        await asyncio.wait({self.task, ready}, timeout=30, return_when=asyncio.FIRST_COMPLETED)
        if self.task.done():
            self.task.result()  # raise what stopped it
        assert ready.done(), "the bot did not finish its first sync"
        return self

    async def stop(self) -> None:
        self.stopped = True
        if self.task is not None:
            self.task.cancel()
            try:
                await self.task
            except asyncio.CancelledError:
                pass
        await self.client.close()
        await self.store.close()

    async def room(self, key: str) -> str:
        room = await self.store.rooms.by_key(key)
        assert room is not None, key
        return room.room_id

    async def link(self, parent: Person, pupil_name: str) -> None:
        pupil = await find_pupil(self.store, pupil_name)
        await self.app.provisioner.link_parent(parent.user_id, pupil, linked_by="test")


class BotLauncher:
    """Starts bots for a test and stops each at its end, even when the test fails."""

    def __init__(self, school: School) -> None:
        self.school = school
        self.running: list[RunningBot] = []

    async def __call__(
        self, routes: Routes | None = None, *, demo: bool = False, start: bool = True
    ) -> RunningBot:
        bot = RunningBot(self.school, routes, demo=demo)
        self.running.append(bot)
        await bot.prepare()
        return await bot.start() if start else bot

    async def aclose(self) -> None:
        for bot in self.running:
            if not bot.stopped:
                await bot.stop()


@pytest.fixture
def story_danger_in_doubt() -> Iterator[None]:
    """The shipped model with every story reply read as danger by the learned tier, a kind
    one not surely (below the midway bar): what the story makes of the tier's unsure
    readings, whatever the model."""
    shipped = judge_model.shipped()
    story = shipped["story"]
    judge_model.use(
        shipped | {"story": replace(story, threshold=story.threshold | {"urgent": 0.0})}
    )
    yield
    judge_model.use(None)


@pytest.fixture
async def launch(school: School) -> AsyncIterator[BotLauncher]:
    launcher = BotLauncher(school)
    yield launcher
    await launcher.aclose()


@pytest.fixture
async def encrypted_school(matrix: Matrix, tmp_path: Path) -> School:
    """The school with its private rooms encrypted, as a real school runs it."""
    return make_school(matrix, tmp_path, encrypted=True)


@pytest.fixture
async def launch_encrypted(encrypted_school: School) -> AsyncIterator[BotLauncher]:
    launcher = BotLauncher(encrypted_school)
    yield launcher
    await launcher.aclose()


# --- the school on a homeserver with the guard module -------------------------------------

#: How long the guard module waits for the bot here: more than the 300 ms default, as the
#: machine running the tests is shared (a refusal later than this is let through, and the
#: bot removes the message after delivery instead).
GUARD_TIMEOUT_MS = 1000


#: Bot accounts a guarded Synapse names in its module config, one per test: more than any
#: test module uses.
GUARDED_BOTS = 40


@dataclass(frozen=True)
class GuardedServer:
    settings: SynapseSettings
    endpoint: GuardEndpoint
    staff: dict[str, Person]  # rooms.yaml's staff, in the module's `allowed_creators`
    bots: list[str]  # localparts in `allowed_creators` and `direct_chat_with`, not yet used

    def next_bot(self) -> Person:
        """A new bot account (an admin, its rate limit lifted) that the module lists as the
        demo lists its bot: families may open a direct chat with it."""
        if not self.bots:
            raise RuntimeError(f"more than {GUARDED_BOTS} bots on one guarded Synapse")
        localpart = self.bots.pop(0)
        password = uuid.uuid4().hex
        user_id = register_user(self.settings, localpart, password, admin=True)
        token = login(self.settings.base_url, user_id, password)
        if not override_ratelimit(self.settings.base_url, token, user_id):
            raise RuntimeError(f"could not override the rate limit of {user_id}")
        return Person(user_id, password, localpart, admin=True)


def register_staff(
    settings: SynapseSettings, document: dict[str, Any], localparts: dict[str, str]
) -> dict[str, Person]:
    """rooms.yaml's staff, by id, as accounts with these localparts."""
    staff = {}
    for member in document["staff"]:
        password = uuid.uuid4().hex
        localpart = localparts[member["id"]]
        user_id = register_user(settings, localpart, password, displayname=member["name"])
        staff[member["id"]] = Person(user_id, password, localpart)
    return staff


@pytest.fixture(scope="module")
def guarded_synapse(
    tmp_path_factory: pytest.TempPathFactory, homeserver_kind: str
) -> Iterator[GuardedServer]:
    """A Synapse that loads the guard module (docs/guard.md), one per test module.

    Configured as the demo configures it (the bot and staff in `allowed_creators`, the bot
    in `direct_chat_with`) but for two things. The module reads its config once, at start,
    so its lists name the school's staff, registered here for the whole module, and
    `GUARDED_BOTS` bot accounts, each registered when a test takes it (`next_bot`): each
    test's bot is a new account, as its cross-signing keys live in that test's data
    directory. And the module waits `GUARD_TIMEOUT_MS`, not 300 ms.

    Tests sharing it see only their own rooms (each bot makes its own) and people (new
    accounts, but for the staff, who are only ever invited); what is server-wide, such as
    event reports, a test cleans up."""
    document = yaml.safe_load((REPO / "rooms.yaml").read_text())
    suffix = uuid.uuid4().hex[:8]
    localparts = {member["id"]: f"{member['id']}-{suffix}" for member in document["staff"]}
    bots = [f"conductbot-{suffix}-{n}" for n in range(GUARDED_BOTS)]
    bot_ids = [f"@{localpart}:{SERVER_NAME}" for localpart in bots]
    endpoint = GuardEndpoint(free_port(), secrets.token_urlsafe(24))
    guard = module_config(
        f"http://127.0.0.1:{endpoint.port}",
        endpoint.secret,
        [*bot_ids, *(f"@{localpart}:{SERVER_NAME}" for localpart in localparts.values())],
        direct_chat_with=bot_ids,
        timeout_ms=GUARD_TIMEOUT_MS,
    )
    directory = tmp_path_factory.mktemp("guarded-synapse")
    with homeserver(homeserver_kind, directory, guard) as settings:
        staff = register_staff(settings, document, localparts)
        yield GuardedServer(settings, endpoint, staff, bots)


@pytest.fixture
async def guarded_matrix(guarded_synapse: GuardedServer) -> AsyncIterator[Matrix]:
    harness = Matrix(guarded_synapse.settings)
    try:
        yield harness
    finally:
        await harness.aclose()


@pytest.fixture
async def guarded_school(
    guarded_matrix: Matrix, guarded_synapse: GuardedServer, tmp_path: Path
) -> School:
    """The school on the guarded homeserver; its bots serve the guard endpoint."""
    return make_school(
        guarded_matrix,
        tmp_path,
        staff=guarded_synapse.staff,
        guard=guarded_synapse.endpoint,
        bot=guarded_synapse.next_bot(),
    )


@pytest.fixture
async def launch_guarded(guarded_school: School) -> AsyncIterator[BotLauncher]:
    launcher = BotLauncher(guarded_school)
    yield launcher
    await launcher.aclose()


async def join(client: nio.AsyncClient, room_id: str) -> None:
    response = await client.join(room_id)
    assert isinstance(response, nio.JoinResponse), response


async def send_text(client: nio.AsyncClient, room_id: str, body: str, **extra: Any) -> str:
    response = await client.room_send(
        room_id, "m.room.message", {"msgtype": "m.text", "body": body} | extra
    )
    assert isinstance(response, nio.RoomSendResponse), response
    return response.event_id


async def messages(client: nio.AsyncClient, room_id: str, limit: int = 100) -> list[dict]:
    """The room's recent events as the client sees them, oldest first."""
    response = await client.room_messages(
        room_id, start="", direction=nio.MessageDirection.back, limit=limit
    )
    assert isinstance(response, nio.RoomMessagesResponse), response
    return [event.source for event in reversed(response.chunk)]


async def is_redacted(client: nio.AsyncClient, room_id: str, event_id: str) -> bool:
    """Whether `client` now sees the event as redacted."""
    response = await client.room_get_event(room_id, event_id)
    assert isinstance(response, nio.RoomGetEventResponse), response
    source = response.event.source
    return bool(source.get("unsigned", {}).get("redacted_because")) or not source.get("content")


async def notices_in(client: nio.AsyncClient, room_id: str) -> list[str]:
    """The bodies of the bot's notices in a room, oldest first."""
    return [
        e["content"].get("body", "")
        for e in await messages(client, room_id)
        if e.get("type") == "m.room.message" and e["content"].get("msgtype") == "m.notice"
    ]


def record_guard_questions(bot: RunningBot) -> list[dict[str, Any]]:
    """The list that each event content Synapse asks the bot's guard endpoint about is kept
    in, as the module sends it, from now on."""
    asked: list[dict[str, Any]] = []
    guard = bot.app.guard
    assert guard is not None, "the bot serves no guard endpoint"
    check_event = guard.check_event

    async def recording(
        room_id: str, sender: str, event_type: str, content: Any, txn_id: str | None = None
    ) -> Any:
        asked.append(content)
        return await check_event(room_id, sender, event_type, content, txn_id)

    guard.check_event = recording  # type: ignore[method-assign]
    return asked


async def incidents_in(client: nio.AsyncClient, room_id: str) -> list[dict]:
    """The machine-readable incidents the bot posted in a room (the escalation room)."""
    return [
        e["content"]["org.conductbot.incident"]
        for e in await messages(client, room_id)
        if "org.conductbot.incident" in e["content"]
    ]


# --- a trust: two schools on one guarded homeserver ----------------------------------------

#: How long the trust's guard module waits for a bot: long enough on a shared machine that
#: a refusal is given at send time, not let through late.
TRUST_GUARD_TIMEOUT_MS = 5000
#: Bot accounts per school a trust's homeserver names: more than the trust tests use.
TRUST_BOTS = 4


@dataclass(frozen=True)
class TrustServer:
    """One homeserver, one guard module, and per school its own bot accounts, staff and
    guard endpoint (`GuardedServer` each, sharing the settings)."""

    settings: SynapseSettings
    schools: dict[str, GuardedServer]


@pytest.fixture(scope="module")
def trust_synapse(
    tmp_path_factory: pytest.TempPathFactory, homeserver_kind: str
) -> Iterator[TrustServer]:
    """A Synapse whose guard module lists two schools, "a" and "b" (docs/guard.md, the
    `schools:` form): each school's rooms.yaml staff are accounts of their own, and each of
    its bot accounts is listed with that school's endpoint and secret."""
    document = yaml.safe_load((REPO / "rooms.yaml").read_text())
    suffix = uuid.uuid4().hex[:8]
    names = ("a", "b")
    localparts = {
        name: {m["id"]: f"{m['id']}-{name}-{suffix}" for m in document["staff"]} for name in names
    }
    bots = {name: [f"conductbot-{name}-{suffix}-{n}" for n in range(TRUST_BOTS)] for name in names}
    endpoints = {name: GuardEndpoint(free_port(), secrets.token_urlsafe(24)) for name in names}
    schools = [
        SchoolGuard(
            f"@{bot}:{SERVER_NAME}",
            f"http://127.0.0.1:{endpoints[name].port}",
            endpoints[name].secret,
        )
        for name in names
        for bot in bots[name]
    ]
    staff_ids = [f"@{lp}:{SERVER_NAME}" for name in names for lp in localparts[name].values()]
    bot_ids = [school.bot for school in schools]
    guard = module_config(
        None,
        None,
        [*bot_ids, *staff_ids],
        schools=schools,
        direct_chat_with=bot_ids,
        timeout_ms=TRUST_GUARD_TIMEOUT_MS,
    )
    directory = tmp_path_factory.mktemp("trust-synapse")
    with homeserver(homeserver_kind, directory, guard) as settings:
        servers = {
            name: GuardedServer(
                settings,
                endpoints[name],
                register_staff(settings, document, localparts[name]),
                bots[name],
            )
            for name in names
        }
        yield TrustServer(settings, servers)


@pytest.fixture
async def trust_matrix(trust_synapse: TrustServer) -> AsyncIterator[Matrix]:
    harness = Matrix(trust_synapse.settings)
    try:
        yield harness
    finally:
        await harness.aclose()


@pytest.fixture
async def trust_schools(
    trust_matrix: Matrix, trust_synapse: TrustServer, tmp_path: Path
) -> dict[str, School]:
    """Each of the trust's schools, in a directory (rooms.yaml, database) of its own."""
    schools = {}
    for name, server in trust_synapse.schools.items():
        (tmp_path / name).mkdir()
        schools[name] = make_school(
            trust_matrix,
            tmp_path / name,
            staff=server.staff,
            guard=server.endpoint,
            bot=server.next_bot(),
        )
    return schools


@pytest.fixture
async def launch_trust(trust_schools: dict[str, School]) -> AsyncIterator[dict[str, BotLauncher]]:
    """A launcher per school: each school's bot runs as its own `conductbot run` would."""
    launchers = {name: BotLauncher(school) for name, school in trust_schools.items()}
    try:
        yield launchers
    finally:
        for launcher in launchers.values():
            await launcher.aclose()
