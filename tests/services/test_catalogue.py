"""The catalogue page: browse by sector, level and receiving unit; results and paging."""

import pytest

from services.constants import ServiceLevel
from services.models import Procedure

from .conftest import links, result_titles, shared_catalogue
from .factories import SCIENCE

pytestmark = pytest.mark.django_db

built_catalogue = shared_catalogue(in_english=True)

URL = "/thu-tuc-hanh-chinh/"


def listed(client, **params):
    return result_titles(client.get(URL, params).content.decode())


def live_vi():
    return Procedure.objects.live().filter(locale__language_code="vi")


def test_the_catalogue_lists_every_procedure(client, site):
    assert sorted(listed(client)) == sorted(live_vi().values_list("title", flat=True))


def test_filter_by_sector(client, site):
    assert sorted(listed(client, sector="buu-chinh")) == [
        "Cấp giấy phép bưu chính",
        "Sửa đổi, bổ sung giấy phép bưu chính",
        "Xác nhận thông báo hoạt động bưu chính",
    ]


def test_filter_by_level(client, site):
    assert sorted(listed(client, level=4)) == [
        "Cấp giấy phép thiết lập trang thông tin điện tử tổng hợp",
        "Cấp giấy phép xuất bản bản tin (địa phương)",
    ]


def test_filter_by_receiving_unit(client, site):
    expected = live_vi().filter(receiving_unit__identifier_code=SCIENCE)
    assert sorted(listed(client, unit=SCIENCE)) == sorted(e.title for e in expected)
    assert len(expected) == 2


def test_filters_combine(client, site):
    assert listed(client, sector="xuat-ban", level=3) == ["Đăng ký hoạt động cơ sở in"]


def test_filters_combine_with_the_search(client, site):
    assert listed(client, unit="000.04.12.H34", level=2, q="xac nhan") == [
        "Xác nhận thông báo hoạt động bưu chính"
    ]


def test_an_unknown_filter_value_is_reported_not_ignored(client, site):
    html = client.get(URL, {"level": 9}).content.decode()
    assert 'class="error"' in html


def test_the_sector_listing_has_its_own_address(client, site):
    response = client.get(URL + "linh-vuc/bao-chi/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Báo chí</h1>" in html
    assert sorted(result_titles(html)) == [
        "Cho phép họp báo (trong nước)",
        "Cấp giấy phép xuất bản bản tin (địa phương)",
    ]


def test_an_unknown_sector_answers_404(client, site):
    assert client.get(URL + "linh-vuc/khong-co/").status_code == 404


def test_a_result_shows_name_level_time_limit_and_fee(client, site):
    html = client.get(URL, {"q": "giay phep buu chinh", "level": 2}).content.decode()
    row = html.split("<tbody>")[1].split("</tr>")[0]
    assert "Cấp giấy phép bưu chính" in row
    assert "Mức độ 2 · Một phần" in row
    assert "20 ngày làm việc" in row
    assert "10.000.000 đồng" in row


def test_a_per_unit_fee_shows_its_unit(client, site):
    html = client.get(URL, {"q": "tai lieu khong kinh doanh"}).content.decode()
    assert "14.000 đồng/trang quy chuẩn" in html


def test_a_procedure_without_fee_says_so(client, site):
    html = client.get(URL, {"q": "hop bao"}).content.decode()
    assert "Không thu phí" in html


def test_level_badges_use_the_names_of_decree_42(client, site):
    html = client.get(URL).content.decode()
    assert "Mức độ 1 · Thông tin" in html
    assert "Mức độ 3 · Một phần" in html
    assert "Mức độ 4 · Toàn trình" in html


def test_the_catalogue_pages_its_results_and_keeps_the_filters(client, site, monkeypatch):
    monkeypatch.setattr("services.models.CATALOGUE_PAGE_SIZE", 2)
    html = client.get(URL, {"sector": "xuat-ban"}).content.decode()
    assert len(result_titles(html)) == 2
    next_links = [href for href, text in links(html) if text == "Trang sau »"]
    assert next_links == ["?sector=xuat-ban&page=2"]
    second = client.get(URL + next_links[0].replace("&amp;", "&")).content.decode()
    assert len(result_titles(second)) == 2
    assert set(result_titles(second)).isdisjoint(result_titles(html))


def test_the_catalogue_stays_within_its_query_budget(
    client, site, uncached, django_assert_max_num_queries
):
    client.get(URL)  # warm caches that any first request fills
    # The page found by its URL path (two), its breadcrumbs, then the count, sectors,
    # units, results, fees and the pager's links; the site, the home page and the view
    # restrictions are kept between requests (portal.serving).
    with django_assert_max_num_queries(9):
        response = client.get(URL, {"q": "giay phep", "level": 2, "sector": "xuat-ban"})
    assert response.status_code == 200


def test_the_catalogue_query_count_does_not_grow_with_the_results(
    client, site, uncached, django_assert_max_num_queries
):
    client.get(URL)
    with django_assert_max_num_queries(8):
        response = client.get(URL)
    assert len(result_titles(response.content.decode())) == live_vi().count()


def test_the_catalogue_fulfils_the_mandated_procedures_section(catalogue):
    from portal.models import MandatedSection

    assert catalogue.mandated_section == MandatedSection.PROCEDURES


def test_every_level_has_a_decree_42_name():
    assert [str(level.decree_42_label) for level in ServiceLevel] == [
        "thông tin",
        "một phần",
        "một phần",
        "toàn trình",
    ]
