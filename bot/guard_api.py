"""The bot's side of the Synapse guard: a small local HTTP endpoint the module asks.

`POST /v1/check-event` answers whether an event may be delivered: protected class media
may not leave the room it was posted in (staff and the bot excepted), and a family's
story reply the judge's word rules surely remove is refused (`judge_quickly`).
`POST /v1/check-media` answers whether an upload's bytes are protected class media.
Everything else is allowed: the bot still enforces the rest after delivery, as it does
without the module.

Requests carry `Authorization: Bearer <secret>`; the answer is `{"allow": bool, "reason":
str|null}`. Refusals are audited (rule, room, sender), never with the message body.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import os
import re
import uuid
from collections.abc import Awaitable, Iterator, Mapping
from pathlib import Path
from typing import Any

from aiohttp import web

from bot.calendar import SchoolCalendar
from bot.clock import Clock
from bot.config import Config
from bot.judge import JudgeContext, Label, Outcome, judge_quickly
from bot.judge import load as load_judge
from handlers import Context, Event
from handlers.discipline import rule_text
from handlers.onboarding import codes_in
from handlers.story import MEDIA, STORY_REPLY_LIMIT, judge_context, replied_to, visible_text
from storage.audit import AuditRow
from storage.rooms import Room, RoomKind
from storage.store import Store

log = logging.getLogger(__name__)

DEFAULT_PORT = 8787
MEDIA_REASON = "Class photos stay in their class story (school code of conduct)."
MXC = re.compile(r"mxc://[A-Za-z0-9.:\-\[\]]+/[A-Za-z0-9_\-]+")
ENV_SECRET, ENV_SECRET_FILE, ENV_PORT = (
    "CONDUCTBOT_GUARD_SECRET",
    "CONDUCTBOT_GUARD_SECRET_FILE",
    "CONDUCTBOT_GUARD_PORT",
)


def module_config(
    bot_url: str,
    secret: str,
    allowed_creators: list[str],
    *,
    direct_chat_with: list[str] | None = None,
    timeout_ms: int = 300,
    judging_fail_open: bool = True,
    media_fail_open: bool = True,
) -> dict[str, Any]:
    """The `config:` of `synapse_module.ConductbotGuard` in homeserver.yaml."""
    return {
        "bot_url": bot_url,
        "secret": secret,
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


def judged_text(content: dict[str, Any]) -> str | None:
    """The words of a reply or an edit, as the story handler judges them; None otherwise."""
    relation = content.get("m.relates_to")
    if isinstance(relation, dict) and relation.get("rel_type") == "m.replace":
        new = content.get("m.new_content")
        content = new if isinstance(new, dict) else {}
    elif replied_to(content) is None:
        return None  # top-level posts are the story handler's (removed with a reminder)
    if content.get("msgtype") in MEDIA or not content:
        return None  # families' media is removed by the story handler after delivery
    return visible_text(content)


class GuardApi:
    def __init__(
        self, store: Store, config: Config, bot_user_id: str, secret: str, *,
        clock: Clock | None = None, port: int = DEFAULT_PORT,
    ) -> None:  # fmt: skip
        if len(secret) < 16:
            raise ValueError("the guard secret must be at least 16 characters")
        self.store = store
        self.config = config
        self.bot_user_id = bot_user_id
        self.clock = clock or Clock()
        self._expected = f"Bearer {secret}".encode()
        # What the story handler's helpers read (config and store); the guard acts on nothing.
        self._ctx = Context(
            config=config, store=store, clock=self.clock, bot_user_id=bot_user_id, demo=False,
            sender=None, calendar=SchoolCalendar(config),
        )  # fmt: skip
        self._runner: web.AppRunner | None = None
        self._rooms: dict[str, Room] = {}
        self.port = port  # after start(port=0), the one the system chose

    @classmethod
    def from_env(
        cls, store: Store, config: Config, bot_user_id: str, *,
        environ: Mapping[str, str] = os.environ, clock: Clock | None = None,
    ) -> GuardApi | None:  # fmt: skip
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
        app.router.add_post("/v1/check-media", self._check_media)
        return app

    async def start(self, host: str = "127.0.0.1", port: int | None = None) -> None:
        """Listen on loopback by default: only the homeserver on this machine asks. The judge
        is loaded first, so the first answer is not late."""
        await asyncio.to_thread(load_judge)
        self._runner = web.AppRunner(self.app(), access_log=None)
        await self._runner.setup()
        await web.TCPSite(self._runner, host, self.port if port is None else port).start()
        self.port = int(self._runner.addresses[0][1])  # the real one when port is 0
        log.info("guard endpoint listening on %s:%s", host, self.port)

    async def stop(self) -> None:
        if self._runner is not None:
            await self._runner.cleanup()
            self._runner = None

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
        reason = await self.check_event(room_id, sender, event_type, body["content"])
        return web.json_response({"allow": reason is None, "reason": reason})

    async def _check_media(self, request: web.Request) -> web.Response:
        digest = (await _json(request)).get("sha256")
        if not isinstance(digest, str):
            raise web.HTTPBadRequest(text="expected sha256")
        reason = await self.check_media(digest.lower())
        return web.json_response({"allow": reason is None, "reason": reason})

    # --- decisions ------------------------------------------------------------------------

    async def check_event(
        self, room_id: str, sender: str, event_type: str, content: dict[str, Any]
    ) -> str | None:
        """Why the event must not be delivered, or None to let it through."""
        room = await self._room(room_id)
        story = room is not None and room.kind is RoomKind.STORY
        text = judged_text(content) if story and event_type == "m.room.message" else None
        judging: Awaitable[JudgeContext | None]
        if text and room is not None:
            event = Event(room, "", sender, event_type, content, 0, None, {})
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
            await self._audit(room_id, sender, "media", {"mxc": leaked, "type": event_type})
            return MEDIA_REASON
        if not text or context is None:
            return None
        # the word rules' sure removals only: the learned tier's own (a few ms more) follow
        # delivery, by the bot, as every removal did before the guard existed
        verdict = await asyncio.to_thread(judge_quickly, text, context)
        # An urgent reply is let through so the bot removes it and alerts the leads: a
        # refusal here would leave the family with nothing but "not posted".
        if verdict.label is Label.URGENT:
            return None
        if await codes_in(self._ctx, text):  # refused before anyone can read it
            await self._audit(room_id, sender, "join_code", {"type": event_type})
            return f"Your reply was not posted. {rule_text('join_code', self._ctx)}"
        rule = "length" if len(text) > STORY_REPLY_LIMIT else str(verdict.label)
        if verdict.outcome is not Outcome.REMOVE and rule != "length":
            return None  # kept, or a teacher decides after delivery
        await self._audit(
            room_id,
            sender,
            rule,
            {
                "type": event_type,
                "confidence": verdict.confidence,
                "reasons": list(verdict.reasons),
            },
        )
        return f"Your reply was not posted. {rule_text(rule, self._ctx)}"

    async def _protected_elsewhere(self, content: dict[str, Any], room_id: str) -> str | None:
        """The first protected mxc in `content` that belongs to another room."""
        for mxc in set(mxc_uris(content)):
            protected = await self.store.media.by_mxc(mxc)
            if protected is not None and protected.room_id != room_id:
                return mxc
        return None

    async def check_media(self, sha256: str) -> str | None:
        protected = await self.store.media.by_sha256(sha256)
        if protected is None:
            return None
        await self._audit(None, None, "media", {"sha256": sha256, "origin": protected.room_id})
        return MEDIA_REASON

    async def _room(self, room_id: str) -> Room | None:
        """Rooms never change kind or class, so known ones are kept (one query less)."""
        room = self._rooms.get(room_id)
        if room is None and (room := await self.store.rooms.get(room_id)) is not None:
            self._rooms[room_id] = room
        return room

    async def _audit(
        self, room_id: str | None, sender: str | None, rule: str, detail: dict[str, Any]
    ) -> None:
        log.info("guard refused: rule=%s room=%s sender=%s", rule, room_id, sender)
        await self.store.audit.record(
            AuditRow(
                action_id=f"guard:{uuid.uuid4().hex}",
                at=self.clock.iso(),
                kind="guard_refused",
                room_id=room_id,
                target=sender,
                cause="synapse guard",
                reason=rule,
                detail=detail,
                dry_run=False,
                result="refused before delivery",
            )
        )


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
