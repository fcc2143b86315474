"""What browser tests do on the clerk's desk: sign in as the demo clerk, accept an
application."""

import pytest

expect = pytest.importorskip("playwright.sync_api").expect


def sign_in_as_clerk(page):
    from tracking.demo import DEMO_CLERK_PASSWORD, DEMO_CLERK_USERNAME

    page.goto("/admin/login/")
    expect(page.get_by_role("heading", name="Đăng nhập trang quản trị")).to_be_visible()
    page.get_by_label("Tên đăng nhập").fill(DEMO_CLERK_USERNAME)
    page.get_by_label("Mật khẩu").fill(DEMO_CLERK_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    expect(page.get_by_role("button", name="Báo cáo")).to_be_visible()


def accept_on_the_desk(page, application):
    """From the queue: open the application and accept it."""
    page.goto("/admin/ho-so/")
    page.get_by_role("link", name=application.dossier_code).click()
    page.locator("summary", has_text="Tiếp nhận").click()
    page.get_by_role("button", name="Tiếp nhận").click()
    expect(
        page.get_by_text(f"Đã thực hiện “Tiếp nhận” với hồ sơ {application.dossier_code}")
    ).to_be_visible()
