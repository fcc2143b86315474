"""Amounts in words on the receipt."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from payments.words import vnd_in_words


@pytest.mark.parametrize(
    ("amount", "words"),
    [
        (0, "Không đồng"),
        (15, "Mười lăm đồng"),
        (21, "Hai mươi mốt đồng"),
        (24, "Hai mươi tư đồng"),
        (105, "Một trăm linh năm đồng"),
        (100_000, "Một trăm nghìn đồng"),
        (1_500_000, "Một triệu năm trăm nghìn đồng"),
        (1_000_005, "Một triệu không trăm linh năm đồng"),
        (1_005_000, "Một triệu không trăm linh năm nghìn đồng"),
        (2_000_000_000, "Hai tỷ đồng"),
        (1_000_000_000_000, "Một nghìn tỷ đồng"),
        (3_250_000_015, "Ba tỷ hai trăm năm mươi triệu không trăm mười lăm đồng"),
    ],
)
def test_amounts_read_as_on_receipts(amount, words):
    assert vnd_in_words(amount) == words


@given(st.integers(min_value=1, max_value=10**15))
def test_every_amount_reads_as_words_ending_in_dong(amount):
    words = vnd_in_words(amount)
    assert words.endswith(" đồng")
    assert not any(ch.isdigit() for ch in words)
    assert "  " not in words
    assert "mười mốt" not in words and "mười tư" not in words


def test_negative_amounts_are_refused():
    with pytest.raises(ValueError):
        vnd_in_words(-1)
