"""The command line as an operator uses it: exit codes and one clear line per problem."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def conductbot(
    *args: str, cwd: Path = REPO, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "bot.cli", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
        env={**os.environ, "PYTHONPATH": str(REPO)} | (env or {}),
    )


def test_check_config_accepts_the_shipped_school() -> None:
    result = conductbot("check-config", "rooms.yaml")
    assert result.returncode == 0, result.stderr
    assert "Brookfield Primary School" in result.stdout


def test_check_config_names_the_problem_in_one_line(tmp_path: Path) -> None:
    broken = tmp_path / "rooms.yaml"
    text = (REPO / "rooms.yaml").read_text()
    broken.write_text(text.replace("warnings_before_removal: 1", "warnings_before_removal: -1"))
    result = conductbot("check-config", str(broken))
    assert result.returncode == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"{broken}: policy.warnings_before_removal: ")
    assert "expected" in lines[0]


def test_the_bot_refuses_to_start_on_a_bad_config(tmp_path: Path) -> None:
    broken = tmp_path / "rooms.yaml"
    broken.write_text("school: [not, a, mapping\n")
    result = conductbot("run", "--config", str(broken), "--data-dir", str(tmp_path / "d"))
    assert result.returncode == 2
    assert f"{broken}: line" in result.stderr and "not valid YAML" in result.stderr
    assert not (tmp_path / "d").exists()  # nothing was started or created


def test_run_without_credentials_says_what_to_set(tmp_path: Path) -> None:
    env = {k: "" for k in ("CONDUCTBOT_HOMESERVER", "CONDUCTBOT_USER_ID", "CONDUCTBOT_PASSWORD")}
    result = conductbot("run", "--data-dir", str(tmp_path / "d"), env=env)
    assert result.returncode == 2
    assert "CONDUCTBOT_HOMESERVER" in result.stderr and "--secrets" in result.stderr


def test_roster_import_reports_and_a_malformed_file_changes_nothing(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    first = conductbot("roster", "import", "demo/roster.csv", "--data-dir", data)
    assert first.returncode == 0, first.stderr
    *progress, summary = first.stdout.splitlines()
    assert progress == [f"roster import: pupils 24 of 24 (100%), {progress[0].split()[-2]} s"]
    assert summary.startswith("24 added, 0 updated, 0 unchanged, 0 rejected; took ")
    bad = tmp_path / "bad.csv"
    bad.write_text("name,shoe size\nAmelia,2\n")
    second = conductbot("roster", "import", str(bad), "--data-dir", data)
    assert second.returncode == 2 and str(bad) in second.stderr
    again = conductbot("roster", "import", "demo/roster.csv", "--data-dir", data)
    assert again.stdout.splitlines()[-1].startswith("0 added, 0 updated, 24 unchanged")


def test_link_parent_refuses_an_unknown_pupil(tmp_path: Path) -> None:
    data = str(tmp_path / "data")
    conductbot("roster", "import", "demo/roster.csv", "--data-dir", data)
    env = {
        "CONDUCTBOT_HOMESERVER": "http://127.0.0.1:9",
        "CONDUCTBOT_USER_ID": "@bot:x",
        "CONDUCTBOT_PASSWORD": "unused",
    }
    result = conductbot("link-parent", "@p:x", "Nobody Atall", "--data-dir", data, env=env)
    assert result.returncode == 2
    assert "no pupil 'Nobody Atall' in the roster" in result.stderr
    ambiguous = conductbot("link-parent", "@p:x", "Oliver", "--data-dir", data, env=env)
    assert ambiguous.returncode == 2 and "matches several pupils" in ambiguous.stderr
