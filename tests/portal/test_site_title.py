"""The browser's title names the page, then the agency, never the agency twice
(issue 12, item 5)."""

import re

import pytest

from portal.templatetags.portal_tags import with_site_name
from tests.factories import AGENCY, english, home_page

pytestmark = pytest.mark.django_db


def title_of(client, url):
    html = client.get(url, follow=True).content.decode()
    return re.search(r"<title>(.*?)</title>", html, re.S).group(1)


def test_the_english_home_page_named_after_the_agency_names_it_once(client):
    english(home_page(), title=AGENCY["name_en"], slug="home")
    assert title_of(client, "/en/") == AGENCY["name_en"]


def test_another_page_is_named_before_the_agency(client):
    assert title_of(client, "/tra-cuu-ho-so/") == f"Tra cứu hồ sơ | {AGENCY['name']}"


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Giới thiệu", "Sở KH&CN", "Giới thiệu | Sở KH&amp;CN"),
        ("Sở KH&CN", "Sở KH&CN", "Sở KH&amp;CN"),
        ("  Khanh Hoa   Department ", "khanh hoa department", "Khanh Hoa Department"),
        ("", "Sở", "Sở"),
        ("Trang", "", "Trang"),
    ],
)
def test_the_title_filter(title, site, expected):
    from django.utils.html import conditional_escape

    assert with_site_name(conditional_escape(title), site) == expected
