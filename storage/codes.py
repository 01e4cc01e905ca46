"""Join codes and what they lead to: attempts, links waiting for SLT, pupils' own accounts.

A code is never stored as typed: only an HMAC-SHA256 of its normalised form, keyed with a
secret made once per install (kept in `bot_state`), so neither the database, the audit log
nor a backup gives a usable code away.
"""

from __future__ import annotations

import hashlib
import hmac
import re
from collections.abc import Sequence
from dataclasses import dataclass

import aiosqlite

from storage.db import transaction
from storage.state import install_secret

SECRET_KEY = "join_code_secret"

# Spaces and the dashes phones and word processors put in ("‐", "‑", "–", "—", "−").
_SEPARATORS = re.compile(r"[\s\-\u2010\u2011\u2012\u2013\u2014\u2212]+")


def normalise_code(text: str) -> str:
    """The one form a code is hashed in: capitals, no spaces or dashes."""
    return _SEPARATORS.sub("", text).upper()


def code_hash(text: str, secret: bytes) -> str:
    """HMAC-SHA256 of the normalised code, hex: what `join_codes.code_hash` holds."""
    return hmac.new(secret, normalise_code(text).encode(), hashlib.sha256).hexdigest()


@dataclass(frozen=True)
class JoinCode:
    id: int
    pupil_id: int
    for_role: str  # "parent" or "pupil"
    created_by: str
    created_at: str
    expires_at: str
    used_by: str | None
    used_at: str | None


@dataclass(frozen=True)
class NewCode:
    """A code about to be stored: its keyed hash, never the code."""

    code_hash: str
    pupil_id: int
    expires_at: str


@dataclass(frozen=True)
class PendingLink:
    id: int
    user_id: str
    pupil_id: int
    requested_at: str
    status: str  # waiting, approved or declined
    decided_by: str | None
    decided_at: str | None


def _code(row: aiosqlite.Row) -> JoinCode:
    return JoinCode(
        row["id"],
        row["pupil_id"],
        row["for_role"],
        row["created_by"],
        row["created_at"],
        row["expires_at"],
        row["used_by"],
        row["used_at"],
    )


def _pending(row: aiosqlite.Row) -> PendingLink:
    return PendingLink(
        row["id"],
        row["user_id"],
        row["pupil_id"],
        row["requested_at"],
        row["status"],
        row["decided_by"],
        row["decided_at"],
    )


class JoinCodesReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._secret: bytes | None = None

    # --- codes -----------------------------------------------------------------------------

    async def _key(self) -> bytes:
        if self._secret is None:
            self._secret = await install_secret(self._db, SECRET_KEY)
        return self._secret

    async def hash(self, code: str) -> str:
        return code_hash(code, await self._key())

    async def find(self, code: str) -> JoinCode | None:
        """The code as typed by someone (any case, spaces or dashes), or None."""
        async with self._db.execute(
            "SELECT * FROM join_codes WHERE code_hash = ?", (await self.hash(code),)
        ) as cur:
            row = await cur.fetchone()
        return _code(row) if row else None

    async def live(self, pupil_id: int, *, now: str, for_role: str = "parent") -> list[JoinCode]:
        """The pupil's codes that could still be used (unused, unexpired), oldest first."""
        async with self._db.execute(
            "SELECT * FROM join_codes WHERE pupil_id = ? AND for_role = ? AND used_by IS NULL "
            "AND expires_at > ? ORDER BY id",
            (pupil_id, for_role, now),
        ) as cur:
            return [_code(row) for row in await cur.fetchall()]

    async def failures_since(self, user_id: str, since: str) -> list[str]:
        """When the account's failed attempts at or after `since` were made, oldest first."""
        async with self._db.execute(
            "SELECT at FROM join_attempts WHERE user_id = ? AND ok = 0 AND at >= ? ORDER BY at, id",
            (user_id, since),
        ) as cur:
            return [row["at"] for row in await cur.fetchall()]

    # --- links waiting for SLT -------------------------------------------------------------

    async def next_pending_id(self) -> int:
        """The id the next request will get, so SLT's notice can name it before it is stored.

        Events are handled one at a time, so no other request takes it meanwhile."""
        async with self._db.execute("SELECT COALESCE(MAX(id), 0) + 1 FROM pending_links") as cur:
            row = await cur.fetchone()
        return int(row[0])

    async def pending(self, pending_id: int) -> PendingLink | None:
        async with self._db.execute(
            "SELECT * FROM pending_links WHERE id = ?", (pending_id,)
        ) as cur:
            row = await cur.fetchone()
        return _pending(row) if row else None

    async def waiting(self, user_id: str, pupil_id: int) -> PendingLink | None:
        async with self._db.execute(
            "SELECT * FROM pending_links WHERE user_id = ? AND pupil_id = ? "
            "AND status = 'waiting' ORDER BY id LIMIT 1",
            (user_id, pupil_id),
        ) as cur:
            row = await cur.fetchone()
        return _pending(row) if row else None

    async def pupil_of(self, user_id: str) -> int | None:
        """The pupil whose own account this is, if it is one."""
        async with self._db.execute(
            "SELECT pupil_id FROM pupil_accounts WHERE user_id = ?", (user_id,)
        ) as cur:
            row = await cur.fetchone()
        return int(row["pupil_id"]) if row else None


class JoinCodes(JoinCodesReader):
    """What changes these tables. Handlers never hold it: they get `JoinCodesReader`."""

    async def add(
        self,
        code_hash: str,
        pupil_id: int,
        for_role: str,
        *,
        created_by: str,
        at: str,
        expires_at: str,
    ) -> int:
        cur = await self._db.execute(
            "INSERT INTO join_codes (code_hash, pupil_id, for_role, created_by, created_at, "
            "expires_at) VALUES (?, ?, ?, ?, ?, ?)",
            (code_hash, pupil_id, for_role, created_by, at, expires_at),
        )
        return int(cur.lastrowid or 0)

    async def void(self, code_id: int, *, at: str) -> None:
        """An unused code that was shown where others could read it expires now."""
        await self._db.execute(
            "UPDATE join_codes SET expires_at = ? WHERE id = ? AND used_by IS NULL "
            "AND expires_at > ?",
            (at, code_id, at),
        )

    async def issue_many(
        self,
        codes: Sequence[NewCode],
        *,
        void: Sequence[int] = (),
        for_role: str = "parent",
        created_by: str,
        at: str,
    ) -> list[int]:
        """Void some codes and store new ones, all or nothing (a class's invitation letters)."""
        async with transaction(self._db):
            for code_id in void:
                await self.void(code_id, at=at)
            return [
                await self.add(
                    code.code_hash,
                    code.pupil_id,
                    for_role,
                    created_by=created_by,
                    at=at,
                    expires_at=code.expires_at,
                )
                for code in codes
            ]

    async def use(self, code_id: int, user_id: str, *, at: str) -> bool:
        """Mark a code used; False if it was used already (by anyone)."""
        cur = await self._db.execute(
            "UPDATE join_codes SET used_by = ?, used_at = ? WHERE id = ? AND used_by IS NULL",
            (user_id, at, code_id),
        )
        return cur.rowcount == 1

    # --- attempts --------------------------------------------------------------------------

    async def record_attempt(self, user_id: str, ok: bool, *, at: str) -> None:
        await self._db.execute(
            "INSERT INTO join_attempts (user_id, at, ok) VALUES (?, ?, ?)",
            (user_id, at, int(ok)),
        )

    async def request_link(self, pending_id: int, user_id: str, pupil_id: int, *, at: str) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO pending_links (id, user_id, pupil_id, requested_at, status) "
            "VALUES (?, ?, ?, ?, 'waiting')",
            (pending_id, user_id, pupil_id, at),
        )

    async def decide(self, pending_id: int, status: str, *, by: str, at: str) -> bool:
        """Approve or decline a waiting request; False if it was decided already."""
        cur = await self._db.execute(
            "UPDATE pending_links SET status = ?, decided_by = ?, decided_at = ? "
            "WHERE id = ? AND status = 'waiting'",
            (status, by, at, pending_id),
        )
        return cur.rowcount == 1

    # --- pupils' own accounts --------------------------------------------------------------

    async def link_pupil_account(self, user_id: str, pupil_id: int, *, at: str) -> bool:
        """False if the account was already this pupil's."""
        cur = await self._db.execute(
            "INSERT OR IGNORE INTO pupil_accounts (user_id, pupil_id, linked_at) VALUES (?, ?, ?)",
            (user_id, pupil_id, at),
        )
        return cur.rowcount == 1
