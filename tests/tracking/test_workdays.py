from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from tracking.models import WorkingDayAdjustment
from tracking.workdays import (
    WorkingCalendar,
    add_working_days,
    is_working_day,
    working_days_between,
)

DAY_OFF = WorkingDayAdjustment.Kind.DAY_OFF
WORKING_DAY = WorkingDayAdjustment.Kind.WORKING_DAY


@pytest.mark.django_db
def test_due_date_skips_tet_2027_and_the_weekend_after():
    # Tết Đinh Mùi: Thursday 4 to Wednesday 10 February 2027, then a weekend.
    accepted = date(2027, 2, 2)  # Tuesday
    assert add_working_days(accepted, 5) == date(2027, 2, 16)


@pytest.mark.django_db
def test_counting_starts_the_working_day_after_acceptance():
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 9)  # Friday -> Monday


@pytest.mark.django_db
def test_compensatory_day_for_a_holiday_on_sunday_is_off():
    # Giỗ Tổ Hùng Vương 2026 falls on Sunday 26 April: Monday 27 is off instead.
    assert not is_working_day(date(2026, 4, 27))
    assert add_working_days(date(2026, 4, 24), 1) == date(2026, 4, 28)


@pytest.mark.django_db
def test_saturday_worked_by_government_decision_counts():
    # 26/04/2025 was worked in exchange for the day off on 02/05/2025.
    assert is_working_day(date(2025, 4, 26))
    assert not is_working_day(date(2025, 5, 2))


@pytest.mark.django_db
def test_extra_day_off_pushes_the_due_date():
    WorkingDayAdjustment.objects.create(date=date(2026, 3, 4), kind=DAY_OFF)
    assert add_working_days(date(2026, 3, 2), 3) == date(2026, 3, 6)


@pytest.mark.django_db
def test_make_up_saturday_counts_as_a_working_day():
    WorkingDayAdjustment.objects.create(date=date(2026, 3, 7), kind=WORKING_DAY)
    assert add_working_days(date(2026, 3, 6), 1) == date(2026, 3, 7)


@pytest.mark.django_db
def test_working_days_between_counts_after_start_up_to_end():
    WorkingDayAdjustment.objects.create(date=date(2026, 3, 4), kind=DAY_OFF)
    assert working_days_between(date(2026, 3, 2), date(2026, 3, 9)) == 4
    assert working_days_between(date(2026, 3, 9), date(2026, 3, 2)) == -4


@pytest.mark.django_db
def test_adjustments_are_read_once_per_call(django_assert_num_queries):
    WorkingDayAdjustment.objects.create(date=date(2026, 3, 4), kind=DAY_OFF)
    with django_assert_num_queries(1):
        add_working_days(date(2026, 1, 1), 120)


def test_negative_days_are_refused():
    with pytest.raises(ValueError):
        WorkingCalendar().add_working_days(date(2026, 3, 2), -1)


days = st.dates(min_value=date(2020, 1, 1), max_value=date(2035, 12, 31))
# The first lookup in a year builds that year's holidays (cached after), so the
# time of one example says nothing: no deadline.
property_test = settings(deadline=None)
calendars = st.builds(
    lambda off, on: WorkingCalendar(days_off=off, working_days=on - off),
    st.sets(days, max_size=20),
    st.sets(days, max_size=20),
)


@property_test
@given(calendar=calendars, start=days, n=st.integers(min_value=0, max_value=200))
def test_due_date_is_always_a_working_day(calendar, start, n):
    assert calendar.is_working_day(calendar.add_working_days(start, n))


@property_test
@given(calendar=calendars, start=days, n=st.integers(min_value=0, max_value=200))
def test_due_date_grows_with_the_number_of_days(calendar, start, n):
    due = calendar.add_working_days(start, n)
    later = calendar.add_working_days(start, n + 1)
    assert later >= due >= start
    if n >= 1:
        assert later > due
        assert calendar.working_days_between(due, later) == 1


@property_test
@given(calendar=calendars, start=days, n=st.integers(min_value=1, max_value=200))
def test_working_days_between_inverts_add_working_days(calendar, start, n):
    due = calendar.add_working_days(start, n)
    assert calendar.working_days_between(start, due) == n


@pytest.mark.django_db
def test_admin_enters_adjustments_in_the_snippet_listing(admin_client):
    WorkingDayAdjustment.objects.create(date=date(2026, 3, 7), kind=WORKING_DAY, note="QĐ 01")
    response = admin_client.get("/admin/snippets/tracking/workingdayadjustment/")
    assert response.status_code == 200
    assert "QĐ 01" in response.content.decode()
