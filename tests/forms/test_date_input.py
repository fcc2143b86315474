"""Dates are typed day/month/year whatever the browser's language (issue 12, item 6)."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from forms.dates import parse_day_month_year
from forms.models import Draft

from .conftest import Walker, field, make_definition, step

SLUG = "ngay-thang"


@pytest.fixture
def walker(client, db):
    make_definition(
        [
            step(
                "nguoi-khai",
                "Người khai",
                "Applicant",
                [
                    field("text", "ho_ten", "Họ và tên", "Full name"),
                    field("date", "ngay_sinh", "Ngày sinh", "Date of birth"),
                ],
            ),
            step("ghi-chu", "Ghi chú", "Notes", [field("text", "ghi_chu", "Ghi chú", "Notes")]),
        ],
        slug=SLUG,
    )
    return Walker(client, SLUG)


def answers():
    return Draft.objects.get().data["extra_data"]["answers"]["nguoi-khai"]


def test_the_date_is_a_text_input_in_the_vietnamese_order(walker):
    html = walker.client.get(walker.url("nguoi-khai")).content.decode()
    assert 'type="date"' not in html
    assert 'inputmode="numeric"' in html
    assert 'placeholder="dd/mm/yyyy"' in html
    assert "Nhập theo dạng ngày/tháng/năm, ví dụ 15/04/2003." in html
    assert 'aria-describedby="id_nguoi-khai-ngay_sinh_helptext"' in html


@pytest.mark.parametrize(
    "typed", ["15/04/2003", "15/4/2003", "15-04-2003", "15.04.2003", "2003-04-15"]
)
def test_a_date_typed_day_first_is_kept_as_that_day(walker, typed):
    response = walker.post("nguoi-khai", {"ho_ten": "Lê Văn Hải", "ngay_sinh": typed})
    assert response.status_code == 302
    assert answers()["ngay_sinh"] == "2003-04-15"


def test_a_kept_date_is_shown_again_day_first(walker):
    walker.post("nguoi-khai", {"ho_ten": "Lê Văn Hải", "ngay_sinh": "2003-04-15"})
    html = walker.client.get(walker.url("nguoi-khai")).content.decode()
    assert 'value="15/04/2003"' in html


@pytest.mark.parametrize(
    "typed",
    [
        "04/15/2003",  # the month first, as an English browser shows it
        "31/02/2003",
        "15/04/03",  # a two-digit year is not guessed
        "15042003x",
        "hôm qua",
    ],
)
def test_a_wrong_date_is_refused_in_vietnamese_and_nothing_typed_is_lost(walker, typed):
    response = walker.post("nguoi-khai", {"ho_ten": "Lê Văn Hải", "ngay_sinh": typed})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 15/04/2003." in html
    assert 'value="Lê Văn Hải"' in html
    assert f'value="{typed}"' in html


def test_the_error_is_in_english_on_the_english_form(walker, client):
    payload = {
        f"bieu-mau-{SLUG}-current_step": "nguoi-khai",
        "nguoi-khai-ho_ten": "Le Van Hai",
        "nguoi-khai-ngay_sinh": "04/15/2003",
    }
    html = client.post(f"/en{walker.url('nguoi-khai')}", payload).content.decode()
    assert "Invalid date. Enter it as day/month/year, for example 15/04/2003." in html


@given(st.dates(min_value=datetime.date(1800, 1, 1), max_value=datetime.date(2200, 12, 31)))
def test_any_date_written_day_month_year_reads_back_as_itself(day):
    assert parse_day_month_year(day.strftime("%d/%m/%Y")) == day
    assert parse_day_month_year(f"{day.day}/{day.month}/{day.year:04d}") == day
    assert parse_day_month_year(day.isoformat()) == day


@given(st.text(max_size=12))
def test_no_text_breaks_the_date_parser(text):
    result = parse_day_month_year(text)
    assert result is None or isinstance(result, datetime.date)
