"""The bot's side of the Synapse guard: a small local HTTP endpoint the module asks.

`POST /v1/check-event` answers whether an event may be delivered: protected class media
may not leave the room it was posted in (staff and the bot excepted), and a family's
story reply the judge's word rules surely remove is refused (`judge_quickly`). A refusal
counts as a removal after delivery would: the same handlers decide what follows (the
person told why in their home room, SLT's incident with the evidence, the strike policy),
and the app's executor performs it once Synapse has its answer.
A member event carrying an avatar (the module asks about those too) is refused when it is a
pupil's and not one of the built-in pictures (`pupil_avatar_refusal`): the pupil is told
kindly, SLT see it, their picture is set back; never a strike.
`POST /v1/upload` is told each upload's bytes and never refuses one (Synapse does not say
who uploads): a copy of protected class media is protected like the original, so the event
that posts it, which names its sender, is judged as a forward would be.
Everything else is allowed: the bot still enforces the rest after delivery, as it does
without the module.

Requests carry `Authorization: Bearer <secret>`; the answer is `{"allow": bool, "reason":
str|null}`. Logs name the rule, room and sender, never the message.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import os
import re
from collections.abc import Awaitable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aiohttp import ClientError, ClientSession, ClientTimeout, web

from bot.actions import Action, Executor, RecordIncident
from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import Config
from bot.judge import JudgeContext, judge_quickly
from bot.judge import load as load_judge
from bot.monitoring import Metrics
from handlers import Context, Event, relation
from handlers.discipline import rule_text
from handlers.media import reshare_actions, upload_actions
from handlers.pupil_area import pupil_avatar_refusal
from handlers.story import (
    MEDIA,
    hostile_reaction,
    judge_context,
    reaction_actions,
    replied_to,
    reply_actions,
    visible_text,
)
from storage.media import Fingerprint
from storage.rooms import Room, RoomKind
from storage.store import Store

log = logging.getLogger(__name__)

DEFAULT_PORT = 8787
#: How long `stop` waits for refusals' actions still being performed.
STOP_WAIT = 10.0
MEDIA_REASON = "Class photos stay in their class story (school code of conduct)."
MXC = re.compile(r"mxc://[A-Za-z0-9.:\-\[\]]+/[A-Za-z0-9_\-]+")
ENV_SECRET, ENV_SECRET_FILE, ENV_PORT = (
    "CONDUCTBOT_GUARD_SECRET",
    "CONDUCTBOT_GUARD_SECRET_FILE",
    "CONDUCTBOT_GUARD_PORT",
)


@dataclass(frozen=True)
class SchoolGuard:
    """One school of a trust, as the guard module asks it: its bot and guard endpoint."""

    bot: str  # the school bot's user id: the rooms it created are this school's
    bot_url: str
    secret: str


def module_config(
    bot_url: str | None,
    secret: str | None,
    allowed_creators: list[str],
    *,
    schools: Sequence[SchoolGuard] = (),
    direct_chat_with: list[str] | None = None,
    timeout_ms: int = 300,
    judging_fail_open: bool = True,
    media_fail_open: bool = True,
) -> dict[str, Any]:
    """The `config:` of `synapse_module.ConductbotGuard` in homeserver.yaml: one school's
    `bot_url` and `secret`, or (both None) a trust's `schools`, each asked about its own
    bot's rooms. `allowed_creators` and `direct_chat_with` cover every school."""
    if (bot_url is None) != bool(schools) or (bot_url is None) != (secret is None):
        raise ValueError("give one school's bot_url and secret, or schools, not both")
    where: dict[str, Any] = (
        {"schools": [{"bot": s.bot, "bot_url": s.bot_url, "secret": s.secret} for s in schools]}
        if schools
        else {"bot_url": bot_url, "secret": secret}
    )
    return where | {
        "allowed_creators": sorted(allowed_creators),
        "direct_chat_with": sorted(direct_chat_with or []),
        "timeout_ms": timeout_ms,
        "fail_open": {"judging": judging_fail_open, "media": media_fail_open},
    }


def mxc_uris(value: Any) -> Iterator[str]:
    """Every mxc URI anywhere in an event's content: url, file.url, info.thumbnail_url,
    m.new_content, and pasted into the text (a known URI is enough to download media)."""
    if isinstance(value, str):
        yield from MXC.findall(value)
    elif isinstance(value, Mapping):
        for item in value.values():
            yield from mxc_uris(item)
    elif isinstance(value, list):
        for item in value:
            yield from mxc_uris(item)


def refused_id(
    room_id: str, sender: str, event_type: str, content: dict[str, Any], txn_id: str | None
) -> str:
    """The id a refused event is known by (it never gets one of its own). A client's retry
    of the same send (its transaction id and content) gets the same id, so it counts once:
    one incident, one strike, one notice."""
    seed = json.dumps([room_id, sender, event_type, content, txn_id], sort_keys=True)
    return "refused:" + hashlib.sha256(seed.encode()).hexdigest()[:32]


@dataclass(frozen=True)
class Refusal:
    reason: str  # what the sender's client shows
    event_id: str  # `refused_id`: the cause the executor performs `plan` under
    plan: list[Action]  # as for the same message removed after delivery

    @property
    def rule(self) -> str:
        return _rule(self.plan)


def _rule(plan: list[Action]) -> str:
    """The rule of the incident a plan records."""
    return next(a.incident.rule for a in plan if isinstance(a, RecordIncident))


def judged_text(content: dict[str, Any]) -> str | None:
    """The words of a reply or an edit, as the story handler judges them; None otherwise.
    An edit without `m.new_content` is judged by its fallback body, which clients show."""
    relates = content.get("m.relates_to")
    if isinstance(relates, dict) and relates.get("rel_type") == "m.replace":
        new = content.get("m.new_content")
        content = new if isinstance(new, dict) else content
    elif replied_to(content) is None:
        return None  # top-level posts are the story handler's (removed with a reminder)
    if content.get("msgtype") in MEDIA or not content:
        return None  # families' media is removed by the story handler after delivery
    return visible_text(content)


class GuardApi:
    def __init__(
        self,
        store: Store,
        config: Config,
        bot_user_id: str,
        secret: str,
        *,
        clock: Clock | None = None,
        port: int = DEFAULT_PORT,
    ) -> None:
        if len(secret) < 16:
            raise ValueError("the guard secret must be at least 16 characters")
        self.store = store
        self.config = config
        self.bot_user_id = bot_user_id
        self.clock = clock or Clock()
        self._expected = f"Bearer {secret}".encode()
        # What the handlers read to decide; the app's executor performs what they decide.
        self._ctx = Context(
            config=config,
            store=store.reader,
            clock=self.clock,
            bot_user_id=bot_user_id,
            demo=False,
            sender=None,
            calendar=SchoolCalendar(config),
        )
        self._runner: web.AppRunner | None = None
        self._executor: Executor | None = None
        self._acting: set[asyncio.Task[None]] = set()
        self._rooms: dict[str, Room] = {}
        self.metrics = Metrics()  # the app running it gives its own (bot/app.py)
        self.port = port  # after start(port=0), the one the system chose

    @classmethod
    def from_env(
        cls,
        store: Store,
        config: Config,
        bot_user_id: str,
        *,
        environ: Mapping[str, str] = os.environ,
        clock: Clock | None = None,
    ) -> GuardApi | None:
        """The endpoint when a secret is configured (`CONDUCTBOT_GUARD_SECRET` or `..._FILE`,
        port `CONDUCTBOT_GUARD_PORT`, default 8787); None when it is not."""
        secret = environ.get(ENV_SECRET)
        if not secret and environ.get(ENV_SECRET_FILE):
            secret = Path(environ[ENV_SECRET_FILE]).read_text().strip()
        if not secret:
            return None
        port = int(environ.get(ENV_PORT) or DEFAULT_PORT)
        return cls(store, config, bot_user_id, secret, clock=clock, port=port)

    def app(self) -> web.Application:
        app = web.Application(middlewares=[self._authenticate])
        app.router.add_get("/healthz", self._healthz)
        app.router.add_post("/v1/check-event", self._check_event)
        app.router.add_post("/v1/upload", self._upload)
        return app

    async def start(
        self, executor: Executor, host: str = "127.0.0.1", port: int | None = None
    ) -> None:
        """Listen on loopback by default: only the homeserver on this machine asks. What
        follows a refusal is performed by `executor` (the app's). The judge is loaded first,
        so the first answer is not late."""
        self._executor = executor
        await asyncio.to_thread(load_judge)
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, self.port if port is None else port).start()
        self.port = int(self._runner.addresses[0][1])  # the real one when port is 0
        log.info("guard endpoint listening on %s:%s", host, self.port)

    async def answering(self) -> bool:
        """Whether the endpoint answers on its port, as the module would ask it."""
        try:
            async with (
                ClientSession(timeout=ClientTimeout(total=2)) as session,
                session.get(f"http://127.0.0.1:{self.port}/healthz") as response,
            ):
                return response.status == 200
        except (ClientError, TimeoutError):
            return False

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None
        if self._acting:
            await asyncio.wait(self._acting, timeout=STOP_WAIT)

    # --- HTTP -----------------------------------------------------------------------------

    @web.middleware
    async def _authenticate(self, request: web.Request, handler: Any) -> web.StreamResponse:
        if request.path != "/healthz":
            given = request.headers.get("Authorization", "").encode()
            if not hmac.compare_digest(given, self._expected):
                return web.json_response({"error": "unauthorised"}, status=401)
        return await handler(request)

    async def _healthz(self, request: web.Request) -> web.Response:
        return web.json_response({"ok": True})

    async def _check_event(self, request: web.Request) -> web.Response:
        body = await _json(request)
        fields = [body.get(k) for k in ("room_id", "sender", "type")]
        if not all(isinstance(f, str) for f in fields) or not isinstance(body.get("content"), dict):
            raise web.HTTPBadRequest(text="expected room_id, sender, type and content")
        room_id, sender, event_type = fields
        txn_id = body.get("txn_id") if isinstance(body.get("txn_id"), str) else None
        with self.metrics.guard_seconds.labels("check-event").time():
            refusal = await self.check_event(room_id, sender, event_type, body["content"], txn_id)
        late = request.transport is None or request.transport.is_closing()
        answer = "late" if late else "allow" if refusal is None else "refuse"
        self.metrics.guard_checks.labels("check-event", answer).inc()
        if refusal is None:
            return web.json_response({"allow": True, "reason": None})
        if late:
            # Synapse stopped waiting and applied fail_open. If that let the message through,
            # the bot removes it after delivery; counting it here too would count it twice.
            log.warning("guard: answered too late (room=%s sender=%s)", room_id, sender)
            return web.json_response({"allow": False, "reason": refusal.reason})
        log.info("guard refused: rule=%s room=%s sender=%s", refusal.rule, room_id, sender)
        # After the answer: the notices go through the Synapse that is waiting for it.
        task = asyncio.create_task(self._perform(refusal.plan, cause=refusal.event_id))
        self._acting.add(task)
        task.add_done_callback(self._acting.discard)
        return web.json_response({"allow": False, "reason": refusal.reason})

    async def _upload(self, request: web.Request) -> web.Response:
        body = await _json(request)
        digest, mxc = body.get("sha256"), body.get("mxc")
        if not isinstance(digest, str) or not isinstance(mxc, str):
            raise web.HTTPBadRequest(text="expected sha256 and mxc")
        with self.metrics.guard_seconds.labels("upload").time():
            plan = await self.check_upload(mxc, digest.lower())
        self.metrics.guard_checks.labels("upload", "allow").inc()
        if plan:  # before the answer: the event that posts the copy comes after it
            log.info("guard: an upload of protected class media as %s", mxc)
            await self._perform(plan, cause=f"upload:{mxc}")
        return web.json_response({"allow": True, "reason": None})

    async def _perform(self, plan: list[Action], *, cause: str) -> None:
        assert self._executor is not None, "start() sets the executor before anyone can ask"
        try:
            await self._executor.run(plan, cause=cause)
        except Exception:
            log.exception("guard: the actions for %s failed", cause)

    # --- decisions ------------------------------------------------------------------------

    async def check_event(
        self,
        room_id: str,
        sender: str,
        event_type: str,
        content: dict[str, Any],
        txn_id: str | None = None,
    ) -> Refusal | None:
        """Why the event must not be delivered and what follows, or None to let it through."""
        if event_type == "m.room.member":
            refused = await pupil_avatar_refusal(self._ctx, room_id, sender, content)
            return None if refused is None else Refusal(*refused)
        room = await self._room(room_id)
        story = room is not None and room.kind is RoomKind.STORY
        text = judged_text(content) if story and event_type == "m.room.message" else None
        event_id = refused_id(room_id, sender, event_type, content, txn_id)
        event: Event | None = None
        judging: Awaitable[JudgeContext | None]
        if text and room is not None:
            now = int(self.clock.now().timestamp() * 1000)
            event = Event(room, event_id, sender, event_type, content, now, None, {})
            judging = judge_context(self._ctx, event)
        else:
            judging = _nothing()
        # The lookups side by side: Synapse is holding the message meanwhile.
        person, leaked, context = await asyncio.gather(
            self.store.people.get(sender), self._protected_elsewhere(content, room_id), judging
        )
        if sender == self.bot_user_id or (person is not None and person.role.is_staff):
            return None  # staff and the bot are never judged (as `is_immune`)
        if leaked is not None:
            plan = await reshare_actions(
                self._ctx,
                room_id,
                event_id,
                sender,
                content,
                leaked,
                "the same file",
                refused=True,
            )
            return Refusal(MEDIA_REASON, event_id, plan)
        if story and room is not None and event_type == "m.reaction":
            return await self._reaction(room, event_id, sender, content)
        if not text or event is None or context is None:
            return None
        # the word rules' sure removals only: the learned tier's own (a few ms more) follow
        # delivery, by the bot, as every removal did before the guard existed
        with self.metrics.judge_seconds.time():
            verdict = await asyncio.to_thread(judge_quickly, text, context)
        plan = await reply_actions(event, self._ctx, text, verdict, refused=True)
        if not plan:
            return None  # kind; or urgent, or for a teacher to decide, after delivery
        reason = f"Your reply was not posted. {rule_text(_rule(plan), self._ctx)}"
        return Refusal(reason, event_id, plan)

    async def _reaction(
        self, room: Room, event_id: str, sender: str, content: dict[str, Any]
    ) -> Refusal | None:
        """A hostile reaction in a class story is never shown ("rubbish teacher", 🖕🏽)."""
        key = relation(content).get("key")
        now = int(self.clock.now().timestamp() * 1000)
        event = Event(room, event_id, sender, "m.reaction", content, now, None, {})
        hostile = isinstance(key, str) and await hostile_reaction(
            key, event, self._ctx, judge_quickly
        )
        if not hostile:
            return None
        plan = await reaction_actions(event, self._ctx, key, refused=True)
        return Refusal(
            f"Your reaction was not posted. {rule_text('reaction', self._ctx)}", event_id, plan
        )

    async def _protected_elsewhere(
        self, content: dict[str, Any], room_id: str
    ) -> Fingerprint | None:
        """The first protected media in `content` that belongs to another room."""
        for mxc in set(mxc_uris(content)):
            protected = await self.store.media.by_mxc(mxc)
            if protected is not None and protected.room_id != room_id:
                return protected
        return None

    async def check_upload(self, mxc: str, sha256: str) -> list[Action]:
        """Never a refusal: what protects an upload of class media's bytes."""
        return await upload_actions(self._ctx, mxc, sha256)

    async def _room(self, room_id: str) -> Room | None:
        """Rooms never change kind or class, so known ones are kept (one query less)."""
        room = self._rooms.get(room_id)
        if room is None and (room := await self.store.rooms.get(room_id)) is not None:
            self._rooms[room_id] = room
        return room


async def _nothing() -> None:
    return None


async def _json(request: web.Request) -> dict[str, Any]:
    try:
        body = await request.json()
    except ValueError:
        raise web.HTTPBadRequest(text="expected a JSON object") from None
    if not isinstance(body, dict):
        raise web.HTTPBadRequest(text="expected a JSON object")
    return body
