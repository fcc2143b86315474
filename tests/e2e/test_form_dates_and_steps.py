"""An applicant whose browser is in English types dates day first, and is told why the
number of steps changes (issue 12, items 4 and 6)."""

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect

from tests.e2e.applicant import fill_address_and_contact  # noqa: E402


@pytest.fixture
def english_browser(browser, live_server):
    """Chromium in the en-US locale, whose own date input shows mm/dd/yyyy."""
    context = browser.new_context(base_url=live_server.url, locale="en-US")
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


def test_dates_are_typed_day_first_and_an_added_step_is_explained(english_browser):
    from forms.models import Draft

    page = english_browser
    page.goto("/bieu-mau/dang-ky-co-so-in/")
    expect(page.get_by_text("Bước 1/5")).to_be_visible()
    page.get_by_label("Tên cơ sở in").fill("Cơ sở in Hải Âu")
    page.get_by_label("Hộ kinh doanh").check()
    page.get_by_label("Mã số thuế").fill("0100109106")
    fill_address_and_contact(page)
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    page.get_by_label("Họ và tên").fill("Lê Văn Hải")
    page.get_by_label("Số căn cước công dân").fill("056085001234")
    birth = page.get_by_label("Ngày sinh")
    assert birth.get_attribute("type") == "text"
    expect(page.get_by_text("Nhập theo dạng ngày/tháng/năm, ví dụ 15/04/2003.")).to_be_visible()
    # A date that does not exist: said in Vietnamese, and nothing typed is lost.
    birth.press_sequentially("31021985")
    expect(birth).to_have_value("31/02/1985")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()
    expect(page.get_by_role("alert")).to_contain_text("Ngày không hợp lệ")
    expect(page.get_by_label("Họ và tên")).to_have_value("Lê Văn Hải")
    expect(page.get_by_label("Ngày sinh")).to_have_value("31/02/1985")
    page.get_by_label("Ngày sinh").fill("")
    page.get_by_label("Ngày sinh").press_sequentially("15031985")
    expect(page.get_by_label("Ngày sinh")).to_have_value("15/03/1985")
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    page.get_by_label("Tên thiết bị (dòng 1)").fill("Máy in offset Heidelberg")
    page.get_by_label("Số lượng (dòng 1)").fill("2")
    page.get_by_role("group", name="Cơ sở có thực hiện chế bản không?").get_by_label("Có").check()
    page.get_by_role("button", name="Tiếp tục", exact=True).click()

    # The answer added the prepress step: the counter grew by one and says why.
    expect(page.get_by_role("heading", name="Chế bản", exact=True)).to_be_visible()
    expect(page.get_by_text("Bước 4/6")).to_be_visible()
    expect(
        page.get_by_text("Theo câu trả lời của bạn, hồ sơ có thêm bước “Chế bản”.")
    ).to_be_visible()
    expect(page.get_by_text("(thêm theo câu trả lời)")).to_be_visible()

    answers = Draft.objects.get().data["extra_data"]["answers"]
    assert answers["nguoi-dung-dau"]["ngay_sinh"] == "1985-03-15"
