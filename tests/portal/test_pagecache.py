"""The page cache: public pages served without a query on a hit, made stale by what
changes them, never holding anything that belongs to one visitor."""

import re

import pytest
from django.contrib.auth import get_user_model

from portal.models import AgencySettings, ArticlePage

pytestmark = pytest.mark.django_db

NONCE = re.compile(r'nonce="([^"]+)"')


@pytest.fixture(autouse=True)
def empty_cache(settings):
    from django.core.cache import cache

    settings.PAGE_CACHE_ENABLED = True
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def news(portal):
    return portal.news


def test_a_second_visit_is_served_from_the_cache_without_a_query(
    client, news, django_assert_num_queries
):
    first = client.get(news.url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        second = client.get(news.url)
    assert second["X-Page-Cache"] == "hit"
    assert second.content.decode().count("Khánh Hòa đưa 100% thủ tục hành chính") == 1
    assert second["Content-Type"] == first["Content-Type"]
    assert "Set-Cookie" not in second


def test_each_hit_gets_a_fresh_nonce_in_its_body_and_its_policy(client, news):
    client.get(news.url)
    nonces = []
    for _ in range(2):
        response = client.get(news.url)
        [nonce] = set(NONCE.findall(response.content.decode()))
        assert f"'nonce-{nonce}'" in response["Content-Security-Policy"]
        nonces.append(nonce)
    assert nonces[0] != nonces[1]


def test_publishing_an_article_refreshes_it_and_its_listings_not_the_other_pages(
    client, news, portal
):
    article = ArticlePage.objects.child_of(news).live().first()
    about = portal.introduction
    for url in (news.url, article.url, about.url, "/"):
        client.get(url)
        assert client.get(url)["X-Page-Cache"] == "hit"
    article.title = "Tin đã sửa: Khánh Hòa mở thêm 20 dịch vụ công trực tuyến"
    article.save_revision().publish()
    for url in (news.url, article.url, "/"):
        response = client.get(url)
        assert response["X-Page-Cache"] == "miss", url
    assert (
        "Tin đã sửa: Khánh Hòa mở thêm 20 dịch vụ công trực tuyến"
        in client.get(news.url).content.decode()
    )
    assert client.get(about.url)["X-Page-Cache"] == "hit"


def test_unpublishing_removes_the_page_from_its_listing_at_once(client, news):
    article = ArticlePage.objects.child_of(news).live().first()
    client.get(news.url)
    assert article.title in client.get(news.url).content.decode()
    article.unpublish()
    assert article.title not in client.get(news.url).content.decode()
    assert client.get(article.url).status_code == 404


def test_saving_the_agency_identity_refreshes_every_page(client, news, portal):
    client.get(portal.introduction.url)
    settings = AgencySettings.load()
    settings.name = "Sở Khoa học và Công nghệ tỉnh Khánh Hòa (tên mới)"
    settings.save()
    response = client.get(portal.introduction.url)
    assert response["X-Page-Cache"] == "miss"
    assert "(tên mới)" in response.content.decode()


def test_pages_with_a_form_token_are_never_stored(client, portal):
    for url in (portal.qa.url, portal.open_draft.url):
        first = client.get(url)
        assert 'name="csrfmiddlewaretoken"' in first.content.decode()
        again = client.get(url)
        assert "X-Page-Cache" not in again
        assert 'name="csrfmiddlewaretoken"' in again.content.decode()


def test_a_signed_in_visitor_is_never_served_nor_stored(client, news):
    user = get_user_model().objects.create_user("hoa", "hoa@example.vn", "mat-khau-dai-du-12")
    client.force_login(user)
    client.get(news.url)
    response = client.get(news.url)
    assert "X-Page-Cache" not in response
    client.logout()
    assert client.get(news.url)["X-Page-Cache"] == "miss"  # nothing was stored for them


def test_pages_that_are_not_content_are_never_stored(client, site):
    for url in ("/tra-cuu-ho-so/?ma=000.01.12.H34-200101-0001", "/tai-khoan/dang-nhap/"):
        client.get(url)
        assert "X-Page-Cache" not in client.get(url)


def test_conditional_requests_get_304_without_a_new_policy(client, news):
    first = client.get(news.url)
    etag = first["ETag"]
    assert first["Last-Modified"]
    again = client.get(news.url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert "Content-Security-Policy" not in again  # the browser keeps the page's own
    assert client.get(news.url, HTTP_IF_NONE_MATCH='"autre"').status_code == 200
    since = client.get(news.url, HTTP_IF_MODIFIED_SINCE=first["Last-Modified"])
    assert since.status_code == 304


def test_each_language_and_query_string_is_its_own_entry(client, news, portal):
    client.get("/")
    client.get("/en/")
    assert client.get("/en/")["X-Page-Cache"] == "hit"
    assert client.get("/en/").content != client.get("/").content
    client.get(news.url + "?page=2")
    assert client.get(news.url + "?page=2").content != client.get(news.url).content


def test_republishing_a_legal_document_refreshes_the_procedures_citing_it(client, portal):
    from portal.models import LegalDocumentPage
    from services.models import LegalBasisLink

    document = LegalDocumentPage.objects.live().first()
    procedure = portal.procedure
    procedure.legal_basis_links = [LegalBasisLink(document=document)]
    procedure.save_revision().publish()  # the reference index now knows the citation
    client.get(procedure.url)
    assert client.get(procedure.url)["X-Page-Cache"] == "hit"
    document.title = "Nghị định 150/2018/NĐ-CP (đã sửa đổi)"
    document.save_revision().publish()
    response = client.get(procedure.url)
    assert response["X-Page-Cache"] == "miss"


def test_nothing_personal_ever_reaches_the_cache(client, portal):
    """Visit everything, public and personal, then read every stored entry."""
    import pickle

    from django.core.cache import cache

    from tests.tracking.factories import ApplicationFactory
    from tracking.links import detail_url, status_url

    application = ApplicationFactory(accepted=True)
    urls = [page.url for page in vars(portal).values() if hasattr(page, "url")]
    urls += [
        detail_url(application).split("testserver", 1)[1],
        status_url(application).split("testserver", 1)[1],
        "/tai-khoan/dang-ky/",
        "/thu-tuc-hanh-chinh/?q=giay+phep",
        "/tim-kiem/?q=giay+phep",
    ]
    for url in urls:
        client.get(url)
        client.get(url)
    entries = [
        pickle.loads(value)  # noqa: S301 (the test's own cache)
        for value in cache._cache.values()
    ]
    pages = [entry for entry in entries if isinstance(entry, dict) and "content" in entry]
    assert len(pages) >= 10
    for entry in pages:
        assert b"csrfmiddlewaretoken" not in entry["content"]
        assert all(name.lower() != "set-cookie" for name, _ in entry["headers"])
        for personal in ("Nguyễn Thị Hoa", "hoa.nguyen@example.vn", "0905123456"):
            assert personal.encode() not in entry["content"]
        assert application.dossier_code.encode() not in entry["content"]


def test_the_site_search_is_kept_per_query_and_refreshed_by_any_publication(
    client, news, django_assert_num_queries
):
    url = "/tim-kiem/?q=th%E1%BB%A7+t%E1%BB%A5c"
    first = client.get(url)
    assert first["X-Page-Cache"] == "miss"
    with django_assert_num_queries(0):
        assert client.get(url)["X-Page-Cache"] == "hit"
    assert client.get("/tim-kiem/?q=b%C3%A1o+ch%C3%AD")["X-Page-Cache"] == "miss"
    # A new article anywhere may be a result of any query: every search goes stale.
    article = ArticlePage.objects.child_of(news).live().first()
    article.title = "Thủ tục mới về cấp phép"
    article.save_revision().publish()
    fresh = client.get(url)
    assert fresh["X-Page-Cache"] == "miss"
    assert "Thủ tục mới về cấp phép" in fresh.content.decode()
