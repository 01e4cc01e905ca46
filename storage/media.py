"""Fingerprints of class media: what may not leave the room it was posted in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

import aiosqlite


@dataclass(frozen=True)
class Fingerprint:
    mxc: str
    sha256: str | None
    phash: str | None  # hex, 64-bit perceptual hash of an image
    kind: str  # image, video, audio, file
    room_id: str
    event_id: str
    sender: str


def _fingerprint(row: aiosqlite.Row) -> Fingerprint:
    return Fingerprint(
        row["mxc"],
        row["sha256"],
        row["phash"],
        row["kind"],
        row["room_id"],
        row["event_id"],
        row["sender"],
    )


class MediaReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db

    async def by_mxc(self, mxc: str) -> Fingerprint | None:
        async with self._db.execute(
            "SELECT * FROM media_fingerprints WHERE mxc = ?", (mxc,)
        ) as cur:
            row = await cur.fetchone()
        return _fingerprint(row) if row else None

    async def by_sha256(self, digest: str) -> Fingerprint | None:
        async with self._db.execute(
            "SELECT * FROM media_fingerprints WHERE sha256 = ? LIMIT 1", (digest,)
        ) as cur:
            row = await cur.fetchone()
        return _fingerprint(row) if row else None

    async def image_hashes(self) -> list[Fingerprint]:
        """Every protected image's perceptual hash, for near-duplicate checks."""
        async with self._db.execute(
            "SELECT * FROM media_fingerprints WHERE phash IS NOT NULL"
        ) as cur:
            return [_fingerprint(row) for row in await cur.fetchall()]

    async def pending(self, limit: int = 10) -> list[dict[str, Any]]:
        async with self._db.execute(
            "SELECT * FROM media_checks WHERE done_at IS NULL ORDER BY queued_at LIMIT ?",
            (limit,),
        ) as cur:
            rows = [dict(row) for row in await cur.fetchall()]
        for row in rows:
            row["content"] = json.loads(row["content"])
        return rows

    async def check_result(self, event_id: str) -> str | None:
        """What the worker found for an event's media; None while it is still queued."""
        async with self._db.execute(
            "SELECT result FROM media_checks WHERE event_id = ? AND done_at IS NOT NULL",
            (event_id,),
        ) as cur:
            row = await cur.fetchone()
        return row["result"] if row else None


class Media(MediaReader):
    """What changes these tables. Handlers never hold it: they get `MediaReader`."""

    async def record(self, fingerprint: Fingerprint, *, at: str) -> None:
        await self._db.execute(
            "INSERT INTO media_fingerprints (mxc, sha256, phash, kind, room_id, event_id, "
            "sender, at) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (mxc) DO UPDATE SET "
            "sha256 = COALESCE(excluded.sha256, sha256), phash = COALESCE(excluded.phash, phash)",
            (
                fingerprint.mxc,
                fingerprint.sha256,
                fingerprint.phash,
                fingerprint.kind,
                fingerprint.room_id,
                fingerprint.event_id,
                fingerprint.sender,
                at,
            ),
        )

    # The queue of downloads and hashes: the database is the truth, a worker drains it.

    async def queue(
        self,
        purpose: str,
        event_id: str,
        room_id: str,
        sender: str,
        mxc: str,
        kind: str,
        content: dict[str, Any],
        *,
        at: str,
    ) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO media_checks (event_id, purpose, room_id, sender, mxc, kind, "
            "content, queued_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (event_id, purpose, room_id, sender, mxc, kind, json.dumps(content), at),
        )

    async def done(self, event_id: str, result: str, *, at: str) -> None:
        await self._db.execute(
            "UPDATE media_checks SET done_at = ?, result = ? WHERE event_id = ?",
            (at, result, event_id),
        )
