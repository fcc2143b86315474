"""The clerk's desk is Vietnamese and names the application it shows (issue 12, item 3)."""

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect

from tests.e2e.desk import sign_in_as_clerk as sign_in  # noqa: E402


def test_the_application_page_is_headed_by_its_dossier_code(page):
    from tracking.models import Application

    application = Application.objects.get(idempotency_key="demo-1")
    sign_in(page)
    page.goto("/admin/ho-so/")
    page.get_by_role("link", name=application.dossier_code).click()

    header = page.locator("header.w-slim-header")
    # The page's heading (for screen readers) and the last breadcrumb, which is what
    # the header shows, are the dossier code.
    expect(header.get_by_role("heading", level=1)).to_have_text(application.dossier_code)
    expect(header.get_by_role("link", name=application.dossier_code)).to_be_visible()
    header.get_by_role("button", name="Hiện, ẩn đường dẫn điều hướng").click()
    expect(header.get_by_role("link", name="Hồ sơ", exact=True)).to_be_visible()
    expect(header.get_by_text("Trang Chủ", exact=True)).to_have_count(0)
    assert page.title() == f"{application.dossier_code} - Quản trị cổng thông tin"

    # The menu and the help a clerk opens are Vietnamese too.
    sidebar = page.get_by_role("navigation", name="Trình đơn chính")
    for english in ("Reports", "Help"):
        expect(sidebar.get_by_role("button", name=english, exact=True)).to_have_count(0)
    sidebar.get_by_role("button", name="Trợ giúp").click()
    expect(page.get_by_role("link", name="Hướng dẫn biên tập")).to_be_visible()
    page.get_by_role("button", name="Phím tắt").click()
    dialog = page.get_by_role("dialog")
    expect(dialog.get_by_text("Phím tắt đang bật; có thể tắt trong trang")).to_be_visible()
    expect(dialog.get_by_text("Keyboard shortcuts")).to_have_count(0)
