"""A procedure page: everything a citizen needs to read, download and apply."""

import pytest

from services.models import Procedure

from .conftest import downloads, file_text, links, main_content, shared_catalogue
from .factories import CATALOGUE

pytestmark = pytest.mark.django_db

built_catalogue = shared_catalogue(templates=True, in_english=True)

NEWSLETTER = "/thu-tuc-hanh-chinh/cap-giay-phep-xuat-ban-ban-tin/"


def page_html(client, url=NEWSLETTER):
    response = client.get(url)
    assert response.status_code == 200
    return main_content(response.content.decode())


@pytest.mark.parametrize(
    "label",
    [
        "Mã thủ tục",
        "1.004227.000.00.00.H34",
        "Lĩnh vực",
        "Báo chí",
        "Cấp thực hiện",
        "Cấp Tỉnh",
        "Mức độ 4 (toàn trình)",
        "Phòng Báo chí, Xuất bản (mã định danh 000.03.12.H34)",
        "Giám đốc Sở Khoa học và Công nghệ tỉnh Khánh Hòa",
        "10 ngày làm việc kể từ ngày nhận đủ hồ sơ hợp lệ",
        "Đối tượng thực hiện",
        "Cách thức thực hiện",
        "Trực tuyến",
        "Trình tự thực hiện",
        "Tiếp nhận, kiểm tra hồ sơ",
        "Thành phần hồ sơ",
        "Tờ khai đề nghị cấp giấy phép xuất bản bản tin (Mẫu số 13)",
        "Phí, lệ phí",
        "100.000 đồng",
        "Yêu cầu, điều kiện thực hiện",
        "Kết quả thực hiện",
        "Giấy phép xuất bản bản tin.",
        "Căn cứ pháp lý",
        "Thông tư số 41/2020/TT-BTTTT",
    ],
)
def test_the_procedure_page_shows_every_required_item(client, site, label):
    assert label in page_html(client)


def test_the_legal_basis_links_to_the_legal_document_page(client, site):
    hrefs = dict(links(page_html(client)))
    assert hrefs["/van-ban/103-2016-qh13/"] == "Luật 103/2016/QH13: Luật Báo chí"


def test_the_dossier_table_stacks_on_a_phone(client, site):
    html = page_html(client)
    assert '<table class="stack dossier">' in html
    assert 'data-label="Tên giấy tờ"' in html


def test_a_docx_template_downloads_with_its_field_labels(client, site):
    (href, text), *_ = downloads(page_html(client))
    assert text.startswith("Tải mẫu (DOCX)")
    response = client.get(href)
    assert response.status_code == 200
    content = file_text(response)
    assert "TỜ KHAI ĐỀ NGHỊ CẤP GIẤY PHÉP XUẤT BẢN BẢN TIN" in content
    for label in ["Tên cơ quan, tổ chức đề nghị", "Tên bản tin", "Kỳ hạn xuất bản"]:
        assert label in content


def test_a_pdf_template_downloads_with_its_field_labels(client, site):
    url = "/thu-tuc-hanh-chinh/xac-nhan-thong-bao-hoat-dong-buu-chinh/"
    (href, text), *_ = downloads(page_html(client, url))
    assert text.startswith("Tải mẫu (PDF)")
    content = file_text(client.get(href))
    for label in ["Tên cơ quan, tổ chức đề nghị", "Mã số doanh nghiệp", "Dịch vụ bưu chính"]:
        assert label in content


def test_every_official_template_opens_and_holds_its_labels(client, site):
    checked = 0
    for data in CATALOGUE:
        procedure = Procedure.objects.get(code=data["code"], locale__language_code="vi")
        if procedure.service_level < 2:
            continue
        page_downloads = downloads(page_html(client, procedure.url))
        templates = [c for c in data["components"] if c["template"]]
        assert len(page_downloads) == len(templates), procedure.title
        for (href, _text), component in zip(page_downloads, templates, strict=True):
            content = file_text(client.get(href))
            for label in component["template"][1]:
                assert label in content, (procedure.title, label)
            checked += 1
    assert checked >= 8


def test_a_level_1_procedure_offers_no_download(client, site):
    html = page_html(client, "/thu-tuc-hanh-chinh/sua-doi-bo-sung-giay-phep-buu-chinh/")
    assert downloads(html) == []
    assert "Mức độ 1 (thông tin)" in html


def test_no_submit_button_while_the_procedure_has_no_online_form(client, site, uncached):
    assert "Nộp hồ sơ trực tuyến" in page_html(client)
    Procedure.objects.update(online_form=None)
    assert "Nộp hồ sơ trực tuyến" not in page_html(client)


def test_the_submit_button_leads_to_the_online_application(client, site, monkeypatch):
    monkeypatch.setattr(Procedure, "online_application_url", lambda self: "/nop-ho-so/ban-tin/")
    hrefs = dict(links(page_html(client)))
    assert hrefs["/nop-ho-so/ban-tin/"] == "Nộp hồ sơ trực tuyến"


def test_generated_blank_forms_are_offered_when_the_form_engine_provides_them(
    client, site, monkeypatch
):
    from types import SimpleNamespace

    blank = SimpleNamespace(
        label="Tờ khai (biểu mẫu trực tuyến)", url="/mau/to-khai.pdf", format="pdf"
    )
    monkeypatch.setattr(Procedure, "blank_form_downloads", lambda self: [blank])
    hrefs = dict(links(page_html(client)))
    assert hrefs["/mau/to-khai.pdf"] == "Tờ khai (biểu mẫu trực tuyến) (PDF)"


def test_the_procedure_page_stays_within_its_query_budget(
    client, site, uncached, django_assert_max_num_queries
):
    client.get(NEWSLETTER)
    # The page found by its URL path with its sector and unit (two), its breadcrumbs,
    # then steps, components, fees, legal basis and the online form's version; the
    # site, the home page and the view restrictions are kept (portal.serving).
    with django_assert_max_num_queries(8):
        client.get(NEWSLETTER)


def test_the_english_procedure_page_is_in_english(client, site):
    html = page_html(client, "/en/procedures/licence-to-publish-a-newsletter-local/")
    assert "<h1>Licence to publish a newsletter (local)</h1>" in html
    assert "Licence to publish the newsletter." in html
    assert "Press" in html
    assert "1.004227.000.00.00.H34" in html


def test_the_language_switch_leads_to_the_english_procedure(client, site):
    html = client.get(NEWSLETTER).content.decode()
    assert 'href="/en/procedures/licence-to-publish-a-newsletter-local/"' in html


def test_the_english_catalogue_lists_the_english_procedures(client, site):
    html = client.get("/en/procedures/", {"q": "postal licence"}).content.decode()
    assert "Postal licence" in html
    assert "Amendment of a postal licence" in html
