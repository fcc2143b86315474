"""The applicant pays a level-4 fee in the sandbox gateway and gets the receipt."""

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect


def test_applicant_pays_the_fee_and_downloads_the_receipt(page):
    from payments.demo import DEMO_KEY
    from tracking.links import detail_token
    from tracking.models import Application

    application = Application.objects.get(idempotency_key=DEMO_KEY)
    page.goto(f"/ho-so/{detail_token(application)}/")
    expect(page.get_by_role("heading", name="Thanh toán phí, lệ phí")).to_be_visible()
    expect(page.get_by_text("100.000 đ").first).to_be_visible()
    page.get_by_role("button", name="Thanh toán trực tuyến").click()

    expect(page.get_by_role("heading", name="Cổng thanh toán thử nghiệm")).to_be_visible()
    page.get_by_role("button", name="Thanh toán", exact=True).click()

    expect(page.get_by_text("Thanh toán thành công")).to_be_visible()
    expect(page.get_by_text("Đã nộp, chờ tiếp nhận").first).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Biên lai thu phí, lệ phí điện tử").click()
    assert download.value.suggested_filename.startswith("bien-lai-")
    application.refresh_from_db()
    assert application.state == "submitted"
