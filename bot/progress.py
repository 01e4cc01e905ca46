"""Long work as an operator sees it: how far it has got, its total time, and a clean stop.

`Progress` shows the work done of the work in all: a bar on a terminal (tqdm), and plain
lines where the output is a log or a pipe ('provision: rooms 450 of 1,850 (24%), 61 s', at
each tenth of the work, at least every 10 s, and at the end). Its `finish` line ends with
the total time. Used as a context manager, it says what was done when Ctrl-C stops the
work, and what running the command again does.

Ctrl-C in `conductbot` (run by `asyncio.run`) cancels the command's task at its next
`await`. Two helpers keep that clean: `uninterrupted` lets a step that must not be left half
done (a room made but not recorded) finish before the work stops, and `in_thread` runs
blocking work (a PDF, training) in a worker thread that stops at its next step instead of
holding the event loop until the end.
"""

from __future__ import annotations

import asyncio
import contextlib
import sys
import threading
import time
from collections.abc import Awaitable, Callable
from types import TracebackType
from typing import IO, TypeVar

from tqdm import tqdm
from tqdm.contrib.logging import logging_redirect_tqdm

#: Told the work done and the work in all, as it goes.
Tell = Callable[[int, int], None]

T = TypeVar("T")


class Progress:
    """`Progress("provision", "rooms")` is told `(done, total)` and shows it."""

    def __init__(
        self,
        command: str,
        things: str,
        *,
        then: str = "",
        out: IO[str] | None = None,
        every: float = 10.0,
        bar: bool | None = None,
    ) -> None:
        self.command = command
        #: What a stop leaves and what running the command again does, for the stop line.
        self.then = then
        self.out = out if out is not None else sys.stdout
        self.every = every
        self.bar = self.out.isatty() if bar is None else bar
        self.started = time.monotonic()
        self._redirect = contextlib.ExitStack()
        self._tqdm: tqdm | None = None
        self.begin(things)

    @property
    def what(self) -> str:
        return f"{self.command}: {self.things}"

    def begin(self, things: str) -> None:
        """A new count under the same command and clock (training: lines, then models)."""
        self._close()
        self.things = things
        self.done = self.total = 0
        self.said_at = time.monotonic()
        self.said: int | None = None
        self.tenth = 0

    def __call__(self, done: int, total: int) -> None:
        self.done, self.total = done, total
        if self.bar:
            self._draw(done, total)
            return
        now = time.monotonic()
        tenth = done * 10 // max(total, 1)
        due = tenth != self.tenth or now - self.said_at >= self.every or done >= total
        if not due or done == self.said:
            return
        self.tenth, self.said_at, self.said = tenth, now, done
        self._print(
            f"{self.what} {done:,} of {total:,} ({done * 100 // max(total, 1)}%), "
            f"{now - self.started:.0f} s"
        )

    def _draw(self, done: int, total: int) -> None:
        if self._tqdm is None:
            self._redirect.enter_context(logging_redirect_tqdm())  # log lines above the bar
            self._tqdm = tqdm(
                total=total,
                desc=self.what,
                unit=f" {self.things}",
                file=self.out,
                dynamic_ncols=True,
                mininterval=0.2,
            )
        self._tqdm.total = total
        self._tqdm.update(done - self._tqdm.n)

    def _close(self) -> None:
        if self._tqdm is not None:
            self._tqdm.close()
            self._tqdm = None
        self._redirect.close()

    def _print(self, line: str) -> None:
        print(line, file=self.out, flush=True)

    def elapsed(self) -> str:
        return f"{time.monotonic() - self.started:.1f} s"

    def finish(self, summary: str) -> None:
        """The summary, its first line ending with the total time."""
        self._close()
        first, *rest = summary.split("\n")
        self._print("\n".join([f"{first}; took {self.elapsed()} in all", *rest]))

    def stopped(self) -> str:
        if self.total:
            done = f"after {self.done:,} of {self.total:,} {self.things}"
        else:
            done = f"before any {self.things} were done"
        return f"{self.command}: stopped (Ctrl-C) {done}, in {self.elapsed()}. {self.then}"

    def __enter__(self) -> Progress:
        return self

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        self._close()
        if kind is not None and issubclass(kind, KeyboardInterrupt | asyncio.CancelledError):
            self._print(self.stopped().strip())


async def uninterrupted(step: Awaitable[T]) -> T:
    """Finish `step` even when Ctrl-C (the task's cancellation) comes meanwhile, then stop:
    for work that must be done whole or not at all. A second Ctrl-C stops at once."""
    task = asyncio.ensure_future(step)
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        await task
        raise


class Stopped(Exception):
    """Raised in a worker thread at its next step once Ctrl-C has stopped the command."""


async def in_thread(work: Callable[[Tell], T], progress: Tell) -> T:
    """Blocking `work` in a worker thread, which tells `progress` through the `Tell` it is
    given; after Ctrl-C it is stopped at its next step (the `Tell` raises `Stopped`) and
    waited for, so nothing it writes is left half done."""
    stop = threading.Event()

    def tell(done: int, total: int) -> None:
        if stop.is_set():
            raise Stopped
        progress(done, total)

    task = asyncio.ensure_future(asyncio.to_thread(work, tell))
    try:
        return await asyncio.shield(task)
    except asyncio.CancelledError:
        stop.set()
        with contextlib.suppress(Stopped):
            await task
        raise
