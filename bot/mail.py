"""Sending the weekly digest through the school's own SMTP server, and the unsubscribe link.

Settings come from the environment (never `rooms.yaml`, which is shared):

* `CONDUCTBOT_SMTP_HOST` (no host: no e-mail is sent), `CONDUCTBOT_SMTP_PORT` (default 587
  with STARTTLS, else 25), `CONDUCTBOT_SMTP_USER` and `CONDUCTBOT_SMTP_PASSWORD` (both or
  neither), `CONDUCTBOT_SMTP_FROM` (the sender, e.g. `Brookfield Primary
  <no-reply@brookfield.example>`), `CONDUCTBOT_SMTP_STARTTLS` (`yes`/`no`, default yes).
* `CONDUCTBOT_UNSUBSCRIBE_URL`: the public address of the unsubscribe page the bot serves
  (`bot/digest.py`, on `CONDUCTBOT_UNSUBSCRIBE_PORT`, default 8788, behind the school's web
  proxy), e.g. `https://messages.brookfield.example/unsubscribe`.

Addresses are personal data: they are looked up here at the moment of sending, and logged
never; the log names the recipient's number and the week.
"""

from __future__ import annotations

import asyncio
import logging
import os
import smtplib
import ssl
from collections.abc import Mapping
from dataclasses import dataclass, replace
from urllib.parse import quote

from bot.actions import ActionFailed, SendDigest
from bot.clock import Clock
from bot.digest_render import digest_email
from storage.store import Store

log = logging.getLogger(__name__)


class MailSettingsError(ValueError):
    pass


@dataclass(frozen=True)
class SmtpSettings:
    host: str
    port: int
    sender: str
    user: str | None = None
    password: str | None = None
    starttls: bool = True
    timeout: float = 30.0

    @classmethod
    def from_env(cls, environ: Mapping[str, str] = os.environ) -> SmtpSettings | None:
        """None when no host is set: the school sends no e-mail."""
        host = environ.get("CONDUCTBOT_SMTP_HOST", "").strip()
        if not host:
            return None
        starttls = environ.get("CONDUCTBOT_SMTP_STARTTLS", "yes").strip().lower()
        if starttls not in ("yes", "no", "true", "false", "1", "0"):
            raise MailSettingsError(
                f"CONDUCTBOT_SMTP_STARTTLS: got {starttls!r}; expected yes or no"
            )
        tls = starttls in ("yes", "true", "1")
        port_text = environ.get("CONDUCTBOT_SMTP_PORT", "587" if tls else "25")
        if not port_text.isdigit() or not 0 < int(port_text) < 65536:
            raise MailSettingsError(f"CONDUCTBOT_SMTP_PORT: got {port_text!r}; expected a port")
        sender = environ.get("CONDUCTBOT_SMTP_FROM", "").strip()
        if "@" not in sender:
            raise MailSettingsError(
                "CONDUCTBOT_SMTP_FROM: expected the digest's sender, such as "
                "'Brookfield Primary <no-reply@brookfield.example>'"
            )
        user = environ.get("CONDUCTBOT_SMTP_USER") or None
        password = environ.get("CONDUCTBOT_SMTP_PASSWORD") or None
        if (user is None) != (password is None):
            raise MailSettingsError(
                "CONDUCTBOT_SMTP_USER and CONDUCTBOT_SMTP_PASSWORD: give both or neither"
            )
        return cls(host, int(port_text), sender, user, password, tls)


def unsubscribe_base(environ: Mapping[str, str] = os.environ) -> str | None:
    return environ.get("CONDUCTBOT_UNSUBSCRIBE_URL", "").strip() or None


class Mailer:
    """Performs `SendDigest` actions for the executor (its `mailer`)."""

    def __init__(
        self, settings: SmtpSettings, store: Store, clock: Clock, unsubscribe: str | None
    ) -> None:
        self.settings = settings
        self.store = store
        self.clock = clock
        self.unsubscribe = unsubscribe

    async def __call__(self, action: SendDigest, action_id: str) -> str | None:
        digests = self.store.digests
        recipient = await digests.recipient(action.recipient_id)
        if recipient is None:
            return "unsubscribed: not sent"
        if await digests.was_sent(recipient.id, action.week):
            return "sent already"
        page = action.page
        if self.unsubscribe:
            token = await digests.token(recipient)
            page = replace(page, unsubscribe=f"{self.unsubscribe}?t={quote(token)}")
        message = digest_email(page, sender=self.settings.sender, to=recipient.address)
        try:
            await asyncio.to_thread(self._send, message)
        except (OSError, smtplib.SMTPException) as err:
            permanent = isinstance(err, smtplib.SMTPResponseException) and err.smtp_code >= 500
            raise ActionFailed(
                f"SMTP: {type(err).__name__}", retry_after=None if permanent else 0
            ) from None
        await digests.mark_sent(recipient.id, action.week, at=self.clock.iso())
        log.info("digest sent: recipient=%d week=%s", recipient.id, action.week)
        return "sent"

    def _send(self, message: object) -> None:
        s = self.settings
        with smtplib.SMTP(s.host, s.port, timeout=s.timeout) as smtp:
            if s.starttls:
                smtp.starttls(context=ssl.create_default_context())
            if s.user and s.password:
                smtp.login(s.user, s.password)
            smtp.send_message(message)  # type: ignore[arg-type]
