"""The injected clock. Nothing in conductbot reads the wall clock directly.

`CONDUCTBOT_NOW=2026-11-20T17:05:00+00:00` starts the clock at that instant; it then runs
forward at normal speed. In demo mode SLT can move it with `!clock`.
"""

from __future__ import annotations

import os
import time
from datetime import UTC, datetime

ENV_VAR = "CONDUCTBOT_NOW"


class ClockError(ValueError):
    pass


def parse_instant(text: str) -> datetime:
    """An ISO 8601 instant with an offset; a time without an offset is ambiguous, so refused."""
    try:
        instant = datetime.fromisoformat(text.strip())
    except ValueError:
        raise ClockError(
            f"'{text}' is not an ISO 8601 time; expected e.g. 2026-11-23T08:00:00+00:00"
        ) from None
    if instant.tzinfo is None or instant.utcoffset() is None:
        raise ClockError(
            f"'{text}' has no UTC offset; expected e.g. 2026-11-23T08:00:00+00:00 or ...Z"
        )
    return instant


def stamp(instant: datetime) -> str:
    """How instants are stored: UTC, milliseconds, so stored times compare as text."""
    return instant.astimezone(UTC).isoformat(timespec="milliseconds")


class Clock:
    """Real time, optionally shifted: now() = start + time elapsed since the clock was set."""

    def __init__(self, start: datetime | None = None) -> None:
        self._offset = 0.0
        if start is not None:
            self.set(start)

    @classmethod
    def from_env(cls, environ: os._Environ[str] | dict[str, str] = os.environ) -> Clock:
        value = environ.get(ENV_VAR)
        if not value:
            return cls()
        try:
            return cls(parse_instant(value))
        except ClockError as err:
            raise ClockError(f"{ENV_VAR}: {err}") from None

    def now(self) -> datetime:
        return datetime.fromtimestamp(time.time() + self._offset, UTC)

    def from_timestamp(self, origin_server_ts: int) -> datetime:
        """A homeserver timestamp (ms) on this clock: shifted as the clock is shifted."""
        return datetime.fromtimestamp(origin_server_ts / 1000 + self._offset, UTC)

    def set(self, instant: datetime) -> None:
        self._offset = instant.timestamp() - time.time()

    def iso(self) -> str:
        """Now, as stored in the database."""
        return stamp(self.now())
