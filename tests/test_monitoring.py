"""The bot's /healthz and /metrics (bot/monitoring.py): the health decision without a server,
then a running bot on the real Synapse: healthy after its sync, a parent's held message
counted, and 503 naming the sync while its homeserver is away, 200 again when it is back."""

from __future__ import annotations

from collections.abc import Awaitable
from datetime import datetime
from pathlib import Path
from typing import Any

import aiohttp
import nio
import pytest
from conftest import REPO, BotLauncher, Matrix, School, eventually, join, make_school, send_text
from prometheus_client import generate_latest
from prometheus_client.parser import text_string_to_metric_families

from bot import matrix as bot_matrix
from bot.actions import Executor
from bot.clock import Clock
from bot.config import load_config
from bot.guard_api import GuardApi
from bot.homeserver import SynapseProcess, write_synapse_config
from bot.monitoring import Health, Metrics, MonitorSettings, serving
from bot.provisioning import parent_dm_key
from storage.store import Store

FRIDAY_EVENING = datetime.fromisoformat("2026-11-20T17:05:00+00:00")


def test_the_health_decision_names_what_fails() -> None:
    well = Health(sync_age=3.0, database=True, scheduler=True, guard=None, held_messages=0)
    assert well.report(120) == (
        200,
        {
            "ok": True,
            "failing": [],
            "sync_age_seconds": 3.0,
            "database": True,
            "scheduler": True,
            "guard": None,
        },
    )
    stale = Health(sync_age=121.0, database=True, scheduler=True, guard=True, held_messages=0)
    assert stale.failing(120) == ["sync"] and stale.report(120)[0] == 503
    never = Health(sync_age=None, database=False, scheduler=True, guard=None, held_messages=None)
    assert never.failing(120) == ["sync", "database"]
    stopped = Health(sync_age=1.0, database=True, scheduler=False, guard=None, held_messages=0)
    assert stopped.failing(120) == ["scheduler"]
    # A guard endpoint that does not answer is reported (and alerted on), not a dead bot.
    deaf = Health(sync_age=1.0, database=True, scheduler=True, guard=False, held_messages=0)
    status, body = deaf.report(120)
    assert status == 200 and body["guard"] is False


class Idle:
    """A bot that has not synced yet, as the monitor sees it."""

    metrics = Metrics()

    async def health(self) -> Health:
        return Health(None, database=True, scheduler=False, guard=None, held_messages=0)


async def test_a_taken_port_leaves_the_bot_running_unmonitored() -> None:
    async with serving(Idle(), MonitorSettings(port=0)) as port:
        assert port is not None
        status, body = await get(port, "/healthz")
        assert status == 503 and body["failing"] == ["sync", "scheduler"]
        async with serving(Idle(), MonitorSettings(port=port)) as second:
            assert second is None


async def test_the_guard_counts_its_answers_and_says_whether_it_answers(tmp_path: Path) -> None:
    store = await Store.open(tmp_path / "conductbot.sqlite")
    guard = GuardApi(store, load_config(REPO / "rooms.yaml"), "@bot:test", "s" * 32)
    executor = Executor(nio.AsyncClient("http://127.0.0.1:9"), store, Clock(), dry_run=True)
    await guard.start(executor, port=0)
    try:
        assert await guard.answering()
        event = {"room_id": "!elsewhere", "sender": "@sam:test", "type": "m.room.message"}
        async with (
            aiohttp.ClientSession(headers={"Authorization": f"Bearer {'s' * 32}"}) as session,
            session.post(
                f"http://127.0.0.1:{guard.port}/v1/check-event",
                json=event | {"content": {"msgtype": "m.text", "body": "hello"}},
            ) as response,
        ):
            assert (await response.json())["allow"] is True
        text = generate_latest(guard.metrics.registry).decode()
        checks = "conductbot_guard_checks_total"
        assert sample(text, checks, route="check-event", answer="allow") == 1
        assert sample(text, "conductbot_guard_seconds_count", route="check-event") == 1
    finally:
        await guard.stop()
        await store.close()
    assert not await guard.answering()


async def get(port: int, path: str) -> tuple[int, Any]:
    async with (
        aiohttp.ClientSession() as session,
        session.get(f"http://127.0.0.1:{port}{path}") as response,
    ):
        body = await (response.json() if path == "/healthz" else response.text())
        return response.status, body


def sample(text: str, name: str, **labels: str) -> float:
    """One sample's value from Prometheus text (0 when it is not there)."""
    for family in text_string_to_metric_families(text):
        for found in family.samples:
            if found.name == name and all(found.labels.get(k) == v for k, v in labels.items()):
                return found.value
    return 0.0


async def test_a_running_bot_is_healthy_and_counts_a_parents_held_message(
    school: School, launch: BotLauncher, matrix: Matrix
) -> None:
    bot = await launch()
    bot.app.clock.set(FRIDAY_EVENING)  # out of hours: the message is held
    parent = matrix.register("parent")
    await bot.link(parent, "Amelia Hughes")
    room = await bot.room(parent_dm_key(parent.user_id, school.staff["reid"].user_id))
    family = await matrix.client(parent)
    await join(family, room)
    async with serving(bot.app, MonitorSettings(port=0)) as port:
        status, health = await get(port, "/healthz")
        assert status == 200, health
        assert health["failing"] == [] and health["sync_age_seconds"] < 60
        assert health["database"] and health["scheduler"] and health["guard"] is None

        async def counted(outcome: str | None = None) -> float:
            """Events counted in parent_dm rooms, with this outcome or any."""
            _, text = await get(port, "/metrics")
            return sum(
                found.value
                for family in text_string_to_metric_families(text)
                for found in family.samples
                if found.name == "conductbot_events_total"
                and found.labels["room_kind"] == "parent_dm"
                and outcome in (None, found.labels["outcome"])
            )

        # The parent's join is the one event in the room not the bot's own: counted first.
        await eventually(lambda: _is(counted(), 1))
        handled = await counted("handled")
        sent = await send_text(family, room, "Could you tell me about homework?")
        await eventually(lambda: bot.store.events.outcome(sent))
        assert await counted() == 2 and await counted("handled") == handled + 1
        _, text = await get(port, "/metrics")
        assert sample(text, "conductbot_actions_total", kind="store_relay", result="ok") == 1
        assert sample(text, "conductbot_actions_total", kind="react", result="ok") >= 1
        assert sample(text, "conductbot_messages_held") == 1
        assert sample(text, "conductbot_handler_seconds_count", handler="handle_parent_dm") >= 1
        assert sample(text, "conductbot_last_sync_timestamp_seconds") > 0
        assert "homework" not in text and parent.user_id not in text  # no bodies, no people


async def _is(value: Awaitable[float], expected: float) -> bool:
    return await value == expected


async def test_healthz_names_the_sync_while_the_homeserver_is_away(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A homeserver of its own (as test_foundation's reconnect test), so stopping it disturbs
    no other test. Long-polls of 1 s instead of 30 s let the bound be short."""
    monkeypatch.setattr(bot_matrix, "SYNC_TIMEOUT_MS", 1000)
    settings = write_synapse_config(tmp_path / "synapse", server_name="monitoring.test")
    synapse = SynapseProcess(settings)
    synapse.start()
    matrix = Matrix(settings)
    launcher = BotLauncher(make_school(matrix, tmp_path))
    try:
        bot = await launcher()
        async with serving(bot.app, MonitorSettings(port=0, sync_bound=10)) as port:

            async def health_is(status: int) -> dict | None:
                got, body = await get(port, "/healthz")
                return body if got == status else None

            await eventually(lambda: health_is(200))
            synapse.stop()
            down = await eventually(lambda: health_is(503), within=60)
            assert down["failing"] == ["sync"] and down["database"]
            _, text = await get(port, "/metrics")
            assert sample(text, "conductbot_health", part="sync") == 0
            assert sample(text, "conductbot_sync_failures_total") >= 1
            synapse.start()
            await eventually(lambda: health_is(200), within=90)
    finally:
        await launcher.aclose()
        await matrix.aclose()
        synapse.stop()
