"""Query parameters an attacker (or a stray link) makes up get a clear answer, never a 500."""

import html

import pytest
from django.utils import timezone

from portal.views import printable_query, search_terms
from tests.factories import StandardPageFactory
from tests.tracking.factories import ApplicationFactory

pytestmark = pytest.mark.django_db

TITLE = "Hướng dẫn nộp hồ sơ trực tuyến"


@pytest.fixture
def guide(db):
    return StandardPageFactory(title=TITLE, slug="huong-dan-nop-ho-so")


def results_line(page):
    """The status line of the search page, unescaped."""
    text = page.content.decode()
    start = text.index('<p role="status">') + len('<p role="status">')
    return html.unescape(text[start : text.index("</p>", start)])


# (raw query, what the page says back) – quotes are read as text, never as search syntax.
SEARCH_PROBES = [
    ('"', '0 kết quả cho “"”.'),
    ('a"b', '0 kết quả cho “a"b”.'),
    ("a\x00b", "0 kết quả cho “a b”."),
    ('""""', '0 kết quả cho “""""”.'),
    ('"hồ sơ', '1 kết quả cho “"hồ sơ”.'),
    ('hồ sơ"', '1 kết quả cho “hồ sơ"”.'),
    ('"nộp hồ sơ"', '1 kết quả cho “"nộp hồ sơ"”.'),
    ("hồ*sơ\x00", "1 kết quả cho “hồ*sơ”."),
    ("NEAR(hồ sơ)", "0 kết quả cho “NEAR(hồ sơ)”."),
    # Whether AND/OR/NOT count as words depends on the search backend's stop words.
    ("hồ AND OR NOT", "* kết quả cho “hồ AND OR NOT”."),
    ("title:hồ", "0 kết quả cho “title:hồ”."),
    ("'; DROP TABLE x; --", "0 kết quả cho “'; DROP TABLE x; --”."),
    ("a\\", "0 kết quả cho “a\\”."),
    ("100%", "0 kết quả cho “100%”."),
    ("trực\u200btuyến", "1 kết quả cho “trực tuyến”."),
]


@pytest.mark.parametrize(("query", "line"), SEARCH_PROBES, ids=[repr(q) for q, _ in SEARCH_PROBES])
def test_search_reads_any_query_as_words(client, guide, query, line):
    page = client.get("/tim-kiem/", {"q": query})
    assert page.status_code == 200
    if line.startswith("* "):
        count, rest = results_line(page).split(" ", 1)
        assert count.isdigit() and rest == line[2:]
    else:
        assert results_line(page) == line


@pytest.mark.parametrize(
    ("raw", "line"),
    [
        ("%22", '0 kết quả cho “"”.'),
        ("a%22b", '0 kết quả cho “a"b”.'),
        ("a%00b", "0 kết quả cho “a b”."),
        ("%22%00%22", '0 kết quả cho “" "”.'),
        ("%E1%BB", "0 kết quả cho “\ufffd”."),  # not UTF-8
    ],
)
def test_search_with_raw_url_encoding(client, guide, raw, line):
    page = client.get(f"/tim-kiem/?q={raw}")
    assert page.status_code == 200
    assert results_line(page) == line


def test_a_query_of_control_characters_only_is_an_empty_search(client, guide):
    page = client.get("/tim-kiem/?q=%00%01%7F")
    assert page.status_code == 200
    assert 'role="status"' not in page.text
    assert 'name="q" value=""' in page.text


def test_search_of_the_english_site_takes_quotes_too(client, guide):
    page = client.get("/en/tim-kiem/", {"q": 'a"b'})
    assert page.status_code == 200
    assert results_line(page) == '0 results for “a"b”.'


def test_quotes_do_not_hide_a_page_that_matches(client, guide):
    page = client.get("/tim-kiem/", {"q": '"trực tuyến"'})
    assert page.status_code == 200
    assert TITLE in page.text


def test_the_terms_sent_to_either_backend_hold_no_syntax_nor_nul():
    # SQLite's FTS5 reads `"` as the end of a string; PostgreSQL refuses NUL in any
    # text. The rest (', \, *, :, parentheses) either backend's escaping keeps as text.
    for raw in ['"', 'a"b', "a\x00b", "\x00\x01\x1f\x7f", "x" * 500 + '"']:
        terms = search_terms(printable_query(raw))
        assert '"' not in terms
        assert all(ord(char) >= 0x20 and char != "\x7f" for char in terms)
        assert len(terms) <= 200


YEAR_MESSAGE = "Năm thống kê phải là một số từ 2000 đến 2100."
BAD_YEARS = ["-1", "0", "1", "1999", "2101", "10000", "9" * 20, "9" * 5000, "abc", "2026.5", "1e3"]


@pytest.mark.parametrize("year", BAD_YEARS, ids=lambda y: y if len(y) < 25 else f"{len(y)}-digits")
def test_statistics_refuse_a_year_out_of_range(client, year):
    ApplicationFactory()
    page = client.get("/thong-ke-ho-so/", {"nam": year})
    assert page.status_code == 400
    text = page.content.decode()
    assert YEAR_MESSAGE in text
    # The current year's figures, with the year in the heading and the field.
    current = timezone.localdate().year
    assert f"Thống kê tình hình giải quyết hồ sơ {current}" in text
    assert f'name="nam" value="{current}"' in text
    assert "Cấp giấy phép xuất bản bản tin (địa phương)" in text


@pytest.mark.parametrize("year", ["2000", "2100", " 2024 "])
def test_statistics_take_a_year_in_range(client, year):
    page = client.get("/thong-ke-ho-so/", {"nam": year})
    assert page.status_code == 200
    text = page.content.decode()
    assert YEAR_MESSAGE not in text
    assert f"Thống kê tình hình giải quyết hồ sơ {year.strip()}" in text
    assert "Chưa có hồ sơ nào trong năm này." in text


@pytest.mark.parametrize("query", ["", "?nam="])
def test_statistics_without_a_year_show_this_year(client, query):
    page = client.get(f"/thong-ke-ho-so/{query}")
    assert page.status_code == 200
    assert YEAR_MESSAGE not in page.content.decode()


def test_statistics_of_the_english_site_refuse_a_bad_year(client):
    page = client.get("/en/thong-ke-ho-so/", {"nam": "-1"})
    assert page.status_code == 400
    assert "The year must be a number from 2000 to 2100." in page.content.decode()
