"""The catalogue import carries the English fields a file has (`…_EN`, issue 12, item 2),
and the export writes the English that was translated."""

import pytest
from django.db import transaction
from django.utils import translation

from services import interchange
from services.models import Procedure
from services.operations import import_procedures
from services.selectors import procedure_records

from .factories import NEWSLETTER, POSTAL_LICENCE

pytestmark = pytest.mark.django_db

POSTAL = POSTAL_LICENCE["code"]


@pytest.fixture(scope="module", autouse=True)
def built_catalogue(starting_data, django_db_blocker):
    """The postal licence in Vietnamese only, the newsletter licence in both languages."""
    from .factories import build_catalogue, translate

    with django_db_blocker.unblock(), transaction.atomic(), translation.override("vi"):
        try:
            postal, newsletter = build_catalogue(POSTAL_LICENCE, NEWSLETTER)
            translate(newsletter, NEWSLETTER)
            yield
        finally:
            transaction.set_rollback(True)


def record(code):
    return next(r for r in procedure_records() if r["MaTTHC"] == code)


def english(code):
    return Procedure.objects.filter(code=code, locale__language_code="en").first()


def postal_in_english(**changes):
    data = record(POSTAL)
    data.update(
        TenTTHC_EN="Postal licence",
        DoiTuongThucHien_EN="Enterprises providing letter services within the province.",
        KetQuaThucHien_EN="Postal licence.",
    )
    data["TrinhTuThucHien"][0]["TenBuoc_EN"] = "Submit the dossier"
    data["ThanhPhanHoSo"][0]["TenGiayTo_EN"] = "Application for a postal licence"
    data["PhiLePhi"][0]["MoTa_EN"] = "Fee for appraising the conditions for postal activity"
    data.update(changes)
    return data


def test_a_record_with_english_fields_makes_the_english_page(client):
    result = import_procedures(rows=[(1, postal_in_english())])
    page = english(POSTAL)
    assert result.translated == [page]
    assert page.live and page.title == "Postal licence"
    assert page.slug == "postal-licence"
    assert page.applicants == "Enterprises providing letter services within the province."
    assert page.steps.first().title == "Submit the dossier"
    assert page.dossier_components.first().name == "Application for a postal licence"
    assert page.fee_rules.first().amount == POSTAL_LICENCE["fees"][0][2]
    html = client.get(page.url).content.decode()
    assert "<h1>Postal licence</h1>" in html


def test_what_the_file_gives_only_in_vietnamese_is_shown_marked(client):
    import_procedures(rows=[(1, postal_in_english())])
    page = english(POSTAL)
    assert page.requirements == POSTAL_LICENCE["requirements"]
    assert POSTAL_LICENCE["requirements"] in page.source_language_texts
    assert "Postal licence" not in page.source_language_texts
    html = client.get(page.url).content.decode()
    assert f'<span lang="vi">{POSTAL_LICENCE["requirements"]}</span>' in html


def test_a_record_without_english_leaves_the_english_page_alone():
    before = english(NEWSLETTER["code"]).latest_revision_id
    data = record(NEWSLETTER["code"])
    data = {key: value for key, value in data.items() if not key.endswith("_EN")}
    for key in interchange.ENGLISH_ITEM_TEXTS:
        data[key] = [{k: v for k, v in item.items() if not k.endswith("_EN")} for item in data[key]]
    result = import_procedures(rows=[(1, data)])
    assert result.translated == []
    assert english(NEWSLETTER["code"]).latest_revision_id == before


def test_an_english_translation_is_kept_while_the_vietnamese_it_translates_is_unchanged():
    page = english(NEWSLETTER["code"])
    page.applicants = "Organisations established in the province."
    page.save_revision().publish()
    data = record(NEWSLETTER["code"])
    del data["DoiTuongThucHien_EN"]  # the file does not say; the page's English stays
    data["KetQuaThucHien_EN"] = "The newsletter licence."
    import_procedures(rows=[(1, data)])
    page = english(NEWSLETTER["code"])
    assert page.applicants == "Organisations established in the province."
    assert page.result == "The newsletter licence."


def test_an_english_translation_of_a_changed_vietnamese_text_gives_way_to_it():
    page = english(NEWSLETTER["code"])
    page.applicants = "Organisations established in the province."
    page.save_revision().publish()
    data = record(NEWSLETTER["code"])
    del data["DoiTuongThucHien_EN"]
    data["DoiTuongThucHien"] = "Đối tượng mới theo quyết định công bố năm 2026."
    data["TenTTHC_EN"] = NEWSLETTER["title_en"]
    import_procedures(rows=[(1, data)])
    page = english(NEWSLETTER["code"])
    # A stale translation would pass for the new rule: the page shows the new Vietnamese.
    assert page.applicants == "Đối tượng mới theo quyết định công bố năm 2026."
    assert page.applicants in page.source_language_texts


def test_the_export_writes_only_the_english_that_was_translated():
    data = record(NEWSLETTER["code"])
    assert data["TenTTHC_EN"] == NEWSLETTER["title_en"]
    assert data["KetQuaThucHien_EN"] == NEWSLETTER["result_en"]
    assert "DoiTuongThucHien_EN" not in data  # still the Vietnamese on the English page
    assert all("TenBuoc_EN" not in step for step in data["TrinhTuThucHien"])
    assert not any(key.endswith("_EN") for key in record(POSTAL))


@pytest.mark.parametrize("fmt", ["json", "csv"])
def test_english_fields_survive_an_export_and_an_import(fmt):
    import_procedures(rows=[(1, postal_in_english())])
    exported = interchange.dumps(procedure_records(), fmt)
    page = english(POSTAL)
    page.title, page.applicants = "Changed", "Changed"
    page.save_revision().publish()

    import_procedures(rows=interchange.loads(exported, fmt))

    page = english(POSTAL)
    assert page.title == "Postal licence"
    assert page.applicants == "Enterprises providing letter services within the province."
    assert page.steps.first().title == "Submit the dossier"


def test_a_csv_export_has_the_english_columns_after_the_national_ones():
    import_procedures(rows=[(1, postal_in_english())])
    header = interchange.dumps(procedure_records(), "csv").decode("utf-8-sig").splitlines()[0]
    columns = header.split(",")
    assert columns[: len(interchange.FIELDS)] == interchange.FIELDS
    assert "TenTTHC_EN" in columns[len(interchange.FIELDS) :]


def test_an_english_field_too_long_is_refused_with_its_row_and_field():
    from services.operations import ProcedureImportRejected

    with pytest.raises(ProcedureImportRejected) as rejected:
        import_procedures(rows=[(4, postal_in_english(TenTTHC_EN="x" * 300))])
    assert "Dòng 4, trường TenTTHC_EN: dài quá 255 ký tự." in [
        str(error) for error in rejected.value.errors
    ]
