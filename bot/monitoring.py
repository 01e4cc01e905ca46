"""What a running bot says about itself: `/healthz` and Prometheus `/metrics`.

Every running bot (`conductbot run`, the demo) serves both, on loopback by default:

* `CONDUCTBOT_MONITOR_PORT` (default 8789) and `CONDUCTBOT_MONITOR_HOST` (default
  127.0.0.1; the scraper's machine reaches it through the school's proxy or a firewall rule).

`/healthz` answers 200 when the bot is well and 503 naming what is not: no successful sync
for longer than `sync_bound` (the homeserver is away or the bot is stuck), a database that
cannot be read, or a scheduler that is not running. Whether the guard endpoint answers is
reported beside them; without it Synapse applies the module's `fail_open`, so it is an alert
(docs/deploying.md), not a dead bot. Neither page carries personal data or message bodies:
labels are room kinds, handler names, action kinds, rules and outcomes.
"""

from __future__ import annotations

import logging
import os
import time
from collections.abc import AsyncIterator, Mapping
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any, Protocol

from aiohttp import web
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Gauge,
    Histogram,
    generate_latest,
)

log = logging.getLogger(__name__)

DEFAULT_PORT = 8789
#: A healthy bot syncs at least every 30 s (the long-poll), so this is several missed syncs.
SYNC_BOUND = 120.0
ENV_PORT, ENV_HOST = "CONDUCTBOT_MONITOR_PORT", "CONDUCTBOT_MONITOR_HOST"


class MonitorSettingsError(ValueError):
    pass


@dataclass(frozen=True)
class MonitorSettings:
    host: str = "127.0.0.1"
    port: int = DEFAULT_PORT  # 0: the system chooses (tests)
    sync_bound: float = SYNC_BOUND  # seconds without a successful sync before 503

    @classmethod
    def from_env(
        cls, environ: Mapping[str, str] = os.environ, *, port: int = DEFAULT_PORT
    ) -> MonitorSettings:
        host = environ.get(ENV_HOST, "").strip() or "127.0.0.1"
        text = environ.get(ENV_PORT, "").strip() or str(port)
        if not text.isdigit() or not 0 < int(text) < 65536:
            raise MonitorSettingsError(f"{ENV_PORT}: got {text!r}; expected a port")
        return cls(host, int(text))


@dataclass(frozen=True)
class Health:
    sync_age: float | None  # seconds since the last successful sync; None: none yet
    database: bool  # the database could be read
    scheduler: bool  # the scheduled jobs (releases, chases, digests) are running
    guard: bool | None  # the guard endpoint answers; None: not configured
    held_messages: int | None  # parents' messages held for the next opening (None: unread)

    def failing(self, sync_bound: float) -> list[str]:
        """The parts that make the bot unhealthy, by name."""
        stale = self.sync_age is None or self.sync_age > sync_bound
        return [
            part
            for part, bad in (
                ("sync", stale),
                ("database", not self.database),
                ("scheduler", not self.scheduler),
            )
            if bad
        ]

    def report(self, sync_bound: float) -> tuple[int, dict[str, Any]]:
        """`/healthz`'s status and JSON."""
        failing = self.failing(sync_bound)
        return 503 if failing else 200, {
            "ok": not failing,
            "failing": failing,
            "sync_age_seconds": None if self.sync_age is None else round(self.sync_age, 1),
            "database": self.database,
            "scheduler": self.scheduler,
            "guard": self.guard,
        }


class Metrics:
    """The bot's metrics, in a registry of their own: one per app, so several bots in one
    process (the tests) never mix their counts."""

    def __init__(self) -> None:
        r = self.registry = CollectorRegistry()
        self.events = Counter(
            "conductbot_events",
            "Events handed to the handlers, by room kind and outcome (handled, ignored, failed)",
            ["room_kind", "outcome"],
            registry=r,
        )
        self.handler_seconds = Histogram(
            "conductbot_handler_seconds",
            "Time a handler took to decide on an event (the judge's time included)",
            ["handler"],
            registry=r,
        )
        self.handler_failures = Counter(
            "conductbot_handler_failures", "Handlers that raised", ["handler"], registry=r
        )
        self.actions = Counter(
            "conductbot_actions",
            "Actions the executor performed, by kind and result (ok, failed, dry-run)",
            ["kind", "result"],
            registry=r,
        )
        self.incidents = Counter(
            "conductbot_incidents", "Incidents recorded, by rule", ["rule"], registry=r
        )
        self.sync_seconds = Histogram(
            "conductbot_sync_seconds",
            "Successful sync requests, the long-poll wait included",
            buckets=(0.1, 0.5, 1, 5, 15, 30, 35, 45, 60, float("inf")),
            registry=r,
        )
        self.sync_failures = Counter(
            "conductbot_sync_failures",
            "Sync requests that failed (homeserver unreachable or refusing)",
            registry=r,
        )
        self.last_sync = Gauge(
            "conductbot_last_sync_timestamp_seconds",
            "When the last sync succeeded (Unix time)",
            registry=r,
        )
        self.guard_checks = Counter(
            "conductbot_guard_checks",
            "The guard endpoint's answers, by route and answer (allow, refuse; late: after the "
            "module stopped waiting, so its fail_open applied)",
            ["route", "answer"],
            registry=r,
        )
        self.guard_seconds = Histogram(
            "conductbot_guard_seconds",
            "Time the guard endpoint took to answer",
            ["route"],
            buckets=(0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, 2.5, float("inf")),
            registry=r,
        )
        self.judge_seconds = Histogram(
            "conductbot_guard_judge_seconds",
            "Time the judge took on a story reply while Synapse held it",
            buckets=(0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.2, 0.3, 0.5, 1, float("inf")),
            registry=r,
        )
        self.held = Gauge(
            "conductbot_messages_held",
            "Parents' messages held for the next opening",
            registry=r,
        )
        self.health = Gauge(
            "conductbot_health",
            "1 when a part is well, 0 when not (sync, database, scheduler, guard)",
            ["part"],
            registry=r,
        )
        self._synced_at: float | None = None

    def synced(self, seconds: float) -> None:
        self.sync_seconds.observe(seconds)
        self.last_sync.set_to_current_time()
        self._synced_at = time.monotonic()

    def sync_age(self) -> float | None:
        return None if self._synced_at is None else time.monotonic() - self._synced_at

    def observe(self, health: Health, sync_bound: float) -> None:
        """The gauges read at scrape time."""
        failing = health.failing(sync_bound)
        for part in ("sync", "database", "scheduler"):
            self.health.labels(part).set(part not in failing)
        if health.guard is not None:
            self.health.labels("guard").set(health.guard)
        if health.held_messages is not None:
            self.held.set(health.held_messages)


class Monitored(Protocol):
    """What the monitor reads: the app (`bot/app.py`)."""

    metrics: Metrics

    async def health(self) -> Health: ...


@asynccontextmanager
async def serving(app: Monitored, settings: MonitorSettings) -> AsyncIterator[int | None]:
    """Serve `/healthz` and `/metrics` while the block runs; gives the port listened on.

    A port already taken is logged and the bot runs unmonitored (None): families' messages,
    and safeguarding alerts above all, never wait on monitoring. The scraper sees it down.
    """

    async def healthz(request: web.Request) -> web.Response:
        health = await app.health()
        app.metrics.observe(health, settings.sync_bound)
        status, body = health.report(settings.sync_bound)
        return web.json_response(body, status=status)

    async def metrics(request: web.Request) -> web.Response:
        app.metrics.observe(await app.health(), settings.sync_bound)
        return web.Response(
            body=generate_latest(app.metrics.registry),
            headers={"Content-Type": CONTENT_TYPE_LATEST},
        )

    routes = web.Application()
    routes.router.add_get("/healthz", healthz)
    routes.router.add_get("/metrics", metrics)
    runner = web.AppRunner(routes, access_log=None)
    await runner.setup()
    try:
        try:
            await web.TCPSite(runner, settings.host, settings.port).start()
        except OSError as err:
            log.error(
                "monitoring NOT served: cannot listen on %s:%d (%s); set %s",
                settings.host,
                settings.port,
                err.strerror or err,
                ENV_PORT,
            )
            yield None
            return
        port = int(runner.addresses[0][1])
        log.info("monitoring on http://%s:%d/healthz and /metrics", settings.host, port)
        yield port
    finally:
        await runner.cleanup()
