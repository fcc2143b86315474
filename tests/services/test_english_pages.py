"""An English procedure page says which of its texts are still Vietnamese (issue 12, item 2).

The English versions the factories build translate only the title, the result and
the time-limit note (tests/services/factories.py, `translate`): the rest is the
Vietnamese copied from the Vietnamese page, which the page must mark, not mix in.
"""

import re

import pytest
from django.db import transaction
from django.utils import translation

from services.models import Procedure

from .conftest import main_content
from .factories import NEWSLETTER, POSTAL_LICENCE

pytestmark = pytest.mark.django_db

ENGLISH_URL = "/en/procedures/licence-to-publish-a-newsletter-local/"
VIETNAMESE_URL = "/thu-tuc-hanh-chinh/cap-giay-phep-xuat-ban-ban-tin/"
NOTICE = "Parts of this page have not been translated yet"
MARK = '<span class="untranslated-mark">In Vietnamese</span>'


@pytest.fixture(scope="module", autouse=True)
def built_catalogue(starting_data, django_db_blocker):
    from .factories import build_catalogue

    with django_db_blocker.unblock(), transaction.atomic(), translation.override("vi"):
        try:
            yield build_catalogue(NEWSLETTER, POSTAL_LICENCE, in_english=True)
        finally:
            transaction.set_rollback(True)


def english(code=NEWSLETTER["code"]):
    return Procedure.objects.get(code=code, locale__language_code="en")


def page(client, url=ENGLISH_URL):
    response = client.get(url)
    assert response.status_code == 200
    return main_content(response.content.decode())


def marked(text):
    """The HTML of a text shown in Vietnamese on an English page."""
    return f'{MARK} <span lang="vi">{text}</span>'


def test_an_english_page_says_that_some_of_it_is_shown_in_vietnamese(client):
    html = page(client)
    assert NOTICE in html
    assert marked(NEWSLETTER["applicants"]) in html
    assert marked(NEWSLETTER["requirements"]) in html
    assert marked("Giám đốc Sở Khoa học và Công nghệ tỉnh Khánh Hòa") in html


def test_the_translated_texts_are_not_marked(client):
    html = page(client)
    assert "<h1>Licence to publish a newsletter (local)</h1>" in html
    assert "<p>Licence to publish the newsletter.</p>" in html
    assert "from receipt of a complete, valid dossier" in html
    assert marked("from receipt") not in html


def test_each_untranslated_step_is_marked_once_and_in_vietnamese(client):
    html = page(client)
    steps = html.split('<ol class="procedure-steps">')[1].split("</ol>")[0]
    items = re.findall(r"<li>(.*?)</li>", steps, re.S)
    assert len(items) == 4
    for item in items:
        assert item.count(MARK) == 1
        assert item.count('lang="vi"') == 2  # the step's title and its description


def test_the_vietnamese_page_marks_nothing(client):
    html = page(client, VIETNAMESE_URL)
    assert "untranslated-mark" not in html
    assert 'lang="vi"' not in html


def test_a_text_the_editor_translates_is_no_longer_marked(client):
    procedure = english()
    procedure.applicants = "Organisations and legal entities established in the province."
    procedure.save_revision().publish()
    html = page(client)
    assert "<p>Organisations and legal entities established in the province.</p>" in html
    assert marked(NEWSLETTER["requirements"]) in html


def test_a_page_translated_entirely_has_no_notice(client):
    procedure = english()
    for name in ("applicants", "requirements", "methods_note", "deciding_agency", "legal_basis"):
        setattr(procedure, name, f"English {name}")
    steps = list(procedure.steps.all())
    for number, step in enumerate(steps):
        step.title, step.description = f"Step {number}", f"What happens at step {number}."
    components = list(procedure.dossier_components.all())
    for number, component in enumerate(components):
        component.name, component.note = f"Document {number}", ""
    fees = list(procedure.fee_rules.all())
    for rule in fees:
        rule.label = "Fee for the licence"
    procedure.steps, procedure.dossier_components, procedure.fee_rules = steps, components, fees
    procedure.save_revision().publish()

    html = page(client)
    assert NOTICE not in html
    # The legal documents cited are Vietnamese pages: their links say so.
    assert html.count(MARK) == len(NEWSLETTER["legal"])
    assert 'lang="vi" hreflang="vi">Luật 103/2016/QH13: Luật Báo chí</a>' in html


def test_a_text_left_in_vietnamese_stays_marked_when_the_vietnamese_page_changes(client):
    vietnamese = Procedure.objects.get(code=NEWSLETTER["code"], locale__language_code="vi")
    vietnamese.requirements = "Điều kiện mới, sửa sau khi bản tiếng Anh được tạo."
    vietnamese.save_revision().publish()
    procedure = english()
    procedure.save_revision().publish()  # an editor saves the English page, untouched
    assert marked(NEWSLETTER["requirements"]) in page(client)


def test_a_sector_without_an_english_name_is_marked(client):
    sector = english().sector
    sector.name_en = ""
    sector.save()
    assert f"<dd>{marked(sector.name)}</dd>" in page(client)


def test_the_english_page_costs_no_more_queries_than_the_vietnamese_one(
    client, uncached, django_assert_max_num_queries
):
    # As tests/services/test_procedure_page.py pins the Vietnamese page: what is still
    # Vietnamese is read with the page (Procedure.source_language_texts), not looked up.
    client.get(ENGLISH_URL)
    with django_assert_max_num_queries(8):
        client.get(ENGLISH_URL)


def test_the_migration_marks_the_translations_that_already_exist():
    import importlib

    from django.apps import apps

    migration = importlib.import_module("services.migrations.0007_procedure_source_language_texts")
    Procedure.objects.update(source_language_texts=[])
    migration.mark_untranslated_texts(apps, None)
    texts = english().source_language_texts
    assert NEWSLETTER["applicants"] in texts
    assert NEWSLETTER["title_en"] not in texts
    assert (
        Procedure.objects.get(
            code=NEWSLETTER["code"], locale__language_code="vi"
        ).source_language_texts
        == []
    )
