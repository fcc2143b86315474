"""Blank forms (level 2): PDF and DOCX with every step's labels, cached per version."""

import io

import pytest
from docx import Document
from pypdf import PdfReader

from forms import blank
from forms.models import FormDefinition
from forms.schema import all_input_fields, text
from services.models import Procedure

from .factories import PRINTING_REGISTRATION, PRINTING_SLUG

# The printing registration procedure (level 3) and its five-step form, conditional step included.
pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("printing")]

SLUG = PRINTING_SLUG


def version():
    return FormDefinition.objects.get(slug=SLUG).live_version


def squash(value):
    return " ".join(value.split())


def labels(schema):
    return [text(f["label"], "vi") for f in all_input_fields(schema)]


def test_the_pdf_has_every_step_and_label_with_diacritics(client):
    response = client.get(f"/bieu-mau/{SLUG}/mau-trong.pdf")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    content = b"".join(response.streaming_content)
    extracted = squash(
        " ".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)
    )
    schema = version().schema
    for step in schema["steps"]:
        assert squash(text(step["title"], "vi")) in extracted
    for label in labels(schema):
        assert squash(label) in extracted, label
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in extracted


def test_the_docx_has_every_step_and_label(client):
    response = client.get(f"/bieu-mau/{SLUG}/mau-trong.docx")
    assert response.status_code == 200
    document = Document(io.BytesIO(b"".join(response.streaming_content)))
    extracted = "\n".join(p.text for p in document.paragraphs)
    extracted += "\n".join(c.text for t in document.tables for row in t.rows for c in row.cells)
    for label in labels(version().schema):
        assert label in extracted, label


def test_blank_forms_are_built_once_per_version(monkeypatch):
    current = version()
    blank.cached_blank_form(current, "pdf")
    monkeypatch.setattr(blank, "build_pdf", lambda schema, language: pytest.fail("built twice"))
    blank.cached_blank_form(current, "pdf")


def test_the_procedure_page_offers_the_generated_blank_forms_and_the_online_form(client, site):
    procedure = Procedure.objects.live().get(code=PRINTING_REGISTRATION, locale__language_code="vi")
    html = client.get(procedure.url).content.decode()
    assert f'href="/bieu-mau/{SLUG}/mau-trong.pdf"' in html
    assert f'href="/bieu-mau/{SLUG}/mau-trong.docx"' in html
    assert f'href="/bieu-mau/{SLUG}/"' in html


def test_a_closed_form_is_not_offered_online_but_its_blank_form_stays(site):
    FormDefinition.objects.filter(slug=SLUG).update(in_maintenance=True)
    procedure = Procedure.objects.live().get(code=PRINTING_REGISTRATION, locale__language_code="vi")
    assert procedure.online_application_url() is None
    assert [d.format for d in procedure.blank_form_downloads()] == ["pdf", "docx"]


def test_the_english_site_gives_the_english_blank_form(client):
    response = client.get(f"/en/bieu-mau/{SLUG}/mau-trong.pdf")
    content = b"".join(response.streaming_content)
    extracted = squash(" ".join(p.extract_text() for p in PdfReader(io.BytesIO(content)).pages))
    assert "REGISTRATION OF A PRINTING ESTABLISHMENT" in extracted
    assert "Printing equipment" in extracted
