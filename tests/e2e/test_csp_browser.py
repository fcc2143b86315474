"""Chromium runs the site under its Content-Security-Policy without a violation."""

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect


@pytest.fixture
def problems(page):
    """Script errors and CSP violations the browser reports (not resources it cannot reach:
    the sandbox has no network for Gravatar)."""
    found = []
    page.on(
        "console",
        lambda m: (
            m.type == "error"
            and not m.text.startswith("Failed to load resource")
            and found.append(f"{page.url}: {m.text}")
        ),
    )
    page.on("pageerror", lambda error: found.append(f"{page.url}: {error}"))
    return found


def test_public_pages_and_their_scripts_run_under_the_policy(page, problems):
    page.goto("/")
    page.goto("/thu-tuc-hanh-chinh/dang-ky-hoat-dong-co-so-in/")
    page.goto("/bieu-mau/giay-phep-xuat-ban-ban-tin/")
    # The address picker fetches the wards of the chosen province.
    page.get_by_label("Tên cơ quan, tổ chức").fill("Sở Văn hóa và Thể thao")
    page.get_by_label("Tỉnh, thành phố", exact=True).select_option(label="Khánh Hòa")
    page.get_by_label("Xã, phường, đặc khu").select_option(label="Phường Nha Trang")
    page.get_by_label("Số nhà, đường, thôn, xóm").fill("1 Lê Lợi")
    page.get_by_label("Số điện thoại liên hệ").fill("0905 123 456")
    page.get_by_label("Thư điện tử").fill("vanhoa@example.vn")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()
    # A conditional field is shown by the wizard's script.
    expect(page.get_by_label("Số thẻ nhà báo")).to_be_hidden()
    page.get_by_role("group", name="Có thẻ nhà báo không?").get_by_label("Có").check()
    expect(page.get_by_label("Số thẻ nhà báo")).to_be_visible()
    page.goto("/tra-cuu-ho-so/")
    assert problems == []


def test_the_api_docs_render_under_the_policy(page, problems):
    page.goto("/api/v1/docs")
    expect(page.locator(".swagger-ui .info .title")).to_be_visible()
    expect(page.locator(".opblock").first).to_be_visible()
    assert problems == []


def test_the_wagtail_admin_runs_its_inline_scripts(page, problems):
    from services.models import Procedure

    procedure = Procedure.objects.get(slug="dang-ky-hoat-dong-co-so-in")
    page.goto("/admin/login/")
    page.fill("#id_username", "admin")
    page.fill("#id_password", "demo-admin-2026")
    page.locator("button[type=submit]").click()
    expect(page).to_have_title("Trang tổng quan - Quản trị cổng thông tin")
    page.goto("/admin/pages/")
    page.goto(f"/admin/pages/{procedure.pk}/edit/")
    page.wait_for_load_state("networkidle")
    # The editor's inline scripts (InlinePanel, date pickers) would be console errors if blocked.
    expect(page.locator("[id$='-FORMS']").first).to_be_attached()
    page.goto("/")  # the public page with the editor's userbar
    expect(page.locator("wagtail-userbar")).to_be_attached()
    assert problems == []
