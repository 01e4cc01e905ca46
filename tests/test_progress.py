"""Long commands say how far they have got: `conductbot provision` prints the rooms done of
the rooms in all as it goes, and its total time at the end."""

from __future__ import annotations

import asyncio
import re

import pytest
from conftest import BotLauncher, Matrix, School
from test_invitations import as_the_bot

from bot.cli import ProgressLines
from bot.provisioning import desired_rooms


def test_progress_is_said_at_each_tenth_and_at_the_end(capsys: pytest.CaptureFixture[str]) -> None:
    progress = ProgressLines("rooms", every=3600)
    for done in range(1, 101):
        progress(done, 100)
    lines = capsys.readouterr().out.splitlines()
    assert [re.match(r"rooms (\d+) of 100 \((\d+)%\), \d+ s$", line)[1] for line in lines] == [
        str(n) for n in range(10, 101, 10)
    ]
    progress(3, 3)  # a small job still ends with its line
    assert capsys.readouterr().out.startswith("rooms 3 of 3 (100%)")


async def test_provision_prints_rooms_done_of_the_total_and_its_time(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    bot = await launch(start=False)
    await bot.link(matrix.register("mum"), "Amelia Hughes")  # Oak: Miss Reid
    await bot.link(matrix.register("dad"), "Noah Clarke")  # Maple: Miss Reid and Mr Khan
    school_rooms = len(desired_rooms(bot.config, school.bot.user_id.split(":", 1)[1]))
    await bot.stop()

    done = await asyncio.to_thread(
        as_the_bot, school, "provision"
    )  # the bot is stopped: one process per device
    assert done.returncode == 0, done.stderr
    lines = done.stdout.splitlines()
    total = school_rooms + 2 * 1 + 2 * 2  # each conversation is two rooms
    counts = [
        re.fullmatch(r"provision: rooms (\d+) of (\d+) \(\d+%\), \d+ s", line)
        for line in lines[:-1]
    ]
    assert all(counts), lines
    assert {int(m[2]) for m in counts} == {total}
    reached = [int(m[1]) for m in counts]
    assert reached == sorted(reached) and reached[-1] == total
    assert re.fullmatch(
        r"0 created, \d+ updated, \d+ unchanged; took \d+\.\d s in all", lines[-1]
    ), lines[-1]
