"""The weekly digest for families without Matrix: the class story posts it shows (with small
copies of their photos), the families' e-mail addresses, and which week went to whom.

E-mail addresses are personal data: they are read here and by the mailer only, never logged,
and an unsubscribe deletes the address outright (nothing is kept "just in case").
"""

from __future__ import annotations

import hashlib
import hmac
import re
from dataclasses import dataclass
from enum import StrEnum

import aiosqlite

from storage.state import install_secret

ADDRESS_RE = re.compile(r"[^@\s<>(),;:\"\[\]]+@[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+")


def valid_address(address: str) -> bool:
    """A plain address (no display name), with a dotted domain, as a family would give it."""
    return len(address) <= 254 and ADDRESS_RE.fullmatch(address) is not None


#: The install's key for unsubscribe links, made on first use (kept in `bot_state`).
SECRET_KEY = "digest_unsubscribe_secret"


class PostKind(StrEnum):
    TEXT = "text"
    PHOTO = "photo"
    OTHER = "other"  # a video or file: named in the digest, not shown


@dataclass(frozen=True)
class StoryPost:
    event_id: str
    room_id: str
    class_id: str | None  # None: the School Story
    sender: str
    posted_at: str  # ISO 8601, aware
    text: str  # the words, or a photo's caption
    mxc: str | None
    kind: PostKind


@dataclass(frozen=True)
class Recipient:
    id: int
    pupil_id: int
    address: str
    added_at: str


def _recipient(row: aiosqlite.Row) -> Recipient:
    return Recipient(row["id"], row["pupil_id"], row["address"], row["added_at"])


def _post(row: aiosqlite.Row) -> StoryPost:
    return StoryPost(
        row["event_id"],
        row["room_id"],
        row["class_id"],
        row["sender"],
        row["posted_at"],
        row["text"],
        row["mxc"],
        PostKind(row["kind"]),
    )


class DigestsReader:
    def __init__(self, db: aiosqlite.Connection) -> None:
        self._db = db
        self._secret: bytes | None = None

    async def posts(self, class_id: str | None, since: str, until: str) -> list[StoryPost]:
        """A class's posts (None: the School Story's) from `since` (inclusive) to `until`
        (exclusive), oldest first."""
        async with self._db.execute(
            "SELECT * FROM story_posts WHERE class_id IS ? AND posted_at >= ? AND posted_at < ? "
            "ORDER BY posted_at, event_id",
            (class_id, since, until),
        ) as cur:
            return [_post(row) for row in await cur.fetchall()]

    async def photo(self, mxc: str) -> bytes | None:
        async with self._db.execute("SELECT jpeg FROM story_photos WHERE mxc = ?", (mxc,)) as c:
            row = await c.fetchone()
        return bytes(row["jpeg"]) if row else None

    async def recipients(self) -> list[Recipient]:
        async with self._db.execute(
            "SELECT id, pupil_id, address, added_at FROM digest_recipients ORDER BY id"
        ) as cur:
            return [_recipient(r) for r in await cur.fetchall()]

    async def recipients_of(self, pupil_id: int) -> list[Recipient]:
        return [r for r in await self.recipients() if r.pupil_id == pupil_id]

    async def recipient(self, recipient_id: int) -> Recipient | None:
        async with self._db.execute(
            "SELECT id, pupil_id, address, added_at FROM digest_recipients WHERE id = ?",
            (recipient_id,),
        ) as cur:
            row = await cur.fetchone()
        return _recipient(row) if row else None

    async def unsubscribed(self, pupil_id: int, address: str) -> bool:
        """Whether this address was unsubscribed from this pupil's digest."""
        async with self._db.execute(
            "SELECT 1 FROM digest_unsubscribed WHERE pupil_id = ? AND address_hash = ?",
            (pupil_id, await self._hash(address)),
        ) as cur:
            return await cur.fetchone() is not None

    async def _hash(self, address: str) -> str:
        return hmac.new(await self._key(), address.casefold().encode(), hashlib.sha256).hexdigest()

    # --- sends -----------------------------------------------------------------------------

    async def was_sent(self, recipient_id: int, week: str) -> bool:
        async with self._db.execute(
            "SELECT 1 FROM digest_sends WHERE recipient_id = ? AND week = ?", (recipient_id, week)
        ) as cur:
            return await cur.fetchone() is not None

    # --- unsubscribe tokens ----------------------------------------------------------------

    async def _key(self) -> bytes:
        if self._secret is None:
            self._secret = await install_secret(self._db, SECRET_KEY)
        return self._secret

    async def token(self, recipient: Recipient) -> str:
        """`ID.SIGNATURE`: names one address of one pupil; it cannot be guessed or altered,
        and stops working once that address is removed (a new one gets a new id)."""
        message = f"{recipient.id}:{recipient.pupil_id}:{recipient.address}".encode()
        signature = hmac.new(await self._key(), message, hashlib.sha256).hexdigest()[:32]
        return f"{recipient.id}.{signature}"

    async def recipient_for_token(self, token: str) -> Recipient | None:
        number, _, signature = token.partition(".")
        if not number.isdigit() or not signature:
            return None
        recipient = await self.recipient(int(number))
        if recipient is None:
            return None
        expected = (await self.token(recipient)).partition(".")[2]
        return recipient if hmac.compare_digest(expected, signature) else None


class Digests(DigestsReader):
    """What changes these tables. Handlers never hold it: they get `DigestsReader`."""

    # --- posts and photos ------------------------------------------------------------------

    async def remember_post(self, post: StoryPost) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO story_posts (event_id, room_id, class_id, sender, posted_at, "
            "text, mxc, kind) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
            (
                post.event_id,
                post.room_id,
                post.class_id,
                post.sender,
                post.posted_at,
                post.text,
                post.mxc,
                post.kind.value,
            ),
        )

    async def edit_post(self, event_id: str, text: str) -> None:
        await self._db.execute(
            "UPDATE story_posts SET text = ? WHERE event_id = ?", (text, event_id)
        )

    async def forget_post(self, event_id: str) -> None:
        """A post taken down (by its author, or the bot) is never in a digest."""
        await self._db.execute("DELETE FROM story_posts WHERE event_id = ?", (event_id,))

    async def keep_photo(self, mxc: str, jpeg: bytes, *, at: str) -> None:
        await self._db.execute(
            "INSERT OR REPLACE INTO story_photos (mxc, jpeg, kept_at) VALUES (?, ?, ?)",
            (mxc, jpeg, at),
        )

    # --- families' addresses ---------------------------------------------------------------

    async def add_recipient(self, pupil_id: int, address: str, *, by: str, at: str) -> bool:
        """False if this address already gets this pupil's digest."""
        cur = await self._db.execute(
            "INSERT OR IGNORE INTO digest_recipients (pupil_id, address, added_at, added_by) "
            "VALUES (?, ?, ?, ?)",
            (pupil_id, address, at, by),
        )
        return cur.rowcount == 1

    async def remove_recipient(self, recipient_id: int, *, at: str) -> bool:
        """The address is deleted (with its record of sends); False if it was gone already.
        Only a keyed hash of it is kept, so a roster imported again does not add it back."""
        recipient = await self.recipient(recipient_id)
        if recipient is None:
            return False
        await self._db.execute(
            "INSERT OR IGNORE INTO digest_unsubscribed (pupil_id, address_hash, at) "
            "VALUES (?, ?, ?)",
            (recipient.pupil_id, await self._hash(recipient.address), at),
        )
        await self._db.execute("DELETE FROM digest_recipients WHERE id = ?", (recipient_id,))
        return True

    async def mark_sent(self, recipient_id: int, week: str, *, at: str) -> None:
        await self._db.execute(
            "INSERT OR IGNORE INTO digest_sends (recipient_id, week, sent_at) VALUES (?, ?, ?)",
            (recipient_id, week, at),
        )
