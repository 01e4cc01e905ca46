"""Consequences as data, and the one executor that performs them.

Handlers return a list of actions and never touch the homeserver. The executor performs each
action with a deterministic transaction id (so a retry or a replay after a crash never
duplicates), retries on 429 and 5xx honouring `retry_after_ms`, and writes one audit row per
action. The dry-run executor records what it would have done and performs nothing.

Here: the `Action` and `StoreAction` bases, the effects on the homeserver (everything the
executor's `match` performs) and the records every feature shares (incidents, the bot's own
notes). A feature's own records live with its decisions (`StoreRelay` in `handlers/relay.py`,
`AwardPoints` in `handlers/points.py` …); the executor only calls their `apply`.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import datetime
from html import escape
from typing import TYPE_CHECKING, Any, ClassVar

from aiohttp import ClientConnectionError
from nio import (
    AsyncClient,
    ErrorResponse,
    GroupEncryptionError,
    JoinResponse,
    LocalProtocolError,
    MembersSyncError,
    OlmTrustError,
    RoomCreateResponse,
    RoomGetStateEventResponse,
    RoomPreset,
    SendRetryError,
    UploadResponse,
)

from bot.admin import AdminError, admin, user_path
from bot.clock import Clock
from bot.crypto import invited, know_room, mark_encrypted
from bot.monitoring import Metrics
from storage.audit import AuditRow
from storage.incidents import Incident
from storage.store import Store

if TYPE_CHECKING:
    from bot.digest_render import DigestPage

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class Action:
    kind: ClassVar[str]

    def target(self) -> str | None:
        return None

    def room(self) -> str | None:
        return getattr(self, "room_id", None)

    def audit_detail(self) -> dict[str, Any]:
        """What goes into the audit row: no message bodies unless the action is a notice."""
        return {}


@dataclass(frozen=True)
class SendMessage(Action):
    """Any room event that is not state (messages, notices, reactions)."""

    kind: ClassVar[str] = "send"
    room_id: str
    content: dict[str, Any]
    event_type: str = "m.room.message"
    reason: str | None = None
    remember_as: str | None = None  # a key under which to find the sent event again
    reactions: tuple[str, ...] = ()  # the bot's own reactions on it, e.g. choices to click

    def audit_detail(self) -> dict[str, Any]:
        return {"event_type": self.event_type, "msgtype": self.content.get("msgtype")}


def as_html(text: str) -> str:
    """Plain text as HTML: escaped, line breaks kept."""
    return escape(text).replace("\n", "<br>")


def notice(
    room_id: str,
    body: str,
    html: str | None = None,
    *,
    remember_as: str | None = None,
    reactions: tuple[str, ...] = (),
    **extra: Any,
) -> SendMessage:
    """An m.notice with a plain body and, where given, an HTML body."""
    content: dict[str, Any] = {"msgtype": "m.notice", "body": body}
    if html is not None:
        content |= {"format": "org.matrix.custom.html", "formatted_body": html}
    content |= extra
    return SendMessage(room_id, content, remember_as=remember_as, reactions=reactions)


@dataclass(frozen=True)
class SendFile(Action):
    """Upload bytes and post them as an m.file (an export for SLT), or as an m.image (a
    chart) with `msgtype` and extra `info` (w, h); encrypted when the room is."""

    kind: ClassVar[str] = "send_file"
    room_id: str
    filename: str
    data: bytes
    mimetype: str
    body: str
    msgtype: str = "m.file"
    info: dict[str, Any] = field(default_factory=dict)

    def audit_detail(self) -> dict[str, Any]:
        return {"filename": self.filename, "size": len(self.data)}


@dataclass(frozen=True)
class React(Action):
    kind: ClassVar[str] = "react"
    room_id: str
    event_id: str
    key: str
    remember_as: str | None = None  # to find (and later remove) the reaction again

    def target(self) -> str | None:
        return self.event_id


@dataclass(frozen=True)
class Redact(Action):
    kind: ClassVar[str] = "redact"
    room_id: str
    event_id: str
    reason: str

    def target(self) -> str | None:
        return self.event_id


@dataclass(frozen=True)
class Invite(Action):
    kind: ClassVar[str] = "invite"
    room_id: str
    user_id: str

    def target(self) -> str | None:
        return self.user_id


@dataclass(frozen=True)
class Kick(Action):
    kind: ClassVar[str] = "kick"
    room_id: str
    user_id: str
    reason: str

    def target(self) -> str | None:
        return self.user_id


@dataclass(frozen=True)
class SetState(Action):
    kind: ClassVar[str] = "set_state"
    room_id: str
    event_type: str
    content: dict[str, Any]
    state_key: str = ""

    def target(self) -> str | None:
        return f"{self.event_type}/{self.state_key}"

    def audit_detail(self) -> dict[str, Any]:
        return {"content": self.content}


@dataclass(frozen=True)
class Pin(Action):
    """Pin an event in a room (`unpin`: take it off), keeping the room's other pins. The
    executor reads the pins when it acts, so two pins never overwrite each other's list."""

    kind: ClassVar[str] = "pin"
    room_id: str
    event_id: str
    unpin: bool = False

    def target(self) -> str | None:
        return self.event_id


@dataclass(frozen=True)
class CreateRoom(Action):
    """Create a room; the result is its room id. Idempotency is the caller's (by room key)."""

    kind: ClassVar[str] = "create_room"
    name: str
    topic: str
    invite: tuple[str, ...] = ()
    power_levels: dict[str, Any] = field(default_factory=dict)
    initial_state: tuple[dict[str, Any], ...] = ()
    is_direct: bool = False

    def room(self) -> str | None:
        return None

    def audit_detail(self) -> dict[str, Any]:
        return {"name": self.name, "invite": list(self.invite)}


@dataclass(frozen=True)
class JoinRoom(Action):
    kind: ClassVar[str] = "join"
    room_id: str


@dataclass(frozen=True)
class LeaveRoom(Action):
    kind: ClassVar[str] = "leave"
    room_id: str
    reason: str


@dataclass(frozen=True)
class AdminMedia(Action):
    """Synapse admin API: quarantine a re-shared copy, or protect an original from that.

    Fails (and is audited as failed) when the bot is not a server admin.
    """

    kind: ClassVar[str] = "admin_media"
    operation: str  # quarantine or protect
    mxc: str

    def target(self) -> str | None:
        return self.mxc

    def audit_detail(self) -> dict[str, Any]:
        return {"operation": self.operation}


@dataclass(frozen=True)
class ResetProfile(Action):
    """Synapse admin API: a family's display name (and avatar) set back to a safe one.

    Synapse carries the change into every room they are in. Fails (audited as failed) when
    the bot is not a server admin; the incident and the notices still go out.
    """

    kind: ClassVar[str] = "reset_profile"
    user_id: str
    displayname: str | None  # None: the name stands
    clear_avatar: bool

    def target(self) -> str | None:
        return self.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {"clear_avatar": self.clear_avatar}


@dataclass(frozen=True)
class SetAvatar(Action):
    """Synapse admin API: a pupil's avatar set to one of the built-in pictures (`mxc`), or
    cleared (`mxc` ""). Synapse carries it into every room they are in."""

    kind: ClassVar[str] = "set_avatar"
    user_id: str
    mxc: str

    def target(self) -> str | None:
        return self.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {"mxc": self.mxc}


@dataclass(frozen=True)
class UploadPicture(Action):
    """Upload a picture the bot ships (a built-in avatar) and keep its mxc URI in the bot's
    state under `remember_as`; nothing is posted. The result is the URI."""

    kind: ClassVar[str] = "upload_picture"
    filename: str
    data: bytes
    mimetype: str
    remember_as: str

    def target(self) -> str | None:
        return self.remember_as

    def audit_detail(self) -> dict[str, Any]:
        return {"filename": self.filename, "size": len(self.data)}


@dataclass(frozen=True)
class SetClock(Action):
    """Move the injected clock (demo mode only; the command checks that)."""

    kind: ClassVar[str] = "set_clock"
    instant: datetime

    def audit_detail(self) -> dict[str, Any]:
        return {"instant": self.instant.isoformat()}


@dataclass(frozen=True)
class StoreAction(Action):
    """An effect on the bot's own records (strikes, incidents …): dry run skips it too."""

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        raise NotImplementedError


@dataclass(frozen=True)
class SetBotState(StoreAction):
    """A note the bot keeps for later (a pending confirmation); `value` None forgets it."""

    kind: ClassVar[str] = "set_bot_state"
    key: str
    value: str | None

    def target(self) -> str | None:
        return self.key

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        if self.value is None:
            await store.state.delete(self.key)
        else:
            await store.state.set(self.key, self.value)
        return None


@dataclass(frozen=True)
class RecordIncident(StoreAction):
    """The evidence, copied into the database before anything is redacted."""

    kind: ClassVar[str] = "record_incident"
    incident: Incident

    def room(self) -> str | None:
        return self.incident.room_id

    def target(self) -> str | None:
        return self.incident.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {
            "incident": self.incident.kind,
            "rule": self.incident.rule,
            "event_id": self.incident.event_id,
        }

    async def apply(self, store: Store, action_id: str, at: str) -> str | None:
        return str(await store.incidents.record(self.incident, action_id=action_id, at=at))


@dataclass(frozen=True)
class SendDigest(Action):
    """E-mail one family their weekly digest, through the school's SMTP server. Performed by
    the app's mailer (`bot/mail.py`), which looks the address up itself at the last moment (an
    unsubscribed family gets nothing) and records the week as sent. Neither the address nor
    the digest's words go into the audit row."""

    kind: ClassVar[str] = "send_digest"
    recipient_id: int
    week: str
    page: DigestPage

    def target(self) -> str | None:
        return f"recipient:{self.recipient_id}:{self.week}"

    def audit_detail(self) -> dict[str, Any]:
        return {"recipient": self.recipient_id, "week": self.week, "posts": len(self.page.items)}


@dataclass(frozen=True)
class LinkAdult(Action):
    """Link an account to a pupil (as a parent, or as the pupil's own account), then say so
    where the person is waiting. Linking makes rooms and invites, so it goes through the
    provisioner, with the executor's client; the handler has already decided it is allowed.
    On failure the person is told `sorry` and the code (if any) stays unused. Performed by
    `Provisioner.link_adult`, which the app hands the executor as its `linker`."""

    kind: ClassVar[str] = "link"
    user_id: str
    pupil_id: int
    role: str  # "parent" or "pupil"
    linked_by: str
    room_id: str | None  # where the person hears how it went (None: their new home room)
    confirm: str
    sorry: str
    code_id: int | None = None  # spent once the link is made
    beyond_limit: bool = False  # SLT approved an adult beyond `parents_per_child`

    def target(self) -> str | None:
        return self.user_id

    def audit_detail(self) -> dict[str, Any]:
        return {
            "pupil_id": self.pupil_id,
            "role": self.role,
            "linked_by": self.linked_by,
            "code_id": self.code_id,
            "beyond_limit": self.beyond_limit,
        }


@dataclass(frozen=True)
class PostInPortfolio(Action):
    """A message in a pupil's portfolio (`parent` None), or in one parent's family view of it
    (work a teacher approved), the room made first if it does not exist yet. Making rooms is
    the provisioner's (`Provisioner.post_in_portfolio`, the executor's `portfolio_poster`)."""

    kind: ClassVar[str] = "portfolio_post"
    pupil_id: int
    content: dict[str, Any]
    parent: str | None = None

    def target(self) -> str | None:
        return f"portfolio:{self.pupil_id}" + (f":{self.parent}" if self.parent else "")

    def audit_detail(self) -> dict[str, Any]:
        return {"msgtype": self.content.get("msgtype")}


@dataclass(frozen=True)
class DeliverRelay(Action):
    """Send the relayed copy and mark the stored message delivered, as one step."""

    kind: ClassVar[str] = "deliver"
    source_event: str
    room_id: str
    content: dict[str, Any]

    def target(self) -> str | None:
        return self.source_event

    def audit_detail(self) -> dict[str, Any]:
        return {"msgtype": self.content.get("msgtype")}


@dataclass(frozen=True)
class RecordReported(Action):
    """A family's class story reply that staff reported (`!report`). The bot keeps no copy of
    the replies it lets stand, so the executor reads this one from the homeserver (class
    stories are not encrypted), records the incident with its content as the evidence, then
    posts `notice` in the escalation room with that evidence added. One action, so the
    evidence is in the record before anyone is told; its id makes a retry change nothing."""

    kind: ClassVar[str] = "record_reported"
    incident: Incident  # room_id and event_id name the reported event
    notice: SendMessage

    def room(self) -> str | None:
        return self.incident.room_id

    def target(self) -> str | None:
        return self.incident.event_id

    def audit_detail(self) -> dict[str, Any]:
        return {"incident": self.incident.kind, "rule": self.incident.rule}


#: The machine-readable copy of an incident in an escalation notice.
INCIDENT_MACHINE_KEY = "org.conductbot.incident"
#: What is kept of a reported message as evidence (as `handlers.discipline.evidence_of`).
EVIDENCE_KEYS = ("body", "formatted_body", "msgtype", "url", "m.new_content", "m.relates_to")


def action_id(cause: str, index: int, action: Action) -> str:
    """Stable across retries and restarts: the same cause yields the same ids."""
    seed = f"{cause}\x00{index}\x00{action.kind}\x00{action.room()}\x00{action.target()}"
    return "cb" + hashlib.sha256(seed.encode()).hexdigest()[:30]


class ActionFailed(Exception):
    """`retry_after` None: do not retry; 0: retry with backoff; > 0: the server's wait."""

    def __init__(self, message: str, *, retry_after: float | None = None) -> None:
        super().__init__(message)
        self.retry_after = retry_after


@dataclass(frozen=True)
class Outcome:
    action: Action
    action_id: str
    ok: bool
    result: str | None = None  # event id or room id
    error: str | None = None


class Executor:
    """Performs actions against the homeserver. `dry_run=True` performs nothing."""

    def __init__(
        self,
        client: AsyncClient,
        store: Store,
        clock: Clock,
        *,
        dry_run: bool = False,
        max_attempts: int = 8,
        base_delay: float = 0.5,
        metrics: Metrics | None = None,
    ) -> None:
        self.client = client
        self.metrics = metrics or Metrics()  # the app's, which it serves (bot/monitoring.py)
        self.store = store
        self.clock = clock
        self.dry_run = dry_run
        #: Performs a `LinkAdult` (it makes rooms: `Provisioner.link_adult`); set by the app.
        self.linker: Callable[[LinkAdult, str], Awaitable[str | None]] | None = None
        #: Performs a `PostInPortfolio` (it may make the room); set by the app.
        self.portfolio_poster: Callable[[PostInPortfolio, str], Awaitable[str | None]] | None = None
        #: Performs a `SendDigest` (`bot/mail.py`); set by the app when SMTP is configured.
        self.mailer: Callable[[SendDigest, str], Awaitable[str | None]] | None = None
        self.max_attempts = max_attempts
        self.base_delay = base_delay

    async def run(self, actions: Sequence[Action], *, cause: str) -> list[Outcome]:
        """Perform each action in order; one failing does not stop the others."""
        outcomes = []
        for index, action in enumerate(actions):
            aid = action_id(cause, index, action)
            if self.dry_run:
                outcome = Outcome(action, aid, ok=True, result="dry-run")
            else:
                outcome = await self._perform_with_retries(action, aid)
            await self._audit(outcome, cause)
            self._count(outcome)
            outcomes.append(outcome)
        return outcomes

    async def _perform_with_retries(self, action: Action, aid: str) -> Outcome:
        delay = self.base_delay
        for attempt in range(1, self.max_attempts + 1):
            try:
                return Outcome(action, aid, ok=True, result=await self._perform(action, aid))
            except ActionFailed as failure:
                if failure.retry_after is None or attempt == self.max_attempts:
                    log.warning(
                        "action failed: kind=%s room=%s target=%s id=%s: %s",
                        action.kind,
                        action.room(),
                        action.target(),
                        aid,
                        failure,
                    )
                    return Outcome(action, aid, ok=False, error=str(failure))
                wait = failure.retry_after or delay
            except (ClientConnectionError, TimeoutError) as err:
                if attempt == self.max_attempts:
                    return Outcome(action, aid, ok=False, error=f"homeserver unreachable: {err}")
                wait = delay
            log.info("retrying %s %s in %.2fs (attempt %d)", action.kind, aid, wait, attempt)
            await asyncio.sleep(wait)
            delay = min(delay * 2, 30.0)
        raise AssertionError("unreachable")

    async def _perform(self, action: Action, aid: str) -> str | None:
        match action:
            case StoreAction():
                return await action.apply(self.store, aid, self.clock.iso())
            case LinkAdult():
                if self.linker is None:
                    raise ActionFailed("no linker: the app sets one on the executor")
                return await self.linker(action, aid)
            case PostInPortfolio():
                if self.portfolio_poster is None:
                    raise ActionFailed("no portfolio poster: the app sets one on the executor")
                return await self.portfolio_poster(action, aid)
            case SendDigest():
                if self.mailer is None:
                    raise ActionFailed("no mailer: set CONDUCTBOT_SMTP_HOST to send digests")
                return await self.mailer(action, aid)
            case SendMessage(room_id=room_id, content=content, event_type=event_type):
                resp = await self._send_event(room_id, event_type, content, tx_id=aid)
                event_id = _check(resp).event_id
                if action.remember_as:
                    await self.store.sent.remember(event_id, room_id, action.remember_as)
                for number, key in enumerate(action.reactions):
                    annotation = {
                        "m.relates_to": {
                            "rel_type": "m.annotation",
                            "event_id": event_id,
                            "key": key,
                        }
                    }
                    _check(
                        await self._send_event(
                            room_id, "m.reaction", annotation, tx_id=f"{aid}r{number}"
                        )
                    )
                return event_id
            case SendFile():
                return await self._send_file(action, aid)
            case RecordReported():
                return await self._record_reported(action, aid)
            case React(room_id=room_id, event_id=event_id, key=key):
                content = {
                    "m.relates_to": {"rel_type": "m.annotation", "event_id": event_id, "key": key}
                }
                resp = await self._send_event(room_id, "m.reaction", content, tx_id=aid)
                if getattr(resp, "status_code", None) == "M_DUPLICATE_ANNOTATION":
                    return None  # the bot's mark is there already (a replay, or two paths)
                reaction = _check(resp).event_id
                if action.remember_as:
                    await self.store.sent.remember(reaction, room_id, action.remember_as)
                return reaction
            case DeliverRelay(source_event=source, room_id=room_id, content=content):
                resp = await self._send_event(room_id, "m.room.message", content, tx_id=aid)
                delivered = _check(resp).event_id
                await self.store.relay.delivered(source, delivered, at=self.clock.iso())
                return delivered
            case Redact(room_id=room_id, event_id=event_id, reason=reason):
                resp = await self.client.room_redact(room_id, event_id, reason, tx_id=aid)
                return _check(resp).event_id
            case Invite(room_id=room_id, user_id=user_id):
                _check(await self.client.room_invite(room_id, user_id), ok_codes=_ALREADY)
                invited(self.client, room_id, user_id)
                return None
            case Kick(room_id=room_id, user_id=user_id, reason=reason):
                _check(await self.client.room_kick(room_id, user_id, reason))
                return None
            case SetState(room_id=room_id, event_type=event_type, content=content, state_key=key):
                resp = await self.client.room_put_state(room_id, event_type, content, key)
                state_event = _check(resp).event_id
                if event_type == "m.room.encryption":
                    mark_encrypted(self.client, room_id)
                return state_event
            case Pin(room_id=room_id, event_id=event_id, unpin=unpin):
                return await self._pin(room_id, event_id, unpin=unpin)
            case CreateRoom():
                resp = await self.client.room_create(
                    name=action.name,
                    topic=action.topic,
                    invite=list(action.invite),
                    power_level_override=action.power_levels or None,
                    initial_state=list(action.initial_state),
                    is_direct=action.is_direct,
                    preset=RoomPreset.private_chat,
                    federate=False,  # school rooms stay on the school's own server
                    room_version="12",
                )
                if not isinstance(resp, RoomCreateResponse):
                    _check(resp)
                try:
                    await know_room(self.client, resp.room_id, fresh=True)
                except LocalProtocolError as err:  # the next sync will show it instead
                    log.warning("could not read the new room %s: %s", resp.room_id, err)
                return resp.room_id
            case JoinRoom(room_id=room_id):
                resp = await self.client.join(room_id)
                if not isinstance(resp, JoinResponse):
                    _check(resp)
                return room_id
            case LeaveRoom(room_id=room_id):
                _check(await self.client.room_leave(room_id))
                _check(await self.client.room_forget(room_id))  # gone from the bot's list too
                return None
            case AdminMedia(operation=operation, mxc=mxc):
                server, _, media_id = mxc.removeprefix("mxc://").partition("/")
                path = {
                    "quarantine": f"/_synapse/admin/v1/media/quarantine/{server}/{media_id}",
                    "protect": f"/_synapse/admin/v1/media/protect/{media_id}",
                }[operation]
                await self._admin("POST", path, {})
                return None
            case ResetProfile(user_id=user_id, displayname=name, clear_avatar=clear):
                body: dict[str, Any] = {"avatar_url": ""} if clear else {}
                if name is not None:
                    body["displayname"] = name
                await self._admin("PUT", user_path(user_id), body)
                return None
            case SetAvatar(user_id=user_id, mxc=mxc):
                await self._admin("PUT", user_path(user_id), {"avatar_url": mxc})
                return None
            case UploadPicture():
                uploaded, _ = await self.client.upload(
                    io.BytesIO(action.data),
                    content_type=action.mimetype,
                    filename=action.filename,
                    filesize=len(action.data),
                )
                if not isinstance(uploaded, UploadResponse):
                    _check(uploaded)
                await self.store.state.set(action.remember_as, uploaded.content_uri)
                return uploaded.content_uri
            case SetClock(instant=instant):
                self.clock.set(instant)
                return instant.isoformat()
        raise TypeError(f"no way to perform {action!r}")

    async def _pin(self, room_id: str, event_id: str, *, unpin: bool) -> str | None:
        resp = await self.client.room_get_state_event(room_id, PINNED)
        if isinstance(resp, ErrorResponse) and resp.status_code != "M_NOT_FOUND":
            _check(resp)  # a list that could not be read is never written over
        current = resp.content.get("pinned") if isinstance(resp, RoomGetStateEventResponse) else []
        pinned = [e for e in current if isinstance(e, str)] if isinstance(current, list) else []
        if unpin:
            wanted = [e for e in pinned if e != event_id]
        else:
            wanted = pinned if event_id in pinned else [*pinned, event_id]
        if wanted == pinned:
            return None  # already as asked (a replay, or a second !pin)
        put = await self.client.room_put_state(room_id, PINNED, {"pinned": wanted})
        return _check(put).event_id

    async def _send_event(
        self, room_id: str, event_type: str, content: dict[str, Any], tx_id: str
    ) -> Any:
        """Send, encrypted when the room is. The bot trusts the server's list of devices:
        every member's device gets the room key (nobody verifies a school bot by emoji)."""
        try:
            await know_room(self.client, room_id)
            return await self.client.room_send(
                room_id, event_type, content, tx_id=tx_id, ignore_unverified_devices=True
            )
        except (SendRetryError, MembersSyncError) as err:
            raise ActionFailed(f"could not share the room key yet: {err}", retry_after=0) from None
        except (LocalProtocolError, GroupEncryptionError, OlmTrustError) as err:
            raise ActionFailed(f"could not send: {err}") from None

    async def _record_reported(self, action: RecordReported, aid: str) -> str:
        incident = action.incident
        assert incident.room_id is not None and incident.event_id is not None
        resp = await self.client.room_get_event(incident.room_id, incident.event_id)
        content = _check(resp).event.source.get("content") or {}
        copied = {key: content[key] for key in EVIDENCE_KEYS if key in content}
        incident = replace(incident, evidence=copied | incident.evidence)
        number = await self.store.incidents.record(incident, action_id=aid, at=self.clock.iso())
        body = content.get("body")
        shown = (
            f"«{body[:4000]}»"
            if isinstance(body, str) and body
            else "(nothing left to read: the message was deleted or removed)"
        )
        notice_content = dict(action.notice.content)
        notice_content["body"] = f"{notice_content.get('body', '')}\nEvidence: {shown}"
        if "formatted_body" in notice_content:
            notice_content["formatted_body"] += "<br>Evidence: " + escape(shown)
        machine = notice_content.get(INCIDENT_MACHINE_KEY)
        if isinstance(machine, dict):
            kept = {k: v for k, v in incident.evidence.items() if k != "formatted_body"}
            notice_content[INCIDENT_MACHINE_KEY] = machine | {"evidence": kept}
        room_id = action.notice.room_id
        _check(await self._send_event(room_id, "m.room.message", notice_content, tx_id=aid))
        return str(number)

    async def _admin(self, method: str, path: str, body: dict[str, Any]) -> None:
        """One call to Synapse's admin API as the bot; 429 and 5xx are retried."""
        try:
            await admin(self.client, method, path, body)
        except AdminError as err:
            retry = err.status == 429 or err.status >= 500
            raise ActionFailed(str(err), retry_after=0 if retry else None) from None

    async def _send_file(self, action: SendFile, aid: str) -> str:
        """Upload, then post. In an encrypted room the file is encrypted before it leaves
        (AES-CTR, as nio does it) and the event carries its key under `file` instead of a
        `url`, so the media repository holds only ciphertext."""
        try:
            await know_room(self.client, action.room_id)
        except LocalProtocolError as err:
            raise ActionFailed(f"could not send: {err}") from None
        known = self.client.rooms.get(action.room_id)
        encrypt = known is not None and known.encrypted
        uploaded, keys = await self.client.upload(
            io.BytesIO(action.data),
            content_type=action.mimetype,
            filename=action.filename,
            encrypt=encrypt,
            filesize=len(action.data),
        )
        if not isinstance(uploaded, UploadResponse):
            _check(uploaded)
        where = (
            {"file": {"url": uploaded.content_uri, "mimetype": action.mimetype} | (keys or {})}
            if encrypt
            else {"url": uploaded.content_uri}
        )
        content = {
            "msgtype": action.msgtype,
            "body": action.body,
            "filename": action.filename,
            **where,
            "info": {"mimetype": action.mimetype, "size": len(action.data)} | action.info,
        }
        resp = await self._send_event(action.room_id, "m.room.message", content, tx_id=aid)
        return _check(resp).event_id

    def _count(self, outcome: Outcome) -> None:
        action = outcome.action
        self.metrics.actions.labels(action.kind, self._result(outcome)).inc()
        if isinstance(action, RecordIncident | RecordReported) and outcome.ok and not self.dry_run:
            self.metrics.incidents.labels(action.incident.rule).inc()

    def _result(self, outcome: Outcome) -> str:
        return "dry-run" if self.dry_run else ("ok" if outcome.ok else "failed")

    async def _audit(self, outcome: Outcome, cause: str) -> None:
        action = outcome.action
        reason = getattr(action, "reason", None)
        await self.store.audit.record(
            AuditRow(
                action_id=outcome.action_id,
                at=self.clock.iso(),
                kind=action.kind,
                room_id=action.room(),
                target=action.target(),
                cause=cause,
                reason=reason,
                detail=action.audit_detail() | ({"error": outcome.error} if outcome.error else {}),
                dry_run=self.dry_run,
                result=self._result(outcome),
            )
        )


# An invite to someone already in the room is success, not failure.
_ALREADY = ("is already in the room",)
PINNED = "m.room.pinned_events"


def _check(resp: Any, ok_codes: tuple[str, ...] = ()) -> Any:
    """Turn a nio error response into ActionFailed, retryable when the server says so."""
    if not isinstance(resp, ErrorResponse):
        return resp
    if any(text in (resp.message or "") for text in ok_codes):
        return resp
    status = getattr(resp.transport_response, "status", None)
    if resp.status_code == "M_LIMIT_EXCEEDED" or status == 429:
        raise ActionFailed(
            f"rate limited: {resp.message}", retry_after=(resp.retry_after_ms or 1000) / 1000
        )
    if status is not None and status >= 500:
        raise ActionFailed(f"server error {status}: {resp.message}", retry_after=0)
    raise ActionFailed(f"{resp.status_code}: {resp.message}")
