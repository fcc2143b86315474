"""Vietnamese by default, English available: interface strings and translated pages."""

import pytest

from tests.factories import english, home_page
from tests.portal.factories import (
    IntroductionPageFactory,
    QuestionIndexPageFactory,
    english_introduction,
    legal_documents,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def english_home(db):
    return english(
        home_page(), title="Khanh Hoa Department of Science and Technology", slug="trang-chu-en"
    )


def test_vietnamese_is_the_default(client):
    html = client.get("/").content.decode()
    assert '<html lang="vi">' in html
    assert "Bỏ qua, đến nội dung chính" in html


def test_the_english_home_page_speaks_english(client, english_home):
    response = client.get("/en/")
    html = response.content.decode()
    assert response.status_code == 200
    assert '<html lang="en">' in html
    assert "Skip to main content" in html
    assert "Khanh Hoa Department of Science and Technology" in html


def test_the_language_switch_leads_to_the_translated_page(client):
    english_introduction(IntroductionPageFactory())
    html = client.get("/gioi-thieu/").content.decode()
    assert 'href="/en/about/"' in html
    english = client.get("/en/about/").content.decode()
    assert "The Department of Science and Technology is a specialised agency" in english
    assert 'href="/gioi-thieu/"' in english


def test_a_page_without_translation_switches_to_the_english_home(client, english_home):
    legal_documents()
    html = client.get("/van-ban/").content.decode()
    assert 'href="/en/"' in html


def test_form_errors_are_in_english_on_the_english_site(client, english_home):
    from wagtail.models import Locale

    from portal.models import QuestionIndexPage

    QuestionIndexPageFactory()
    page = QuestionIndexPage.objects.get()
    page_en = page.copy_for_translation(Locale.objects.get(language_code="en"))
    page_en.save_revision().publish()
    response = client.post(page_en.url, {"asker_name": ""})
    html = response.content.decode()
    assert response.status_code == 400
    assert "Enter your full name." in html
    assert "Vui lòng" not in html
