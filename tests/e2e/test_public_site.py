"""A citizen's first visit, in a real browser: menu, Q&A form, accessibility, phone width."""

import pytest

expect = pytest.importorskip("playwright.sync_api").expect

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_citizen_finds_qa_from_the_home_page_and_asks_a_question(page):
    page.goto("/")
    page.get_by_role("navigation", name="Trình đơn chính").get_by_role(
        "link", name="Hỏi đáp"
    ).click()
    assert page.get_by_role("heading", level=1).inner_text().startswith("Hỏi đáp")

    page.get_by_label("Họ và tên").fill("Trần Văn Bình")
    page.get_by_label("Tiêu đề").fill("Thời hạn cấp giấy phép bưu chính")
    page.get_by_role("button", name="Gửi câu hỏi").click()
    # The server answers with errors in Vietnamese and keeps what was typed.
    expect(page.get_by_text("Vui lòng nhập thư điện tử để nhận câu trả lời.").first).to_be_visible()
    assert page.get_by_label("Họ và tên").input_value() == "Trần Văn Bình"
    assert page.get_by_label("Tiêu đề").input_value() == "Thời hạn cấp giấy phép bưu chính"

    page.get_by_label("Thư điện tử").fill("binh.tran@example.vn")
    page.get_by_label("Nội dung câu hỏi").fill(
        "Xin hỏi thời hạn giải quyết thủ tục cấp giấy phép bưu chính là bao nhiêu ngày?"
    )
    page.get_by_role("button", name="Gửi câu hỏi").click()
    expect(page.get_by_text("Câu hỏi của bạn đã được gửi.")).to_be_visible()

    from portal.models import Question

    assert Question.objects.filter(asker_name="Trần Văn Bình", is_published=False).exists()


def test_switching_to_english_keeps_the_reader_on_the_same_page(page):
    page.goto("/gioi-thieu/")
    page.get_by_role("link", name="English").click()
    page.wait_for_url("**/en/about/")
    assert page.locator("html").get_attribute("lang") == "en"


PAGES = [
    "/",
    "/gioi-thieu/",
    "/tin-tuc/",
    "/van-ban/",
    "/hoi-dap/",
    "/lien-he/",
    "/tim-kiem/?q=khoa+h%E1%BB%8Dc",
    "/tra-cuu-ho-so/?ma=000.01.12.H34-200101-0001",
    "/en/",
    "/thu-tuc-hanh-chinh/?q=cap+giay+phep",
    "/thu-tuc-hanh-chinh/cap-giay-phep-xuat-ban-ban-tin/",
    "/bieu-mau/giay-phep-xuat-ban-ban-tin/",
    "/tai-khoan/dang-nhap/",
    "/tai-khoan/dang-ky/",
    "/thong-ke-ho-so/",
]


def test_pages_meet_wcag_2_1_aa(page):
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()
    wcag = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}
    violations = []
    for path in PAGES:
        page.goto(path)
        results = axe.run(page, options=wcag)
        violations += [
            f"{path} {v['id']}: {v['help']} ({len(v['nodes'])} elements)"
            for v in results.response["violations"]
        ]
    # An online form step showing its errors (summary at the top, messages at the fields).
    page.goto("/bieu-mau/giay-phep-xuat-ban-ban-tin/")
    page.get_by_role("button", name="Tiếp tục", exact=True).first.click()
    page.wait_for_load_state()
    assert page.get_by_text("Vui lòng sửa các lỗi sau").is_visible()
    results = axe.run(page, options=wcag)
    violations += [
        f"form step with errors {v['id']}: {v['help']} ({len(v['nodes'])} elements)"
        for v in results.response["violations"]
    ]
    assert violations == []


def test_pages_fit_a_360_pixel_phone(phone):
    too_wide = []
    for path in [
        "/",
        "/gioi-thieu/",
        "/van-ban/",
        "/danh-ba/",
        "/hoi-dap/",
        "/tra-cuu-ho-so/",
        "/thu-tuc-hanh-chinh/",
        "/bieu-mau/giay-phep-xuat-ban-ban-tin/",
        "/tai-khoan/dang-ky/",
    ]:
        phone.goto(path)
        overflow = phone.evaluate(
            "document.documentElement.scrollWidth - document.documentElement.clientWidth"
        )
        if overflow > 0:
            too_wide.append(f"{path}: {overflow}px")
    assert too_wide == []
