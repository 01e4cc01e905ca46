"""The bot as an end-to-end encryption endpoint: matrix-nio with vodozemac, cross-signed.

Element and FluffyChat encrypt new direct chats, and Element's "exclude insecure devices"
(MSC4153) shares room keys only with devices their owner has cross-signed. So the bot keeps
an olm account in a crypto store bound to its device (data dir `crypto/`), makes
cross-signing keys once (kept beside it, mode 0600), signs its own device with them, and
keeps its keys uploaded, queried and claimed from its own sync loop.

A device id must never be reused without its store: the server would hold one set of
identity keys and the bot another, and nobody could read the bot again. When the store is
missing, the bot logs in as a new device, signs it with the kept self-signing key, and
deletes the old device.
"""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import quote

from nio import (
    AsyncClient,
    Event,
    LocalProtocolError,
    MatrixRoom,
    RoomGetStateResponse,
    RoomMemberEvent,
)
from signedjson.key import (
    decode_signing_key_base64,
    encode_signing_key_base64,
    encode_verify_key_base64,
    generate_signing_key,
    get_verify_key,
)
from signedjson.sign import sign_json

from bot.admin import AdminError, admin, user_path

log = logging.getLogger(__name__)

CRYPTO_DIR = "crypto"
CROSS_SIGNING_FILE = "cross-signing.json"
ENCRYPTION = {"algorithm": "m.megolm.v1.aes-sha2"}
USAGES = ("master", "self_signing", "user_signing")


def crypto_dir(data_dir: Path) -> Path:
    """Where the olm store and the cross-signing keys live; only the bot may read it."""
    folder = data_dir / CRYPTO_DIR
    folder.mkdir(parents=True, exist_ok=True)
    folder.chmod(0o700)
    return folder


def store_file(folder: Path, user_id: str, device_id: str) -> Path:
    """matrix-nio's name for a device's store (`SqliteStore`)."""
    return folder / f"{user_id}_{device_id}.db"


class CryptoError(RuntimeError):
    pass


@dataclass(frozen=True)
class CrossSigningKeys:
    """The bot's three cross-signing keys (ed25519 seeds, unpadded base64)."""

    user_id: str
    seeds: dict[str, str]

    @classmethod
    def load_or_create(cls, folder: Path, user_id: str) -> CrossSigningKeys:
        path = folder / CROSS_SIGNING_FILE
        if path.exists():
            try:
                saved = json.loads(path.read_text(encoding="utf-8"))
            except (OSError, ValueError) as err:
                raise CryptoError(f"{path}: cannot read the cross-signing keys: {err}") from None
            if saved.get("user_id") != user_id or set(saved.get("seeds", {})) != set(USAGES):
                raise CryptoError(f"{path}: these cross-signing keys are not {user_id}'s")
            return cls(user_id, dict(saved["seeds"]))
        seeds = {usage: encode_signing_key_base64(generate_signing_key("0")) for usage in USAGES}
        keys = cls(user_id, seeds)
        # Created private from the start: the file never exists readable by others.
        descriptor = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(descriptor, "w", encoding="utf-8") as file:
            json.dump({"user_id": user_id, "seeds": seeds}, file)
        log.info("made new cross-signing keys for %s", user_id)
        return keys

    def signing_key(self, usage: str) -> Any:
        """The key, named by its public half as cross-signing key ids are."""
        key = decode_signing_key_base64("ed25519", "0", self.seeds[usage])
        key.version = encode_verify_key_base64(get_verify_key(key))
        return key

    def public(self, usage: str) -> str:
        return str(self.signing_key(usage).version)

    def key_object(self, usage: str) -> dict[str, Any]:
        """The key as uploaded; the self- and user-signing keys are signed by the master."""
        public = self.public(usage)
        key = {"user_id": self.user_id, "usage": [usage], "keys": {f"ed25519:{public}": public}}
        if usage != "master":
            key = sign_json(key, self.user_id, self.signing_key("master"))
        return key


class Encryption:
    """Keeps the bot's device cross-signed and its keys in step with the server."""

    def __init__(self, client: AsyncClient, folder: Path) -> None:
        self.client = client
        self.folder = folder

    async def start(self) -> None:
        """Once per start, after login: cross-signing in place and our device signed."""
        me = self.client.user_id
        keys = CrossSigningKeys.load_or_create(self.folder, me)
        if self.client.should_upload_keys:
            await self.client.keys_upload()
        mine = await self.own_keys()
        uploaded = mine.get("master_keys", {}).get(me, {}).get("keys", {})
        if f"ed25519:{keys.public('master')}" not in uploaded:
            await self._post(
                "/_matrix/client/v3/keys/device_signing/upload",
                {f"{usage}_key": keys.key_object(usage) for usage in USAGES},
            )
            log.info("uploaded the bot's cross-signing keys")
            mine = await self.own_keys()
        device = mine.get("device_keys", {}).get(me, {}).get(self.client.device_id)
        if not isinstance(device, dict):
            raise CryptoError(f"the server has no keys for device {self.client.device_id}")
        self_signing = f"ed25519:{keys.public('self_signing')}"
        if self_signing not in device.get("signatures", {}).get(me, {}):
            unsigned = {k: v for k, v in device.items() if k not in ("signatures", "unsigned")}
            signed = sign_json(unsigned, me, keys.signing_key("self_signing"))
            signature = signed["signatures"][me][self_signing]
            body = unsigned | {"signatures": {me: {self_signing: signature}}}
            answer = await self._post(
                "/_matrix/client/v3/keys/signatures/upload", {me: {self.client.device_id: body}}
            )
            if answer.get("failures"):
                raise CryptoError(f"signing device {self.client.device_id} failed: {answer}")
            log.info("signed device %s with the bot's self-signing key", self.client.device_id)

    async def keep_up(self) -> None:
        """After each sync: upload, query and claim keys, send what the olm machine queued."""
        client = self.client
        if client.should_upload_keys:
            await client.keys_upload()
        if client.should_query_keys:
            await client.keys_query()
        if client.should_claim_keys:
            await client.keys_claim(client.get_users_for_key_claiming())
        await client.send_to_device_messages()

    async def own_keys(self) -> dict[str, Any]:
        """What any client is told about the bot's devices and cross-signing keys."""
        return await self._post(
            "/_matrix/client/v3/keys/query", {"device_keys": {self.client.user_id: []}}
        )

    async def _post(self, path: str, body: dict[str, Any]) -> dict[str, Any]:
        headers = {
            "Authorization": f"Bearer {self.client.access_token}",
            "Content-Type": "application/json",
        }
        response = await self.client.send("POST", path, json.dumps(body), headers)
        answer = await response.json()
        if response.status != 200:
            raise CryptoError(f"{path.rsplit('/', 2)[-2:]}: HTTP {response.status} {answer}")
        return answer


async def retire_device(client: AsyncClient, device_id: str) -> None:
    """Delete a device whose crypto store is gone (the bot is a server admin)."""
    try:
        await admin(client, "DELETE", user_path(client.user_id, "devices", quote(device_id)))
    except AdminError as err:
        log.error("could not delete the old device %s: %s", device_id, err)
        return
    log.warning("deleted the old device %s, whose crypto store was lost", device_id)


async def know_room(client: AsyncClient, room_id: str, *, fresh: bool = False) -> None:
    """Make sure matrix-nio knows a room, invited members included, before the bot sends.

    nio refuses to send to a room it has not seen in a sync (straight after a join or a
    create, or after a restart for a quiet room), and shares room keys only with the
    members it knows; its own member check reads joined members only. So this reads the
    room's state instead of waiting for the next sync, once per encrypted room (until nio
    has synced its members) and when `fresh`: a room the bot has just made, where the
    welcome it sends must be readable by the family it invited.
    """
    known = client.rooms.get(room_id)
    if known is not None and not fresh and (known.members_synced or not known.encrypted):
        return
    answer = await client.room_get_state(room_id)
    if not isinstance(answer, RoomGetStateResponse):
        raise LocalProtocolError(f"cannot read the state of {room_id}: {answer.message}")
    room = client.rooms.setdefault(room_id, MatrixRoom(room_id, client.user_id))
    for raw in answer.events:
        event = Event.parse_event(raw)
        if isinstance(event, RoomMemberEvent):
            room.handle_membership(event)
        elif isinstance(event, Event):
            room.handle_event(event)
    if room.encrypted:
        mark_encrypted(client, room_id)
        if client.olm is not None:
            client.olm.update_tracked_users(room)


def invited(client: AsyncClient, room_id: str, user_id: str) -> None:
    """Someone the bot just invited gets the keys of what it sends next, not only after the
    sync that brings their invite: a new room key, shared with them too."""
    room = client.rooms.get(room_id)
    if room is None or user_id in room.users:
        return
    room.add_member(user_id, None, None, invited=True)
    if room.encrypted and client.olm is not None:
        client.olm.update_tracked_users(room)
        client.invalidate_outbound_session(room_id)


def mark_encrypted(client: AsyncClient, room_id: str) -> None:
    """Encrypt from now on, without waiting for the sync that brings the state event."""
    if room_id in client.rooms:
        client.rooms[room_id].encrypted = True
    client.encrypted_rooms.add(room_id)
    if client.store is not None:
        client.store.save_encrypted_rooms([room_id])
