"""The demo catalogue: real-looking procedures at every level, in two languages."""

import re

import pytest
from django.core.management import call_command

from services.demo import ONLINE_FORM_SLUGS, PROCEDURES
from services.models import Procedure

from .conftest import downloads, file_text, main_content

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

NATIONAL_CODE = re.compile(r"^1\.\d{6}\.000\.00\.00\.H34$")


def vi_procedures():
    return Procedure.objects.live().filter(locale__language_code="vi")


def test_the_demo_has_at_least_twelve_procedures_with_national_codes():
    codes = list(vi_procedures().values_list("code", flat=True))
    assert len(codes) >= 12
    assert all(NATIONAL_CODE.match(code) for code in codes), codes


def test_the_demo_covers_every_service_level():
    assert set(vi_procedures().values_list("service_level", flat=True)) == {1, 2, 3, 4}


def test_the_demo_covers_the_sectors_of_the_former_department_of_information():
    sectors = set(vi_procedures().values_list("sector__name", flat=True))
    assert {
        "Báo chí",
        "Xuất bản, In và Phát hành",
        "Bưu chính",
        "Viễn thông và Internet",
        "Công nghệ thông tin",
        "Khoa học và Công nghệ",
    } <= sectors


def test_every_demo_procedure_has_a_dossier_and_a_time_limit():
    for procedure in vi_procedures():
        assert procedure.dossier_components.exists(), procedure.title
        assert procedure.processing_days > 0


def test_every_demo_procedure_has_an_english_version():
    from wagtail.models import Locale

    en = Locale.objects.get(language_code="en")
    for procedure in vi_procedures():
        english = procedure.get_translation_or_none(en)
        assert english is not None and english.live, procedure.title
        assert english.title != procedure.title


def test_loading_the_demo_again_keeps_an_editors_change_to_a_procedure():
    procedure = vi_procedures().get(code="1.005442.000.00.00.H34")
    procedure.processing_days = 15
    procedure.save_revision().publish()
    call_command("load_demo", verbosity=0)
    assert vi_procedures().get(code="1.005442.000.00.00.H34").processing_days == 15


def test_loading_the_demo_again_adds_no_second_translation():
    english_count = Procedure.objects.filter(locale__language_code="en").count()
    call_command("load_demo", verbosity=0)
    call_command("load_demo", verbosity=0)
    assert Procedure.objects.filter(locale__language_code="en").count() == english_count


def test_the_demo_offers_the_online_procedures_the_form_engine_expects():
    codes = set(vi_procedures().filter(service_level__gte=3).values_list("code", flat=True))
    assert codes == set(ONLINE_FORM_SLUGS)
    assert set(ONLINE_FORM_SLUGS.values()) == {
        "giay-phep-xuat-ban-ban-tin",
        "dang-ky-co-so-in",
        "giay-phep-trang-thong-tin-dien-tu",
    }


def test_every_official_template_of_the_demo_opens_and_holds_its_labels(client, site):
    checked = 0
    for data in PROCEDURES:
        procedure = Procedure.objects.get(code=data["code"], locale__language_code="vi")
        if procedure.service_level < 2:
            continue
        response = client.get(procedure.url)
        assert response.status_code == 200
        page_downloads = downloads(main_content(response.content.decode()))
        templates = [c for c in data["components"] if "template" in c]
        assert len(page_downloads) == len(templates), procedure.title
        for (href, _text), component in zip(page_downloads, templates, strict=True):
            content = file_text(client.get(href))
            for label in component["template"][1]:
                assert label in content, (procedure.title, label)
            checked += 1
    assert checked >= 8
