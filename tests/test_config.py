"""rooms.yaml: the shipped example loads, and every kind of mistake gets one clear line."""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from bot.config import Config, ConfigError, load_config

ROOMS_YAML = Path(__file__).resolve().parent.parent / "rooms.yaml"
SHIPPED: dict[str, Any] = yaml.safe_load(ROOMS_YAML.read_text(encoding="utf-8"))

Edit = Callable[[dict[str, Any]], None]


@pytest.fixture(autouse=True)
def _in_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Broken variants are written to ./rooms.yaml, so messages start 'rooms.yaml: '."""
    monkeypatch.chdir(tmp_path)


def problems_in_text(text: str) -> list[str]:
    Path("rooms.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config("rooms.yaml")
    assert str(caught.value) == "\n".join(caught.value.problems)
    return caught.value.problems


def problems_after(*edits: Edit) -> list[str]:
    data = copy.deepcopy(SHIPPED)
    for edit in edits:
        edit(data)
    return problems_in_text(yaml.safe_dump(data, sort_keys=False))


def shipped_text_with(old: str, new: str) -> str:
    text = ROOMS_YAML.read_text(encoding="utf-8")
    assert old in text
    return text.replace(old, new, 1)


def setter(*path: str | int, value: Any) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path
        for key in parents:
            data = data[key]
        data[last] = value

    return edit


def remover(*path: str | int) -> Edit:
    def edit(data: dict[str, Any]) -> None:
        *parents, last = path
        for key in parents:
            data = data[key]
        del data[last]

    return edit


# --- the shipped file --------------------------------------------------------------------


def test_shipped_rooms_yaml_loads() -> None:
    config = load_config(ROOMS_YAML)
    assert config.school.name == "Brookfield Primary School"
    assert config.school.tz.key == "Europe/London"
    assert config.school.office_email == "office@brookfield-primary.example"
    assert config.hours.days == ("mon", "tue", "wed", "thu", "fri")
    assert config.hours.weekdays == frozenset(range(5))
    assert (config.hours.open, config.hours.close) == (dt.time(8), dt.time(17))
    assert config.hours.bank_holidays.country == "GB"
    assert dt.date(2026, 12, 25) in config.hours.bank_holidays.calendar([2026])
    christmas = config.hours.school_holidays[1]
    assert (christmas.start, christmas.end) == (dt.date(2026, 12, 21), dt.date(2027, 1, 1))
    assert dt.date(2027, 1, 4) in {c.date for c in config.hours.closures}
    assert config.policy.warnings_before_removal == 1
    assert config.policy.parents_per_child == 2
    assert config.policy.values == ("Kindness", "Respect", "Resilience", "Curiosity", "Teamwork")


def test_helpers() -> None:
    config = load_config(str(ROOMS_YAML))
    reid = config.staff_by_id("reid")
    assert reid is not None and reid.name == "Miss Reid"
    assert reid.matrix_id("brookfield.example") == "@s.reid:brookfield.example"
    assert config.staff_by_id("nobody") is None
    assert config.staff_by_user("@a.khan:brookfield.example", "brookfield.example").id == "khan"
    maple = config.class_by_id("maple")
    assert maple is not None and maple.year == "Year 5"
    assert config.class_by_id("elm") is None
    assert [s.id for s in config.teachers_of("maple")] == ["reid", "khan"]
    assert [s.id for s in config.teachers_of("willow")] == ["khan"]
    assert [s.id for s in config.slt()] == ["okafor"]
    assert [c.id for c in config.classes_of("reid")] == ["oak", "maple"]
    assert config.classes_of("okafor") == []
    with pytest.raises(KeyError):
        config.teachers_of("elm")
    with pytest.raises(KeyError):
        config.classes_of("nobody")
    assert config.hours_for(reid) is config.hours


def test_full_matrix_id_and_part_time_hours() -> None:
    data = copy.deepcopy(SHIPPED)
    data["staff"][0]["user"] = "@s.reid:other.example"
    data["staff"][0]["hours"] = {"days": ["mon", "tue"], "open": "08:00", "close": "13:00"}
    config = Config.model_validate(data)
    reid = config.staff[0]
    assert reid.matrix_id("brookfield.example") == "@s.reid:other.example"
    assert config.hours_for(reid).close == dt.time(13)
    assert config.hours_for(reid).weekdays == {0, 1}


def test_defaults_apply_when_policy_keys_are_left_out() -> None:
    data = copy.deepcopy(SHIPPED)
    data["policy"] = {"values": ["Kindness"]}
    for key in ("school_holidays", "closures"):
        del data["hours"][key]
    config = Config.model_validate(data)
    assert config.policy.warnings_before_removal == 1
    assert config.policy.strike_expiry_days == 180
    assert config.policy.parents_per_child == 2
    assert (config.policy.reply_window_hours, config.policy.escalate_after_hours) == (24, 48)
    assert config.policy.portfolio_retention_days is None  # kept until the school deletes it
    assert config.hours.school_holidays == () and config.hours.closures == ()


def test_a_school_may_set_a_portfolio_retention() -> None:
    data = copy.deepcopy(SHIPPED)
    data["policy"]["portfolio_retention_days"] = 365
    assert Config.model_validate(data).policy.portfolio_retention_days == 365


def test_models_are_frozen() -> None:
    config = load_config(ROOMS_YAML)
    with pytest.raises(ValueError):
        config.school.name = "Other"  # type: ignore[misc]


# --- one problem, one line ---------------------------------------------------------------

ONE_PROBLEM: dict[str, tuple[list[Edit], str]] = {
    "missing key": (
        [remover("school", "office_email")],
        "rooms.yaml: school.office_email: missing required key; "
        "expected an email address such as office@school.example",
    ),
    "missing section": (
        [remover("hours")],
        "rooms.yaml: hours: missing required key; expected a mapping with keys: days, open, "
        "close, bank_holidays, school_holidays, closures",
    ),
    "unknown key": (
        [setter("school", "motto", value="Be kind")],
        "rooms.yaml: school.motto: unknown key; expected one of: name, timezone, "
        "office_email, code_of_conduct_url, office_phone, office_address, office_hours",
    ),
    "text expected": (
        [setter("staff", 1, "name", value=42)],
        "rooms.yaml: staff[1].name: got the number 42; "
        "expected the name parents see, such as Miss Reid",
    ),
    "number expected": (
        [setter("policy", "parents_per_child", value="two")],
        "rooms.yaml: policy.parents_per_child: got 'two'; expected a whole number, 1 or more",
    ),
    "yes/no is not a number": (
        [setter("policy", "warnings_before_removal", value=True)],
        "rooms.yaml: policy.warnings_before_removal: got true (a yes/no value); "
        "expected a whole number, 0 or more",
    ),
    "number too small": (
        [setter("policy", "strike_expiry_days", value=0)],
        "rooms.yaml: policy.strike_expiry_days: the number 0 is too small; "
        "expected a whole number of days, 1 or more",
    ),
    "portfolio retention not a number": (
        [setter("policy", "portfolio_retention_days", value="a year")],
        "rooms.yaml: policy.portfolio_retention_days: got 'a year'; expected a whole number "
        "of days, 1 or more, or left out to keep portfolio work until the school deletes it",
    ),
    "portfolio retention too small": (
        [setter("policy", "portfolio_retention_days", value=0)],
        "rooms.yaml: policy.portfolio_retention_days: the number 0 is too small; expected a "
        "whole number of days, 1 or more, or left out to keep portfolio work until the school "
        "deletes it",
    ),
    "list expected": (
        [setter("hours", "days", value="mon-fri")],
        "rooms.yaml: hours.days: got 'mon-fri'; "
        "expected a list of weekday names such as [mon, tue, wed, thu, fri]",
    ),
    "mapping expected": (
        [setter("staff", 2, value="okafor")],
        "rooms.yaml: staff[2]: got 'okafor'; expected a mapping with keys: id, name, user, "
        "role, hours",
    ),
    "bad date": (
        [setter("hours", "school_holidays", 0, "start", value="after harvest")],
        "rooms.yaml: hours.school_holidays[0].start: got 'after harvest'; "
        "expected a date such as 2026-12-21",
    ),
    "bad time": (
        [setter("hours", "close", value="25:00")],
        "rooms.yaml: hours.close: '25:00' is not a valid time; "
        'expected a time in quotes between "00:00" and "23:59", such as "08:00"',
    ),
    "bad minutes": (
        [setter("hours", "open", value="8.30")],
        "rooms.yaml: hours.open: '8.30' is not a valid time; "
        'expected a time in quotes between "00:00" and "23:59", such as "08:00"',
    ),
    "bad timezone": (
        [setter("school", "timezone", value="Europe/Londn")],
        "rooms.yaml: school.timezone: unknown time zone 'Europe/Londn'; "
        "expected an IANA time zone name such as Europe/London",
    ),
    "bad email": (
        [setter("school", "office_email", value="office at brookfield")],
        "rooms.yaml: school.office_email: 'office at brookfield' is not an email address; "
        "expected an address such as office@school.example",
    ),
    "bad phone number": (
        [setter("school", "office_phone", value="0121 496")],
        "rooms.yaml: school.office_phone: '0121 496' is not a phone number; "
        "expected a UK phone number such as 0121 496 0000",
    ),
    "office closes before it opens": (
        [setter("school", "office_hours", "close", value="08:00")],
        'rooms.yaml: school.office_hours.close: closing time "08:00" is not after opening '
        'time "08:30"; expected a time later than open',
    ),
    "bad office day": (
        [setter("school", "office_hours", "days", 0, value="monday")],
        "rooms.yaml: school.office_hours.days[0]: unknown weekday 'monday'; "
        "expected one of: mon, tue, wed, thu, fri, sat, sun",
    ),
    "bad url": (
        [setter("school", "code_of_conduct_url", value="brookfield.example/conduct")],
        "rooms.yaml: school.code_of_conduct_url: 'brookfield.example/conduct' is not a web "
        "address; expected an address starting with https://",
    ),
    "unknown weekday": (
        [setter("hours", "days", 0, value="monday")],
        "rooms.yaml: hours.days[0]: unknown weekday 'monday'; "
        "expected one of: mon, tue, wed, thu, fri, sat, sun",
    ),
    "repeated weekday": (
        [setter("hours", "days", 4, value="mon")],
        "rooms.yaml: hours.days[4]: duplicate weekday 'mon' (also at hours.days[0]); "
        "expected each weekday once",
    ),
    "no days": (
        [setter("hours", "days", value=[])],
        "rooms.yaml: hours.days: must not be empty; "
        "expected a list of weekday names such as [mon, tue, wed, thu, fri]",
    ),
    "open not before close": (
        [setter("hours", "open", value="17:00")],
        'rooms.yaml: hours.close: closing time "17:00" is not after opening time "17:00"; '
        "expected a time later than open",
    ),
    "part-time hours backwards": (
        [setter("staff", 0, "hours", value={"days": ["mon"], "open": "13:00", "close": "09:00"})],
        'rooms.yaml: staff[0].hours.close: closing time "09:00" is not after opening time '
        '"13:00"; expected a time later than open',
    ),
    "holiday ends before it starts": (
        [setter("hours", "school_holidays", 1, "end", value=dt.date(2026, 12, 1))],
        "rooms.yaml: hours.school_holidays[1].end: ends 2026-12-01, before it starts "
        "2026-12-21; expected an end date on or after the start date",
    ),
    "unknown bank-holiday country": (
        [setter("hours", "bank_holidays", "country", value="ZZ")],
        "rooms.yaml: hours.bank_holidays.country: unknown country 'ZZ'; "
        "expected a country code supported by the holidays package, such as GB",
    ),
    "unknown bank-holiday region": (
        [setter("hours", "bank_holidays", "subdivision", value="XYZ")],
        "rooms.yaml: hours.bank_holidays.subdivision: unknown region 'XYZ' for GB; "
        "expected one of: ENG, NIR, SCT, WLS, or leave it out",
    ),
    "no values": (
        [setter("policy", "values", value=[])],
        "rooms.yaml: policy.values: must not be empty; "
        "expected a list of the school values, such as [Kindness, Respect]",
    ),
    "repeated value": (
        [setter("policy", "values", 3, value="kindness")],
        "rooms.yaml: policy.values[3]: duplicate value 'kindness' (also at policy.values[0]); "
        "expected each value once",
    ),
    "escalation before the reply window ends": (
        [setter("policy", "escalate_after_hours", value=12)],
        "rooms.yaml: policy.escalate_after_hours: 12 is shorter than reply_window_hours (24); "
        "expected a number of hours of at least 24",
    ),
    "bad slug": (
        [setter("classes", 0, "id", value="Oak Tree")],
        "rooms.yaml: classes[0].id: 'Oak Tree' is not a valid id; "
        "expected lower-case letters, digits, '-' or '_', such as 'reid'",
    ),
    "bad role": (
        [setter("staff", 2, "role", value="head")],
        "rooms.yaml: staff[2].role: 'head' is not allowed; expected one of: teacher, slt, office",
    ),
    "bad matrix user": (
        [setter("staff", 1, "user", value="Mr Khan")],
        "rooms.yaml: staff[1].user: 'Mr Khan' is not a Matrix user; "
        "expected a user name such as s.reid, or a full id such as @s.reid:school.example",
    ),
    "duplicate class id": (
        [setter("classes", 2, "id", value="oak")],
        "rooms.yaml: classes[2].id: duplicate class id 'oak' (also at classes[0]); "
        "expected each class id once",
    ),
    "duplicate matrix user": (
        [setter("staff", 1, "user", value="@s.reid:brookfield.example")],
        "rooms.yaml: staff[1].user: duplicate Matrix user 's.reid' (also at staff[0]); "
        "expected each Matrix user once",
    ),
    "class teacher who is not staff": (
        [setter("classes", 1, "teachers", 0, value="smith")],
        "rooms.yaml: classes[1].teachers[0]: unknown staff id 'smith'; "
        "expected one of: reid, khan, okafor, lewis",
    ),
    "office staff teaching a class": (
        [setter("classes", 1, "teachers", 0, value="lewis")],
        "rooms.yaml: classes[1].teachers[0]: 'lewis' has role office, and office staff have "
        "no class; expected a member of staff with role teacher or slt",
    ),
    "class without teachers": (
        [setter("classes", 0, "teachers", value=[])],
        "rooms.yaml: classes[0].teachers: must not be empty; "
        "expected a list of staff ids such as [reid]",
    ),
    "teacher listed twice": (
        [setter("classes", 2, "teachers", value=["reid", "reid"])],
        "rooms.yaml: classes[2].teachers[1]: duplicate teacher 'reid' "
        "(also at classes[2].teachers[0]); expected each teacher once",
    ),
    "no senior leader": (
        [setter("staff", 2, "role", value="teacher")],
        "rooms.yaml: staff: no one has role slt; "
        "expected at least one senior leader to receive escalations",
    ),
}


@pytest.mark.parametrize(("edits", "line"), ONE_PROBLEM.values(), ids=ONE_PROBLEM.keys())
def test_one_problem_one_line(edits: list[Edit], line: str) -> None:
    assert problems_after(*edits) == [line]


def test_typo_in_key_is_reported_as_unknown_with_the_allowed_keys() -> None:
    text = shipped_text_with("warnings_before_removal: 1", "warnings_before_removl: 1")
    assert problems_in_text(text) == [
        "rooms.yaml: policy.warnings_before_removl: unknown key "
        "(did you mean 'warnings_before_removal'?); expected one of: warnings_before_removal, "
        "strike_expiry_days, parents_per_child, reply_window_hours, escalate_after_hours, values, "
        "message_retention_days, portfolio_retention_days, golden_rule_minutes, "
        "hostile_reactions"
    ]


def test_typo_in_section_name_reports_missing_and_unknown() -> None:
    assert problems_in_text(shipped_text_with("\npolicy:", "\npolcy:")) == [
        "rooms.yaml: policy: missing required key; expected a mapping with keys: "
        "warnings_before_removal, strike_expiry_days, parents_per_child, reply_window_hours, "
        "escalate_after_hours, values, message_retention_days, portfolio_retention_days, "
        "golden_rule_minutes, hostile_reactions",
        "rooms.yaml: polcy: unknown key (did you mean 'policy'?); "
        "expected one of: school, hours, policy, safeguarding, encryption, digest, staff, classes",
    ]


def test_unquoted_time_gets_a_quoting_hint() -> None:
    assert problems_in_text(shipped_text_with('close: "17:00"', "close: 17:00")) == [
        "rooms.yaml: hours.close: got the number 1020 (YAML reads an unquoted 17:00 as a "
        'number); expected a time in quotes between "00:00" and "23:59", such as "08:00"'
    ]


def test_quoted_dates_are_accepted() -> None:
    text = shipped_text_with("start: 2026-12-21", 'start: "2026-12-21"')
    Path("rooms.yaml").write_text(text, encoding="utf-8")
    assert load_config("rooms.yaml").hours.school_holidays[1].start == dt.date(2026, 12, 21)


# --- problems before validation ----------------------------------------------------------


def test_missing_file() -> None:
    with pytest.raises(ConfigError) as caught:
        load_config("nowhere/rooms.yaml")
    assert caught.value.problems == [
        "nowhere/rooms.yaml: cannot read file: No such file or directory"
    ]


def test_file_path_is_reported_as_given(tmp_path: Path) -> None:
    path = tmp_path / "school.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    with pytest.raises(ConfigError) as caught:
        load_config(path)
    assert caught.value.problems == [
        f"{path}: top level: got a list; "
        "expected a mapping with keys: school, hours, policy, safeguarding, encryption, digest, "
        "staff, "
        "classes"
    ]


def test_yaml_syntax_error_gives_line_and_column() -> None:
    text = shipped_text_with('  close: "17:00"', ' close: "17:00"')
    line = next(n for n, t in enumerate(text.splitlines(), 1) if t == ' close: "17:00"')
    (problem,) = problems_in_text(text)
    assert problem.startswith(f"rooms.yaml: line {line}, column 2: not valid YAML (")


def test_unclosed_bracket_is_a_syntax_error() -> None:
    (problem,) = problems_in_text("school: {name: Brookfield\nhours: 1\n")
    assert problem.startswith("rooms.yaml: line 2, column ")
    assert "not valid YAML (" in problem


def test_impossible_date_is_located() -> None:
    text = shipped_text_with("end: 2027-02-19", "end: 2027-02-30")
    line, column = next(
        (n, t.index("2027-02-30") + 1)
        for n, t in enumerate(text.splitlines(), 1)
        if "2027-02-30" in t
    )
    assert problems_in_text(text) == [
        f"rooms.yaml: line {line}, column {column}: 2027-02-30 is not a real date "
        "(day is out of range for month); expected a date such as 2026-12-21"
    ]


@pytest.mark.parametrize(
    ("text", "got"),
    [("", "the file is empty"), ("- a\n- b\n", "got a list"), ("hello\n", "got 'hello'")],
)
def test_top_level_must_be_a_mapping(text: str, got: str) -> None:
    assert problems_in_text(text) == [
        f"rooms.yaml: top level: {got}; "
        "expected a mapping with keys: school, hours, policy, safeguarding, encryption, digest, "
        "staff, "
        "classes"
    ]


# --- many problems at once ---------------------------------------------------------------


def test_all_structural_problems_are_listed_together() -> None:
    problems = problems_after(
        setter("school", "timezone", value="Mars/Olympus"),
        setter("hours", "close", value="25:00"),
        setter("policy", "strike_expiry_days", value=-5),
        remover("staff", 0, "role"),
        setter("classes", 1, "colour", value="green"),
    )
    assert [p.split(": ")[1] for p in problems] == [
        "school.timezone",
        "hours.close",
        "policy.strike_expiry_days",
        "staff[0].role",
        "classes[1].colour",
    ]
    assert all(p.startswith("rooms.yaml: ") and "; expected " in p for p in problems)


def test_all_cross_reference_problems_are_listed_together() -> None:
    problems = problems_after(
        setter("hours", "school_holidays", 0, "end", value=dt.date(2026, 10, 1)),
        setter("hours", "bank_holidays", "subdivision", value="XX"),
        setter("staff", 1, "id", value="reid"),
        setter("classes", 0, "teachers", value=["smith"]),
    )
    assert problems == [
        "rooms.yaml: hours.school_holidays[0].end: ends 2026-10-01, before it starts "
        "2026-10-26; expected an end date on or after the start date",
        "rooms.yaml: hours.bank_holidays.subdivision: unknown region 'XX' for GB; "
        "expected one of: ENG, NIR, SCT, WLS, or leave it out",
        "rooms.yaml: staff[1].id: duplicate staff id 'reid' (also at staff[0]); "
        "expected each staff id once",
        "rooms.yaml: classes[0].teachers[0]: unknown staff id 'smith'; "
        "expected one of: reid, okafor, lewis",
        "rooms.yaml: classes[1].teachers[0]: unknown staff id 'khan'; "
        "expected one of: reid, okafor, lewis",
        "rooms.yaml: classes[2].teachers[1]: unknown staff id 'khan'; "
        "expected one of: reid, okafor, lewis",
    ]


def test_cross_reference_checks_wait_for_the_structure() -> None:
    problems = problems_after(
        setter("classes", 0, "teachers", value=["smith"]),
        setter("policy", "values", value="Kindness"),
    )
    assert problems == [
        "rooms.yaml: policy.values: got 'Kindness'; "
        "expected a list of the school values, such as [Kindness, Respect]"
    ]
