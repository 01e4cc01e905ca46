"""What the command line's commands share, wherever they are declared (`bot/cli.py` and the
commands that add their own parser: `bot/digest.py`, `bot/portfolio_export.py`):

* `Output`: a file written beside its final name and moved into place only when the command
  keeps it, so a refused or failed run leaves no file (nor half of one);
* `one_line_errors`: a command whose errors the operator can fix prints them as one line on
  stderr and exits with status 2, as the CLI's own commands do.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path

Run = Callable[[argparse.Namespace], Awaitable[int]]


class CannotWrite(Exception):
    """The output cannot be written where the operator asked: one line, exit status 2."""


def _cannot(path: Path, err: OSError) -> CannotWrite:
    return CannotWrite(f"{path}: cannot write there: {err.strerror or err}")


class Output:
    """`Output(path)` claims a partial file beside `path` at once (a folder, or a place that
    cannot be written, is refused before any work); `write` fills it, `keep` moves it into
    place, and `discard` (always, in a `finally`) removes whatever was not kept."""

    def __init__(self, path: Path) -> None:
        self.path = path
        self.partial = path.with_name(f".{path.name}.{os.getpid()}.partial")
        try:
            if path.is_dir():
                raise IsADirectoryError(21, "that is a folder")
            self.partial.open("xb").close()
        except OSError as err:
            raise _cannot(path, err) from None

    def write(self, data: bytes) -> None:
        try:
            self.partial.write_bytes(data)
        except OSError as err:
            raise _cannot(self.path, err) from None

    def keep(self) -> None:
        try:
            self.partial.replace(self.path)
        except OSError as err:
            raise _cannot(self.path, err) from None

    def discard(self) -> None:
        self.partial.unlink(missing_ok=True)


def one_line_errors(run: Run, *errors: type[Exception]) -> Run:
    """`run`, with any of `errors` printed as one line on stderr and exit status 2."""

    async def wrapped(args: argparse.Namespace) -> int:
        try:
            return await run(args)
        except errors as err:
            print(err, file=sys.stderr)
            return 2

    return wrapped
