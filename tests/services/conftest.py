"""Helpers for the catalogue tests: read what a visitor sees and follows."""

import re
from html.parser import HTMLParser

import pytest


class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.links, self._href, self._text = [], None, []

    def handle_starttag(self, tag, attrs):
        if tag == "a":
            self._href, self._text = dict(attrs).get("href"), []

    def handle_data(self, data):
        if self._href is not None:
            self._text.append(data)

    def handle_endtag(self, tag):
        if tag == "a" and self._href is not None:
            self.links.append((self._href, " ".join("".join(self._text).split())))
            self._href = None


def links(html):
    """(href, visible text) of every link of a page, in order."""
    parser = _Links()
    parser.feed(html)
    return parser.links


def result_titles(html):
    """The procedure names listed in a catalogue page's result table."""
    table = html.split('<table class="procedures', 1)
    if len(table) == 1:
        return []
    body = table[1].split("</table>")[0]
    return [text for href, text in links(body)]


def main_content(html):
    return re.split(r"<main[^>]*>", html, maxsplit=1)[1].split("</main>")[0]


@pytest.fixture
def catalogue(db):
    from services.models import ProcedureIndexPage

    return ProcedureIndexPage.objects.get(locale__language_code="vi")
