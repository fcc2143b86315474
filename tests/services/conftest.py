"""Helpers for the catalogue tests: read what a visitor sees and follows; the catalogue a
module's tests share."""

import io
import re
from html.parser import HTMLParser

import pytest
from django.db import transaction
from django.utils import translation


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


def downloads(html):
    """The official templates a procedure page offers: (href, text) of each "Tải mẫu" link."""
    return [(href, text) for href, text in links(html) if text.startswith("Tải mẫu")]


def file_text(response):
    """The text of a downloaded PDF or DOCX file."""
    from docx import Document as DocxDocument
    from pypdf import PdfReader

    data = b"".join(response.streaming_content) if response.streaming else response.content
    if data.startswith(b"%PDF"):
        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    return "\n".join(p.text for p in DocxDocument(io.BytesIO(data)).paragraphs)


def shared_catalogue(**options):
    """A module fixture: the procedures of `factories.CATALOGUE`, built once for the module's
    tests (`build_catalogue(**options)`), as Django's `setUpTestData` does: inside a
    transaction that each test's own nests in (a savepoint, rolled back after the test),
    itself rolled back after the module's last test. A module uses it as

        built_catalogue = shared_catalogue(templates=True)
    """

    @pytest.fixture(scope="module", autouse=True)
    def built_catalogue(starting_data, django_db_blocker):
        from .factories import build_catalogue

        # In the site's language whatever a previous request left active (titles are
        # made from translatable labels).
        with django_db_blocker.unblock(), transaction.atomic(), translation.override("vi"):
            try:
                yield build_catalogue(**options)
            finally:
                transaction.set_rollback(True)

    return built_catalogue


@pytest.fixture
def catalogue(db):
    from services.models import ProcedureIndexPage

    return ProcedureIndexPage.objects.get(locale__language_code="vi")
