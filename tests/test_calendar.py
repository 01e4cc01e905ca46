"""The school calendar: quiet hours, the next opening, working time and parent-facing times.

Dates are checked against the shipped rooms.yaml (Europe/London, Mon-Fri 08:00-17:00,
England bank holidays, the 2026/27 school holidays and INSET days). England bank holidays
that matter here (from the `holidays` package): Mon 31 Aug 2026 (in term; the next day is
the 1 Sep INSET day), Fri 26 Mar 2027 Good Friday (in term, the Friday before the Easter
holidays start), Mon 29 Mar 2027 Easter Monday, Mon 3 May 2027 May Day (in term), Mon 31 May
2027 (first day of summer half term), Mon 30 Aug 2027 (summer holidays); Christmas 2026
and New Year 2027 fall in the Christmas holidays.
"""

from __future__ import annotations

import copy
from datetime import UTC, date, datetime, time, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import holidays
import pytest
import yaml
from hypothesis import given, settings
from hypothesis import strategies as st

from bot.calendar import SEARCH_DAYS, NoOpeningError, SchoolCalendar
from bot.config import Config, Staff, WorkingHours, load_config

ROOMS_YAML = Path(__file__).resolve().parent.parent / "rooms.yaml"
SHIPPED_DATA: dict[str, Any] = yaml.safe_load(ROOMS_YAML.read_text(encoding="utf-8"))
CONFIG = load_config(ROOMS_YAML)
CAL = SchoolCalendar(CONFIG)
LONDON = ZoneInfo("Europe/London")
BST = timedelta(hours=1)
GMT = timedelta(0)

PART_TIME = Staff(
    id="patel",
    name="Mrs Patel",
    user="r.patel",
    role="teacher",
    hours=WorkingHours(days=("mon", "tue", "wed"), open=time(8), close=time(13)),
)


def london(*args: int) -> datetime:
    return datetime(*args, tzinfo=LONDON)


def utc(*args: int) -> datetime:
    return datetime(*args, tzinfo=UTC)


def config_with(**hours: Any) -> Config:
    """The shipped configuration with some `hours` keys replaced."""
    data = copy.deepcopy(SHIPPED_DATA)
    data["hours"].update(hours)
    return Config.model_validate(data)


PLAIN_WEEKS = SchoolCalendar(config_with(school_holidays=[], closures=[]))


# --- next opening on the shipped rooms.yaml ----------------------------------------------


@pytest.mark.parametrize(
    ("sent", "opens"),
    [
        # Friday evening -> Monday morning.
        (london(2026, 11, 20, 17, 5), london(2026, 11, 23, 8)),
        (utc(2026, 11, 20, 17, 5), london(2026, 11, 23, 8)),
        # A Saturday and a Sunday -> Monday.
        (london(2026, 11, 21, 10), london(2026, 11, 23, 8)),
        (london(2026, 11, 22, 23, 59), london(2026, 11, 23, 8)),
        # 07:59 on a weekday -> 08:00 the same day; after closing -> 08:00 the next day.
        (london(2026, 11, 24, 7, 59), london(2026, 11, 24, 8)),
        (london(2026, 11, 24, 17), london(2026, 11, 25, 8)),
        (london(2026, 11, 24, 0, 0), london(2026, 11, 24, 8)),
        # May Day bank holiday, Mon 3 May 2027, in term -> Tuesday.
        (london(2027, 5, 3, 9), london(2027, 5, 4, 8)),
        (london(2027, 4, 30, 17, 30), london(2027, 5, 4, 8)),
        # Late Summer bank holiday, Mon 31 Aug 2026, then the 1 Sep INSET day -> Wednesday.
        (london(2026, 8, 31, 9), london(2026, 9, 2, 8)),
        # Autumn half term (26-30 Oct 2026) -> Monday 2 Nov.
        (london(2026, 10, 26, 9), london(2026, 11, 2, 8)),
        (london(2026, 10, 28, 12), london(2026, 11, 2, 8)),
        (london(2026, 10, 30, 16), london(2026, 11, 2, 8)),
        # Christmas holidays (21 Dec - 1 Jan) then the 4 Jan 2027 INSET day -> Tuesday 5 Jan.
        (london(2026, 12, 18, 17), london(2027, 1, 5, 8)),
        (london(2026, 12, 25, 12), london(2027, 1, 5, 8)),
        (london(2027, 1, 1, 9), london(2027, 1, 5, 8)),
        (london(2027, 1, 4, 9), london(2027, 1, 5, 8)),
        # Good Friday 26 Mar 2027 is in term but a bank holiday; then Easter (29 Mar - 9 Apr).
        (london(2027, 3, 25, 17, 30), london(2027, 4, 12, 8)),
        # Summer holidays 2027 (23 Jul - 31 Aug) -> Wednesday 1 Sep.
        (london(2027, 7, 22, 17), london(2027, 9, 1, 8)),
    ],
)
def test_next_opening(sent: datetime, opens: datetime) -> None:
    got = CAL.next_opening(sent)
    assert got == opens
    assert got.tzinfo == LONDON
    assert got.utcoffset() == opens.utcoffset()
    assert not CAL.is_open(sent)
    assert CAL.is_open(got)


def test_open_at_eight_exactly_and_closed_at_five_exactly() -> None:
    monday = date(2026, 11, 23)
    assert CAL.is_open(london(2026, 11, 23, 8))
    assert CAL.is_open(london(2026, 11, 23, 16, 59, 59, 999999))
    assert not CAL.is_open(london(2026, 11, 23, 17))
    assert not CAL.is_open(london(2026, 11, 23, 7, 59, 59, 999999))
    assert CAL.is_working_day(monday)
    now = london(2026, 11, 23, 8)
    assert CAL.next_opening(now) == now
    assert CAL.next_opening(london(2026, 11, 23, 12, 34, 56)) == london(2026, 11, 23, 12, 34, 56)


def test_an_open_instant_is_returned_as_itself_in_school_time() -> None:
    sent = utc(2026, 6, 1, 7, 30)  # 08:30 BST
    got = CAL.next_opening(sent)
    assert got == sent
    assert got.tzinfo == LONDON
    assert (got.hour, got.minute) == (8, 30)


def test_reasoning_is_in_local_time_not_utc() -> None:
    # In summer 08:00 London is 07:00 UTC; in winter it is 08:00 UTC.
    assert CAL.is_open(utc(2026, 6, 1, 7, 0))
    assert not CAL.is_open(utc(2026, 6, 1, 6, 59))
    assert not CAL.is_open(utc(2026, 6, 1, 16, 0))  # 17:00 BST
    assert not CAL.is_open(utc(2026, 11, 23, 7, 30))
    assert CAL.is_open(utc(2026, 11, 23, 8, 0))
    assert CAL.is_open(utc(2026, 11, 23, 16, 59))
    # 23:30 UTC on a Sunday in summer is already Monday 00:30 in London.
    assert CAL.next_opening(utc(2026, 5, 31, 23, 30)) == london(2026, 6, 1, 8)
    # A time in another zone is the same instant: 09:00 in New York is 14:00 in London.
    new_york = datetime(2026, 11, 23, 9, tzinfo=ZoneInfo("America/New_York"))
    assert CAL.is_open(new_york)
    assert not CAL.is_open(new_york + timedelta(hours=3))


@pytest.mark.parametrize(
    ("calendar", "sent", "opens", "offset"),
    [
        # Clocks go forward on Sunday 29 Mar 2026: Friday evening GMT -> Monday 08:00 BST.
        (CAL, london(2026, 3, 27, 17, 30), london(2026, 3, 30, 8), BST),
        (CAL, utc(2026, 3, 27, 17, 30), utc(2026, 3, 30, 7), BST),
        # Clocks go back on Sunday 25 Oct 2026: Friday evening BST -> Monday 08:00 GMT.
        (PLAIN_WEEKS, london(2026, 10, 23, 17, 30), utc(2026, 10, 26, 8), GMT),
        # ... but in rooms.yaml that Monday starts half term, so it is the Monday after.
        (CAL, london(2026, 10, 23, 17, 30), utc(2026, 11, 2, 8), GMT),
        # Clocks go forward on Sunday 28 Mar 2027, but Friday 26 is Good Friday and Monday 29
        # Easter Monday: Thursday evening GMT -> Tuesday 08:00 BST without school holidays,
        (PLAIN_WEEKS, london(2027, 3, 25, 17, 30), utc(2027, 3, 30, 7), BST),
        # ... and after the Easter holidays with them.
        (CAL, london(2027, 3, 25, 17, 30), utc(2027, 4, 12, 7), BST),
        # Friday 26 Mar 2027 (Good Friday) after hours is the same.
        (PLAIN_WEEKS, london(2027, 3, 26, 17, 30), utc(2027, 3, 30, 7), BST),
        # Clocks go back on Sunday 31 Oct 2027: Friday evening BST -> Monday 08:00 GMT.
        (CAL, london(2027, 10, 29, 17, 30), utc(2027, 11, 1, 8), GMT),
        (CAL, utc(2027, 10, 29, 16, 30), utc(2027, 11, 1, 8), GMT),
    ],
)
def test_clock_change_weekends(
    calendar: SchoolCalendar, sent: datetime, opens: datetime, offset: timedelta
) -> None:
    got = calendar.next_opening(sent)
    assert got == opens
    assert got.utcoffset() == offset
    assert (got.hour, got.minute) == (8, 0)
    assert sent.astimezone(LONDON).utcoffset() != offset


def test_bank_holidays_and_closures_in_the_shipped_year() -> None:
    assert CAL.closure_name(date(2026, 8, 31)) == "Late Summer Bank Holiday"
    assert CAL.closure_name(date(2026, 9, 1)) == "INSET day"
    assert CAL.closure_name(date(2027, 3, 26)) == "Good Friday"
    assert CAL.closure_name(date(2027, 5, 3)) == "May Day"
    assert CAL.closure_name(date(2026, 10, 27)) == "Autumn half term"
    assert CAL.closure_name(date(2026, 12, 25)) == "Christmas Day"  # bank holiday named first
    assert CAL.closure_name(date(2026, 12, 21)) == "Christmas holidays"
    assert CAL.closure_name(date(2027, 1, 1)) == "New Year's Day"
    assert CAL.closure_name(date(2027, 1, 4)) == "INSET day"
    assert CAL.closure_name(date(2027, 7, 23)) == "Summer holidays"  # first day, inclusive
    assert CAL.closure_name(date(2027, 8, 31)) == "Summer holidays"  # last day, inclusive
    assert CAL.closure_name(date(2026, 11, 21)) is None  # a Saturday is not a closure
    assert not CAL.is_working_day(date(2026, 11, 21))
    assert not CAL.is_working_day(date(2026, 12, 28))  # Boxing Day (observed)
    assert CAL.is_working_day(date(2027, 1, 5))
    assert CAL.is_working_day(date(2026, 10, 23))  # the Friday before half term
    assert CAL.is_working_day(date(2026, 11, 2))  # the Monday after


def test_is_working_day_wants_a_date() -> None:
    with pytest.raises(TypeError, match="expected a date"):
        CAL.is_working_day(london(2026, 11, 23, 9))


@pytest.mark.parametrize(
    "call",
    [
        lambda: CAL.is_open(datetime(2026, 11, 23, 9)),
        lambda: CAL.next_opening(datetime(2026, 11, 23, 9)),
        lambda: CAL.working_seconds_between(datetime(2026, 11, 23, 9), utc(2026, 11, 24)),
        lambda: CAL.working_seconds_between(utc(2026, 11, 23), datetime(2026, 11, 24, 9)),
        lambda: CAL.describe(datetime(2026, 11, 23, 9)),
        lambda: CAL.describe(utc(2026, 11, 23, 9), relative_to=datetime(2026, 1, 1)),
        lambda: CAL.add_working_time(datetime(2026, 11, 23, 9), timedelta(hours=1)),
    ],
)
def test_naive_times_are_refused(call: Any) -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        call()


def test_no_opening_at_all_is_an_error_not_a_hang() -> None:
    shut = SchoolCalendar(
        config_with(
            school_holidays=[{"name": "Closed", "start": "2026-01-01", "end": "2031-12-31"}]
        )
    )
    with pytest.raises(
        NoOpeningError, match=f"no opening for the school in the {SEARCH_DAYS} days"
    ):
        shut.next_opening(london(2026, 11, 20, 17, 5))
    with pytest.raises(NoOpeningError):
        shut.add_working_time(london(2026, 11, 20, 17, 5), timedelta(hours=24))
    assert shut.working_seconds_between(london(2026, 1, 1), london(2027, 1, 1)) == 0
    # An opening just inside the search window is still found.
    late = SchoolCalendar(
        config_with(school_holidays=[{"name": "Long", "start": "2026-01-01", "end": "2027-01-29"}])
    )
    assert late.next_opening(london(2026, 1, 1)) == london(2027, 2, 1, 8)


def test_another_time_zone_is_respected() -> None:
    data = copy.deepcopy(SHIPPED_DATA)
    data["school"]["timezone"] = "Australia/Sydney"
    data["hours"].update(bank_holidays={"country": "AU", "subdivision": "NSW"})
    sydney = SchoolCalendar(Config.model_validate(data))
    tz = ZoneInfo("Australia/Sydney")
    got = sydney.next_opening(datetime(2026, 11, 20, 17, 5, tzinfo=tz))
    assert got == datetime(2026, 11, 23, 8, tzinfo=tz)
    assert got.utcoffset() == timedelta(hours=11)  # summer time in Sydney
    assert got == utc(2026, 11, 22, 21)


# --- part-time staff ---------------------------------------------------------------------


def test_part_time_hours() -> None:
    # Mrs Patel works Mon-Wed 08:00-13:00.
    assert CAL.is_open(london(2026, 11, 18, 9), PART_TIME)  # Wednesday morning
    assert not CAL.is_open(london(2026, 11, 18, 13), PART_TIME)
    assert CAL.is_open(london(2026, 11, 18, 13))  # the school is still open
    assert not CAL.is_open(london(2026, 11, 19, 9), PART_TIME)  # Thursday
    assert CAL.next_opening(london(2026, 11, 18, 13), PART_TIME) == london(2026, 11, 23, 8)
    assert CAL.next_opening(london(2026, 11, 18, 12, 59), PART_TIME) == london(2026, 11, 18, 12, 59)
    assert CAL.is_working_day(date(2026, 11, 18), PART_TIME)
    assert not CAL.is_working_day(date(2026, 11, 19), PART_TIME)
    # Her hours still stop for bank holidays and school holidays.
    assert CAL.next_opening(london(2027, 5, 3, 9), PART_TIME) == london(2027, 5, 4, 8)
    assert CAL.next_opening(london(2026, 10, 21, 13), PART_TIME) == london(2026, 11, 2, 8)
    # Staff without their own hours keep the school's.
    reid = CONFIG.staff_by_id("reid")
    assert CAL.is_open(london(2026, 11, 19, 16), reid)
    assert CAL.next_opening(london(2026, 11, 20, 17, 5), reid) == london(2026, 11, 23, 8)


# --- working time ------------------------------------------------------------------------

HOUR = 3600.0


def test_working_seconds_across_a_weekend_count_only_weekday_hours() -> None:
    friday_4pm, monday_9am = london(2026, 11, 20, 16), london(2026, 11, 23, 9)
    assert CAL.working_seconds_between(friday_4pm, monday_9am) == 2 * HOUR
    assert CAL.working_seconds_between(monday_9am, friday_4pm) == 0
    assert CAL.working_seconds_between(friday_4pm, friday_4pm) == 0
    # A whole school week is 5 x 9 hours; Mrs Patel's is 3 x 5 hours.
    monday, next_monday = london(2026, 11, 23), london(2026, 11, 30)
    assert CAL.working_seconds_between(monday, next_monday) == 45 * HOUR
    assert CAL.working_seconds_between(monday, next_monday, PART_TIME) == 15 * HOUR
    # Across the spring clock change the hour lost is a Sunday night, not working time.
    assert CAL.working_seconds_between(london(2026, 3, 27, 16), london(2026, 3, 30, 9)) == 2 * HOUR
    # Half term counts for nothing.
    assert CAL.working_seconds_between(london(2026, 10, 23, 16), london(2026, 11, 2, 9)) == 2 * HOUR


def test_reply_window_deadlines() -> None:
    # 24 working hours from Friday 16:00 is 1 + 9 + 9 + 5 hours: Wednesday 13:00.
    sent = london(2026, 11, 20, 16)
    due = CAL.add_working_time(sent, timedelta(hours=24))
    assert due == london(2026, 11, 25, 13)
    assert due.tzinfo == LONDON
    assert CAL.working_seconds_between(sent, due) == 24 * HOUR
    # Out of hours the window starts at the next opening; a whole day ends at closing.
    assert CAL.add_working_time(london(2026, 11, 21, 10), timedelta(hours=9)) == london(
        2026, 11, 23, 17
    )
    assert CAL.add_working_time(sent, timedelta(0)) == sent
    # Mrs Patel: 24 of her hours from Wednesday 12:00 is 1 + (5 + 5 + 5) + (5 + 3) hours,
    # so 11:00 on the Tuesday of the week after next.
    assert CAL.add_working_time(london(2026, 11, 18, 12), timedelta(hours=24), PART_TIME) == (
        london(2026, 12, 1, 11)
    )
    with pytest.raises(ValueError, match="must not be negative"):
        CAL.add_working_time(sent, timedelta(hours=-1))


# --- describe ----------------------------------------------------------------------------


def test_describe() -> None:
    assert CAL.describe(london(2026, 11, 23, 8)) == "Monday 23 November, 08:00"
    assert CAL.describe(utc(2026, 6, 1, 7, 5)) == "Monday 1 June, 08:05"  # BST
    assert CAL.describe(utc(2026, 12, 1, 16, 30)) == "Tuesday 1 December, 16:30"  # GMT
    opens = london(2027, 1, 5, 8)
    sent = london(2026, 12, 18, 17)
    assert CAL.describe(opens, relative_to=sent) == "Tuesday 5 January 2027, 08:00"
    assert CAL.describe(opens, relative_to=london(2027, 1, 1)) == "Tuesday 5 January, 08:00"
    assert CAL.describe(opens) == "Tuesday 5 January, 08:00"
    # The year compared is the school's: 23:30 UTC on 31 Dec is still 2026 in London,
    # but 2027 in Sydney.
    assert CAL.describe(opens, relative_to=utc(2026, 12, 31, 23, 30)).endswith("2027, 08:00")
    sydney = datetime(2027, 1, 1, 10, 30, tzinfo=ZoneInfo("Australia/Sydney"))
    assert CAL.describe(opens, relative_to=sydney) == "Tuesday 5 January 2027, 08:00"


# --- properties --------------------------------------------------------------------------

BANK = holidays.country_holidays("GB", subdiv="ENG", years=range(2025, 2031))
CLOSURES = {c.date for c in CONFIG.hours.closures}
EDGES = [time(0), time(7, 59, 59), time(8), time(12, 59, 59), time(13), time(16, 59, 59)]
EDGES += [time(17), time(23, 59, 59, 999999)]


def oracle_working_day(d: date, hours: WorkingHours) -> bool:
    """Written from rooms.yaml directly, independently of bot.calendar."""
    in_holiday = any(h.start <= d <= h.end for h in CONFIG.hours.school_holidays)
    return d.weekday() in hours.weekdays and d not in BANK and d not in CLOSURES and not in_holiday


def oracle_open(t: datetime, hours: WorkingHours) -> bool:
    local = t.astimezone(LONDON)
    return oracle_working_day(local.date(), hours) and hours.open <= local.time() < hours.close


def hours_of(staff: Staff | None) -> WorkingHours:
    return CONFIG.hours_for(staff) if staff else CONFIG.hours


zones = st.sampled_from([UTC, LONDON])
anywhere = st.datetimes(
    min_value=datetime(2026, 1, 1),
    max_value=datetime(2028, 12, 31, 23, 59, 59),
    timezones=zones,
    allow_imaginary=False,
)
near_edges = st.builds(
    lambda d, t, tz: datetime.combine(d, t, tzinfo=tz),
    st.dates(date(2026, 1, 1), date(2028, 12, 31)),
    st.sampled_from(EDGES),
    zones,
)
instants = st.one_of(anywhere, near_edges)
people = st.sampled_from([None, PART_TIME])


@given(t=instants, staff=people)
def test_is_open_matches_the_rules(t: datetime, staff: Staff | None) -> None:
    assert CAL.is_open(t, staff) == oracle_open(t, hours_of(staff))


@settings(max_examples=300)
@given(t=instants, staff=people, data=st.data())
def test_next_opening_properties(t: datetime, staff: Staff | None, data: st.DataObject) -> None:
    hours = hours_of(staff)
    opens = CAL.next_opening(t, staff)
    assert opens.tzinfo == LONDON
    # Never in a closure, a weekend, a bank or school holiday, always within open hours.
    assert oracle_open(opens, hours)
    assert CAL.is_open(opens, staff)
    # Never earlier than t; t itself when open.
    assert opens >= t
    if oracle_open(t, hours):
        assert opens == t
    # Same answer whichever zone the instant was given in.
    assert CAL.next_opening(t.astimezone(UTC), staff) == opens
    assert CAL.next_opening(t.astimezone(LONDON), staff) == opens
    # No opening strictly between: no working day in between has hours overlapping [t, opens).
    day = t.astimezone(LONDON).date()
    while opens > t and day <= opens.astimezone(LONDON).date():
        if oracle_working_day(day, hours):
            start = datetime.combine(day, hours.open, tzinfo=LONDON)
            end = datetime.combine(day, hours.close, tzinfo=LONDON)
            assert end <= t or start >= opens
        day += timedelta(days=1)
    # ... and sampled points in between are all closed.
    gap = (opens - t).total_seconds()
    if gap > 0:
        for _ in range(3):
            fraction = data.draw(st.floats(0, 1, exclude_max=True))
            point = t + timedelta(seconds=gap * fraction)
            if point < opens:
                assert not CAL.is_open(point, staff)
    # Short gaps: every 15 minutes.
    if gap <= 3 * 24 * HOUR:
        point = t + timedelta(minutes=15)
        while point < opens:
            assert not CAL.is_open(point, staff)
            point += timedelta(minutes=15)


@given(a=instants, b=instants, c=instants, staff=people)
def test_working_seconds_properties(
    a: datetime, b: datetime, c: datetime, staff: Staff | None
) -> None:
    a, b, c = sorted([a, b, c])
    ab = CAL.working_seconds_between(a, b, staff)
    bc = CAL.working_seconds_between(b, c, staff)
    assert ab >= 0
    assert CAL.working_seconds_between(a, a, staff) == 0
    assert CAL.working_seconds_between(b, a, staff) == 0
    assert CAL.working_seconds_between(a, c, staff) == pytest.approx(ab + bc, abs=1e-6)
    # Working time can't exceed elapsed time, and none passes between t and its next opening.
    assert ab <= (b - a).total_seconds() + 1e-6
    assert CAL.working_seconds_between(a, CAL.next_opening(a, staff), staff) == 0


@given(
    t=instants,
    duration=st.timedeltas(timedelta(0), timedelta(hours=100)),
    staff=people,
)
def test_add_working_time_inverts_working_seconds(
    t: datetime, duration: timedelta, staff: Staff | None
) -> None:
    due = CAL.add_working_time(t, duration, staff)
    assert due >= t
    assert due.tzinfo == LONDON
    assert CAL.working_seconds_between(t, due, staff) == pytest.approx(
        duration.total_seconds(), abs=1e-6
    )
    if duration:
        # The deadline is in working time (or at its close), not in a quiet stretch.
        assert CAL.is_open(due - timedelta(microseconds=1), staff)


# --- terms ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("day", "start"),
    [
        (date(2026, 9, 1), date(2026, 9, 1)),  # none listed before: the school year's start
        (
            date(2026, 11, 28),
            date(2026, 9, 2),
        ),  # 1 September: INSET  # the autumn half term does not end a term
        (date(2026, 12, 24), date(2026, 9, 2)),  # the Christmas holidays belong to it
        (date(2027, 1, 4), date(2027, 1, 4)),  # not beyond the day asked
        (date(2027, 3, 1), date(2027, 1, 5)),  # spring half term behind it
        (date(2027, 4, 12), date(2027, 4, 12)),
        (date(2027, 7, 22), date(2027, 4, 12)),  # summer half term behind it
        (date(2027, 9, 6), date(2027, 9, 1)),  # after the summer holidays
    ],
)
def test_the_term_starts_after_the_last_long_holiday(day: date, start: date) -> None:
    assert CAL.term_start(day) == start


def test_a_summer_holiday_ending_in_august_starts_the_first_term() -> None:
    scottish = SchoolCalendar(
        config_with(
            school_holidays=[
                {"name": "Summer holidays", "start": "2026-06-26", "end": "2026-08-14"},
                {"name": "October week", "start": "2026-10-12", "end": "2026-10-16"},
            ]
        )
    )
    assert scottish.term_start(date(2026, 10, 1)) == date(2026, 8, 17)  # a Monday
    assert scottish.term_start(date(2026, 11, 2)) == date(2026, 8, 17)
    assert scottish.term_start(date(2026, 8, 20)) == date(2026, 8, 17)
    unlisted = SchoolCalendar(config_with(school_holidays=[], closures=[]))
    assert unlisted.term_start(date(2027, 2, 3)) == date(2026, 9, 1)
