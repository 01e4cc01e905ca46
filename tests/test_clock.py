from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest

from bot.clock import Clock, ClockError


def test_conductbot_now_starts_the_clock_and_it_runs_forward() -> None:
    clock = Clock.from_env({"CONDUCTBOT_NOW": "2026-11-20T17:05:00+00:00"})
    first = clock.now()
    assert abs(first - datetime(2026, 11, 20, 17, 5, tzinfo=UTC)) < timedelta(seconds=2)
    assert clock.now() >= first


def test_a_time_without_an_offset_is_refused() -> None:
    with pytest.raises(ClockError, match="CONDUCTBOT_NOW: .* has no UTC offset"):
        Clock.from_env({"CONDUCTBOT_NOW": "2026-11-20T17:05:00"})
    with pytest.raises(ClockError, match="not an ISO 8601 time"):
        Clock.from_env({"CONDUCTBOT_NOW": "next tuesday"})


def test_without_the_variable_the_clock_is_real_time() -> None:
    assert abs(Clock.from_env({}).now() - datetime.now(UTC)) < timedelta(seconds=2)
