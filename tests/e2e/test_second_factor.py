"""A clerk turns on two-step verification in a real browser, as they would with a phone:
the QR code on the page is read by a barcode decoder and its address by an
independent RFC 6238 implementation; then signing in asks for the code."""

import io
import time

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect

from tests.e2e.desk import sign_in_as_clerk  # noqa: E402

WCAG = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}


def scanned_address(page) -> str:
    """What a phone's camera reads off the QR code shown."""
    import zxingcpp
    from PIL import Image

    picture = Image.open(io.BytesIO(page.locator("svg.segno").screenshot()))
    return [barcode.text for barcode in zxingcpp.read_barcodes(picture)][0]


def sign_in_with_password(page):
    from tracking.demo import DEMO_CLERK_PASSWORD, DEMO_CLERK_USERNAME

    page.goto("/admin/login/")
    page.get_by_label("Tên đăng nhập").fill(DEMO_CLERK_USERNAME)
    page.get_by_label("Mật khẩu").fill(DEMO_CLERK_PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()


def test_a_clerk_turns_it_on_and_is_asked_for_the_code_at_the_next_sign_in(page):
    import pyotp
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    sign_in_as_clerk(page)
    page.goto("/admin/account/")
    page.get_by_role("tab", name="Thao tác khác").click()
    page.get_by_role("link", name="Xác thực hai lớp").click()
    expect(page.get_by_role("heading", name="Xác thực hai lớp", level=1)).to_be_visible()
    results = axe.run(page, context={"include": [["main"]]}, options=WCAG)
    assert results.violations_count == 0, results.generate_report()

    app = pyotp.parse_uri(scanned_address(page))
    page.get_by_label("Mã xác thực").fill("000000" if app.now() != "000000" else "111111")
    page.get_by_role("button", name="Bật xác thực hai lớp").click()
    expect(page.get_by_text("Mã xác thực không đúng.")).to_be_visible()
    time.sleep(1.1)  # wrong codes are slowed down: the next one is taken after a second
    page.get_by_label("Mã xác thực").fill(app.now())
    page.get_by_role("button", name="Bật xác thực hai lớp").click()
    expect(page.get_by_text("Đã bật xác thực hai lớp.")).to_be_visible()
    expect(page.locator(".backup-codes li")).to_have_count(10)
    backup = page.locator(".backup-codes li").first.inner_text()

    page.context.clear_cookies()
    sign_in_with_password(page)
    expect(page.get_by_role("heading", name="Xác thực hai lớp")).to_be_visible()
    expect(page.get_by_role("heading")).to_have_count(1)  # the icons did not pull it in twice
    results = axe.run(page, options=WCAG)
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Mã xác thực").fill(backup)
    page.get_by_role("button", name="Xác nhận").click()
    expect(page.get_by_text("Bạn vừa dùng một mã dự phòng; còn 9 mã.")).to_be_visible()
    expect(page.get_by_role("button", name="Báo cáo")).to_be_visible()
