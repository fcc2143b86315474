"""Dates typed as day/month/year, whatever the browser's language.

A browser's own date input shows its locale's order (04/15/2003 in an English
Chromium), so an applicant reading "15/04/2003" on a paper document types it
backwards. The date is therefore a text input in the Vietnamese order, with a
light mask in `forms/static/forms/wizard.js` that adds the slashes; the server
parses it and answers a wrong date with a message in the applicant's language,
keeping what was typed and every other answer of the step.
"""

import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Day and month of one or two digits, a four-digit year: 5/4/2003, 05-04-2003, 05.04.2003.
DAY_MONTH_YEAR = re.compile(r"^(\d{1,2})\s*[/.\-]\s*(\d{1,2})\s*[/.\-]\s*(\d{4})$")
# What a browser's date input or an old draft sent: 2003-04-05.
ISO_DATE = re.compile(r"^(\d{4})-(\d{2})-(\d{2})$")
DISPLAY_FORMAT = "%d/%m/%Y"
EARLIEST_YEAR, LATEST_YEAR = 1800, 2200

INVALID_MESSAGE = _("Ngày không hợp lệ. Nhập theo dạng ngày/tháng/năm, ví dụ 15/04/2003.")
FORMAT_HINT = _("Nhập theo dạng ngày/tháng/năm, ví dụ 15/04/2003.")


def parse_day_month_year(text):
    """The date written as day/month/year (or ISO 8601), or None if it is not a real date.

    A two-digit year is refused rather than guessed (Python would read "03" as
    the year 3)."""
    text = (text or "").strip()
    match = DAY_MONTH_YEAR.match(text)
    if match:
        day, month, year = (int(part) for part in match.groups())
    else:
        match = ISO_DATE.match(text)
        if not match:
            return None
        year, month, day = (int(part) for part in match.groups())
    if not EARLIEST_YEAR <= year <= LATEST_YEAR:
        return None
    try:
        return datetime.date(year, month, day)
    except ValueError:
        return None


def as_date(value):
    """A stored answer (ISO text) or a date as a date, or None."""
    if isinstance(value, datetime.date):
        return value
    return parse_day_month_year(value) if isinstance(value, str) else None


class DayMonthYearInput(forms.TextInput):
    """A text input showing dd/mm/yyyy, with a numeric keyboard on phones."""

    def __init__(self, attrs=None):
        super().__init__(
            attrs={
                "inputmode": "numeric",
                "placeholder": _("dd/mm/yyyy"),
                "maxlength": 10,
                "autocomplete": "off",
                "data-date-mask": "",
                **(attrs or {}),
            }
        )

    def format_value(self, value):
        date = as_date(value)
        if date is not None:
            return date.strftime(DISPLAY_FORMAT)
        # What the applicant typed, shown again as it was so that it can be corrected.
        return super().format_value(value)


class DayMonthYearField(forms.DateField):
    """A date typed as day/month/year; ISO dates are accepted too."""

    widget = DayMonthYearInput

    def __init__(self, **kwargs):
        kwargs.setdefault("error_messages", {})
        super().__init__(**kwargs)
        self.error_messages["invalid"] = INVALID_MESSAGE

    def to_python(self, value):
        if value in self.empty_values:
            return None
        if isinstance(value, datetime.datetime):
            return value.date()
        if isinstance(value, datetime.date):
            return value
        date = parse_day_month_year(str(value))
        if date is None:
            raise ValidationError(self.error_messages["invalid"], code="invalid")
        return date
