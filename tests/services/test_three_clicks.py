"""Every level-3/4 procedure is reachable from the home page within 3 clicks
(Thông tư 32/2017/TT-BTTTT): home → sector listing → procedure page → submit."""

import pytest

from services.models import Procedure

from .conftest import links, main_content, shared_catalogue

pytestmark = pytest.mark.django_db

built_catalogue = shared_catalogue(in_english=True)


def follow(client, href):
    response = client.get(href)
    assert response.status_code == 200, href
    return main_content(response.content.decode())


def online_procedures(language_code="vi"):
    return list(
        Procedure.objects.live().filter(locale__language_code=language_code, service_level__gte=3)
    )


def reachable_in_two_clicks(client, home_url, sector_prefix):
    """Procedure page URL → the path (home, sector listing, procedure) that reached it."""
    reached = {}
    home = follow(client, home_url)
    sector_links = [href for href, _ in links(home) if sector_prefix in href]
    assert sector_links, "the home page links to no sector listing"
    for sector_href in sector_links:
        for href, _text in links(follow(client, sector_href)):
            reached.setdefault(href, (home_url, sector_href, href))
    return reached


def test_every_online_procedure_is_two_clicks_from_the_home_page(client, site):
    reached = reachable_in_two_clicks(client, "/", "/thu-tuc-hanh-chinh/linh-vuc/")
    procedures = online_procedures()
    assert len(procedures) >= 3
    for procedure in procedures:
        assert procedure.url in reached, procedure.title
        html = follow(client, reached[procedure.url][-1])
        assert f"<h1>{procedure.title}</h1>" in html


def test_every_online_procedure_is_two_clicks_from_the_english_home_page(client, site):
    reached = reachable_in_two_clicks(client, "/en/", "/en/procedures/linh-vuc/")
    procedures = online_procedures("en")
    assert len(procedures) >= 3
    for procedure in procedures:
        assert procedure.url in reached, procedure.title


def test_the_submit_button_is_the_third_click_and_opens_a_working_first_step(client, site):
    reached = reachable_in_two_clicks(client, "/", "/thu-tuc-hanh-chinh/linh-vuc/")
    for procedure in online_procedures():
        page = follow(client, reached[procedure.url][-1])
        start = f"/bieu-mau/{procedure.online_form.slug}/"
        assert (start, "Nộp hồ sơ trực tuyến") in links(page), procedure.title
        response = client.get(start, follow=True)
        assert response.status_code == 200
        first_step = response.redirect_chain[-1][0]
        assert first_step.startswith(start) and first_step != start
        html = response.content.decode()
        assert "Bước 1/" in html
        assert 'type="submit"' in html


def test_the_home_page_links_to_the_catalogue_and_its_search(client, site):
    html = main_content(client.get("/").content.decode())
    assert ("/thu-tuc-hanh-chinh/", "Xem tất cả thủ tục hành chính") in links(html)
    assert 'action="/thu-tuc-hanh-chinh/"' in html


def test_every_sector_with_procedures_has_a_link_on_the_home_page(client, site):
    html = main_content(client.get("/").content.decode())
    sector_links = {text for href, text in links(html) if "/linh-vuc/" in href}
    assert sector_links == {
        "Báo chí 2 thủ tục",
        "Xuất bản, In và Phát hành 5 thủ tục",
        "Bưu chính 3 thủ tục",
        "Viễn thông và Internet 2 thủ tục",
        "Công nghệ thông tin 1 thủ tục",
        "Khoa học và Công nghệ 3 thủ tục",
    }


def test_a_search_from_the_home_page_lists_the_procedure(client, site):
    html = follow(client, "/thu-tuc-hanh-chinh/?q=dang+ky+co+so+in")
    assert (
        "/thu-tuc-hanh-chinh/dang-ky-hoat-dong-co-so-in/",
        "Đăng ký hoạt động cơ sở in",
    ) in links(html)
