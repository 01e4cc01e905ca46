"""Downloads and hashes media off the sync loop, from the queue in the database.

Staff class media gets its SHA-256 and (images) perceptual hash recorded, and is protected
from quarantine when the bot is a server admin. Anyone else's upload is compared with the
protected media: the same bytes, or an image within `NEAR` bits of a protected one
(re-encoded, resized, screenshot-sized), is removed like a forward, and quarantined when
the bot is an admin. A family's new avatar is compared too, and its words read (Tesseract,
from Debian's `tesseract-ocr`): a copy of class media or unkind words are cleared.
"""

from __future__ import annotations

import asyncio
import hashlib
import io
import logging
from collections.abc import Callable
from typing import Any
from urllib.parse import quote

import imagehash
import pytesseract
from nio import AsyncClient, DownloadResponse, EncryptionError
from nio.crypto.attachments import decrypt_attachment
from PIL import Image

from bot.actions import AdminMedia, Executor
from bot.admin import AdminError, admin
from bot.clock import Clock
from handlers import Context
from handlers.media import reshare_actions
from handlers.profiles import avatar_text_problem, reset_actions
from storage.media import Fingerprint
from storage.people import Person
from storage.store import Store

log = logging.getLogger(__name__)

NEAR = 10  # of 64 bits: survives re-encoding and resizing, not a different photo
MAX_BYTES = 50 * 1024 * 1024
IDLE = 0.5  # seconds between looks at an empty queue
OCR_WIDTH = 768  # pixels: a small avatar is enlarged to about this width before reading
OCR_TIMEOUT = 5  # seconds


def fingerprint_bytes(data: bytes, kind: str) -> tuple[str, str | None]:
    """SHA-256, and for images a 64-bit perceptual hash (CPU work: run in a thread)."""
    digest = hashlib.sha256(data).hexdigest()
    if kind != "image":
        return digest, None
    try:
        with Image.open(io.BytesIO(data)) as image:
            return digest, str(imagehash.phash(image))
    except (OSError, ValueError, Image.DecompressionBombError):
        return digest, None  # not an image we can read: exact matching still works


#: The weekly digest's copy of a class photo: this many pixels on its longer side at most.
DIGEST_PHOTO_SIDE = 1024


def digest_copy(data: bytes) -> bytes | None:
    """A JPEG of a class photo for the digest (e-mail and print), or None if it is not one."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            image.thumbnail((DIGEST_PHOTO_SIDE, DIGEST_PHOTO_SIDE))
            out = io.BytesIO()
            image.convert("RGB").save(out, format="JPEG", quality=82)
    except (OSError, ValueError, Image.DecompressionBombError):
        return None
    return out.getvalue()


def plain_bytes(downloaded: bytes, content: dict[str, Any]) -> bytes:
    """The file itself: in an encrypted room the server holds only ciphertext, and the key
    travels in the (end-to-end encrypted) event, so the same photo fingerprints the same."""
    file = content.get("file")
    if not isinstance(file, dict):
        return downloaded
    return decrypt_attachment(downloaded, file["key"]["k"], file["hashes"]["sha256"], file["iv"])


def picture_words(data: bytes) -> str:
    """The words in a picture, read by Tesseract (CPU work: run in a thread). Enlarged and
    grey first: avatars are small, and Tesseract reads large dark-on-light text best."""
    try:
        with Image.open(io.BytesIO(data)) as image:
            grey = image.convert("L")
    except (OSError, ValueError, Image.DecompressionBombError):
        return ""
    scale = max(1, OCR_WIDTH // max(1, grey.width))
    grey = grey.resize((grey.width * scale, grey.height * scale))
    try:
        return pytesseract.image_to_string(grey, timeout=OCR_TIMEOUT)
    except RuntimeError:  # pytesseract's timeout
        log.warning("reading the words in an avatar took over %s s; left unread", OCR_TIMEOUT)
        return ""


class MediaWorker:
    """`context` gives a handler's view for a sender (`App.context`)."""

    def __init__(
        self,
        store: Store,
        client: AsyncClient,
        executor: Executor,
        clock: Clock,
        context: Callable[[Person | None], Context],
    ) -> None:
        self.store, self.client, self.executor, self.clock = store, client, executor, clock
        self.context = context

    async def run(self) -> None:
        while True:
            pending = await self.store.media.pending()
            if not pending:
                await asyncio.sleep(IDLE)
                continue
            for row in pending:
                try:
                    result = await self.process(row)
                except Exception as err:  # one bad file never stops the worker
                    log.exception("media check of %s failed", row["event_id"])
                    result = f"failed: {type(err).__name__}"
                await self.store.media.done(row["event_id"], result, at=self.clock.iso())

    async def process(self, row: dict[str, Any]) -> str:
        response = await self.client.download(row["mxc"])
        if not isinstance(response, DownloadResponse):
            failed = f"download failed: {getattr(response, 'message', response)}"
            return await self._quarantined_copy(row) or failed
        if len(response.body) > MAX_BYTES:
            return "too large to hash"
        try:
            data = plain_bytes(response.body, row["content"])
        except (EncryptionError, KeyError, TypeError, ValueError):
            return "could not decrypt"
        digest, phash = await asyncio.to_thread(fingerprint_bytes, data, row["kind"])
        if row["purpose"] == "avatar":
            return await self._avatar(row, data, *await self._match(digest, phash))
        if row["purpose"] == "protect":
            await self.store.media.record(
                Fingerprint(
                    row["mxc"],
                    digest,
                    phash,
                    row["kind"],
                    row["room_id"],
                    row["event_id"],
                    row["sender"],
                ),
                at=self.clock.iso(),
            )
            if row["kind"] == "image":  # a small copy for families' weekly digest
                small = await asyncio.to_thread(digest_copy, data)
                if small is not None:
                    await self.store.digests.keep_photo(row["mxc"], small, at=self.clock.iso())
            await self.executor.run(
                [AdminMedia("protect", row["mxc"])], cause=f"media:{row['event_id']}"
            )
            return "protected"
        match, how = await self._match(digest, phash)
        if match is None:
            return "no match"
        return await self._reshared(row, match, how)

    async def _reshared(self, row: dict[str, Any], match: Fingerprint, how: str) -> str:
        ctx = self.context(await self.store.people.get(row["sender"]))
        actions = await reshare_actions(
            ctx, row["room_id"], row["event_id"], row["sender"], row["content"], match, how
        )
        await self.executor.run(
            [*actions, AdminMedia("quarantine", row["mxc"])], cause=f"media:{row['event_id']}"
        )
        return f"re-share of {match.mxc} ({how})"

    async def _quarantined_copy(self, row: dict[str, Any]) -> str | None:
        """Synapse quarantines by hash: a new upload of bytes it already quarantined cannot
        be downloaded. Its hash, from the admin API, still shows a re-share of class media."""
        if row["purpose"] == "protect":
            return None
        server, _, media_id = row["mxc"].removeprefix("mxc://").partition("/")
        path = f"/_synapse/admin/v1/media/{quote(server)}/{quote(media_id)}"
        try:
            info = (await admin(self.client, "GET", path)).get("media_info") or {}
        except AdminError:
            return None
        match = await self.store.media.by_sha256(str(info.get("sha256")))
        if match is None or not info.get("quarantined_by"):
            return None
        how = "the same bytes (already quarantined)"
        if row["purpose"] == "avatar":
            return await self._avatar(row, b"", match, how)
        return await self._reshared(row, match, how)

    async def _avatar(
        self, row: dict[str, Any], data: bytes, match: Fingerprint | None, how: str
    ) -> str:
        """A family's new avatar: a copy of class media, or a picture of unkind words, goes."""
        ctx = self.context(await self.store.people.get(row["sender"]))
        reasons = [f"avatar: a copy of a protected class photo ({how})"] if match else []
        if not reasons:
            words = await asyncio.to_thread(picture_words, data)
            why = await asyncio.to_thread(avatar_text_problem, ctx, words)
            reasons = [f"avatar: {why}"] if why else []
        if not reasons:
            return "avatar: nothing of concern"
        where = row["content"]
        member_event = where.get("member_event", row["event_id"])
        actions = await reset_actions(
            ctx,
            row["sender"],
            row["room_id"],
            member_event,
            where.get("displayname"),
            row["mxc"],
            reasons,
            safe_name=None,
        )
        await self.executor.run(actions, cause=f"media:{row['event_id']}")
        return f"avatar removed: {reasons[0]}"

    async def _match(self, digest: str, phash: str | None) -> tuple[Fingerprint | None, str]:
        exact = await self.store.media.by_sha256(digest)
        if exact is not None:
            return exact, "the same bytes"
        if phash is None:
            return None, ""
        mine = imagehash.hex_to_hash(phash)
        for protected in await self.store.media.image_hashes():
            distance = mine - imagehash.hex_to_hash(protected.phash or "")
            if distance <= NEAR:
                return protected, f"a near copy ({distance} of 64 bits differ)"
        return None, ""
