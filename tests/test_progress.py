"""Long commands say how far they have got, and Ctrl-C stops them cleanly.

`conductbot provision`, `roster import` and `invitations` print the work done of the work in
all as they go (plain lines in a log, a bar on a terminal) and their total time at the end.
Each is interrupted here with SIGINT, as Ctrl-C sends it, once it has printed its first
progress line, then run again: the first run ends without a traceback, saying what was done
and that a rerun carries on; the second finishes the work, and nothing is duplicated or
half made (provision against the real Synapse)."""

from __future__ import annotations

import asyncio
import csv
import io
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

import pytest
from conftest import REPO, BotLauncher, Matrix, School
from test_invitations import as_the_bot, bot_command, letters_in, rows_in

from bot.homeserver import login
from bot.progress import Progress, uninterrupted
from bot.provisioning import desired_rooms, parent_dm_key, teacher_dm_key
from storage.people import Role
from storage.store import DATABASE, Store

# --- the progress helper -------------------------------------------------------------------


def test_progress_is_said_at_each_tenth_and_at_the_end(capsys: pytest.CaptureFixture[str]) -> None:
    progress = Progress("provision", "rooms", every=3600)
    for done in range(1, 101):
        progress(done, 100)
    lines = capsys.readouterr().out.splitlines()
    found = [re.match(r"provision: rooms (\d+) of 100 \((\d+)%\), \d+ s$", line) for line in lines]
    assert [m[1] for m in found] == [str(n) for n in range(10, 101, 10)]
    progress(100, 100)  # told again: said once
    assert capsys.readouterr().out == ""
    small = Progress("roster import", "pupils", every=3600)
    small(3, 3)  # a small job still ends with its line
    small.finish("3 added\nline 4: a reason")
    assert re.fullmatch(
        r"roster import: pupils 3 of 3 \(100%\), \d+ s\n"
        r"3 added; took \d+\.\d s in all\nline 4: a reason\n",
        capsys.readouterr().out,
    )


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_on_a_terminal_it_is_a_bar_then_the_summary() -> None:
    screen = Terminal()
    progress = Progress("provision", "rooms", out=screen)
    for done in range(1, 51):
        progress(done, 50)
    progress.finish("50 created, 0 updated, 0 unchanged")
    shown = screen.getvalue()
    assert re.search(r"provision: rooms: 100%\|[█#]+\| 50/50 \[", shown), shown
    assert not re.search(r"rooms \d+ of 50", shown)  # no plain lines on a terminal
    assert re.search(r"\n50 created, 0 updated, 0 unchanged; took \d+\.\d s in all\n$", shown)


async def test_a_stopped_step_is_finished_first_and_the_stop_says_how_far(
    capsys: pytest.CaptureFixture[str],
) -> None:
    finished: list[int] = []
    started = asyncio.Event()

    async def step(number: int) -> None:
        started.set()
        await asyncio.sleep(0.2)
        finished.append(number)

    async def work() -> None:
        with Progress("provision", "rooms", then="Run it again to carry on.") as progress:
            for number in range(1, 11):
                await uninterrupted(step(number))
                progress(number, 10)

    task = asyncio.create_task(work())
    await started.wait()
    task.cancel()  # what Ctrl-C does to a command under asyncio.run
    with pytest.raises(asyncio.CancelledError):
        await task
    assert finished == [1]  # the step under way was finished, no other was started
    assert re.fullmatch(
        r"provision: stopped \(Ctrl-C\) before any rooms were done, in \d+\.\d s\. "
        r"Run it again to carry on\.\n",
        capsys.readouterr().out,
    )


# --- Ctrl-C on the real commands -------------------------------------------------------------


@dataclass
class Ended:
    status: int
    lines: list[str]  # stdout
    err: str


def _ctrl_c_as_a_terminal_has_it() -> None:
    """A test run in the background may inherit SIGINT ignored; a terminal's child does not."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def ctrl_c_at_first_progress(argv: list[str], env: dict[str, str], progress: str) -> Ended:
    """Run a command, send it SIGINT as soon as it prints a line matching `progress` (its
    first progress line), and wait for it to end."""
    with tempfile.TemporaryFile("w+") as err:
        process = subprocess.Popen(
            argv,
            stdout=subprocess.PIPE,
            stderr=err,
            text=True,
            env=env,
            preexec_fn=_ctrl_c_as_a_terminal_has_it,
        )
        lines: list[str] = []
        try:
            assert process.stdout is not None
            for line in process.stdout:
                lines.append(line.rstrip("\n"))
                if re.fullmatch(progress, lines[-1]):
                    process.send_signal(signal.SIGINT)
                    break
            rest, _ = process.communicate(timeout=120)
        except BaseException:
            process.kill()
            raise
        err.seek(0)
        return Ended(process.returncode, lines + rest.splitlines(), err.read())


def assert_stopped_cleanly(ended: Ended, command: str, things: str) -> tuple[int, int]:
    """Exit status 130, no traceback, and the stop line last: gives (done, in all)."""
    assert ended.status == 130, (ended.lines, ended.err)
    assert "Traceback" not in ended.err, ended.err
    stop = re.fullmatch(
        rf"{command}: stopped \(Ctrl-C\) after ([\d,]+) of ([\d,]+) {things}, in \d+\.\d s\. .+",
        ended.lines[-1],
    )
    assert stop, ended.lines
    done, total = (int(stop[n].replace(",", "")) for n in (1, 2))
    assert 0 < done < total, ended.lines  # stopped part way: there is work left to carry on
    return done, total


def cli(data: Path, *args: str) -> tuple[list[str], dict[str, str]]:
    """A command on the shipped rooms.yaml and a data directory alone."""
    config = ["--config", str(REPO / "rooms.yaml"), "--data-dir", str(data)]
    env = os.environ | {
        "PYTHONPATH": str(REPO),
        "CONDUCTBOT_HOMESERVER": "https://matrix.brookfield-primary.example",
        "CONDUCTBOT_USER_ID": "@conductbot:brookfield-primary.example",
        "CONDUCTBOT_PASSWORD": "unused",
    }
    env.pop("CONDUCTBOT_NOW", None)
    return [sys.executable, "-m", "bot.cli", *args, *config], env


def big_roster(path: Path, pupils: int) -> Path:
    """A roster long enough that an import is still going when Ctrl-C arrives."""
    with path.open("w", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["first_name", "surname", "class", "photo_consent", "mis_id"])
        for n in range(pupils):
            writer.writerow(
                [f"Pupil{n}", f"Family{n}", ("oak", "willow", "maple")[n % 3], "yes", f"U{n:06}"]
            )
    return path


async def pupil_ids(data: Path) -> list[str]:
    store = await Store.open(data / DATABASE)
    try:
        async with store.db.execute("SELECT mis_id FROM pupils") as cursor:
            return [row[0] for row in await cursor.fetchall()]
    finally:
        await store.close()


def test_roster_import_stopped_keeps_whole_batches_and_a_rerun_carries_on(tmp_path: Path) -> None:
    pupils, data = 30_000, tmp_path / "data"
    roster = big_roster(tmp_path / "roster.csv", pupils)
    argv, env = cli(data, "roster", "import", str(roster))
    first = ctrl_c_at_first_progress(argv, env, r"roster import: pupils [\d,]+ of 30,000 .*")
    saved, total = assert_stopped_cleanly(first, "roster import", "pupils")
    assert total == pupils
    assert "import the same file again to carry on" in first.lines[-1]
    assert len(asyncio.run(pupil_ids(data))) == saved  # what it says, and no half batch

    again = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert re.fullmatch(
        rf"{pupils - saved} added, 0 updated, {saved} unchanged, 0 rejected; "
        r"took \d+\.\d s in all",
        again.stdout.splitlines()[-1],
    ), again.stdout
    ids = asyncio.run(pupil_ids(data))
    assert len(ids) == len(set(ids)) == pupils  # every pupil, each once


async def live_codes(data: Path) -> list[int]:
    """The pupil of each code that still works."""
    store = await Store.open(data / DATABASE)
    try:
        query = "SELECT pupil_id FROM join_codes WHERE used_by IS NULL AND expires_at > ?"
        async with store.db.execute(query, ("2000",)) as cursor:
            return [row[0] for row in await cursor.fetchall()]
    finally:
        await store.close()


def test_invitations_stopped_store_no_code_and_write_no_file_and_a_rerun_makes_them_all(
    tmp_path: Path,
) -> None:
    pupils, data = 240, tmp_path / "data"
    roster = big_roster(tmp_path / "roster.csv", pupils)
    imported = subprocess.run(
        cli(data, "roster", "import", str(roster))[0],
        env=cli(data)[1],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert imported.returncode == 0, imported.stderr
    out = tmp_path / "letters"
    out.mkdir()
    pdf, sheet = out / "all.pdf", out / "all.csv"
    argv, env = cli(data, "invitations", "--all", "--pdf", str(pdf), "--csv", str(sheet))

    first = ctrl_c_at_first_progress(argv, env, r"invitations: letters [\d,]+ of 240 .*")
    assert_stopped_cleanly(first, "invitations", "letters")
    assert "No code was stored and no file written" in first.lines[-1]
    assert list(out.iterdir()) == []  # no letters, no partial file
    assert asyncio.run(live_codes(data)) == []

    again = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert again.returncode == 0, again.stderr
    assert re.search(r"^240 new join codes, .*; took \d+\.\d s in all$", again.stdout, re.M)
    pages, rows = letters_in(pdf.read_bytes()), rows_in(sheet)
    assert (
        len(pages) == pupils and [(r["first_name"], r["class"], r["code"]) for r in rows] == pages
    )
    assert len({code for _, _, code in pages}) == pupils
    owners = asyncio.run(live_codes(data))
    assert len(owners) == len(set(owners)) == pupils  # one live code for each child

    third = subprocess.run(argv, capture_output=True, text=True, env=env, timeout=120)
    assert third.returncode == 0 and "No new letters" in third.stdout  # none re-issued
    assert sorted(asyncio.run(live_codes(data))) == sorted(owners)


# --- provision, on the real server ---------------------------------------------------------


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


def joined_by(school: School, admin_token: str) -> set[str]:
    """The rooms the bot is in on the server, as its admin API says."""
    user = quote(school.bot.user_id, safe="")
    request = urllib.request.Request(
        f"{school.settings.base_url}/_synapse/admin/v1/users/{user}/joined_rooms",
        headers={"Authorization": f"Bearer {admin_token}"},
    )
    with urllib.request.urlopen(request, timeout=30) as response:
        return set(json.loads(response.read())["joined_rooms"])


async def recorded_rooms(school: School) -> dict[str, str]:
    """Room key -> room id, as the bot's database has them."""
    store = await Store.open(school.data_dir / DATABASE)
    try:
        async with store.db.execute("SELECT key, room_id FROM rooms") as cursor:
            return {row[0]: row[1] for row in await cursor.fetchall()}
    finally:
        await store.close()


async def test_provision_stopped_by_ctrl_c_keeps_whole_rooms_and_a_rerun_carries_on(
    launch: BotLauncher, matrix: Matrix, school: School
) -> None:
    # Twelve families linked in the database only (as after a restore): provision makes
    # their conversations, 2 rooms for each of their children's teachers, 32 in all.
    bot = await launch(start=False)  # the school's rooms, and the demo roster
    server = school.bot.user_id.split(":", 1)[1]
    families: dict[str, list[str]] = {}
    for class_id in ("oak", "willow", "maple"):
        for pupil in (await bot.store.pupils.in_class(class_id))[:4]:
            parent = matrix.register("parent").user_id
            await bot.store.people.upsert(parent, parent, Role.PARENT, now="2026-11-20")
            await bot.store.pupils.link_parent(parent, pupil.id, linked_by="test", now="")
            families[parent] = [t.matrix_id(server) for t in bot.config.teachers_of(class_id)]
    await bot.stop()
    school_rooms = len(desired_rooms(bot.config, server))
    assert len(await recorded_rooms(school)) == school_rooms
    conversation_rooms = 2 * sum(len(teachers) for teachers in families.values())
    assert conversation_rooms == 32

    argv, env = bot_command(school, "provision")
    first = await asyncio.to_thread(
        ctrl_c_at_first_progress, argv, env, r"provision: rooms \d+ of \d+ .*"
    )
    done, total = assert_stopped_cleanly(first, "provision", "rooms")
    assert total == school_rooms + conversation_rooms
    assert "run the same command again to carry on" in first.lines[-1]
    admin = matrix.register("admin", admin=True)
    token = login(school.settings.base_url, admin.user_id, admin.password)
    made = await recorded_rooms(school)
    # Nothing half made: every room the bot made on the server is recorded under its key,
    # so a rerun finds it instead of making another.
    assert await asyncio.to_thread(joined_by, school, token) == set(made.values())
    assert len(made) < school_rooms + conversation_rooms  # work was left to do

    again = await asyncio.to_thread(as_the_bot, school, "provision")
    assert again.returncode == 0, again.stderr
    created = re.fullmatch(
        r"(\d+) created, \d+ updated, \d+ unchanged; took \d+\.\d s in all",
        again.stdout.splitlines()[-1],
    )
    assert created and int(created[1]) == school_rooms + conversation_rooms - len(made)
    rooms = await recorded_rooms(school)
    assert len(rooms) == len(set(rooms.values())) == school_rooms + conversation_rooms
    assert await asyncio.to_thread(joined_by, school, token) == set(rooms.values())
    for parent, teachers in families.items():
        for teacher in teachers:
            assert parent_dm_key(parent, teacher) in rooms
            assert teacher_dm_key(teacher, parent) in rooms
    store = await Store.open(school.data_dir / DATABASE)
    try:
        for parent, teachers in families.items():
            conversations = await store.relay.conversations_of(parent)
            assert sorted(c.teacher for c in conversations) == sorted(teachers)
            for c in conversations:
                assert (c.parent_room, c.teacher_room) == (
                    rooms[parent_dm_key(parent, c.teacher)],
                    rooms[teacher_dm_key(c.teacher, parent)],
                )
    finally:
        await store.close()
