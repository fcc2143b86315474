"""What `portal.serving` keeps between requests (the site, the home page, the view
restrictions) is never out of date: what an editor or an administrator changes shows
on the next request, with the page cache on or off."""

import pytest
from django.contrib.auth.models import Group
from wagtail.models import PageViewRestriction, Site

from portal.models import ArticlePage, HomePage

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True, params=["page cache on", "page cache off"])
def page_cache(request, settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = request.param == "page cache on"
    cache.clear()
    yield
    cache.clear()


def test_a_page_restricted_after_being_served_asks_for_a_sign_in_and_leaves_its_listing(
    client, portal
):
    article = ArticlePage.objects.child_of(portal.news).live().first()
    assert client.get(article.url).status_code == 200
    assert article.title in client.get(portal.news.url).content.decode()
    restriction = PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    response = client.get(article.url)
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")
    assert article.title not in client.get(portal.news.url).content.decode()

    restriction.delete()
    assert client.get(article.url).status_code == 200
    assert article.title in client.get(portal.news.url).content.decode()


def test_a_restriction_on_a_section_covers_the_pages_below_it(client, portal):
    article = ArticlePage.objects.child_of(portal.news).live().first()
    client.get(article.url)
    restriction = PageViewRestriction.objects.create(
        page=portal.news, restriction_type=PageViewRestriction.GROUPS
    )
    restriction.groups.add(Group.objects.create(name="Ban biên tập"))
    assert client.get(article.url).status_code == 302
    assert client.get(portal.introduction.url).status_code == 200


def test_an_alias_of_a_restricted_page_is_restricted_too(client, portal):
    article = ArticlePage.objects.child_of(portal.news).live().first()
    PageViewRestriction.objects.create(page=article, restriction_type=PageViewRestriction.LOGIN)
    alias = article.create_alias(parent=portal.introduction, update_slug="ban-sao-tin")
    assert client.get(alias.url).status_code == 302


def test_the_home_page_published_shows_at_once(client, portal):
    client.get("/")
    home = HomePage.objects.get(locale__language_code="vi")
    home.lead = "Lời giới thiệu mới của Sở, vừa xuất bản."
    home.save_revision().publish()
    assert "Lời giới thiệu mới của Sở, vừa xuất bản." in client.get("/").content.decode()


def test_a_site_changed_is_the_one_served(client, portal):
    assert client.get("/").status_code == 200
    site = Site.objects.get(is_default_site=True)
    site.root_page = portal.introduction
    site.save()
    # The introduction is now the root: its own content answers at "/".
    assert portal.introduction.title in client.get("/").content.decode()
    site.delete()
    assert client.get("/").status_code == 404


def nav_of(response):
    html = response.content.decode()
    return html[html.index('<nav class="main-nav"') : html.index("</nav>", html.index("main-nav"))]


def footer_of(response):
    html = response.content.decode()
    return html[html.index('<footer class="site-footer"') : html.index("</footer>")]


def test_the_menu_of_a_view_shows_a_section_published_in_it_at_once(client, portal):
    from portal.models import IntroductionPage

    assert "Tra cứu hồ sơ" in nav_of(client.get("/tra-cuu-ho-so/"))
    section = portal.home.add_child(
        instance=IntroductionPage(title="Chuyển đổi số", slug="chuyen-doi-so", show_in_menus=True)
    )
    assert "Chuyển đổi số" not in nav_of(client.get("/tra-cuu-ho-so/"))  # a draft
    section.save_revision().publish()
    assert "Chuyển đổi số" in nav_of(client.get("/tra-cuu-ho-so/"))
    section.unpublish()
    assert "Chuyển đổi số" not in nav_of(client.get("/tra-cuu-ho-so/"))


def test_the_menu_marks_the_current_entry_and_the_visitors_sign_in(client, portal):
    lookup = nav_of(client.get("/tra-cuu-ho-so/"))
    assert 'href="/tra-cuu-ho-so/" aria-current="page"' in lookup
    assert "Đăng nhập" in lookup
    about = nav_of(client.get(portal.introduction.url))
    assert 'href="/tra-cuu-ho-so/" aria-current="page"' not in about
    assert f'href="{portal.introduction.url}" aria-current="page"' in about
    assert nav_of(client.get("/")).count('aria-current="page"') == 1  # the home entry

    from django.contrib.auth import get_user_model

    client.force_login(get_user_model().objects.create_user("an@example.vn", "an@example.vn"))
    signed_in = nav_of(client.get("/tra-cuu-ho-so/"))
    assert "Hồ sơ của tôi" in signed_in
    assert "Đăng nhập" not in signed_in


def test_the_footer_of_a_view_follows_the_agency_identity_and_the_language(client, portal):
    from portal.models import AgencySettings

    assert "Thông báo xử lý dữ liệu cá nhân" in footer_of(client.get("/tra-cuu-ho-so/"))
    settings = AgencySettings.load()
    settings.phone = "0258 3 999 999"
    settings.save()
    assert "0258 3 999 999" in footer_of(client.get("/tra-cuu-ho-so/"))
    english = client.get("/en/tra-cuu-ho-so/")
    assert english.status_code == 200
    assert "Privacy notice" in footer_of(english)
    assert "Thông báo xử lý dữ liệu cá nhân" in footer_of(client.get("/tra-cuu-ho-so/"))
    assert "Track an application" in nav_of(english)


def test_a_view_links_to_itself_in_the_other_language_with_its_query(client, portal):
    html = client.get("/tra-cuu-ho-so/?ma=000.01.12.H34-261204-0001").content.decode()
    assert 'href="/en/tra-cuu-ho-so/?ma=000.01.12.H34-261204-0001"' in html
