"""The floor for story removal: a bare client that redacts every message it sees from others.

Usage: python bench/bare_redactor.py HOMESERVER USER_ID PASSWORD ROOM_ID
Runs until killed. No judging, no database, no audit: just sync and redact on sight.
"""

from __future__ import annotations

import asyncio
import sys

import nio


async def main(homeserver: str, user_id: str, password: str, room_id: str) -> None:
    client = nio.AsyncClient(homeserver, user_id)
    await client.login(password)
    first = await client.sync(timeout=0, full_state=False)
    assert isinstance(first, nio.SyncResponse)

    async def on_message(room: nio.MatrixRoom, event: nio.RoomMessageText) -> None:
        if room.room_id == room_id and event.sender != user_id:
            await client.room_redact(room_id, event.event_id, "bare floor")

    client.add_event_callback(on_message, nio.RoomMessageText)
    print("bare redactor ready", flush=True)
    await client.sync_forever(timeout=30_000, since=first.next_batch)


if __name__ == "__main__":
    asyncio.run(main(*sys.argv[1:5]))
