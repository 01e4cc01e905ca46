"""The guard module's callbacks, fast: no Synapse process.

As synapse-auto-accept-invite tests its module, the guard is built here on a mocked
`ModuleApi` (the callbacks it registers are captured and called directly), with real
Synapse events and media descriptions. The school's bot is a small aiohttp server on
127.0.0.1 that records every request and answers as the test says, and the module's
Twisted client runs on a reactor over the test's own asyncio loop (patched in for the
module's `reactor`), so a request travels over real HTTP without Synapse's process.

The end-to-end tests on a real Synapse are in tests/test_guard.py and tests/test_trust.py.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import socket
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from unittest.mock import AsyncMock, Mock

import pytest
from aiohttp import web

pytest.importorskip("synapse", reason="matrix-synapse is not installed (extra: test)")

from synapse.api.room_versions import RoomVersions  # noqa: E402
from synapse.events import EventBase, make_event_from_dict  # noqa: E402
from synapse.media._base import FileInfo, ThumbnailInfo  # noqa: E402
from synapse.media.media_storage import ReadableFileWrapper  # noqa: E402
from synapse.module_api import ModuleApi  # noqa: E402
from synapse.module_api.errors import Codes, ConfigError  # noqa: E402
from twisted.internet.asyncioreactor import AsyncioSelectorReactor  # noqa: E402
from twisted.internet.defer import ensureDeferred  # noqa: E402

from synapse_module import ConductbotGuard, guard  # noqa: E402
from synapse_module.guard import NO_ROOMS, REFUSED, UNAVAILABLE, SchoolEndpoint  # noqa: E402

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")  # Synapse and Twisted

SERVER = "school.test"
BOT, TEACHER = f"@conductbot:{SERVER}", f"@s.reid:{SERVER}"
PARENT, OTHER = f"@parent.a:{SERVER}", f"@parent.b:{SERVER}"
SECRET = "oak-guard-secret-0123456789"
OAK, ELM = "@conductbot-oak:trust.test", "@conductbot-elm:trust.test"
OAK_SECRET, ELM_SECRET = "oak-secret-0123456789abcdef", "elm-secret-0123456789abcdef"
#: Long enough that a bot answering at once is never given up on, on a busy machine.
PATIENT_MS = 5000
#: How long the module waits for a bot that says nothing, in the tests that need one. These
#: assert what the module decides, not what the bot received: on a busy machine the module
#: may give up before the bot has read the request.
IMPATIENT_MS = 100
OK = {"allow": True, "reason": None}
CALLBACKS = {
    "user_may_create_room",
    "user_may_invite",
    "user_may_send_3pid_invite",
    "user_may_send_state_event",
    "check_event_for_spam",
    "check_media_file_for_spam",
}
#: The third-party rules callback: the only one that sees member events (a pupil's avatar).
RULES_CALLBACKS = {"check_event_allowed"}


# --- the school's bot, played by a tiny HTTP server ----------------------------------------


class Silent:
    """An answer the bot never gives: it keeps the connection open and says nothing."""


SILENT = Silent()


@dataclass(frozen=True)
class Asked:
    """One request the bot received."""

    path: str
    authorization: str | None
    content_type: str | None
    body: dict[str, Any]


@dataclass
class FakeBot:
    """A school's guard endpoint: records what it is asked; answers `answer` (a JSON
    object, an HTTP status, or `SILENT`)."""

    url: str = ""
    answer: dict[str, Any] | int | Silent = field(default_factory=lambda: dict(OK))
    asked: list[Asked] = field(default_factory=list)
    released: asyncio.Event = field(default_factory=asyncio.Event)

    async def handle(self, request: web.Request) -> web.StreamResponse:
        self.asked.append(
            Asked(
                request.path,
                request.headers.get("Authorization"),
                request.headers.get("Content-Type"),
                await request.json(),
            )
        )
        if isinstance(self.answer, Silent):
            await self.released.wait()
            return web.Response(status=503)
        if isinstance(self.answer, int):
            return web.Response(status=self.answer, text="no")
        return web.json_response(self.answer)


@pytest.fixture
async def start_bot() -> AsyncIterator[Callable[[], Awaitable[FakeBot]]]:
    runners: list[tuple[web.AppRunner, FakeBot]] = []

    async def start() -> FakeBot:
        bot = FakeBot()
        app = web.Application()
        app.router.add_post("/v1/check-event", bot.handle)
        app.router.add_post("/v1/upload", bot.handle)
        runner = web.AppRunner(app)
        await runner.setup()
        site = web.TCPSite(runner, "127.0.0.1", 0)
        await site.start()
        host, port = runner.addresses[0][:2]
        bot.url = f"http://{host}:{port}"
        runners.append((runner, bot))
        return bot

    yield start
    for runner, bot in runners:
        bot.released.set()
        await runner.cleanup()


@pytest.fixture
def stopped_bot_url() -> str:
    """Where no bot listens: the connection is refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    return f"http://127.0.0.1:{port}"


# --- the module on a mocked ModuleApi --------------------------------------------------------


@dataclass
class Guard:
    """The module as Synapse would load it, with the callbacks it registered."""

    module: ConductbotGuard
    api: Mock
    callbacks: dict[str, Callable[..., Awaitable[Any]]]

    async def call(self, name: str, *args: Any) -> Any:
        """Run one callback as Synapse does: a coroutine driven by Twisted."""
        loop = asyncio.get_running_loop()
        running = ensureDeferred(self.callbacks[name](*args)).asFuture(loop)
        # A module that does not keep to its own timeout fails here, not by hanging the run.
        return await asyncio.wait_for(running, PATIENT_MS / 1000 + 5)

    async def create_room(self, user_id: str, room_config: dict[str, Any]) -> Any:
        return await self.call("user_may_create_room", user_id, room_config)

    async def invite(self, inviter: str, invitee: str, room_id: str = "!story:s") -> Any:
        return await self.call("user_may_invite", inviter, invitee, room_id)

    async def event(self, event: EventBase) -> Any:
        return await self.call("check_event_for_spam", event)

    async def upload(self, path: Path, info: FileInfo) -> Any:
        return await self.call(
            "check_media_file_for_spam", ReadableFileWrapper(Mock(), str(path)), info
        )


@pytest.fixture
async def make_guard(monkeypatch: pytest.MonkeyPatch) -> AsyncIterator[Callable[..., Guard]]:
    # The module talks through Twisted's global reactor; here a reactor over this test's
    # asyncio loop stands in for it, so the fake bot and the module share one loop.
    reactor = AsyncioSelectorReactor(asyncio.get_running_loop())
    monkeypatch.setattr(guard, "reactor", reactor)

    def make(config: dict[str, Any], creators: dict[str, str] | None = None) -> Guard:
        api = Mock(spec=ModuleApi)
        api.server_name = SERVER
        api.get_room_state = AsyncMock(side_effect=_room_state(creators or {}))
        api.defer_to_thread = AsyncMock(side_effect=lambda f, *args: f(*args))
        module = ConductbotGuard(ConductbotGuard.parse_config(config), api)
        api.register_spam_checker_callbacks.assert_called_once()
        api.register_third_party_rules_callbacks.assert_called_once()
        callbacks = (
            api.register_spam_checker_callbacks.call_args.kwargs
            | api.register_third_party_rules_callbacks.call_args.kwargs
        )
        return Guard(module, api, callbacks)

    yield make
    reactor.disconnectAll()  # the module's kept-alive connections to the fake bots
    reactor.removeReader(reactor.waker)  # and the reactor's own pipe
    reactor.waker.connectionLost(None)
    await asyncio.sleep(0)


def _room_state(creators: dict[str, str]) -> Callable[..., Awaitable[dict[Any, EventBase]]]:
    """`ModuleApi.get_room_state` over rooms made by `creators` (room id → creator); an
    unknown room is an error, as for a room Synapse cannot read."""

    async def get_room_state(room_id: str, event_filter: Any = None) -> dict[Any, EventBase]:
        if room_id not in creators:
            raise RuntimeError(f"no state for {room_id}")
        create = _event("m.room.create", creators[room_id], room_id, {}, state_key="")
        return {("m.room.create", ""): create}

    return get_room_state


def _school(bot_url: str, **more: Any) -> dict[str, Any]:
    """One school's config, as docs/guard.md shows it."""
    return {
        "bot_url": bot_url,
        "secret": SECRET,
        "allowed_creators": [BOT, TEACHER],
        "direct_chat_with": [BOT],
        "timeout_ms": PATIENT_MS,
    } | more


def _trust(oak_url: str, elm_url: str, **more: Any) -> dict[str, Any]:
    return {
        "schools": [
            {"bot": OAK, "bot_url": oak_url, "secret": OAK_SECRET},
            {"bot": ELM, "bot_url": elm_url, "secret": ELM_SECRET},
        ],
        "allowed_creators": [OAK, ELM, TEACHER],
        "direct_chat_with": [OAK, ELM],
        "timeout_ms": PATIENT_MS,
    } | more


def _event(
    kind: str,
    sender: str,
    room_id: str,
    content: dict[str, Any],
    *,
    txn_id: str | None = None,
    state_key: str | None = None,
) -> EventBase:
    """A real Synapse event (content frozen, internal metadata), as the callback gets one."""
    fields: dict[str, Any] = {
        "type": kind,
        "sender": sender,
        "room_id": room_id,
        "content": content,
        "auth_events": [],
        "prev_events": [],
        "depth": 5,
        "origin_server_ts": 1_764_000_000_000,
        "hashes": {"sha256": "aGFzaA"},
        "signatures": {},
    }
    if state_key is not None:
        fields["state_key"] = state_key
    metadata = {"txn_id": txn_id} if txn_id is not None else {}
    return make_event_from_dict(fields, RoomVersions.V10, internal_metadata_dict=metadata)


def _reply(body: str) -> dict[str, Any]:
    return {
        "msgtype": "m.text",
        "body": body,
        "m.relates_to": {"m.in_reply_to": {"event_id": "$post"}},
    }


def _photo(mxc: str) -> dict[str, Any]:
    return {"msgtype": "m.image", "body": "photo.png", "url": mxc}


def _refusal(reason: str) -> tuple[Codes, dict[str, str]]:
    return Codes.FORBIDDEN, {"error": reason}


def _check(room_id: str, sender: str, kind: str, content: dict[str, Any], txn_id: Any) -> dict:
    """The body of /v1/check-event."""
    return {
        "room_id": room_id,
        "sender": sender,
        "type": kind,
        "content": content,
        "txn_id": txn_id,
    }


def _asked(path: str, secret: str, body: dict[str, Any]) -> Asked:
    return Asked(path, f"Bearer {secret}", "application/json", body)


# --- configuration --------------------------------------------------------------------------


def test_one_school_config_is_read_with_its_defaults(tmp_path: Path) -> None:
    secret_file = tmp_path / "guard-secret"
    secret_file.write_text(SECRET + "\n")
    config = ConductbotGuard.parse_config(
        {
            "bot_url": "http://127.0.0.1:8787/",
            "secret_path": str(secret_file),
            "allowed_creators": [BOT, TEACHER],
        }
    )
    assert config.schools == (SchoolEndpoint(None, "http://127.0.0.1:8787", SECRET),)
    assert config.allowed_creators == {BOT, TEACHER}
    assert config.timeout == 0.3
    assert config.fail_open == {"judging": True, "media": True}
    assert config.direct_chat_with == frozenset()
    assert not config.trust


def test_a_trust_config_names_each_school_bot() -> None:
    config = ConductbotGuard.parse_config(
        _trust("http://127.0.0.1:1", "http://127.0.0.1:2", fail_open={"media": False})
    )
    assert config.schools == (
        SchoolEndpoint(OAK, "http://127.0.0.1:1", OAK_SECRET),
        SchoolEndpoint(ELM, "http://127.0.0.1:2", ELM_SECRET),
    )
    assert config.trust
    assert config.timeout == PATIENT_MS / 1000
    assert config.fail_open == {"judging": True, "media": False}
    assert config.direct_chat_with == {OAK, ELM}


ONE = _school("http://127.0.0.1:1")
TRUST = _trust("http://127.0.0.1:1", "http://127.0.0.1:2")
SCHOOL_URL = "expected the bot's local guard URL, e.g. http://127.0.0.1:8787"
USER_IDS = "expected a list of Matrix user ids such as @s.reid:school"
FAIL_OPEN = "expected {judging: true|false, media: true|false}"
SECRET_LENGTH = "expected a shared secret of at least 16 characters"
TIMEOUT = "expected milliseconds between 1 and 10000"


@pytest.mark.parametrize(
    ("config", "message", "path"),
    [
        (ONE | {"secret": "short"}, SECRET_LENGTH, ("secret",)),
        ({k: v for k, v in ONE.items() if k != "secret"}, SECRET_LENGTH, ("secret",)),
        (ONE | {"bot_url": "127.0.0.1:8787"}, SCHOOL_URL, ("bot_url",)),
        (ONE | {"bot_url": "https://bot.example"}, SCHOOL_URL, ("bot_url",)),
        (ONE | {"allowed_creators": ["s.reid"]}, USER_IDS, ("allowed_creators",)),
        (ONE | {"allowed_creators": None}, USER_IDS, ("allowed_creators",)),
        (ONE | {"direct_chat_with": "@conductbot:school.test"}, USER_IDS, ("direct_chat_with",)),
        (ONE | {"timeout_ms": 0}, TIMEOUT, ("timeout_ms",)),
        (ONE | {"timeout_ms": 10_001}, TIMEOUT, ("timeout_ms",)),
        (ONE | {"timeout_ms": "300"}, TIMEOUT, ("timeout_ms",)),
        (ONE | {"fail_open": {"judging": "yes"}}, FAIL_OPEN, ("fail_open",)),
        (ONE | {"fail_open": {"replies": True}}, FAIL_OPEN, ("fail_open",)),
        (TRUST | {"schools": []}, "expected a list of {bot, bot_url, secret}", ("schools",)),
        (
            TRUST | {"bot_url": "http://127.0.0.1:3"},
            "give each school's bot_url and secret under schools:, not at the top",
            ("schools",),
        ),
        (
            TRUST | {"schools": [TRUST["schools"][0]] * 2},
            "a bot is listed for more than one school",
            ("schools",),
        ),
        (
            TRUST | {"schools": [TRUST["schools"][0], "elm"]},
            "expected {bot, bot_url, secret or secret_path}",
            ("schools", "1"),
        ),
        (
            TRUST | {"schools": [TRUST["schools"][0] | {"bot": "conductbot-oak"}]},
            "expected the school bot's Matrix user id",
            ("schools", "0", "bot"),
        ),
        (
            TRUST | {"schools": [TRUST["schools"][0] | {"secret": "short"}]},
            SECRET_LENGTH,
            ("schools", "0", "secret"),
        ),
    ],
)
def test_a_config_mistake_is_one_line_naming_its_place(
    config: dict[str, Any], message: str, path: tuple[str, ...]
) -> None:
    with pytest.raises(ConfigError) as raised:
        ConductbotGuard.parse_config(config)
    assert (raised.value.msg, raised.value.path) == (message, path)
    assert "\n" not in raised.value.msg


def test_an_unreadable_secret_file_is_a_config_error(tmp_path: Path) -> None:
    config = {k: v for k, v in ONE.items() if k != "secret"}
    missing = tmp_path / "nowhere"
    with pytest.raises(ConfigError) as raised:
        ConductbotGuard.parse_config(config | {"secret_path": str(missing)})
    assert raised.value.path == ("secret_path",)
    assert raised.value.msg.startswith("cannot read the secret: [Errno 2]")
    assert str(missing) in raised.value.msg and "\n" not in raised.value.msg


# A value that is not what it seems is an error, not a quiet default.


@pytest.mark.parametrize("fail_open", [False, True, "closed"])
def test_fail_open_that_is_not_a_mapping_is_a_config_error(fail_open: Any) -> None:
    with pytest.raises(ConfigError) as raised:
        ConductbotGuard.parse_config(ONE | {"fail_open": fail_open})
    assert (raised.value.msg, raised.value.path) == (FAIL_OPEN, ("fail_open",))


def test_a_timeout_of_true_is_a_config_error() -> None:
    with pytest.raises(ConfigError) as raised:
        ConductbotGuard.parse_config(ONE | {"timeout_ms": True})
    assert (raised.value.msg, raised.value.path) == (TIMEOUT, ("timeout_ms",))


async def test_the_module_registers_its_six_spam_checker_callbacks_and_one_rule(
    make_guard: Callable[..., Guard],
) -> None:
    made = make_guard(ONE)
    assert set(made.callbacks) == CALLBACKS | RULES_CALLBACKS
    spam = {name: made.callbacks[name] for name in CALLBACKS}
    rules = {name: made.callbacks[name] for name in RULES_CALLBACKS}
    assert made.api.method_calls == [
        ("register_spam_checker_callbacks", (), spam),
        ("register_third_party_rules_callbacks", (), rules),
    ]  # and asks Synapse nothing else while it loads


# --- room rules: no bot needed ----------------------------------------------------------------


async def test_staff_and_the_bot_create_rooms_invite_and_open_rooms_without_asking(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    bot = await start_bot()
    made = make_guard(_school(bot.url))
    for user in (BOT, TEACHER):
        assert (
            await made.create_room(user, {"preset": "public_chat", "invite": [PARENT]})
            == "NOT_SPAM"
        )
        assert await made.invite(user, PARENT) == "NOT_SPAM"
        assert (
            await made.call("user_may_send_3pid_invite", user, "email", "a@b.c", "!r:s")
            == "NOT_SPAM"
        )
        state = ("m.room.join_rules", "", {"join_rule": "public"})
        assert await made.call("user_may_send_state_event", user, "!r:s", *state) == "NOT_SPAM"
    assert bot.asked == []


async def test_a_family_cannot_create_rooms_or_invite(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    bot = await start_bot()
    made = make_guard(_school(bot.url))
    assert await made.create_room(PARENT, {"name": "parents only"}) == _refusal(NO_ROOMS)
    assert await made.create_room(PARENT, {}) == _refusal(NO_ROOMS)
    assert await made.invite(PARENT, OTHER) == _refusal(NO_ROOMS)
    third_party = await made.call("user_may_send_3pid_invite", PARENT, "email", "a@b.c", "!r:s")
    assert third_party == _refusal(NO_ROOMS)
    assert bot.asked == []


@pytest.mark.parametrize(
    ("event_type", "content"),
    [
        ("m.room.join_rules", {"join_rule": "public"}),
        ("m.room.join_rules", {"join_rule": "invite"}),  # any change of who may join
        ("m.room.guest_access", {"guest_access": "can_join"}),
        ("m.room.history_visibility", {"history_visibility": "world_readable"}),
    ],
)
async def test_a_family_cannot_open_their_room(
    make_guard: Callable[..., Guard], event_type: str, content: dict[str, Any]
) -> None:
    made = make_guard(ONE)
    answer = await made.call("user_may_send_state_event", PARENT, "!dm:s", event_type, "", content)
    assert answer == Codes.FORBIDDEN


@pytest.mark.parametrize(
    ("event_type", "content"),
    [
        ("m.room.history_visibility", {"history_visibility": "shared"}),
        ("m.room.name", {"name": "Our chat"}),
        ("m.room.member", {"membership": "join", "displayname": "Mum"}),
    ],
)
async def test_a_family_may_change_what_does_not_open_their_room(
    make_guard: Callable[..., Guard], event_type: str, content: dict[str, Any]
) -> None:
    made = make_guard(ONE)
    answer = await made.call("user_may_send_state_event", PARENT, "!dm:s", event_type, "", content)
    assert answer == "NOT_SPAM"


DIRECT = {"is_direct": True, "invite": [BOT], "preset": "trusted_private_chat"}


async def test_a_family_may_open_a_private_chat_with_the_bot_and_invite_it(
    make_guard: Callable[..., Guard],
) -> None:
    made = make_guard(ONE)
    assert await made.create_room(PARENT, DIRECT) == "NOT_SPAM"
    assert await made.create_room(PARENT, {"is_direct": True, "invite": [BOT]}) == "NOT_SPAM"
    assert await made.invite(PARENT, BOT, "!dm:s") == "NOT_SPAM"


@pytest.mark.parametrize(
    "change",
    [
        {"is_direct": False},
        {"invite": [BOT, OTHER]},
        {"invite": [OTHER]},
        {"invite": []},
        {"invite_3pid": [{"medium": "email", "address": "a@b.c"}]},
        {"room_alias_name": "our-chat"},
        {"visibility": "public"},
        {"preset": "public_chat"},
        {"initial_state": [{"type": "m.room.join_rules", "content": {"join_rule": "public"}}]},
        {
            "initial_state": [
                {"type": "m.room.guest_access", "content": {"guest_access": "can_join"}}
            ]
        },
        {
            "initial_state": [
                {
                    "type": "m.room.history_visibility",
                    "content": {"history_visibility": "world_readable"},
                }
            ]
        },
    ],
)
async def test_a_chat_with_the_bot_that_is_more_than_private_is_refused(
    make_guard: Callable[..., Guard], change: dict[str, Any]
) -> None:
    made = make_guard(ONE)
    assert await made.create_room(PARENT, DIRECT | change) == _refusal(NO_ROOMS)


async def test_without_direct_chat_with_a_family_may_not_open_one(
    make_guard: Callable[..., Guard],
) -> None:
    made = make_guard({k: v for k, v in ONE.items() if k != "direct_chat_with"})
    assert await made.create_room(PARENT, DIRECT) == _refusal(NO_ROOMS)
    assert await made.invite(PARENT, BOT) == _refusal(NO_ROOMS)


# --- content rules: the bot is asked ----------------------------------------------------------


async def test_a_family_reply_is_asked_about_and_let_through_when_allowed(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    bot = await start_bot()
    made = make_guard(_school(bot.url + "/"))  # a trailing slash is not doubled
    content = _reply("What a lovely trip, thank you Miss Reid!")
    event = _event("m.room.message", PARENT, "!story:s", content, txn_id="m1764.7")
    assert await made.event(event) == "NOT_SPAM"
    body = _check("!story:s", PARENT, "m.room.message", content, "m1764.7")
    assert bot.asked == [_asked("/v1/check-event", SECRET, body)]


async def test_a_family_reply_the_bot_refuses_is_refused_with_its_reason(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    bot = await start_bot()
    bot.answer = {"allow": False, "reason": "Your reply was not posted."}
    made = make_guard(_school(bot.url))
    content = _reply("This is rubbish, worst class ever.")
    event = _event("m.room.message", PARENT, "!story:s", content)
    assert await made.event(event) == _refusal("Your reply was not posted.")
    body = _check("!story:s", PARENT, "m.room.message", content, None)  # no transaction id
    assert bot.asked == [_asked("/v1/check-event", SECRET, body)]


@pytest.mark.parametrize("reason", [None, "", 7])
async def test_a_refusal_without_a_reason_says_the_code_of_conduct(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]], reason: Any
) -> None:
    bot = await start_bot()
    bot.answer = {"allow": False, "reason": reason}
    made = make_guard(_school(bot.url))
    event = _event("m.room.message", PARENT, "!story:s", _reply("Awful."))
    assert await made.event(event) == _refusal(REFUSED)
    assert len(bot.asked) == 1


@pytest.mark.parametrize(
    ("kind", "content"),
    [
        pytest.param("m.room.message", _photo("mxc://school.test/abc"), id="media"),
        pytest.param(
            "m.room.message",
            {"msgtype": "m.text", "body": "see mxc://school.test/abc"},
            id="a pasted mxc URI",
        ),
        pytest.param(
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "* better",
                "m.new_content": {"msgtype": "m.text", "body": "better"},
                "m.relates_to": {"rel_type": "m.replace", "event_id": "$mine"},
            },
            id="an edit",
        ),
        pytest.param(
            "m.room.message",
            {
                "msgtype": "m.text",
                "body": "yes",
                "m.relates_to": {"rel_type": "m.thread", "event_id": "$post"},
            },
            id="a thread reply",
        ),
        pytest.param(
            "m.reaction",
            {"m.relates_to": {"rel_type": "m.annotation", "event_id": "$post", "key": "👎"}},
            id="a reaction",
        ),
        pytest.param(
            "m.sticker", {"body": "cat", "url": "mxc://school.test/cat", "info": {}}, id="sticker"
        ),
    ],
)
async def test_what_a_family_sends_that_needs_a_check_is_asked_about(
    make_guard: Callable[..., Guard],
    start_bot: Callable[[], Awaitable[FakeBot]],
    kind: str,
    content: dict[str, Any],
) -> None:
    bot = await start_bot()
    bot.answer = {"allow": False, "reason": "no"}
    made = make_guard(_school(bot.url))
    answer = await made.event(_event(kind, PARENT, "!story:s", content, txn_id="t1"))
    assert answer == _refusal("no")
    assert bot.asked == [
        _asked("/v1/check-event", SECRET, _check("!story:s", PARENT, kind, content, "t1"))
    ]


@pytest.mark.parametrize(
    ("sender", "kind", "content"),
    [
        pytest.param(
            PARENT,
            "m.room.message",
            {"msgtype": "m.text", "body": "Hello Miss Reid"},
            id="a family's top-level text",
        ),
        pytest.param(
            PARENT,
            "m.room.message",
            {"msgtype": "m.text", "body": "x", "m.relates_to": {}},
            id="an empty relation",
        ),
        pytest.param(PARENT, "m.room.member", {"membership": "join"}, id="a family's join"),
        pytest.param(TEACHER, "m.room.message", _reply("Thank you all!"), id="staff reply"),
        pytest.param(
            TEACHER, "m.room.message", _photo("mxc://school.test/abc"), id="staff post media"
        ),
        pytest.param(
            BOT,
            "m.reaction",
            {"m.relates_to": {"rel_type": "m.annotation", "event_id": "$p", "key": "👍"}},
            id="the bot reacts",
        ),
    ],
)
async def test_what_needs_no_check_is_let_through_without_asking(
    make_guard: Callable[..., Guard],
    start_bot: Callable[[], Awaitable[FakeBot]],
    sender: str,
    kind: str,
    content: dict[str, Any],
) -> None:
    bot = await start_bot()
    bot.answer = {"allow": False, "reason": "no"}  # would refuse, if asked
    made = make_guard(_school(bot.url))
    assert await made.event(_event(kind, sender, "!story:s", content)) == "NOT_SPAM"
    assert bot.asked == []


# --- when the bot does not answer -------------------------------------------------------------


async def test_a_silent_bot_is_not_waited_for_judging_fails_open_and_room_rules_hold(
    make_guard: Callable[..., Guard],
    start_bot: Callable[[], Awaitable[FakeBot]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = await start_bot()
    bot.answer = SILENT
    made = make_guard(_school(bot.url, timeout_ms=IMPATIENT_MS))
    caplog.set_level(logging.WARNING, guard.__name__)
    event = _event("m.room.message", PARENT, "!story:s", _reply("Awful."))
    assert await made.event(event) == "NOT_SPAM"  # fail_open.judging: the bot removes it later
    assert await made.event(event) == "NOT_SPAM"
    assert await made.create_room(PARENT, {}) == _refusal(NO_ROOMS)
    assert await made.invite(PARENT, OTHER) == _refusal(NO_ROOMS)
    assert [r.getMessage() for r in caplog.records] == [
        "guard: conductbot is not answering (no answer within 100 ms on /v1/check-event); "
        "fail_open={'judging': True, 'media': True}"
    ]  # once, not on every event


async def test_a_silent_bot_with_media_fail_closed_refuses_media_not_replies(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    bot = await start_bot()
    bot.answer = SILENT
    made = make_guard(_school(bot.url, timeout_ms=IMPATIENT_MS, fail_open={"media": False}))
    reply = _event("m.room.message", PARENT, "!story:s", _reply("Awful."))
    photo = _event("m.room.message", PARENT, "!dm:s", _photo("mxc://school.test/abc"))
    both = _event("m.room.message", PARENT, "!story:s", _reply("mxc://school.test/abc"))
    assert await made.event(reply) == "NOT_SPAM"
    assert await made.event(photo) == _refusal(UNAVAILABLE)
    assert await made.event(both) == _refusal(UNAVAILABLE)  # media's rule, though judging is open


async def test_a_silent_bot_with_judging_fail_closed_refuses_replies(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    bot = await start_bot()
    bot.answer = SILENT
    made = make_guard(_school(bot.url, timeout_ms=IMPATIENT_MS, fail_open={"judging": False}))
    reply = _event("m.room.message", PARENT, "!story:s", _reply("Lovely."))
    photo = _event("m.room.message", PARENT, "!dm:s", _photo("mxc://school.test/abc"))
    assert await made.event(reply) == _refusal(UNAVAILABLE)
    assert await made.event(photo) == "NOT_SPAM"


async def test_a_stopped_bot_is_noticed_at_once(
    make_guard: Callable[..., Guard], stopped_bot_url: str, caplog: pytest.LogCaptureFixture
) -> None:
    made = make_guard(_school(stopped_bot_url, fail_open={"media": False}))
    caplog.set_level(logging.WARNING, guard.__name__)
    reply = _event("m.room.message", PARENT, "!story:s", _reply("Awful."))
    photo = _event("m.room.message", PARENT, "!dm:s", _photo("mxc://school.test/abc"))
    assert await made.event(reply) == "NOT_SPAM"
    assert await made.event(photo) == _refusal(UNAVAILABLE)
    (stopped,) = [r.getMessage() for r in caplog.records]
    # The connection was refused: not a wait of PATIENT_MS for a bot that is running.
    assert stopped.startswith("guard: conductbot is not answering (ConnectionRefusedError(")
    assert stopped.endswith("on /v1/check-event); fail_open={'judging': True, 'media': False}")


async def test_a_bot_that_stops_and_starts_answering_is_logged_once_each_way(
    make_guard: Callable[..., Guard],
    start_bot: Callable[[], Awaitable[FakeBot]],
    caplog: pytest.LogCaptureFixture,
) -> None:
    bot = await start_bot()
    made = make_guard(_school(bot.url))
    caplog.set_level(logging.WARNING, guard.__name__)
    reply = _event("m.room.message", PARENT, "!story:s", _reply("Lovely."))
    assert await made.event(reply) == "NOT_SPAM"
    bot.answer = 500
    assert await made.event(reply) == "NOT_SPAM"
    assert await made.event(reply) == "NOT_SPAM"
    bot.answer = OK
    assert await made.event(reply) == "NOT_SPAM"
    assert await made.event(reply) == "NOT_SPAM"
    assert len(bot.asked) == 5
    assert [r.getMessage() for r in caplog.records] == [
        "guard: conductbot is not answering (ValueError('HTTP 500') on /v1/check-event); "
        "fail_open={'judging': True, 'media': True}",
        "guard: conductbot is answering again",
    ]


@pytest.mark.parametrize(
    "answer", [500, 401, {"allow": "no"}, {"reason": "no"}, ["allow"], {"allow": None}]
)
async def test_an_answer_that_is_not_one_counts_as_none(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]], answer: Any
) -> None:
    bot = await start_bot()
    bot.answer = answer
    made = make_guard(_school(bot.url, fail_open={"media": False}))
    assert await made.event(_event("m.room.message", PARENT, "!s:s", _reply("Hi"))) == "NOT_SPAM"
    photo = _event("m.room.message", PARENT, "!s:s", _photo("mxc://school.test/abc"))
    assert await made.event(photo) == _refusal(UNAVAILABLE)
    assert len(bot.asked) == 2


# --- a trust: the school whose bot made the room -----------------------------------------------


async def test_in_a_trust_an_event_is_asked_of_the_school_whose_bot_made_the_room(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    oak, elm = await start_bot(), await start_bot()
    elm.answer = {"allow": False, "reason": "elm says no"}
    made = make_guard(_trust(oak.url, elm.url), creators={"!oak:t": OAK, "!elm:t": ELM})
    content = _reply("Lovely!")
    oak_reply = _event("m.room.message", PARENT, "!oak:t", content, txn_id="a")
    elm_reply = _event("m.room.message", PARENT, "!elm:t", content, txn_id="b")
    assert await made.event(oak_reply) == "NOT_SPAM"
    assert await made.event(elm_reply) == _refusal("elm says no")
    assert await made.event(oak_reply) == "NOT_SPAM"
    asked_oak = _asked(
        "/v1/check-event", OAK_SECRET, _check("!oak:t", PARENT, "m.room.message", content, "a")
    )
    assert oak.asked == [asked_oak, asked_oak]
    assert elm.asked == [
        _asked(
            "/v1/check-event", ELM_SECRET, _check("!elm:t", PARENT, "m.room.message", content, "b")
        )
    ]
    # Who made a room is read once per room, through the module API.
    assert [c.args for c in made.api.get_room_state.await_args_list] == [
        ("!oak:t", [("m.room.create", "")]),
        ("!elm:t", [("m.room.create", "")]),
    ]


async def test_in_a_trust_a_room_no_bot_made_asks_nobody_about_replies_and_everybody_about_media(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    oak, elm = await start_bot(), await start_bot()
    made = make_guard(_trust(oak.url, elm.url), creators={"!staff:t": TEACHER, "!dm:t": PARENT})
    assert (
        await made.event(_event("m.room.message", PARENT, "!staff:t", _reply("Hi"))) == "NOT_SPAM"
    )
    assert (
        await made.event(_event("m.reaction", PARENT, "!dm:t", {"m.relates_to": {}})) == "NOT_SPAM"
    )
    assert oak.asked == elm.asked == []
    photo = _photo("mxc://trust.test/abc")
    assert await made.event(_event("m.room.message", PARENT, "!dm:t", photo)) == "NOT_SPAM"
    body = _check("!dm:t", PARENT, "m.room.message", photo, None)
    assert oak.asked == [_asked("/v1/check-event", OAK_SECRET, body)]
    assert elm.asked == [_asked("/v1/check-event", ELM_SECRET, body)]
    elm.answer = {"allow": False, "reason": "Class photos stay in their class story."}
    refused = await made.event(_event("m.room.message", PARENT, "!dm:t", photo))
    assert refused == _refusal("Class photos stay in their class story.")  # any school refusing


async def test_in_a_trust_media_with_one_school_silent_follows_fail_open_media(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    oak, elm = await start_bot(), await start_bot()
    elm.answer = SILENT
    config = _trust(oak.url, elm.url, timeout_ms=IMPATIENT_MS, fail_open={"media": False})
    made = make_guard(config, creators={"!dm:t": PARENT})
    photo = _event("m.room.message", PARENT, "!dm:t", _photo("mxc://trust.test/abc"))
    assert await made.event(photo) == _refusal(UNAVAILABLE)


async def test_in_a_trust_a_room_whose_maker_cannot_be_read_asks_every_school_and_reads_again(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]]
) -> None:
    oak, elm = await start_bot(), await start_bot()
    made = make_guard(_trust(oak.url, elm.url), creators={})
    reply = _event("m.room.message", PARENT, "!gone:t", _reply("Hi"))
    assert await made.event(reply) == "NOT_SPAM"
    assert await made.event(reply) == "NOT_SPAM"
    assert (len(oak.asked), len(elm.asked)) == (2, 2)
    assert made.api.get_room_state.await_count == 2  # nothing kept about the room


# --- uploads: every school is told ------------------------------------------------------------


PNG = b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 300  # more than one 64 KiB chunk


async def test_an_upload_is_told_to_the_bot_by_its_hash_and_let_through(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]], tmp_path: Path
) -> None:
    bot = await start_bot()
    made = make_guard(_school(bot.url))
    path = tmp_path / "upload"
    path.write_bytes(PNG)
    assert await made.upload(path, FileInfo(None, "AbCdEf")) == "NOT_SPAM"
    body = {"sha256": hashlib.sha256(PNG).hexdigest(), "mxc": f"mxc://{SERVER}/AbCdEf"}
    assert bot.asked == [_asked("/v1/upload", SECRET, body)]
    made.api.defer_to_thread.assert_awaited_once_with(guard._sha256, str(path))  # off the reactor


async def test_in_a_trust_an_upload_is_told_to_every_school(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]], tmp_path: Path
) -> None:
    oak, elm = await start_bot(), await start_bot()
    made = make_guard(_trust(oak.url, elm.url))
    path = tmp_path / "upload"
    path.write_bytes(PNG)
    assert await made.upload(path, FileInfo(None, "xyz")) == "NOT_SPAM"
    body = {"sha256": hashlib.sha256(PNG).hexdigest(), "mxc": f"mxc://{SERVER}/xyz"}
    assert oak.asked == [_asked("/v1/upload", OAK_SECRET, body)]
    assert elm.asked == [_asked("/v1/upload", ELM_SECRET, body)]
    made.api.get_room_state.assert_not_awaited()
    elm.answer = {"allow": False, "reason": None}
    assert await made.upload(path, FileInfo(None, "xyz")) == _refusal(REFUSED)


async def test_an_upload_with_the_bot_silent_follows_fail_open_media(
    make_guard: Callable[..., Guard], start_bot: Callable[[], Awaitable[FakeBot]], tmp_path: Path
) -> None:
    bot = await start_bot()
    bot.answer = SILENT
    path = tmp_path / "upload"
    path.write_bytes(PNG)
    fail_closed = make_guard(_school(bot.url, timeout_ms=IMPATIENT_MS, fail_open={"media": False}))
    assert await fail_closed.upload(path, FileInfo(None, "a")) == _refusal(UNAVAILABLE)
    fail_open = make_guard(_school(bot.url, timeout_ms=IMPATIENT_MS))
    assert await fail_open.upload(path, FileInfo(None, "b")) == "NOT_SPAM"


@pytest.mark.parametrize(
    "info",
    [
        pytest.param(
            FileInfo(None, "a", thumbnail=ThumbnailInfo(32, 32, "scale", "image/png", 100)),
            id="thumbnail",
        ),
        pytest.param(FileInfo(None, "a", url_cache=True), id="URL preview"),
        pytest.param(FileInfo("elsewhere.example", "a"), id="remote media"),
    ],
)
async def test_thumbnails_previews_and_remote_media_are_not_told(
    make_guard: Callable[..., Guard],
    start_bot: Callable[[], Awaitable[FakeBot]],
    tmp_path: Path,
    info: FileInfo,
) -> None:
    bot = await start_bot()
    made = make_guard(_school(bot.url))
    path = tmp_path / "upload"
    path.write_bytes(PNG)
    assert await made.upload(path, info) == "NOT_SPAM"
    assert bot.asked == []
    made.api.defer_to_thread.assert_not_awaited()
