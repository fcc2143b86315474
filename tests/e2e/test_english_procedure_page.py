"""A visitor reads a procedure in English (issue 12, items 2 and 5)."""

import re

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect

AGENCY_EN = "Khanh Hoa Department of Science and Technology"
TITLE_EN = "Registration of a printing establishment"


def test_a_visitor_reads_a_procedure_in_english_and_sees_what_is_still_vietnamese(page):
    from services.models import Procedure

    page.goto("/thu-tuc-hanh-chinh/dang-ky-hoat-dong-co-so-in/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/procedures/registration-of-a-printing-establishment/")
    assert page.title() == f"{TITLE_EN} | {AGENCY_EN}"
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE_EN)
    for text in [
        "Printing establishments doing only prepress, printing and post-press work",
        "Director of the Khanh Hoa Department of Science and Technology",
        "Reception and check",
        "Registration form of a printing establishment (Form 05)",
        "Decree 60/2014/ND-CP on printing",
    ]:
        expect(page.get_by_text(text).first).to_be_visible()
    expect(page.get_by_text("Parts of this page have not been translated yet")).to_have_count(0)
    # The legal documents it cites are Vietnamese pages: their links say so.
    law = page.get_by_role("link", name=re.compile("Luật Xuất bản"))
    assert law.get_attribute("lang") == "vi"

    # An editor puts a field back to its Vietnamese: the page marks it instead of mixing.
    english = Procedure.objects.get(code="1.003741.000.00.00.H34", locale__language_code="en")
    vietnamese = Procedure.objects.get(code=english.code, locale__language_code="vi")
    english.applicants = vietnamese.applicants
    english.save_revision().publish()
    page.reload()
    expect(page.get_by_text("Parts of this page have not been translated yet")).to_be_visible()
    shown = page.locator('[lang="vi"]', has_text=vietnamese.applicants)
    expect(shown).to_be_visible()
    expect(
        page.locator("p", has=shown).locator(".untranslated-mark", has_text="In Vietnamese")
    ).to_be_visible()
    # The marks keep the page accessible (contrast, valid lang attributes).
    from axe_playwright_python.sync_playwright import Axe

    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    assert Axe().run(page, options=wcag).response["violations"] == []

    page.goto("/en/")
    assert page.title() == AGENCY_EN
