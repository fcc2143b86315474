"""An applicant fills the demo form of a printing establishment in the browser."""

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect

from tests.e2e.applicant import fill_address_and_contact  # noqa: E402

PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"


def test_an_applicant_registers_a_printing_establishment_online(page):
    from tracking.models import Application

    page.goto("/thu-tuc-hanh-chinh/dang-ky-hoat-dong-co-so-in/")
    page.get_by_role("link", name="Nộp hồ sơ trực tuyến").click()
    expect(page.get_by_text("Bước 1/")).to_be_visible()

    page.get_by_label("Tên cơ sở in").fill("Cơ sở in Hải Âu")
    page.get_by_label("Doanh nghiệp").check()
    page.get_by_role("button", name="Tiếp tục", exact=True).click()
    # The tax code is required for a company: the error is shown, the rest is kept.
    expect(page.get_by_role("alert")).to_contain_text("Mã số thuế")
    expect(page.get_by_label("Tên cơ sở in")).to_have_value("Cơ sở in Hải Âu")

    page.get_by_label("Mã số thuế").fill("0100109106")
    fill_address_and_contact(page)
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    page.get_by_label("Họ và tên").fill("Lê Văn Hải")
    page.get_by_label("Số căn cước công dân").fill("056085001234")
    page.get_by_label("Ngày sinh").fill("1985-03-15")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    page.get_by_label("Tên thiết bị (dòng 1)").fill("Máy in offset Heidelberg")
    page.get_by_label("Số lượng (dòng 1)").fill("2")
    expect(page.get_by_label("Tên thiết bị (dòng 2)")).to_be_hidden()
    page.get_by_role("button", name="Thêm dòng").click()
    page.get_by_label("Tên thiết bị (dòng 2)").fill("Máy xén giấy")
    page.get_by_label("Số lượng (dòng 2)").fill("1")
    page.get_by_role("group", name="Cơ sở có thực hiện chế bản không?").get_by_label(
        "Không"
    ).check()
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    # No prepress: the "Chế bản" step is skipped.
    expect(page.get_by_role("heading", name="Tài liệu đính kèm và cam kết")).to_be_visible()
    page.get_by_label("Bản sao giấy chứng nhận đăng ký").set_input_files(
        files=[{"name": "dang-ky.pdf", "mimeType": "application/pdf", "buffer": PDF}]
    )
    page.get_by_label("Chúng tôi cam kết chấp hành").check()
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    expect(page.get_by_text("Cơ sở in Hải Âu")).to_be_visible()
    expect(page.get_by_text("15 Lê Thánh Tôn, Phường Nha Trang, Khánh Hòa")).to_be_visible()
    expect(page.get_by_text("Tên thiết bị: Máy xén giấy")).to_be_visible()
    page.get_by_label("Tôi cam đoan").check()
    page.get_by_label("Tôi đã đọc Thông báo xử lý dữ liệu cá nhân").check()
    page.get_by_role("button", name="Nộp hồ sơ").click()

    application = Application.objects.get(form_version__definition__slug="dang-ky-co-so-in")
    expect(page.get_by_text(f"Mã số hồ sơ của bạn: {application.dossier_code}")).to_be_visible()
    assert application.applicant_name == "Lê Văn Hải"
    assert application.files.get().original_name == "dang-ky.pdf"
