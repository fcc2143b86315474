"""Working days ("ngày làm việc") for due dates of applications.

A day is a working day unless it is a Saturday or Sunday, or a Vietnamese
public holiday (Bộ luật Lao động 2019 Điều 112: Tết Dương lịch, Tết Âm lịch,
Giỗ Tổ Hùng Vương, 30/4, 1/5, Quốc khánh, with the compensatory days off
("nghỉ bù") when one falls on a weekend), as the maintained `holidays`
package knows them. That package also knows the Saturdays the Government
decided to work in exchange for a bridge day off (e.g. 26/04/2025 for
02/05/2025), which count as working days.

On top of that, the admin enters adjustments (`WorkingDayAdjustment`): an
extra day off, or a make-up working day. Adjustments win over everything else.

Time limits of administrative procedures count in working days from the day
after the application is accepted (Nghị định 61/2018/NĐ-CP, Thông tư
01/2018/TT-VPCP): `add_working_days(accepted_on, 5)` is the fifth working day
after `accepted_on`.
"""

from collections.abc import Iterable
from datetime import date, timedelta
from functools import cache

import holidays

SATURDAY = 5


@cache
def _public_calendar(year: int) -> tuple[frozenset[date], frozenset[date]]:
    """(public holidays, weekend days worked by Government decision) of one year."""
    vietnam = holidays.Vietnam(years=year)
    return frozenset(vietnam), frozenset(getattr(vietnam, "weekend_workdays", ()))


class WorkingCalendar:
    """Weekends, public holidays and a given set of adjustments.

    Build it once (`WorkingCalendar.from_database()` reads the adjustments in
    one query) and ask it about as many days as needed.
    """

    def __init__(self, *, days_off: Iterable[date] = (), working_days: Iterable[date] = ()):
        self.days_off = frozenset(days_off)
        self.working_days = frozenset(working_days)

    @classmethod
    def from_database(cls, *, since: date | None = None, until: date | None = None):
        """The calendar with the admin's adjustments between `since` and `until` (inclusive)."""
        from tracking.models import WorkingDayAdjustment

        adjustments = WorkingDayAdjustment.objects.all()
        if since is not None:
            adjustments = adjustments.filter(date__gte=since)
        if until is not None:
            adjustments = adjustments.filter(date__lte=until)
        days_off, working_days = set(), set()
        for day, kind in adjustments.values_list("date", "kind"):
            if kind == WorkingDayAdjustment.Kind.DAY_OFF:
                days_off.add(day)
            else:
                working_days.add(day)
        return cls(days_off=days_off, working_days=working_days)

    def is_working_day(self, day: date) -> bool:
        if day in self.working_days:
            return True
        if day in self.days_off:
            return False
        public_holidays, weekend_workdays = _public_calendar(day.year)
        if day in public_holidays:
            return False
        if day in weekend_workdays:
            return True
        return day.weekday() < SATURDAY

    def add_working_days(self, start: date, days: int) -> date:
        """The `days`-th working day after `start`, counting from the day after.

        Zero days (a procedure settled on the day it is received) gives `start`
        itself if it is a working day, else the next working day.
        """
        if days < 0:
            raise ValueError("days must not be negative")
        day = start
        if days == 0:
            while not self.is_working_day(day):
                day += timedelta(days=1)
            return day
        remaining = days
        while remaining:
            day += timedelta(days=1)
            if self.is_working_day(day):
                remaining -= 1
        return day

    def working_days_between(self, start: date, end: date) -> int:
        """Working days after `start` up to and including `end` (negative if `end` is earlier).

        The inverse of `add_working_days`: for n ≥ 1,
        `working_days_between(d, add_working_days(d, n)) == n`.
        """
        if end < start:
            return -self.working_days_between(end, start)
        return sum(
            self.is_working_day(start + timedelta(days=offset))
            for offset in range(1, (end - start).days + 1)
        )


def is_working_day(day: date, *, calendar: WorkingCalendar | None = None) -> bool:
    """Whether the agency works on `day` (weekends, public holidays, adjustments)."""
    calendar = calendar or WorkingCalendar.from_database(since=day, until=day)
    return calendar.is_working_day(day)


def add_working_days(start: date, days: int, *, calendar: WorkingCalendar | None = None) -> date:
    """Due date: the `days`-th working day after `start`.

    Counting starts on the working day after acceptance (Thông tư
    01/2018/TT-VPCP): accepted on Friday with 1 working day, due on Monday
    (or later if Monday is a day off). Reads the adjustments once per call;
    pass `calendar` to share one across many calls.
    """
    calendar = calendar or WorkingCalendar.from_database(since=start)
    return calendar.add_working_days(start, days)


def working_days_between(start: date, end: date, *, calendar: WorkingCalendar | None = None) -> int:
    """Working days after `start` up to and including `end` (negative when `end` comes first)."""
    calendar = calendar or WorkingCalendar.from_database(
        since=min(start, end), until=max(start, end)
    )
    return calendar.working_days_between(start, end)
