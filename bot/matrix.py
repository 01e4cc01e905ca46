"""The Matrix core: login with a reused device, and a sync loop that never loses or repeats.

matrix-nio saves its sync token before callbacks run, and an exception in a callback ends
`sync_forever`. So conductbot runs its own loop: it keeps the cursor in SQLite and writes it
only after the whole batch is handled, dedupes on event id, back-fills `limited` timelines,
skips history on the first sync and events from before the bot joined a room, and reconnects
with backoff while the homeserver is away.
"""

from __future__ import annotations

import asyncio
import logging
import os
import time
from collections import defaultdict, deque
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from aiohttp import ClientConnectionError
from nio import (
    AsyncClient,
    AsyncClientConfig,
    EncryptionError,
    InviteMemberEvent,
    LoginResponse,
    MegolmEvent,
    MessageDirection,
    ReceiptEvent,
    RoomMessagesResponse,
    SyncResponse,
    WhoamiResponse,
)
from nio.store import SqliteStore

from bot.clock import Clock
from bot.crypto import CryptoError, Encryption, crypto_dir, retire_device, store_file
from bot.monitoring import Metrics
from storage.rooms import Room
from storage.state import ACCESS_TOKEN, DEVICE_ID, ENCRYPTION_SWEPT, SYNC_CURSOR, USER_ID
from storage.store import Store

log = logging.getLogger(__name__)

DEVICE_NAME = "conductbot"
SYNC_TIMEOUT_MS = 30_000
MAX_BACKFILL = 20_000
ROOMS_AT_ONCE = 8  # rooms of one sync batch handled side by side
MAX_BATCHES_IN_FLIGHT = 20  # batches still being handled before the loop waits for them
KEY_WAIT = 5.0  # seconds an undecryptable event waits for its room key to arrive

SYNC_FILTER: dict[str, Any] = {
    "presence": {"not_types": ["*"]},
    "account_data": {"not_types": ["*"]},
    "room": {
        "timeline": {"limit": 100},
        "state": {"lazy_load_members": True},
        "ephemeral": {"types": ["m.receipt"]},  # teachers' read receipts, for "seen"
        "account_data": {"not_types": ["*"]},
    },
}
# A new device's first batch also brings every room's encryption setting, and no other
# state (member lists of thousands of rooms would cost seconds and megabytes), so nio
# encrypts where it must from the first send; its store keeps them from then on, and
# members are read when a room needs them. Synapse still takes about 30 s to answer this
# for a 900-family school (bench/load.py), hence once per device, not once per start.
SWEEP_FILTER: dict[str, Any] = SYNC_FILTER | {
    "room": SYNC_FILTER["room"] | {"state": {"types": ["m.room.encryption"]}}
}
# The very first sync only needs a starting point: no rooms, no history.
FIRST_SYNC_FILTER: dict[str, Any] = {
    "presence": {"not_types": ["*"]},
    "account_data": {"not_types": ["*"]},
    "room": {"rooms": []},
}


class CredentialsError(ValueError):
    pass


@dataclass(frozen=True)
class Credentials:
    homeserver: str
    user_id: str
    password: str | None = None
    access_token: str | None = None

    @classmethod
    def load(
        cls,
        secrets_file: Path | None = None,
        environ: os._Environ[str] | dict[str, str] = os.environ,
    ) -> Credentials:
        """From a secrets file (YAML, outside the repo) with the environment taking precedence."""
        values: dict[str, Any] = {}
        path = secrets_file or (
            Path(environ["CONDUCTBOT_SECRETS_FILE"])
            if environ.get("CONDUCTBOT_SECRETS_FILE")
            else None
        )
        if path is not None:
            try:
                loaded = yaml.safe_load(path.read_text(encoding="utf-8"))
            except (OSError, yaml.YAMLError) as err:
                raise CredentialsError(f"{path}: cannot read secrets file: {err}") from None
            if not isinstance(loaded, dict):
                raise CredentialsError(f"{path}: expected a mapping of secrets")
            values |= loaded
        for key in ("homeserver", "user_id", "password", "access_token"):
            if environ.get(f"CONDUCTBOT_{key.upper()}"):
                values[key] = environ[f"CONDUCTBOT_{key.upper()}"]
        missing = [k for k in ("homeserver", "user_id") if not values.get(k)]
        if missing or not (values.get("password") or values.get("access_token")):
            missing += (
                []
                if values.get("password") or values.get("access_token")
                else ["password or access_token"]
            )
            raise CredentialsError(
                "bot credentials incomplete: missing " + ", ".join(missing) + "; set "
                "CONDUCTBOT_HOMESERVER, CONDUCTBOT_USER_ID and CONDUCTBOT_PASSWORD (or "
                "CONDUCTBOT_ACCESS_TOKEN), or pass --secrets FILE"
            )
        return cls(
            homeserver=str(values["homeserver"]).rstrip("/"),
            user_id=str(values["user_id"]),
            password=values.get("password"),
            access_token=values.get("access_token"),
        )

    @property
    def server_name(self) -> str:
        return self.user_id.split(":", 1)[1]


def make_client(credentials: Credentials, data_dir: Path) -> AsyncClient:
    """nio's own retries are off: the executor and the sync loop own retrying. Encryption
    is always on: a parent may open an encrypted chat with the bot whatever the school's
    own rooms are; the crypto store lives in the data directory."""
    config = AsyncClientConfig(
        max_limit_exceeded=0,
        max_timeouts=0,
        request_timeout=60,
        encryption_enabled=True,
        store=SqliteStore,
        store_sync_tokens=False,  # the sync cursor is conductbot's own (storage/state.py)
    )
    return AsyncClient(
        credentials.homeserver,
        credentials.user_id,
        store_path=str(crypto_dir(data_dir)),
        config=config,
    )


async def login(client: AsyncClient, store: Store, credentials: Credentials) -> None:
    """Log in, reusing the stored device (and its token) across restarts, but never a
    device whose crypto store is gone (see bot/crypto.py): then a new device instead."""
    folder = Path(client.store_path)
    if credentials.access_token:
        client.access_token = credentials.access_token
        whoami = await client.whoami()
        if not isinstance(whoami, WhoamiResponse):
            raise CredentialsError(f"the access token was refused: {whoami.message}")
        device = whoami.device_id or ""
        if (
            device == await store.state.get(DEVICE_ID)
            and not store_file(folder, whoami.user_id, device).exists()
        ):
            raise CredentialsError(
                f"the crypto store of device {device} is missing, and an access token cannot "
                "change device: issue a new access token (a new device) for the bot"
            )
        client.restore_login(whoami.user_id, device, credentials.access_token)
        await store.state.set(DEVICE_ID, device)
        return
    stored_user = await store.state.get(USER_ID)
    device_id = await store.state.get(DEVICE_ID) if stored_user == credentials.user_id else None
    lost = None
    if device_id and not store_file(folder, credentials.user_id, device_id).exists():
        log.warning(
            "the crypto store of device %s is missing; logging in as a new device and "
            "retiring it (a device must never be reused without its keys)",
            device_id,
        )
        lost, device_id = device_id, None
    token = await store.state.get(ACCESS_TOKEN) if device_id else None
    if device_id and token:
        client.restore_login(credentials.user_id, device_id, token)
        if isinstance(await client.whoami(), WhoamiResponse):
            log.info("logged in with the stored device %s", device_id)
            return
    client.device_id = device_id  # nio sends it with the login: the same device again
    response = await client.login(credentials.password or "", device_name=DEVICE_NAME)
    if not isinstance(response, LoginResponse):
        raise CredentialsError(f"login as {credentials.user_id} failed: {response.message}")
    await store.state.set(USER_ID, response.user_id)
    await store.state.set(DEVICE_ID, response.device_id)
    await store.state.set(ACCESS_TOKEN, response.access_token)
    log.info("logged in as %s, device %s", response.user_id, response.device_id)
    if lost is not None:
        await retire_device(client, lost)


ProcessEvent = Callable[[Room, dict[str, Any]], Awaitable[tuple[str, str | None]]]
# (room id, the inviter, whether the invite is for a direct chat)
HandleInvite = Callable[[str, str, bool], Awaitable[None]]
# (room, [(user id, event id)]) read receipts
HandleReceipts = Callable[[Room, list[tuple[str, str]]], Awaitable[None]]


class SyncLoop:
    """Fetches batches, hands each new event to `process`, then saves the cursor.

    `process` returns the outcome to record ('handled', 'ignored' or 'failed', and a detail);
    it must not raise (the app isolates handler failures), but if it does, the event is
    recorded as failed and the loop goes on.
    """

    def __init__(
        self,
        client: AsyncClient,
        store: Store,
        clock: Clock,
        process: ProcessEvent,
        invited: HandleInvite,
        receipts: HandleReceipts,
        metrics: Metrics,
    ) -> None:
        self.client = client
        self.metrics = metrics  # each sync's time, and when the last one succeeded
        self.encryption = Encryption(client, Path(client.store_path))
        self._synced = asyncio.Event()  # replaced after every sync: "new keys may be here"
        self.store = store
        self.clock = clock
        self.process = process
        self.invited = invited
        self.receipts = receipts
        self.ready = asyncio.Event()  # set once the first batch after start is handled
        self._room_turns: defaultdict[str, asyncio.Lock] = defaultdict(asyncio.Lock)

    async def run(self) -> None:
        """Sync without waiting for slow rooms: each batch's rooms are handed to their own
        queues (a room's events stay in order across batches), and the cursor saved is that
        of the newest batch whose every room is done, so a crash replays, never skips."""
        saved = await self.store.state.get(SYNC_CURSOR)
        cursor = saved if saved is not None else await self._first_sync()
        try:
            await self.encryption.start()
        except (CryptoError, ClientConnectionError, TimeoutError) as err:
            # The bot still reads and answers; only apps that exclude unverified devices
            # (Element's MSC4153 mode) cannot read it until this is put right.
            log.error("the bot's device is not cross-signed (%s); tried again at next start", err)
        device = self.client.device_id
        in_flight: deque[tuple[str, asyncio.Task[None]]] = deque()
        backoff = 1.0
        try:
            while True:
                # The first batch after start returns at once, so `ready` means caught up.
                first = not self.ready.is_set()
                sweep = first and await self.store.state.get(ENCRYPTION_SWEPT) != device
                began = time.monotonic()
                try:
                    response = await self.client.sync(
                        timeout=0 if first else SYNC_TIMEOUT_MS,
                        sync_filter=SWEEP_FILTER if sweep else SYNC_FILTER,
                        since=cursor,
                        full_state=sweep,
                    )
                except (ClientConnectionError, TimeoutError) as err:
                    self.metrics.sync_failures.inc()
                    log.warning("homeserver unreachable (%s); retrying in %.0fs", err, backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 60.0)
                    continue
                if not isinstance(response, SyncResponse):
                    if response.status_code == "M_UNKNOWN_TOKEN":
                        raise RuntimeError("the bot's access token was revoked; log in again")
                    self.metrics.sync_failures.inc()
                    log.warning("sync failed (%s); retrying in %.0fs", response.message, backoff)
                    await asyncio.sleep(backoff)
                    backoff = min(backoff * 2, 60.0)
                    continue
                backoff = 1.0
                self.metrics.synced(time.monotonic() - began)
                if sweep:  # nio has stored every room's setting while reading the response
                    await self.store.state.set(ENCRYPTION_SWEPT, device)
                await self._keep_keys_up()
                cursor = response.next_batch
                in_flight.append((cursor, asyncio.create_task(self.handle_batch(response))))
                if not self.ready.is_set() or len(in_flight) > MAX_BATCHES_IN_FLIGHT:
                    await in_flight[0][1]  # the first batch, or too far ahead: wait
                await self._save_done(in_flight)
                self.ready.set()
        finally:
            for _, task in in_flight:
                task.cancel()

    async def _keep_keys_up(self) -> None:
        """Room keys that came with this batch are in the store before its events are
        handled, and devices that joined are known before the bot answers them."""
        try:
            await self.encryption.keep_up()
        except (ClientConnectionError, TimeoutError) as err:
            log.warning("key upkeep failed (%s); trying again after the next sync", err)
        self._synced.set()
        self._synced = asyncio.Event()

    async def _save_done(self, in_flight: deque[tuple[str, asyncio.Task[None]]]) -> None:
        """Save the cursor of the newest batch handled with all before it."""
        done = None
        while in_flight and in_flight[0][1].done():
            done, task = in_flight.popleft()
            task.result()  # a batch that raised stops the loop, as before
        if done is not None:
            await self.store.state.set(SYNC_CURSOR, done)

    async def _first_sync(self) -> str:
        """Start from now: history from before the bot first ran is not work to do."""
        while True:
            response = await self.client.sync(timeout=0, sync_filter=FIRST_SYNC_FILTER)
            if isinstance(response, SyncResponse):
                await self.store.state.set(SYNC_CURSOR, response.next_batch)
                log.info("first sync: starting from now, history skipped")
                return response.next_batch
            log.warning("first sync failed (%s); retrying", response.message)
            await asyncio.sleep(2)

    async def handle_batch(self, response: SyncResponse) -> None:
        """Rooms side by side (a few at a time), each room's events in order and after its
        events of earlier batches: a flood in one room never holds up another."""
        slots = asyncio.Semaphore(ROOMS_AT_ONCE)

        async def one(room_id: str, joined: Any, turn: asyncio.Lock) -> None:
            async with turn, slots:  # the room's turn first: its queue keeps batch order
                await self._handle_room(room_id, joined)

        # Locks are taken in the order the tasks start, which is batch order (FIFO).
        tasks = [
            asyncio.create_task(one(room_id, joined, self._room_turns[room_id]))
            for room_id, joined in response.rooms.join.items()
        ]
        results = await asyncio.gather(*tasks, return_exceptions=True)
        for result in results:
            if isinstance(result, BaseException):
                raise result
        for room_id in response.rooms.leave:
            if await self.store.rooms.get(room_id):
                log.warning("the bot is no longer in managed room %s", room_id)
        for room_id, invited in response.rooms.invite.items():
            inviter, direct = None, False
            for event in invited.invite_state:
                # nio keeps a member event's content on the parsed event, not in `source`.
                if isinstance(event, InviteMemberEvent) and event.state_key == self.client.user_id:
                    inviter = event.sender
                    direct = bool((event.content or {}).get("is_direct"))
            if isinstance(inviter, str) and await self.store.rooms.get(room_id) is None:
                try:
                    await self.invited(room_id, inviter, direct)
                except Exception:
                    log.exception("handling the invite to %s failed", room_id)

    async def _handle_room(self, room_id: str, joined: Any) -> None:
        room = await self.store.rooms.get(room_id)
        if room is None:
            return  # not a room the bot manages
        raws = [event.source for event in joined.timeline.events]
        await self._note_own_join(room, raws)
        room = await self.store.rooms.get(room_id) or room
        if joined.timeline.limited and joined.timeline.prev_batch:
            raws = await self._backfill(room, joined.timeline.prev_batch) + raws
        for raw in raws:
            await self._process_once(room, raw)
        read = [
            (receipt.user_id, receipt.event_id)
            for event in joined.ephemeral
            if isinstance(event, ReceiptEvent)
            for receipt in event.receipts
            if receipt.receipt_type == "m.read"
        ]
        if read:
            try:
                await self.receipts(room, read)
            except Exception:
                log.exception("handling read receipts in %s failed", room_id)

    async def _note_own_join(self, room: Room, raws: list[dict[str, Any]]) -> None:
        if room.bot_joined_ts is not None:
            return
        for raw in raws:
            if (
                raw.get("type") == "m.room.member"
                and raw.get("state_key") == self.client.user_id
                and (raw.get("content") or {}).get("membership") == "join"
                and isinstance(raw.get("origin_server_ts"), int)
            ):
                await self.store.rooms.set_bot_joined(room.room_id, raw["origin_server_ts"])
                return

    async def _backfill(self, room: Room, prev_batch: str) -> list[dict[str, Any]]:
        """Events the gap hid, oldest first, back to the last one we handled."""
        gathered: list[dict[str, Any]] = []
        token = prev_batch
        while len(gathered) < MAX_BACKFILL:
            page = await self.client.room_messages(
                room.room_id, start=token, direction=MessageDirection.back, limit=100
            )
            if not isinstance(page, RoomMessagesResponse):
                log.error("back-fill of %s failed: %s", room.room_id, page.message)
                break
            for event in page.chunk:
                raw = event.source
                if await self.store.events.seen(str(raw.get("event_id"))) or self._before_join(
                    room, raw
                ):
                    return list(reversed(gathered))
                gathered.append(raw)
            if not page.chunk or not page.end or page.end == token:
                break
            token = page.end
        if len(gathered) >= MAX_BACKFILL:
            log.error("back-fill of %s stopped after %d events", room.room_id, MAX_BACKFILL)
        log.info("back-filled %d events in %s", len(gathered), room.room_id)
        return list(reversed(gathered))

    async def _decrypt_late(self, room: Room, raw: dict[str, Any]) -> dict[str, Any]:
        """An event nio could not decrypt in its sync: its room key may come in a later
        batch, so try again after each sync for a while before calling it unreadable."""
        try:
            event = MegolmEvent.from_dict(raw)
        except (KeyError, TypeError, ValueError):
            return raw
        if not isinstance(event, MegolmEvent):
            return raw
        event.room_id = room.room_id
        deadline = asyncio.get_running_loop().time() + KEY_WAIT
        while self.ready.is_set():  # the first batch is handled before the next sync
            try:
                return self.client.decrypt_event(event).source
            except EncryptionError:
                left = deadline - asyncio.get_running_loop().time()
                if left <= 0:
                    break
                try:
                    await asyncio.wait_for(self._synced.wait(), timeout=left)
                except TimeoutError:
                    break
        log.info("could not decrypt %s in %s", raw.get("event_id"), room.room_id)
        return raw

    @staticmethod
    def _before_join(room: Room, raw: dict[str, Any]) -> bool:
        ts = raw.get("origin_server_ts")
        return room.bot_joined_ts is not None and isinstance(ts, int) and ts < room.bot_joined_ts

    async def _process_once(self, room: Room, raw: dict[str, Any]) -> None:
        event_id = raw.get("event_id")
        if not isinstance(event_id, str):
            log.warning("event without an id in %s skipped", room.room_id)
            return
        if await self.store.events.seen(event_id):
            return
        if raw.get("sender") == self.client.user_id:
            outcome: tuple[str, str | None] = ("ignored", "the bot's own event")
        elif self._before_join(room, raw):
            outcome = ("ignored", "from before the bot joined")
        else:
            if raw.get("type") == "m.room.encrypted":
                raw = await self._decrypt_late(room, raw)
            try:
                outcome = await self.process(room, raw)
            except Exception as err:  # the app isolates handlers; this is the last guard
                log.exception("processing %s in %s failed", event_id, room.room_id)
                outcome = ("failed", type(err).__name__)
        await self.store.events.mark(
            event_id, room.room_id, outcome[0], now=self.clock.iso(), detail=outcome[1]
        )
