"""A parent or teacher on Element's own SDK (tests/js/client.mjs), driven from the tests."""

from __future__ import annotations

import asyncio
import base64
import itertools
import json
from pathlib import Path
from typing import Any

JS = Path(__file__).resolve().parent / "js"


class JsClientError(RuntimeError):
    pass


class JsClient:
    """One Node process per client; each call is one JSON line out and one back."""

    def __init__(self, process: asyncio.subprocess.Process, device_id: str) -> None:
        self.process = process
        self.device_id = device_id
        self._ids = itertools.count()
        self._lock = asyncio.Lock()

    @classmethod
    async def start(cls, homeserver: str, user_id: str, password: str) -> JsClient:
        if not (JS / "node_modules" / "matrix-js-sdk").is_dir():
            raise JsClientError("matrix-js-sdk is not installed: run `make test` (npm ci)")
        process = await asyncio.create_subprocess_exec(
            *("node", str(JS / "client.mjs"), homeserver, user_id, password),
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            limit=2**24,
        )
        first = await asyncio.wait_for(process.stdout.readline(), timeout=60)
        if not first:
            raise JsClientError(f"the js client for {user_id} did not start")
        return cls(process, json.loads(first)["device_id"])

    async def call(self, op: str, **args: Any) -> dict[str, Any]:
        async with self._lock:
            number = next(self._ids)
            self.process.stdin.write(json.dumps({"id": number, "op": op} | args).encode() + b"\n")
            await self.process.stdin.drain()
            while True:
                line = await asyncio.wait_for(self.process.stdout.readline(), timeout=60)
                if not line:
                    raise JsClientError(f"the js client stopped during {op}")
                answer = json.loads(line)
                if answer.get("id") == number:
                    break
        if not answer.pop("ok"):
            raise JsClientError(f"{op}: {answer['error']}")
        return answer

    async def create_direct(self, invite: str) -> str:
        return (await self.call("create_direct", invite=invite))["room_id"]

    async def send(self, room_id: str, body: str) -> str:
        return (await self.call("send", room_id=room_id, body=body))["event_id"]

    async def send_image(self, room_id: str, data: bytes, name: str, mimetype: str) -> str:
        encoded = base64.b64encode(data).decode()
        answer = await self.call(
            "send_image", room_id=room_id, data_base64=encoded, name=name, mimetype=mimetype
        )
        return answer["event_id"]

    async def timeline(self, room_id: str) -> list[dict[str, Any]]:
        return (await self.call("timeline", room_id=room_id))["events"]

    async def notices(self, room_id: str) -> list[str]:
        """The bot's notices as this client decrypted them, oldest first."""
        return [
            e["content"].get("body", "")
            for e in await self.timeline(room_id)
            if e["type"] == "m.room.message" and e["content"].get("msgtype") == "m.notice"
        ]

    async def close(self) -> None:
        if self.process.returncode is None:
            try:
                await self.call("stop")
                await asyncio.wait_for(self.process.wait(), timeout=10)
            except (JsClientError, TimeoutError, ConnectionError):
                self.process.kill()
                await self.process.wait()
