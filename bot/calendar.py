"""The school calendar: when staff are working, and so when held messages are delivered.

Staff quiet hours: a parent's message sent outside working hours, at a weekend, on a bank
holiday, in a school holiday or on a closure day is held until the next opening. All
reasoning is in the school's local time (zoneinfo), so the clock-change weekends come out
right; comparisons and arithmetic are done in UTC, where they mean elapsed time. Pure: no
I/O and no wall clock, every instant is passed in and must carry its timezone.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from bot.config import Config, Staff, WorkingHours

SEARCH_DAYS = 400
"""How far ahead `next_opening` looks before deciding the configuration has no openings."""

SCHOOL_YEAR_MONTH = 9
"""The school year starts in September (England, Wales, Northern Ireland)."""
SUMMER_LOOKBACK = timedelta(days=62)
"""A summer holiday ending this long before 1 September (Scotland's, mid-August) still
starts the school year's first term."""

_DAY_NAMES = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTH_NAMES = (
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
)


class NoOpeningError(RuntimeError):
    """The configured hours, holidays and closures leave no opening within SEARCH_DAYS."""


def _aware(t: datetime, name: str = "t") -> datetime:
    if not isinstance(t, datetime) or t.tzinfo is None or t.utcoffset() is None:
        raise ValueError(
            f"{name} must be a timezone-aware datetime (got {t!r}); "
            "use e.g. datetime(..., tzinfo=UTC)"
        )
    return t.astimezone(UTC)


def _plain_date(d: date) -> date:
    if isinstance(d, datetime):
        raise TypeError(f"expected a date, got the datetime {d!r}; for an instant use is_open")
    return d


class SchoolCalendar:
    """Opening hours from `Config`: the school's, or a part-time member of staff's."""

    def __init__(self, config: Config) -> None:
        self._config = config
        self._tz = config.school.tz
        self._closures = {c.date: c.reason for c in config.hours.closures}
        self._bank: dict[int, dict[date, str]] = {}

    # --- days ----------------------------------------------------------------------------

    def closure_name(self, d: date) -> str | None:
        """Why the school is shut on `d` (bank holiday, school holiday or closure), else None.

        Weekends and days outside someone's hours are not closures and give None.
        """
        d = _plain_date(d)
        bank = self._bank_holidays(d.year).get(d)
        if bank is not None:
            return bank
        for holiday in self._config.hours.school_holidays:
            if holiday.start <= d <= holiday.end:
                return holiday.name
        return self._closures.get(d)

    def is_working_day(self, d: date, staff: Staff | None = None) -> bool:
        """`d` is one of the working weekdays and not a bank holiday, holiday or closure."""
        d = _plain_date(d)
        return d.weekday() in self._hours(staff).weekdays and self.closure_name(d) is None

    def term_start(self, d: date) -> date:
        """The first working day of the term `d` falls in: after the last long school holiday
        (over a week: a half term does not end a term) that ended before `d` this school
        year, or the summer holiday just before it; from 1 September (when the school year
        starts in England) when rooms.yaml lists none."""
        d = _plain_date(d)
        year = d.year if d.month >= SCHOOL_YEAR_MONTH else d.year - 1
        year_start = date(year, SCHOOL_YEAR_MONTH, 1)
        earliest = year_start - SUMMER_LOOKBACK
        ended = [
            h.end
            for h in self._config.hours.school_holidays
            if earliest <= h.end < d and (h.end - h.start).days >= 7
        ]
        start = max(ended) + timedelta(days=1) if ended else year_start
        while start < d and not self.is_working_day(start):
            start += timedelta(days=1)  # a term starts on its first working day
        return start

    # --- instants ------------------------------------------------------------------------

    def is_open(self, t: datetime, staff: Staff | None = None) -> bool:
        """Whether `t` falls within opening hours (open inclusive, close exclusive)."""
        utc = _aware(t)
        day = utc.astimezone(self._tz).date()
        if not self.is_working_day(day, staff):
            return False
        start, end = self._interval(day, self._hours(staff))
        return start <= utc < end

    def next_opening(self, t: datetime, staff: Staff | None = None) -> datetime:
        """`t` itself (in the school's timezone) when open, otherwise the next opening time.

        Raises NoOpeningError when nothing opens within SEARCH_DAYS days.
        """
        start, _ = self._next_interval(_aware(t), staff)
        return start.astimezone(self._tz)

    def working_seconds_between(
        self, a: datetime, b: datetime, staff: Staff | None = None
    ) -> float:
        """Seconds of opening hours between `a` and `b`; 0 when `b` is not after `a`."""
        start, end = _aware(a, "a"), _aware(b, "b")
        if end <= start:
            return 0.0
        hours = self._hours(staff)
        total = timedelta()
        day = start.astimezone(self._tz).date()
        last = end.astimezone(self._tz).date()
        while day <= last:
            if self.is_working_day(day, staff):
                opens, closes = self._interval(day, hours)
                overlap = min(closes, end) - max(opens, start)
                if overlap > timedelta():
                    total += overlap
            day += timedelta(days=1)
        return total.total_seconds()

    def add_working_time(
        self, t: datetime, duration: timedelta, staff: Staff | None = None
    ) -> datetime:
        """The instant when `duration` of opening hours has passed since `t`.

        For the reply window: `add_working_time(sent, timedelta(hours=24))` is when a message
        becomes overdue. The result is within opening hours or at a closing time, and
        `working_seconds_between(t, result)` equals `duration`.
        """
        utc = _aware(t)
        if duration < timedelta():
            raise ValueError(f"duration must not be negative (got {duration})")
        remaining = duration
        if not remaining:
            return utc.astimezone(self._tz)
        while True:
            opens, closes = self._next_interval(utc, staff)
            available = closes - opens
            if remaining <= available:
                return (opens + remaining).astimezone(self._tz)
            remaining -= available
            utc = closes

    # --- words ---------------------------------------------------------------------------

    def describe(self, t: datetime, relative_to: datetime | None = None) -> str:
        """A parent-friendly local time: "Monday 23 November, 08:00".

        The year is added ("Monday 4 January 2027, 08:00") only when it differs from the
        year of `relative_to` (in the school's timezone).
        """
        local = _aware(t).astimezone(self._tz)
        text = f"{_DAY_NAMES[local.weekday()]} {local.day} {_MONTH_NAMES[local.month - 1]}"
        if relative_to is not None:
            if _aware(relative_to, "relative_to").astimezone(self._tz).year != local.year:
                text += f" {local.year}"
        return f"{text}, {local:%H:%M}"

    # --- internals -----------------------------------------------------------------------

    def _hours(self, staff: Staff | None) -> WorkingHours:
        return self._config.hours_for(staff) if staff is not None else self._config.hours

    def _bank_holidays(self, year: int) -> dict[date, str]:
        if year not in self._bank:
            calendar = self._config.hours.bank_holidays.calendar([year])
            self._bank[year] = {d: str(name) for d, name in calendar.items()}
        return self._bank[year]

    def _interval(self, day: date, hours: WorkingHours) -> tuple[datetime, datetime]:
        """That day's opening and closing instants in UTC (local wall times resolved by
        zoneinfo; a time skipped by a clock change lands just after it)."""
        opens = datetime.combine(day, hours.open, tzinfo=self._tz).astimezone(UTC)
        closes = datetime.combine(day, hours.close, tzinfo=self._tz).astimezone(UTC)
        return opens, closes

    def _next_interval(self, utc: datetime, staff: Staff | None) -> tuple[datetime, datetime]:
        """The opening hours containing `utc` (starting at `utc`) or next after it, in UTC."""
        hours = self._hours(staff)
        first = utc.astimezone(self._tz).date()
        for offset in range(SEARCH_DAYS + 1):
            day = first + timedelta(days=offset)
            if not self.is_working_day(day, staff):
                continue
            opens, closes = self._interval(day, hours)
            if utc < closes and opens < closes:
                return max(opens, utc), closes
        who = f"{staff.name}'s hours" if staff is not None and staff.hours else "the school"
        raise NoOpeningError(
            f"no opening for {who} in the {SEARCH_DAYS} days after "
            f"{utc.astimezone(self._tz).isoformat()}; check hours.days, school_holidays and "
            "closures in rooms.yaml"
        )
