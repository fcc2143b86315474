"""Vietnamese identifiers: phone numbers, CCCD and tax codes."""

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from forms.validators import MST_WEIGHTS, clean_cccd, clean_phone, clean_tax_code


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("0912345678", "0912345678"),
        ("091 234 5678", "0912345678"),
        ("+84 912 345 678", "0912345678"),
        ("0258 3822 123", "02583822123"),
    ],
)
def test_phone_numbers_in_common_writings_are_accepted(raw, clean):
    assert clean_phone(raw) == clean


@pytest.mark.parametrize("raw", ["12345", "0112345678", "09123456789", "abc"])
def test_a_wrong_phone_number_is_refused_in_vietnamese(raw):
    with pytest.raises(ValidationError) as error:
        clean_phone(raw)
    assert "Số điện thoại không hợp lệ" in error.value.messages[0]


def test_a_cccd_with_province_century_and_year_is_accepted():
    assert clean_cccd("056 190 001 234") == "056190001234"
    assert clean_cccd("079203001234") == "079203001234"


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("05619000123", "phải gồm đúng 12 chữ số"),
        ("003190001234", "mã tỉnh"),
        ("056490001234", "Chữ số thứ tư"),
        ("056399001234", "Chữ số thứ tư"),
    ],
)
def test_a_wrong_cccd_says_what_is_wrong(raw, message):
    with pytest.raises(ValidationError) as error:
        clean_cccd(raw)
    assert message in error.value.messages[0]


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("0100109106", "0100109106"),
        ("0100109106-001", "0100109106-001"),
        ("0100109106001", "0100109106-001"),
    ],
)
def test_tax_codes_with_a_right_check_digit_are_accepted(raw, clean):
    assert clean_tax_code(raw) == clean


def test_a_tax_code_with_a_wrong_check_digit_is_refused():
    with pytest.raises(ValidationError) as error:
        clean_tax_code("0100109107")
    assert "sai chữ số kiểm tra" in error.value.messages[0]


@pytest.mark.parametrize("raw", ["12345", "01001091061", "0100109106-00", "abcdefghij"])
def test_a_tax_code_of_the_wrong_length_is_refused(raw):
    with pytest.raises(ValidationError) as error:
        clean_tax_code(raw)
    assert "10 chữ số" in error.value.messages[0]


@given(st.lists(st.integers(0, 9), min_size=9, max_size=9))
def test_exactly_one_check_digit_makes_a_tax_code_valid(digits):
    head = "".join(map(str, digits))
    valid = []
    for last in range(10):
        try:
            clean_tax_code(head + str(last))
        except ValidationError:
            continue
        valid.append(last)
    remainder = sum(d * w for d, w in zip(digits, MST_WEIGHTS, strict=True)) % 11
    assert valid == ([] if remainder == 0 else [10 - remainder])
