"""The database connection: aiosqlite, WAL, foreign keys, numbered migrations."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

import aiosqlite

from storage.migrations import MIGRATIONS

log = logging.getLogger(__name__)


async def open_database(path: Path | str) -> aiosqlite.Connection:
    """Open (creating if needed) the bot's database and bring its schema up to date."""
    if str(path) != ":memory:":
        Path(path).parent.mkdir(parents=True, exist_ok=True)
    db = await aiosqlite.connect(path, isolation_level=None)
    db.row_factory = aiosqlite.Row
    await db.execute("PRAGMA journal_mode = WAL")
    await db.execute("PRAGMA foreign_keys = ON")
    # Another process (the CLI beside a running bot) may hold the write lock briefly.
    await db.execute("PRAGMA busy_timeout = 10000")
    try:
        await migrate(db)
    except BaseException:
        await db.close()
        raise
    return db


async def schema_version(db: aiosqlite.Connection) -> int:
    async with db.execute("PRAGMA user_version") as cursor:
        row = await cursor.fetchone()
    return int(row[0])


async def migrate(db: aiosqlite.Connection) -> None:
    """Apply each pending migration in its own transaction, recording the version with it."""
    current = await schema_version(db)
    if current > len(MIGRATIONS):
        raise RuntimeError(
            f"database schema version {current} is newer than this conductbot "
            f"({len(MIGRATIONS)}); upgrade conductbot"
        )
    for version, migration in enumerate(MIGRATIONS[current:], start=current + 1):
        async with transaction(db):
            for statement in migration.statements:
                await db.execute(statement)
            await db.execute(f"PRAGMA user_version = {version}")
        log.info("database migrated to schema version %d: %s", version, migration.description)


@asynccontextmanager
async def transaction(db: aiosqlite.Connection) -> AsyncIterator[None]:
    """All or nothing: used where a half-done change would be wrong (a batch of a roster
    import)."""
    await db.execute("BEGIN IMMEDIATE")
    try:
        yield
    except BaseException:
        await db.execute("ROLLBACK")
        raise
    await db.execute("COMMIT")
