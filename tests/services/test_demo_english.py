"""The demo's English procedures are in English (issue 12, item 2)."""

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from services.models import Procedure

from .conftest import main_content

pytestmark = [pytest.mark.demo, pytest.mark.django_db]

PRINTING = "1.003741.000.00.00.H34"


def en_procedures():
    return Procedure.objects.live().filter(locale__language_code="en")


def test_every_demo_english_procedure_has_all_its_texts_in_english():
    assert en_procedures().count() >= 12
    for procedure in en_procedures():
        assert procedure.source_language_texts == [], procedure.title


def test_the_english_printing_registration_page_reads_in_english(client):
    html = main_content(
        client.get("/en/procedures/registration-of-a-printing-establishment/").content.decode()
    )
    for text in [
        "Printing establishments doing only prepress",
        "Director of the Khanh Hoa Department of Science and Technology",
        "Submit at the Department&#x27;s reception and results desk",
        "Reception and check",
        "Registration form of a printing establishment (Form 05)",
        "Decree 60/2014/ND-CP on printing",
    ]:
        assert text in html
    assert "Cơ sở in" not in html
    # Only the Vietnamese legal documents it cites are marked as such.
    assert html.count('class="untranslated-mark"') == 2


def test_loading_the_demo_translates_what_an_old_english_page_left_in_vietnamese():
    english = en_procedures().get(code=PRINTING)
    vietnamese = Procedure.objects.get(code=PRINTING, locale__language_code="vi")
    english.applicants = vietnamese.applicants  # as the demo made it before it had English
    english.requirements = "An editor's own English."
    english.save_revision().publish()
    call_command("load_demo", verbosity=0)
    english = en_procedures().get(code=PRINTING)
    assert english.applicants.startswith("Printing establishments doing only prepress")
    assert english.requirements == "An editor's own English."


def test_loading_the_demo_again_makes_no_new_revision():
    call_command("load_demo", verbosity=0)
    count = Revision.objects.count()
    call_command("load_demo", verbosity=0)
    assert Revision.objects.count() == count
