"""Small key/value facts about the bot itself: its device, its sync cursor."""

from __future__ import annotations

import secrets

import aiosqlite

SYNC_CURSOR = "sync_cursor"
DEVICE_ID = "device_id"
ACCESS_TOKEN = "access_token"
USER_ID = "user_id"
# The device whose crypto store has been told every room's encryption setting.
ENCRYPTION_SWEPT = "encryption_swept_device"


class BotStateReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def get(self, key: str) -> str | None:
        async with self._db.execute("SELECT value FROM bot_state WHERE key = ?", (key,)) as cur:
            row = await cur.fetchone()
        return row["value"] if row else None


class BotState(BotStateReader):
    """What changes these tables. Handlers never hold it: they get `BotStateReader`."""

    async def set(self, key: str, value: str) -> None:
        await self._db.execute(
            "INSERT INTO bot_state (key, value) VALUES (?, ?) "
            "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
            (key, value),
        )

    async def delete(self, key: str) -> None:
        await self._db.execute("DELETE FROM bot_state WHERE key = ?", (key,))


async def install_secret(db: aiosqlite.Connection, key: str) -> bytes:
    """A secret of this install under `key`, made on first use and the same ever after."""
    await db.execute(
        "INSERT OR IGNORE INTO bot_state (key, value) VALUES (?, ?)", (key, secrets.token_hex(32))
    )
    async with db.execute("SELECT value FROM bot_state WHERE key = ?", (key,)) as cur:
        row = await cur.fetchone()
    return bytes.fromhex(row["value"])
