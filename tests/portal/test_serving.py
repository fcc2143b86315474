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
