"""Staff accept an application on the desk; the applicant follows it from the menu."""

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect

from tests.e2e.desk import accept_on_the_desk, sign_in_as_clerk  # noqa: E402


def test_clerk_accepts_and_the_applicant_sees_the_due_date(page):
    from tracking.models import Application

    waiting = Application.objects.get(idempotency_key="demo-1")

    sign_in_as_clerk(page)
    accept_on_the_desk(page, waiting)
    waiting.refresh_from_db()
    assert waiting.state == "accepted"

    page.goto("/")
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Tra cứu hồ sơ"
    ).click()
    page.get_by_label("Mã số hồ sơ").first.fill(waiting.dossier_code)
    page.get_by_role("button", name="Tra cứu").click()
    # The code alone tells only that the application exists; its digits show the rest.
    expect(page.get_by_text(f"Hồ sơ {waiting.dossier_code} có trong hệ thống")).to_be_visible()
    page.get_by_label("Số xác minh").fill(
        "".join(filter(str.isdigit, waiting.applicant_phone))[-4:]
    )
    page.get_by_role("button", name="Tra cứu").click()
    expect(page.get_by_text(waiting.due_date.strftime("%d/%m/%Y")).first).to_be_visible()
    expect(page.get_by_text("Đã tiếp nhận").first).to_be_visible()
    assert waiting.applicant_email not in page.content()
