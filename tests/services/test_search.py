"""Search of the catalogue ignores diacritics, case and word order."""

import pytest

from services.models import Procedure, Sector
from services.selectors import catalogue_procedures, search_procedures
from services.text import normalise

from .conftest import result_titles, shared_catalogue
from .factories import TECHNOLOGY_TRANSFER

pytestmark = pytest.mark.django_db

built_catalogue = shared_catalogue()

NEWSLETTER = "Cấp giấy phép xuất bản bản tin (địa phương)"


def titles(catalogue, query):
    return [p.title for p in search_procedures(catalogue_procedures(index=catalogue), query)]


def test_normalise_strips_diacritics_case_and_d_bar():
    assert normalise("  Đăng KÝ hoạt động   cơ sở In ") == "dang ky hoat dong co so in"


def test_a_query_without_diacritics_finds_the_procedure(catalogue):
    assert NEWSLETTER in titles(catalogue, "cap giay phep xuat ban ban tin")


def test_a_query_with_diacritics_finds_the_procedure(catalogue):
    assert NEWSLETTER in titles(catalogue, "Cấp giấy phép xuất bản bản tin")


def test_words_in_another_order_find_the_procedure(catalogue):
    assert NEWSLETTER in titles(catalogue, "bản tin giấy phép cấp")


def test_every_word_must_match(catalogue):
    assert titles(catalogue, "cap giay phep buu chinh") == ["Cấp giấy phép bưu chính"]


def test_a_query_matches_the_national_code(catalogue):
    assert titles(catalogue, "1.004227") == [NEWSLETTER]


def test_a_query_matches_the_sector_name(catalogue):
    found = titles(catalogue, "buu chinh")
    assert "Xác nhận thông báo hoạt động bưu chính" in found
    assert "Sửa đổi, bổ sung giấy phép bưu chính" in found


def test_a_query_matches_the_keywords(catalogue):
    assert titles(catalogue, "website") == [
        "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp"
    ]


def test_procedures_whose_name_holds_the_phrase_come_first(catalogue):
    found = titles(catalogue, "hoat dong in")
    assert found[0] == "Cấp giấy phép hoạt động in"
    assert "Đăng ký hoạt động cơ sở in" in found[1:]


def test_a_name_match_ranks_above_a_sector_match(catalogue):
    found = titles(catalogue, "khoa hoc cong nghe")
    # All three are in the sector "Khoa học và Công nghệ"; only the first two name it.
    assert set(found[:2]) == {
        "Cấp giấy chứng nhận doanh nghiệp khoa học và công nghệ",
        "Đăng ký kết quả thực hiện nhiệm vụ khoa học và công nghệ sử dụng ngân sách nhà nước",
    }
    assert TECHNOLOGY_TRANSFER["title"] in found[2:]


def test_the_search_text_follows_a_renamed_procedure(catalogue):
    procedure = Procedure.objects.get(code="1.005442.000.00.00.H34", locale=catalogue.locale)
    procedure.title = "Cấp giấy phép cung ứng dịch vụ thư"
    procedure.save()
    assert titles(catalogue, "dich vu thu") == ["Cấp giấy phép cung ứng dịch vụ thư"]


def test_the_search_text_follows_a_renamed_sector(catalogue):
    sector = Sector.objects.get(code="buu-chinh")
    sector.name = "Bưu chính công ích"
    sector.save()
    assert "Cấp giấy phép bưu chính" in titles(catalogue, "cong ich")


def test_the_catalogue_search_box_finds_without_diacritics(client, site):
    html = client.get("/thu-tuc-hanh-chinh/", {"q": "cap giay phep"}).content.decode()
    found = result_titles(html)
    assert NEWSLETTER in found
    assert "Cấp giấy phép bưu chính" in found
    assert "Đăng ký hoạt động cơ sở in" not in found


def test_the_catalogue_search_box_tolerates_word_order(client, site):
    html = client.get("/thu-tuc-hanh-chinh/", {"q": "giấy phép cấp"}).content.decode()
    assert NEWSLETTER in result_titles(html)


def test_a_search_without_results_says_so(client, site):
    html = client.get("/thu-tuc-hanh-chinh/", {"q": "khong co thu tuc nay"}).content.decode()
    assert "Tìm thấy 0 thủ tục." in html
    assert result_titles(html) == []


def test_the_site_search_finds_procedures_without_diacritics(client, site):
    html = client.get("/tim-kiem/", {"q": "cap giay phep buu chinh"}).content.decode()
    assert 'href="/thu-tuc-hanh-chinh/cap-giay-phep-buu-chinh/"' in html
