"""The school's configuration (`rooms.yaml`): typed models and a loader whose errors
name the file, the key, what is wrong and what was expected, one line per problem."""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Annotated, Any, Literal, NamedTuple, get_args
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

import holidays
import phonenumbers
import yaml
from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    ValidationError,
    model_validator,
)
from pydantic.fields import FieldInfo
from pydantic_core import ErrorDetails, PydanticCustomError

WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")
DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")

_TIME_RE = re.compile(r"(\d{1,2}):(\d{2})")
_EMAIL_RE = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")
_SLUG_RE = re.compile(r"[a-z0-9_-]+")
_LOCALPART = r"[a-z0-9._=/+-]+"
_USER_RE = re.compile(rf"{_LOCALPART}|@{_LOCALPART}:[A-Za-z0-9.-]+(:\d+)?")
_DATE_RE = re.compile(r"\b(\d{4})-(\d{1,2})-(\d{1,2})\b")


class ConfigError(Exception):
    """Bad configuration; `problems` holds one self-contained line per problem."""

    def __init__(self, problems: Iterable[str]) -> None:
        self.problems = list(problems)
        super().__init__("\n".join(self.problems))


def _invalid(problem: str, expected: str) -> PydanticCustomError:
    return PydanticCustomError(
        "conductbot", "{problem}; expected {expected}", {"problem": problem, "expected": expected}
    )


def _show(value: Any) -> str:
    """Describe a YAML value the way the person who wrote it would recognise it."""
    if value is None:
        return "an empty value"
    if isinstance(value, bool):
        return f"{str(value).lower()} (a yes/no value)"
    if isinstance(value, int | float):
        return f"the number {value}"
    if isinstance(value, str):
        return repr(value)
    if isinstance(value, dt.date):
        return f"the date {value.isoformat()}"
    if isinstance(value, dict):
        return "a mapping"
    if isinstance(value, list | tuple):
        return "a list"
    return type(value).__name__


# --- field types -------------------------------------------------------------------------


def _time(value: Any) -> Any:
    if isinstance(value, dt.time):
        return value
    expected = 'a time in quotes between "00:00" and "23:59", such as "08:00"'
    if isinstance(value, int) and not isinstance(value, bool) and 0 <= value < 100 * 60:
        hours, minutes = divmod(value, 60)
        raise _invalid(
            f"got the number {value} (YAML reads an unquoted {hours}:{minutes:02d} as a number)",
            expected,
        )
    match = _TIME_RE.fullmatch(value) if isinstance(value, str) else None
    if not match or int(match[1]) > 23 or int(match[2]) > 59:
        raise _invalid(f"{_show(value)} is not a valid time", expected)
    return dt.time(int(match[1]), int(match[2]))


def _weekday(value: str) -> str:
    if value not in WEEKDAYS:
        raise _invalid(f"unknown weekday {value!r}", f"one of: {', '.join(WEEKDAYS)}")
    return value


def _slug(value: str) -> str:
    if not _SLUG_RE.fullmatch(value):
        raise _invalid(
            f"{value!r} is not a valid id",
            "lower-case letters, digits, '-' or '_', such as 'reid'",
        )
    return value


def _email(value: str) -> str:
    if not _EMAIL_RE.fullmatch(value):
        raise _invalid(
            f"{value!r} is not an email address", "an address such as office@school.example"
        )
    return value


def _url(value: str) -> str:
    if not re.fullmatch(r"https?://\S+", value):
        raise _invalid(f"{value!r} is not a web address", "an address starting with https://")
    return value


def _phone(value: str) -> str:
    """A UK number (or an international one with +) that a family can dial, kept as written."""
    try:
        number = phonenumbers.parse(value, "GB")
    except phonenumbers.NumberParseException:
        number = None
    if number is None or not phonenumbers.is_valid_number(number):
        raise _invalid(
            f"{value!r} is not a phone number", "a UK phone number such as 0121 496 0000"
        )
    return value


def _timezone(value: str) -> str:
    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise _invalid(
            f"unknown time zone {value!r}", "an IANA time zone name such as Europe/London"
        ) from None
    return value


def _matrix_user(value: str) -> str:
    if not _USER_RE.fullmatch(value):
        raise _invalid(
            f"{value!r} is not a Matrix user",
            "a user name such as s.reid, or a full id such as @s.reid:school.example",
        )
    return value


Text = Annotated[str, Field(min_length=1)]
Slug = Annotated[str, AfterValidator(_slug)]
Weekday = Annotated[str, AfterValidator(_weekday)]
ClockTime = Annotated[dt.time, BeforeValidator(_time)]
Count = Annotated[int, Field(strict=True, ge=0)]
Positive = Annotated[int, Field(strict=True, gt=0)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


# --- the schema --------------------------------------------------------------------------


class School(_Model):
    name: Text = Field(description="the school's name, such as Brookfield Primary School")
    timezone: Annotated[str, AfterValidator(_timezone)] = Field(
        description="an IANA time zone name such as Europe/London"
    )
    office_email: Annotated[str, AfterValidator(_email)] = Field(
        description="an email address such as office@school.example"
    )
    code_of_conduct_url: Annotated[str, AfterValidator(_url)] | None = Field(
        None, description="a web address starting with https://"
    )
    office_phone: Annotated[str, AfterValidator(_phone)] | None = Field(
        None, description="the office's phone number as families dial it, such as 0121 496 0000"
    )
    office_address: Text | None = Field(None, description="the school's postal address on one line")
    office_hours: OfficeHours | None = Field(
        None,
        description="a mapping with days, open and close, such as {days: [mon, tue, wed, "
        'thu, fri], open: "08:30", close: "16:30"}',
    )

    @property
    def tz(self) -> ZoneInfo:
        return ZoneInfo(self.timezone)


class WorkingHours(_Model):
    days: tuple[Weekday, ...] = Field(
        min_length=1, description="a list of weekday names such as [mon, tue, wed, thu, fri]"
    )
    open: ClockTime = Field(description='a time in quotes such as "08:00"')
    close: ClockTime = Field(description='a time in quotes such as "17:00"')

    @property
    def weekdays(self) -> frozenset[int]:
        """The working days as `date.weekday()` numbers (Monday is 0)."""
        return frozenset(WEEKDAYS.index(day) for day in self.days)


class OfficeHours(WorkingHours):
    """When the school office answers the phone (`!phone` tells families)."""

    def describe(self) -> str:
        """'Monday to Friday, 08:30 to 16:30'."""
        numbers = sorted({WEEKDAYS.index(day) for day in self.days})
        names = [DAY_NAMES[number] for number in numbers]
        if len(numbers) > 2 and numbers == list(range(numbers[0], numbers[-1] + 1)):
            days = f"{names[0]} to {names[-1]}"
        else:
            days = ", ".join(names[:-1]) + (" and " if len(names) > 1 else "") + names[-1]
        return f"{days}, {self.open:%H:%M} to {self.close:%H:%M}"


class BankHolidays(_Model):
    country: Text = Field(description="a country code such as GB")
    subdivision: Text | None = Field(
        None, description="a region code such as ENG (England), or leave it out"
    )

    def calendar(self, years: Iterable[int]) -> holidays.HolidayBase:
        return holidays.country_holidays(self.country, subdiv=self.subdivision, years=years)


class SchoolHoliday(_Model):
    name: Text = Field(description="a name such as Christmas holidays")
    start: dt.date = Field(description="a date such as 2026-12-21")
    end: dt.date = Field(description="a date such as 2027-01-01")


class Closure(_Model):
    date: dt.date = Field(description="a date such as 2027-01-04")
    reason: Text = Field(description="a reason such as INSET day")


class Hours(WorkingHours):
    bank_holidays: BankHolidays = Field(
        description="a mapping such as {country: GB, subdivision: ENG}"
    )
    school_holidays: tuple[SchoolHoliday, ...] = Field(
        (), description="a list of {name, start, end} date ranges"
    )
    closures: tuple[Closure, ...] = Field((), description="a list of {date, reason} entries")


class Policy(_Model):
    warnings_before_removal: Count = Field(1, description="a whole number, 0 or more")
    strike_expiry_days: Positive = Field(180, description="a whole number of days, 1 or more")
    parents_per_child: Positive = Field(2, description="a whole number, 1 or more")
    reply_window_hours: Positive = Field(24, description="a whole number of working hours")
    escalate_after_hours: Positive = Field(48, description="a whole number of working hours")
    values: tuple[Text, ...] = Field(
        min_length=1, description="a list of the school values, such as [Kindness, Respect]"
    )
    message_retention_days: Positive = Field(90, description="a whole number of days, 1 or more")
    portfolio_retention_days: Positive | None = Field(
        None,
        description="a whole number of days, 1 or more, or left out to keep portfolio work "
        "until the school deletes it",
    )
    golden_rule_minutes: Count = Field(
        5, description="a whole number of minutes, 0 or more (0 turns the pause off)"
    )
    hostile_reactions: tuple[Text, ...] = Field(
        ("👎", "😡", "🤬", "🙄", "🖕", "💩", "🤡", "😒", "🤮", "😠", "🐍"),
        description="a list of reaction emoji removed from class stories",
    )


class Safeguarding(_Model):
    """Who is told at once when a message shows a child or adult may be in danger."""

    leads: tuple[str, ...] = Field(
        min_length=1,
        description="a list of staff ids of the Designated Safeguarding Lead and deputies, "
        "such as [okafor]",
    )
    emergency: Text = Field(
        description="the text families are given at once: 999 first, then the school's "
        "out-of-hours contacts"
    )
    alert_out_of_hours: bool = Field(
        True,
        description="true (leads are alerted at any hour) or false (at the next opening)",
    )
    chase_minutes: Positive = Field(
        15, description="a whole number of minutes before SLT are alerted, 1 or more"
    )


class Encryption(_Model):
    private_rooms: bool = Field(
        True,
        description="true or false: encrypt home, conversation, welcome and escalation rooms",
    )
    story: bool = Field(
        False,
        description="true or false: encrypt class story rooms (the guard cannot then "
        "judge replies before delivery)",
    )


class Digest(_Model):
    """When families without Matrix get the week's digest by e-mail (`handlers/digest.py`)."""

    day: Weekday = Field("fri", description="a weekday such as fri")
    time: ClockTime = Field(
        default_factory=lambda: dt.time(16, 0), description='a time in quotes such as "16:00"'
    )


class Staff(_Model):
    id: Slug = Field(description="a short id such as 'reid'")
    name: Text = Field(description="the name parents see, such as Miss Reid")
    user: Annotated[str, AfterValidator(_matrix_user)] = Field(
        description="a Matrix user name such as s.reid, or a full id such as @s.reid:school.example"
    )
    role: Literal["teacher", "slt", "office"] = Field(description="one of: teacher, slt, office")
    hours: WorkingHours | None = Field(None, description="a mapping with days, open and close")

    def matrix_id(self, server_name: str) -> str:
        return self.user if self.user.startswith("@") else f"@{self.user}:{server_name}"

    @property
    def localpart(self) -> str:
        return self.user.removeprefix("@").split(":", 1)[0]


class SchoolClass(_Model):
    id: Slug = Field(description="a short id such as 'oak'")
    name: Text = Field(description="a name such as Oak Class")
    year: Text | None = Field(None, description="free text such as Year 2")
    teachers: tuple[str, ...] = Field(
        min_length=1, description="a list of staff ids such as [reid]"
    )


class Config(_Model):
    school: School
    hours: Hours
    policy: Policy
    safeguarding: Safeguarding
    encryption: Encryption = Field(
        default_factory=Encryption, description="a mapping with private_rooms and story"
    )
    digest: Digest = Field(default_factory=Digest, description="a mapping with day and time")
    staff: tuple[Staff, ...] = Field(min_length=1, description="a list of staff members")
    classes: tuple[SchoolClass, ...] = Field(min_length=1, description="a list of classes")

    @model_validator(mode="after")
    def _cross_check(self) -> Config:
        problems = list(_cross_problems(self))
        if problems:
            summary = "; ".join(f"{_key(p.loc)}: {p.problem}" for p in problems)
            raise PydanticCustomError(
                "conductbot_cross", "{summary}", {"summary": summary, "problems": problems}
            )
        return self

    def staff_by_id(self, staff_id: str) -> Staff | None:
        return next((s for s in self.staff if s.id == staff_id), None)

    def staff_by_user(self, user_id: str, server_name: str) -> Staff | None:
        return next((s for s in self.staff if s.matrix_id(server_name) == user_id), None)

    def class_by_id(self, class_id: str) -> SchoolClass | None:
        return next((c for c in self.classes if c.id == class_id), None)

    def teachers_of(self, class_id: str) -> list[Staff]:
        """The class's teachers, in the order configured; KeyError for an unknown class."""
        school_class = self.class_by_id(class_id)
        if school_class is None:
            raise KeyError(class_id)
        return [s for s in self.staff if s.id in school_class.teachers]

    def slt(self) -> list[Staff]:
        return [s for s in self.staff if s.role == "slt"]

    def school_story_staff(self) -> list[Staff]:
        """Who posts in the School Story: SLT and the office."""
        return [s for s in self.staff if s.role in ("slt", "office")]

    def safeguarding_leads(self) -> list[Staff]:
        """The DSL and deputies, in the order configured."""
        return [s for s in self.staff if s.id in self.safeguarding.leads]

    def classes_of(self, staff_id: str) -> list[SchoolClass]:
        """The classes a member of staff teaches; KeyError for an unknown staff id."""
        if self.staff_by_id(staff_id) is None:
            raise KeyError(staff_id)
        return [c for c in self.classes if staff_id in c.teachers]

    def hours_for(self, staff: Staff) -> WorkingHours:
        """A part-time teacher's own hours, otherwise the school's."""
        return staff.hours or self.hours


# --- checks across fields ----------------------------------------------------------------

Loc = tuple[str | int, ...]


class _Problem(NamedTuple):
    loc: Loc
    problem: str
    expected: str


def _cross_problems(config: Config) -> Iterator[_Problem]:
    yield from _hours_problems(("hours",), config.hours)
    if config.school.office_hours is not None:
        yield from _hours_problems(("school", "office_hours"), config.school.office_hours)
    for i, holiday in enumerate(config.hours.school_holidays):
        if holiday.end < holiday.start:
            yield _Problem(
                ("hours", "school_holidays", i, "end"),
                f"ends {holiday.end.isoformat()}, before it starts {holiday.start.isoformat()}",
                "an end date on or after the start date",
            )
    yield from _region_problems(config.hours.bank_holidays)
    policy = config.policy
    if policy.escalate_after_hours < policy.reply_window_hours:
        yield _Problem(
            ("policy", "escalate_after_hours"),
            f"{policy.escalate_after_hours} is shorter than reply_window_hours "
            f"({policy.reply_window_hours})",
            f"a number of hours of at least {policy.reply_window_hours}",
        )
    yield from _duplicates(("policy", "values"), list(policy.values), "value")
    for i, member in enumerate(config.staff):
        if member.hours:
            yield from _hours_problems(("staff", i, "hours"), member.hours)
    yield from _duplicates(("staff",), [s.id for s in config.staff], "staff id", "id")
    yield from _duplicates(("staff",), [s.localpart for s in config.staff], "Matrix user", "user")
    if not config.slt():
        yield _Problem(
            ("staff",), "no one has role slt", "at least one senior leader to receive escalations"
        )
    yield from _duplicates(("classes",), [c.id for c in config.classes], "class id", "id")
    staff_ids = list(dict.fromkeys(s.id for s in config.staff))
    for i, school_class in enumerate(config.classes):
        loc = ("classes", i, "teachers")
        for j, teacher in enumerate(school_class.teachers):
            member = config.staff_by_id(teacher)
            if member is None:
                yield _Problem(
                    (*loc, j), f"unknown staff id {teacher!r}", f"one of: {', '.join(staff_ids)}"
                )
            elif member.role == "office":
                yield _Problem(
                    (*loc, j),
                    f"{teacher!r} has role office, and office staff have no class",
                    "a member of staff with role teacher or slt",
                )
        yield from _duplicates(loc, list(school_class.teachers), "teacher")
    for j, lead in enumerate(config.safeguarding.leads):
        if lead not in staff_ids:
            yield _Problem(
                ("safeguarding", "leads", j),
                f"unknown staff id {lead!r}",
                f"one of: {', '.join(staff_ids)}",
            )
    yield from _duplicates(("safeguarding", "leads"), list(config.safeguarding.leads), "lead")


def _hours_problems(loc: Loc, hours: WorkingHours) -> Iterator[_Problem]:
    if hours.open >= hours.close:
        yield _Problem(
            (*loc, "close"),
            f'closing time "{hours.close:%H:%M}" is not after opening time "{hours.open:%H:%M}"',
            "a time later than open",
        )
    yield from _duplicates((*loc, "days"), list(hours.days), "weekday")


def _region_problems(bank: BankHolidays) -> Iterator[_Problem]:
    supported = holidays.list_supported_countries()
    loc: Loc = ("hours", "bank_holidays")
    if bank.country not in supported:
        yield _Problem(
            (*loc, "country"),
            f"unknown country {bank.country!r}",
            "a country code supported by the holidays package, such as GB",
        )
    elif bank.subdivision is not None and bank.subdivision not in supported[bank.country]:
        yield _Problem(
            (*loc, "subdivision"),
            f"unknown region {bank.subdivision!r} for {bank.country}",
            f"one of: {', '.join(supported[bank.country])}, or leave it out",
        )
    else:
        try:
            bank.calendar([2000])
        except NotImplementedError as error:
            yield _Problem(loc, f"not supported ({error})", "a supported country and region")


def _duplicates(
    loc: Loc, items: list[str], what: str, field: str | None = None
) -> Iterator[_Problem]:
    """Report each repeat (ignoring case); with `field`, the loc names that field of the entry."""
    first: dict[str, int] = {}
    for i, item in enumerate(items):
        if item.casefold() not in first:
            first[item.casefold()] = i
            continue
        yield _Problem(
            (*loc, i, field) if field else (*loc, i),
            f"duplicate {what} {item!r} (also at {_key((*loc, first[item.casefold()]))})",
            f"each {what} once",
        )


# --- turning pydantic's errors into our lines ---------------------------------------------

_GENERIC = {
    "string_type": "text",
    "string_too_short": "some text (it must not be empty)",
    "int_type": "a whole number",
    "int_parsing": "a whole number",
    "list_type": "a list",
    "tuple_type": "a list",
    "date_type": "a date such as 2026-12-21",
    "date_parsing": "a date such as 2026-12-21",
    "date_from_datetime_parsing": "a date such as 2026-12-21",
    "date_from_datetime_inexact": "a date such as 2026-12-21, without a time",
    "model_type": "a mapping of keys and values",
    "model_attributes_type": "a mapping of keys and values",
}


def _key(loc: Loc) -> str:
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else f".{part}" if text else str(part)
    return text or "top level"


def _model_of(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    return next(filter(None, map(_model_of, get_args(annotation))), None)


def _lookup(loc: Loc) -> tuple[type[BaseModel] | None, FieldInfo | None]:
    """The model found at `loc` (if any) and the field `loc` ends on (if any)."""
    model: type[BaseModel] | None = Config
    field: FieldInfo | None = None
    for part in loc:
        if isinstance(part, int):
            field = None
            continue
        if model is None or part not in model.model_fields:
            return None, None
        field = model.model_fields[part]
        model = _model_of(field.annotation)
    return model, field


def _keys_of(model: type[BaseModel]) -> str:
    return ", ".join(model.model_fields)


def _explain(error: ErrorDetails) -> list[_Problem]:
    """One pydantic error as our problems, with a human "expected" part."""
    kind, loc = error["type"], tuple(error["loc"])
    value, ctx = error.get("input"), error.get("ctx", {})
    if kind == "conductbot_cross":
        return list(ctx["problems"])
    if kind == "conductbot":
        return [_Problem(loc, ctx["problem"], ctx["expected"])]
    if kind == "extra_forbidden":
        parent, _ = _lookup(loc[:-1])
        allowed = list(parent.model_fields) if parent else []
        close = difflib.get_close_matches(str(loc[-1]), allowed, n=1)
        hint = f" (did you mean {close[0]!r}?)" if close else ""
        return [_Problem(loc, f"unknown key{hint}", f"one of: {', '.join(allowed)}")]
    model, field = _lookup(loc)
    if model is not None and kind in ("missing", "model_type", "model_attributes_type"):
        expected = f"a mapping with keys: {_keys_of(model)}"
    elif field is not None and field.description:
        expected = field.description
    elif kind in _GENERIC:
        expected = _GENERIC[kind]
    elif kind in ("greater_than_equal", "greater_than"):
        expected = f"a number of at least {ctx.get('ge', ctx.get('gt', 0) + 1)}"
    else:
        expected = "a value like the one in the example rooms.yaml"
    if kind == "missing":
        problem = "missing required key"
    elif kind in ("too_short", "string_too_short"):
        problem = "must not be empty"
    elif kind in ("greater_than_equal", "greater_than"):
        problem = f"{_show(value)} is too small"
    elif kind == "literal_error":
        problem = f"{_show(value)} is not allowed"
    elif kind.endswith(("_type", "_parsing")) or kind.startswith("date_"):
        problem = f"got {_show(value)}"
    else:
        problem = error["msg"]
    return [_Problem(loc, problem, expected)]


# --- loading -----------------------------------------------------------------------------


def _bad_date_line(name: str, text: str, error: ValueError) -> str:
    """PyYAML raises a bare ValueError for a date such as 2026-02-30; find it for the reader."""
    for number, line in enumerate(text.splitlines(), start=1):
        for match in _DATE_RE.finditer(line):
            try:
                dt.date(*map(int, match.groups()))
            except ValueError:
                return (
                    f"{name}: line {number}, column {match.start() + 1}: "
                    f"{match[0]} is not a real date ({error}); expected a date such as 2026-12-21"
                )
    return f"{name}: not valid YAML ({error})"


def load_config(path: Path | str) -> Config:
    """Read and check `rooms.yaml`; raise ConfigError listing every problem found."""
    name = str(path)
    try:
        text = Path(path).read_text(encoding="utf-8")
    except OSError as error:
        raise ConfigError([f"{name}: cannot read file: {error.strerror or error}"]) from None
    except UnicodeDecodeError as error:
        raise ConfigError([f"{name}: cannot read file: not UTF-8 text ({error.reason})"]) from None
    try:
        data = yaml.safe_load(text)
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        where = f"line {mark.line + 1}, column {mark.column + 1}: " if mark else ""
        reason = error.problem or error.context or "syntax error"
        raise ConfigError([f"{name}: {where}not valid YAML ({reason})"]) from None
    except yaml.YAMLError as error:
        raise ConfigError([f"{name}: not valid YAML ({error})"]) from None
    except ValueError as error:
        raise ConfigError([_bad_date_line(name, text, error)]) from None
    if not isinstance(data, dict):
        got = "the file is empty" if data is None else f"got {_show(data)}"
        raise ConfigError(
            [f"{name}: top level: {got}; expected a mapping with keys: {_keys_of(Config)}"]
        )
    try:
        return Config.model_validate(data)
    except ValidationError as error:
        problems = [p for e in error.errors() for p in _explain(e)]
        raise ConfigError(
            f"{name}: {_key(p.loc)}: {p.problem}; expected {p.expected}" for p in problems
        ) from None
