"""The database: WAL, foreign keys, numbered migrations with the version recorded."""

from __future__ import annotations

import logging
from pathlib import Path

import aiosqlite
import pytest

from storage.db import migrate, open_database, schema_version
from storage.migrations import MIGRATIONS
from storage.people import Role
from storage.rooms import RoomKind
from storage.store import Store


async def test_a_new_database_is_at_the_latest_version_with_wal_and_foreign_keys(
    tmp_path: Path,
) -> None:
    db = await open_database(tmp_path / "db.sqlite")
    try:
        assert await schema_version(db) == len(MIGRATIONS)
        async with db.execute("PRAGMA journal_mode") as cur:
            assert (await cur.fetchone())[0] == "wal"
        async with db.execute("PRAGMA foreign_keys") as cur:
            assert (await cur.fetchone())[0] == 1
        await migrate(db)  # running again is a no-op
        assert await schema_version(db) == len(MIGRATIONS)
    finally:
        await db.close()


async def test_a_database_from_a_newer_conductbot_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "db.sqlite"
    async with aiosqlite.connect(path) as db:
        await db.execute(f"PRAGMA user_version = {len(MIGRATIONS) + 1}")
    with pytest.raises(RuntimeError, match="newer than this conductbot"):
        await open_database(path)


async def test_links_need_a_real_parent_and_pupil(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        now = "2026-11-20T10:00:00+00:00"
        pupil = await store.pupils.add("Amelia", "Hughes", "oak", True, "M1", now=now)
        with pytest.raises(aiosqlite.IntegrityError):  # no such parent yet
            await store.pupils.link_parent("@nobody:x", pupil, linked_by="t", now=now)
        await store.people.upsert("@p:x", "Sam", Role.PARENT, now=now)
        assert await store.pupils.link_parent("@p:x", pupil, linked_by="t", now=now)
        assert not await store.pupils.link_parent("@p:x", pupil, linked_by="t", now=now)
        assert [p.first_name for p in await store.pupils.children_of("@p:x")] == ["Amelia"]
        await store.rooms.add("!r:x", RoomKind.STORY, "story:oak", created_at=now)
        with pytest.raises(aiosqlite.IntegrityError):  # keys are unique
            await store.rooms.add("!s:x", RoomKind.STORY, "story:oak", created_at=now)
    finally:
        await store.close()


async def test_each_migration_is_described_and_logged_when_applied(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO, logger="storage.db")
    db = await open_database(tmp_path / "described.sqlite")  # migrates a new database
    await db.close()
    logged = [r.getMessage() for r in caplog.records if "schema version" in r.getMessage()]
    assert len(logged) == len(MIGRATIONS)
    for version, (line, migration) in enumerate(zip(logged, MIGRATIONS, strict=True), 1):
        assert migration.description and line.endswith(f"{version}: {migration.description}")


async def test_reviews_made_before_the_unread_column_read_as_readable(tmp_path: Path) -> None:
    """Migration 13 marks a review of a reply the judge could not read with its language;
    reviews already waiting are readable replies (NULL), as they were before."""
    path = tmp_path / "db.sqlite"
    async with aiosqlite.connect(path) as db:
        for migration in MIGRATIONS[:12]:
            for statement in migration.statements:
                await db.execute(statement)
        await db.execute(
            "INSERT INTO reviews (event_id, room_id, author, text, label, confidence, "
            "created_at) VALUES ('$old', '!r:x', '@p:x', 'Shame', 'negative', 0.55, 'then')"
        )
        await db.execute("PRAGMA user_version = 12")
        await db.commit()
    store = await Store.open(path)
    try:
        old = await store.story.review_for_event("$old")
        assert old is not None and old.unread is None and old.label == "negative"
        now = "2026-11-20T19:00:00+00:00"
        await store.story.open_review(
            "$new", "!r:x", "@p:x", None, "Amelia mówi", "negative", 0.5, (), at=now
        )
        await store.story.open_review(
            "$pl", "!r:x", "@p:x", None, "Amelia mówi", "negative", 0.5, (), at=now, unread="Polish"
        )
        assert (await store.story.review_for_event("$new")).unread is None
        assert (await store.story.review_for_event("$pl")).unread == "Polish"
    finally:
        await store.close()
