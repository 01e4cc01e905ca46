"""The one executor: deterministic transaction ids, retries, audit, dry run."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import nio
import pytest
from conftest import Matrix, messages

from bot.actions import Executor, Kick, React, Redact, SendMessage, action_id, notice
from bot.clock import Clock
from storage.store import Store


class ScriptedClient:
    """Answers room_send from a script, remembering each transaction id it was given."""

    def __init__(self, *responses: Any) -> None:
        self.responses = list(responses)
        self.tx_ids: list[str] = []
        self.rooms = {"!room:x": nio.MatrixRoom("!room:x", "@bot:x")}  # as after a sync

    async def room_send(
        self, room_id: str, event_type: str, content: dict, tx_id: str, **_: Any
    ) -> Any:
        self.tx_ids.append(tx_id)
        return self.responses.pop(0)


@pytest.fixture
async def store(tmp_path: Path) -> Store:
    store = await Store.open(tmp_path / "db.sqlite")
    yield store
    await store.close()


def test_action_ids_are_stable_and_distinct() -> None:
    send = notice("!room:x", "hello")
    assert action_id("$cause", 0, send) == action_id("$cause", 0, send)
    assert action_id("$cause", 0, send) != action_id("$cause", 1, send)
    assert action_id("$cause", 0, send) != action_id("$other", 0, send)
    redact = Redact("!room:x", "$a", "why")
    assert action_id("$c", 0, redact) != action_id("$c", 0, Redact("!room:x", "$b", "why"))


async def test_rate_limited_send_is_retried_after_the_servers_wait(store: Store) -> None:
    client = ScriptedClient(
        nio.RoomSendError("slow down", "M_LIMIT_EXCEEDED", retry_after_ms=300),
        nio.RoomSendResponse("$sent", "!room:x"),
    )
    executor = Executor(client, store, Clock())  # type: ignore[arg-type]
    started = time.monotonic()
    [outcome] = await executor.run([notice("!room:x", "hi")], cause="$cause")
    assert outcome.ok and outcome.result == "$sent"
    assert time.monotonic() - started >= 0.3
    assert len(client.tx_ids) == 2 and client.tx_ids[0] == client.tx_ids[1]
    [row] = await store.audit.recent()
    assert row.result == "ok" and row.cause == "$cause" and row.action_id == outcome.action_id


async def test_a_refused_action_is_not_retried_and_is_audited_as_failed(store: Store) -> None:
    client = ScriptedClient(nio.RoomSendError("not allowed", "M_FORBIDDEN"))
    executor = Executor(client, store, Clock())  # type: ignore[arg-type]
    sent = SendMessage("!room:x", {"msgtype": "m.text", "body": "x"})
    [outcome] = await executor.run([sent], cause="$c")
    assert not outcome.ok and "M_FORBIDDEN" in (outcome.error or "")
    assert len(client.tx_ids) == 1
    [row] = await store.audit.recent()
    assert row.result == "failed" and "M_FORBIDDEN" in row.detail["error"]


async def test_dry_run_performs_nothing_and_records_what_it_would_do(store: Store) -> None:
    client = ScriptedClient()  # any call would fail: the script is empty
    executor = Executor(client, store, Clock(), dry_run=True)  # type: ignore[arg-type]
    outcomes = await executor.run(
        [notice("!room:x", "hi"), Kick("!room:x", "@p:x", "testing")], cause="$c"
    )
    assert all(o.ok for o in outcomes) and client.tx_ids == []
    rows = await store.audit.recent()
    assert {(r.kind, r.dry_run, r.result) for r in rows} == {
        ("send", True, "dry-run"),
        ("kick", True, "dry-run"),
    }
    assert rows[0].target == "@p:x" and rows[0].reason == "testing"


async def test_a_replayed_send_is_not_duplicated_on_the_server(
    matrix: Matrix, tmp_path: Path
) -> None:
    person = matrix.register("sender")
    client = await matrix.client(person)
    created = await client.room_create(name="txn test")
    assert isinstance(created, nio.RoomCreateResponse)
    store = await Store.open(tmp_path / "db.sqlite")
    try:
        executor = Executor(client, store, Clock())
        action = notice(created.room_id, "only once")
        first = await executor.run([action], cause="$same-cause")
        second = await executor.run([action], cause="$same-cause")  # e.g. after a crash
        assert first[0].result == second[0].result
        bodies = [e["content"].get("body") for e in await messages(client, created.room_id)]
        assert bodies.count("only once") == 1
        assert len(await store.audit.recent()) == 1  # audited once per action id
    finally:
        await store.close()


async def test_a_mark_the_bot_already_made_is_not_a_failure(store: Store) -> None:
    """Two paths (or a replay) marking one message ✅: the server keeps one, and says so."""
    client = ScriptedClient(
        nio.RoomSendError("Can't send same reaction twice", "M_DUPLICATE_ANNOTATION"),
        nio.RoomSendError("not allowed", "M_FORBIDDEN"),
    )
    executor = Executor(client, store, Clock())  # type: ignore[arg-type]
    twice, refused = await executor.run(
        [React("!room:x", "$msg", "✅"), React("!room:x", "$other", "✅")], cause="$c"
    )
    assert twice.ok and twice.result is None
    assert not refused.ok  # the twin: any other refusal is still a failure
