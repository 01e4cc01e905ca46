"""The guard: Synapse refuses, before delivery, what conductbot would otherwise remove after.

Two kinds of rule:

- **Room rules** need no bot. Only `allowed_creators` (the bot and staff) may create rooms
  or invite, so every room a parent or pupil is in has the bot in it. These hold with the
  bot stopped. (Synapse itself skips these checks for server admins.)
- **Content rules** ask the bot's guard endpoint (`bot/guard_api.py`) over local HTTP with a
  bearer secret and a short timeout: an event carrying protected class media outside its
  origin room, a story reply the judge removes, a hostile reaction in a class story (every
  reaction is asked about: only the bot knows which rooms are stories). When the bot does
  not answer in time the
  event is let through or refused as `fail_open` says. Uploads are never refused (Synapse
  does not say who uploads); their hashes are told to the bot, so that an event posting a
  copy of class media is judged knowing who sends it.
- **A pupil's picture**: the member event a profile change (or a join) makes in each room
  is asked about when it carries an avatar (`check_event_allowed`, a third-party rules
  callback: spam checks never see member events); the bot refuses any avatar on a pupil's
  account but its built-in pictures. With the bot silent it is let through, and the bot
  sets it back when the event reaches it.

A trust's homeserver lists each school's bot and endpoint under `schools:`: an event is
asked about by the school whose bot created its room, an upload by every school.

Everything runs on Synapse's reactor: HTTP through Twisted's client with a timeout, hashing
in a thread. Nothing here blocks, and no message body is logged.
"""

from __future__ import annotations

import hashlib
import json
import logging
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from synapse.module_api import NOT_SPAM, ModuleApi, make_deferred_yieldable, run_in_background
from synapse.module_api.errors import Codes, ConfigError, SynapseError
from synapse.util.frozenutils import unfreeze
from twisted.internet import reactor
from twisted.internet.defer import Deferred, gatherResults, succeed
from twisted.internet.endpoints import TCP4ClientEndpoint
from twisted.web.client import URI, Agent, HTTPConnectionPool, readBody
from twisted.web.http_headers import Headers
from twisted.web.iweb import IAgentEndpointFactory, IBodyProducer
from zope.interface import implementer

logger = logging.getLogger(__name__)

NotSpam = Literal["NOT_SPAM"]
Refusal = tuple[Codes, dict[str, Any]]

NO_ROOMS = (
    "Only school staff can create rooms or invite people here (school code of conduct). "
    "Please message the school's bot or your child's teacher instead."
)
REFUSED = "This message goes against the school's code of conduct, so it was not sent."
UNAVAILABLE = "The school's message check is not answering just now. Please try again shortly."
# Room state that would let people in without an invite from staff.
#: State that would open a family's room to others: who may join, guests, and history
#: readable by anyone who knows the room's id (`world_readable`).
OPENING_STATE = frozenset({"m.room.join_rules", "m.room.guest_access"})


def opens_room(event_type: str, content: Any) -> bool:
    """State that would open a family's room to others: who may join, guests, or history
    readable by anyone who knows the room's id (`world_readable`)."""
    if event_type in OPENING_STATE:
        return True
    return (
        event_type == "m.room.history_visibility"
        and isinstance(content, dict)
        and content.get("history_visibility") == "world_readable"
    )


RELATIONS = ("m.in_reply_to", "rel_type")


def _refuse(reason: str) -> Refusal:
    # Synapse puts additional fields into the error body, so "error" replaces its
    # generic "rejected as probable spam" with words the client shows the sender.
    return Codes.FORBIDDEN, {"error": reason}


def _reason(answer: dict[str, Any]) -> str:
    reason = answer.get("reason")
    return reason if isinstance(reason, str) and reason else REFUSED


def _user_ids(value: Any, key: str) -> frozenset[str]:
    if not isinstance(value, list) or not all(
        isinstance(u, str) and u.startswith("@") and ":" in u for u in value
    ):
        raise ConfigError("expected a list of Matrix user ids such as @s.reid:school", (key,))
    return frozenset(value)


def _secret(raw: Mapping[str, Any], at: tuple[str, ...]) -> str:
    secret = raw.get("secret")
    if raw.get("secret_path") is not None:
        try:
            secret = Path(str(raw["secret_path"])).read_text().strip()
        except OSError as err:
            raise ConfigError(f"cannot read the secret: {err}", (*at, "secret_path")) from None
    if not isinstance(secret, str) or len(secret) < 16:
        raise ConfigError("expected a shared secret of at least 16 characters", (*at, "secret"))
    return secret


def _bot_url(raw: Mapping[str, Any], at: tuple[str, ...]) -> str:
    url = raw.get("bot_url")
    if not isinstance(url, str) or not url.startswith("http://"):
        raise ConfigError(
            "expected the bot's local guard URL, e.g. http://127.0.0.1:8787", (*at, "bot_url")
        )
    return url.rstrip("/")


@dataclass(frozen=True)
class SchoolEndpoint:
    """One school's bot and where its guard endpoint listens."""

    bot: str | None  # the bot's account; None in the single-school form: it answers for all
    bot_url: str  # e.g. http://127.0.0.1:8787, where the bot's GuardApi listens
    secret: str

    @classmethod
    def parse(cls, raw: Any, at: tuple[str, ...]) -> SchoolEndpoint:
        if not isinstance(raw, Mapping):
            raise ConfigError("expected {bot, bot_url, secret or secret_path}", at)
        bot = raw.get("bot")
        if not isinstance(bot, str) or not bot.startswith("@") or ":" not in bot:
            raise ConfigError("expected the school bot's Matrix user id", (*at, "bot"))
        return cls(bot=bot, bot_url=_bot_url(raw, at), secret=_secret(raw, at))


@dataclass(frozen=True)
class GuardConfig:
    # One school (`bot_url` and `secret` at the top, bot None), or a trust's `schools:`.
    schools: tuple[SchoolEndpoint, ...]
    allowed_creators: frozenset[str]  # every school's bot and staff: may create rooms, invite
    timeout: float = 0.3  # seconds to wait for a bot
    fail_open: Mapping[str, bool] = field(default_factory=lambda: {"judging": True, "media": True})
    # Accounts anyone may open a direct chat with (the bots: a new family's first message).
    direct_chat_with: frozenset[str] = frozenset()

    @classmethod
    def parse(cls, raw: Mapping[str, Any]) -> GuardConfig:
        if raw.get("schools") is None:
            schools: tuple[SchoolEndpoint, ...] = (
                SchoolEndpoint(bot=None, bot_url=_bot_url(raw, ()), secret=_secret(raw, ())),
            )
        else:
            listed = raw["schools"]
            if not isinstance(listed, list) or not listed:
                raise ConfigError("expected a list of {bot, bot_url, secret}", ("schools",))
            if any(raw.get(key) is not None for key in ("bot_url", "secret", "secret_path")):
                raise ConfigError(
                    "give each school's bot_url and secret under schools:, not at the top",
                    ("schools",),
                )
            schools = tuple(
                SchoolEndpoint.parse(item, ("schools", str(n))) for n, item in enumerate(listed)
            )
            if len({school.bot for school in schools}) != len(schools):
                raise ConfigError("a bot is listed for more than one school", ("schools",))
        timeout_ms = raw.get("timeout_ms", 300)
        if type(timeout_ms) is not int or not 1 <= timeout_ms <= 10_000:  # `true` is no time
            raise ConfigError("expected milliseconds between 1 and 10000", ("timeout_ms",))
        given = raw.get("fail_open", {})
        if not isinstance(given, Mapping):  # `fail_open: false` must not read as the defaults
            raise ConfigError("expected {judging: true|false, media: true|false}", ("fail_open",))
        fail_open = {"judging": True, "media": True} | dict(given)
        if set(fail_open) != {"judging", "media"} or not all(
            isinstance(v, bool) for v in fail_open.values()
        ):
            raise ConfigError("expected {judging: true|false, media: true|false}", ("fail_open",))
        return cls(
            schools=schools,
            allowed_creators=_user_ids(raw.get("allowed_creators"), "allowed_creators"),
            timeout=timeout_ms / 1000,
            fail_open=fail_open,
            direct_chat_with=_user_ids(raw.get("direct_chat_with", []), "direct_chat_with"),
        )

    @property
    def trust(self) -> bool:
        """Whether each school's bot is named (`schools:`), so a room's creator says which
        school's bot is asked about it."""
        return self.schools[0].bot is not None


def mentions_mxc(value: Any) -> bool:
    """Whether any string anywhere in the content names Matrix media (url, file, thumbnail,
    m.new_content, even the body): the bot then checks each URI against its fingerprints."""
    if isinstance(value, str):
        return "mxc://" in value
    if isinstance(value, Mapping):
        return any(mentions_mxc(v) for v in value.values())
    if isinstance(value, Iterable):
        return any(mentions_mxc(v) for v in value)
    return False


def _sha256(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 16), b""):
            digest.update(chunk)
    return digest.hexdigest()


@implementer(IBodyProducer)
class _Body:
    """A request body already in memory, written at once (no cooperator round trips)."""

    def __init__(self, data: bytes) -> None:
        self._data = data
        self.length = len(data)

    def startProducing(self, consumer: Any) -> Deferred[None]:
        consumer.write(self._data)
        return succeed(None)

    def pauseProducing(self) -> None:
        pass

    def resumeProducing(self) -> None:
        pass

    def stopProducing(self) -> None:
        pass


@implementer(IAgentEndpointFactory)
class _Direct:
    """Plain TCP to the bot's endpoint: no proxy, and no wait before a refusal is reported
    (Twisted's default HostnameEndpoint holds a refused connection back for 300 ms)."""

    def __init__(self, timeout: float) -> None:
        self._timeout = timeout

    def endpointForURI(self, uri: URI) -> TCP4ClientEndpoint:
        return TCP4ClientEndpoint(reactor, uri.host.decode(), uri.port, timeout=self._timeout)


class ConductbotGuard:
    """Loaded by Synapse from `modules:` in homeserver.yaml."""

    def __init__(self, config: GuardConfig, api: ModuleApi) -> None:
        self._config = config
        self._api = api
        # Twisted's client rather than `api.http_client`: a stopped bot is noticed at once
        # (see `_Direct`), and a check costs about 1 ms less. Connections are reused.
        self._agent = Agent.usingEndpointFactory(
            reactor, _Direct(config.timeout), HTTPConnectionPool(reactor, persistent=True)
        )
        self._headers = {
            school: Headers(
                {
                    b"Authorization": [f"Bearer {school.secret}".encode()],
                    b"Content-Type": [b"application/json"],
                }
            )
            for school in config.schools
        }
        self._by_bot = {school.bot: school for school in config.schools}
        # A room's creator never changes: which school's bot made each room seen so far.
        self._creators: dict[str, SchoolEndpoint | None] = {}
        self._bot_answering = dict.fromkeys(config.schools, True)
        api.register_spam_checker_callbacks(
            user_may_create_room=self.user_may_create_room,
            user_may_invite=self.user_may_invite,
            user_may_send_3pid_invite=self.user_may_send_3pid_invite,
            user_may_send_state_event=self.user_may_send_state_event,
            check_event_for_spam=self.check_event_for_spam,
            check_media_file_for_spam=self.check_media_file_for_spam,
        )
        api.register_third_party_rules_callbacks(check_event_allowed=self.check_event_allowed)

    @staticmethod
    def parse_config(config: Mapping[str, Any]) -> GuardConfig:
        return GuardConfig.parse(config)

    def _trusted(self, user_id: str) -> bool:
        return user_id in self._config.allowed_creators

    # --- room rules: no bot needed --------------------------------------------------------

    async def user_may_create_room(self, user_id: str, room_config: dict) -> NotSpam | Refusal:
        if self._trusted(user_id) or self._direct_chat(room_config):
            return NOT_SPAM
        logger.info("guard: refused room creation by %s", user_id)
        return _refuse(NO_ROOMS)

    def _direct_chat(self, room: dict) -> bool:
        """A private direct chat with one of `direct_chat_with` and nobody else, ever."""
        invite = room.get("invite") or []
        state = room.get("initial_state") or []
        return (
            room.get("is_direct") is True
            and len(invite) == 1
            and invite[0] in self._config.direct_chat_with
            and not room.get("invite_3pid")
            and not room.get("room_alias_name")
            and room.get("visibility", "private") == "private"
            and room.get("preset") in (None, "private_chat", "trusted_private_chat")
            and not any(
                isinstance(s, dict) and opens_room(str(s.get("type")), s.get("content"))
                for s in state
            )
        )

    async def user_may_invite(self, inviter: str, invitee: str, room_id: str) -> NotSpam | Refusal:
        if self._trusted(inviter) or invitee in self._config.direct_chat_with:
            return NOT_SPAM
        logger.info("guard: refused an invite by %s in %s", inviter, room_id)
        return _refuse(NO_ROOMS)

    async def user_may_send_3pid_invite(
        self, inviter: str, medium: str, address: str, room_id: str
    ) -> NotSpam | Refusal:
        if self._trusted(inviter):
            return NOT_SPAM
        logger.info("guard: refused a third-party invite by %s in %s", inviter, room_id)
        return _refuse(NO_ROOMS)

    async def user_may_send_state_event(
        self, user_id: str, room_id: str, event_type: str, state_key: str, content: dict
    ) -> NotSpam | Codes:
        """A family's own direct chat with the bot stays invite-only."""
        if opens_room(event_type, content) and not self._trusted(user_id):
            logger.info("guard: refused %s by %s in %s", event_type, user_id, room_id)
            return Codes.FORBIDDEN  # this callback cannot carry a message
        return NOT_SPAM

    # --- content rules: ask the bot -------------------------------------------------------

    async def check_event_for_spam(self, event: Any) -> NotSpam | Refusal:
        if self._trusted(event.sender):
            return NOT_SPAM
        content = unfreeze(event.content)
        needs = set()
        if mentions_mxc(content):
            needs.add("media")
        relation = content.get("m.relates_to")
        if event.type == "m.room.message" and isinstance(relation, dict):
            if any(key in relation for key in RELATIONS):
                needs.add("judging")
        if event.type == "m.reaction":
            needs.add("judging")  # a reaction's key can be words, or a hostile emoji
        if not needs:
            return NOT_SPAM
        # A client's retry of a refused send has the same transaction id: the bot counts it once.
        txn_id = getattr(event.internal_metadata, "txn_id", None)
        body = {
            "room_id": event.room_id,
            "sender": event.sender,
            "type": event.type,
            "content": content,
            "txn_id": txn_id,
        }
        schools = await self._schools_for(event.room_id, needs)
        answers = await self._ask_all(schools, "/v1/check-event", body)
        for answer in answers:
            if answer is not None and not answer["allow"]:
                logger.info("guard: refused an event by %s in %s", event.sender, event.room_id)
                return _refuse(_reason(answer))
        if None in answers:
            return self._unavailable(needs)
        return NOT_SPAM

    async def check_event_allowed(
        self, event: Any, state_events: Any
    ) -> tuple[bool, dict[str, Any] | None]:
        """A member event carrying an avatar, as a profile change or a join makes it in each
        of the person's rooms: the bot refuses a pupil's avatar that is not one of its
        built-in pictures. Everything else, and anything when the bot does not answer, is
        let through (the bot sets a pupil's picture back after the fact)."""
        if event.type != "m.room.member" or event.state_key != event.sender:
            return True, None
        if self._trusted(event.sender):
            return True, None
        content = unfreeze(event.content)
        avatar = content.get("avatar_url")
        if content.get("membership") != "join" or not isinstance(avatar, str) or not avatar:
            return True, None
        body = {
            "room_id": event.room_id,
            "sender": event.sender,
            "type": event.type,
            "content": content,
            "txn_id": None,
        }
        schools = await self._schools_for(event.room_id, {"profile"})
        for answer in await self._ask_all(schools, "/v1/check-event", body):
            if answer is not None and not answer["allow"]:
                logger.info("guard: refused an avatar of %s in %s", event.sender, event.room_id)
                # Raised, not returned: a client setting the room's member event itself
                # sees these words (a profile change's spread to each room only logs them).
                raise SynapseError(403, _reason(answer), Codes.FORBIDDEN)
        return True, None

    async def _schools_for(self, room_id: str, needs: set[str]) -> tuple[SchoolEndpoint, ...]:
        """Whose bot is asked about an event in this room. One school: its bot, always. A
        trust: the school whose bot created the room; in a room no school's bot created (a
        family's direct chat with a bot, a room staff made), no bot judges replies, but any
        school's class media may be posted there, so every school is asked about media."""
        if not self._config.trust:
            return self._config.schools
        if room_id not in self._creators:
            try:
                state = await self._api.get_room_state(room_id, [("m.room.create", "")])
            except Exception as err:  # not known now: every school is asked, nothing kept
                logger.warning("guard: cannot read who created %s (%r)", room_id, err)
                return self._config.schools
            create = state.get(("m.room.create", ""))
            creator = create.sender if create is not None else None
            self._creators[room_id] = self._by_bot.get(creator)
        school = self._creators[room_id]
        if school is not None:
            return (school,)
        return self._config.schools if "media" in needs else ()

    async def check_media_file_for_spam(self, file: Any, info: Any) -> NotSpam | Refusal:
        """Tell the bot what a local upload's bytes are, and let it through: staff may upload
        their class media again, and an event posting a copy is judged as a forward (above)."""
        # Thumbnails are made by Synapse from an upload that was already seen; the school's
        # rooms do not federate, so remote media is never a copy of theirs.
        if (
            getattr(info, "thumbnail", None) is not None
            or getattr(info, "url_cache", False)
            or getattr(info, "server_name", None) is not None
        ):
            return NOT_SPAM
        digest = await self._api.defer_to_thread(_sha256, file.path)
        mxc = f"mxc://{self._api.server_name}/{info.file_id}"
        # Synapse does not say who uploads, so in a trust every school's bot is told.
        answers = await self._ask_all(
            self._config.schools, "/v1/upload", {"sha256": digest, "mxc": mxc}
        )
        # Synapse answers a refused upload with 400 "Bad content" whatever we return.
        if any(answer is not None and not answer["allow"] for answer in answers):
            logger.info("guard: refused an upload as %s", mxc)
            return _refuse(REFUSED)
        if None in answers:
            return self._unavailable({"media"})
        return NOT_SPAM

    def _unavailable(self, needs: set[str]) -> NotSpam | Refusal:
        if all(self._config.fail_open[need] for need in needs):
            return NOT_SPAM
        return _refuse(UNAVAILABLE)

    async def _ask_all(
        self, schools: tuple[SchoolEndpoint, ...], path: str, body: dict[str, Any]
    ) -> list[dict[str, Any] | None]:
        """Each school's answer (None where there was none), asked at once."""
        if not schools:
            return []
        if len(schools) == 1:
            return [await self._ask(schools[0], path, body)]
        asked = [run_in_background(self._ask, school, path, body) for school in schools]
        return await make_deferred_yieldable(gatherResults(asked, consumeErrors=True))

    async def _ask(
        self, school: SchoolEndpoint, path: str, body: dict[str, Any]
    ) -> dict[str, Any] | None:
        """The bot's answer, or None if it did not give a valid one within the timeout."""
        began = reactor.seconds()
        request = run_in_background(self._post, school, path, body)
        request.addTimeout(self._config.timeout, reactor)
        try:
            answer = await make_deferred_yieldable(request)
        except Exception as err:  # timeout, refused connection, HTTP error: all the same
            late = reactor.seconds() - began >= self._config.timeout
            why = f"no answer within {self._config.timeout * 1000:.0f} ms" if late else repr(err)
            self._answering(school, False, f"{why} on {path}")
            return None
        if not isinstance(answer, dict) or not isinstance(answer.get("allow"), bool):
            self._answering(school, False, f"an invalid answer on {path}")
            return None
        self._answering(school, True, "")
        return answer

    async def _post(self, school: SchoolEndpoint, path: str, body: dict[str, Any]) -> Any:
        url = (school.bot_url + path).encode()
        payload = _Body(json.dumps(body).encode())
        response = await make_deferred_yieldable(
            self._agent.request(b"POST", url, self._headers[school], payload)
        )
        data = await make_deferred_yieldable(readBody(response))
        if response.code != 200:
            raise ValueError(f"HTTP {response.code}")
        return json.loads(data)

    def _answering(self, school: SchoolEndpoint, now: bool, why: str) -> None:
        """Log when a bot stops or starts answering, not on every event."""
        if now != self._bot_answering[school]:
            self._bot_answering[school] = now
            who = f"conductbot ({school.bot})" if school.bot else "conductbot"
            if now:
                logger.warning("guard: %s is answering again", who)
            else:
                logger.warning(
                    "guard: %s is not answering (%s); fail_open=%s",
                    who,
                    why,
                    dict(self._config.fail_open),
                )
