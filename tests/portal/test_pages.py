"""Every page type of the public site renders with its content and metadata."""

import re

import pytest
from wagtail.models import Page

from portal.models import (
    AgencySettings,
    ArticleIndexPage,
    ArticlePage,
    ConsultationIndexPage,
    ContactPage,
    DirectoryPage,
    DraftConsultationPage,
    HomePage,
    IntroductionPage,
    LeaderSchedulePage,
    LegalDocumentIndexPage,
    LegalDocumentPage,
    MandatedSection,
    QuestionIndexPage,
    StandardPage,
)
from services.models import Procedure, ProcedureIndexPage
from tests.factories import AGENCY, UNITS
from tests.portal.factories import (
    LEADERS,
    ArticleFactory,
    ContactPageFactory,
    IntroductionPageFactory,
    legal_documents,
    news_index,
    section_index,
)

pytestmark = pytest.mark.django_db

SECTION_URLS = [
    ("/", "Cổng thông tin điện tử Sở Khoa học và Công nghệ"),
    ("/gioi-thieu/", "Sơ đồ cơ cấu tổ chức"),
    ("/tin-tuc/", "Tin tức, sự kiện"),
    ("/chi-dao-dieu-hanh/", "Chỉ đạo, điều hành"),
    ("/chi-dao-dieu-hanh/lich-cong-tac/", "Giao ban lãnh đạo Sở"),
    ("/chi-dao-dieu-hanh/nguoi-phat-ngon/", "Người phát ngôn"),
    ("/van-ban/", "42/2022/NĐ-CP"),
    ("/pho-bien-phap-luat/", "Luật Viễn thông"),
    ("/chien-luoc-ke-hoach/", "Kế hoạch chuyển đổi số năm 2026"),
    ("/du-an-dau-thau/", "Trung tâm dữ liệu tỉnh"),
    ("/khoa-hoc-cong-nghe/", "trí tuệ nhân tạo"),
    ("/danh-ba/", "vanphong.skhcn@khanhhoa.gov.vn"),
    ("/lay-y-kien/", "Dự thảo Quy chế quản lý"),
    ("/lay-y-kien/du-thao-quy-che-cong-thong-tin/", "Gửi ý kiến góp ý"),
    ("/hoi-dap/", "Đặt câu hỏi"),
    ("/lien-he/", "Giờ làm việc"),
]


@pytest.mark.parametrize(("url", "text"), SECTION_URLS)
def test_every_mandated_section_renders_its_content(client, portal, url, text):
    response = client.get(url)
    assert response.status_code == 200
    assert text in response.content.decode()


def test_every_live_page_renders(client, portal):
    pages = Page.objects.live().filter(depth__gt=1).specific()
    # every kind of page the portal has, in both languages
    assert {type(page) for page in pages} == {
        HomePage,
        IntroductionPage,
        ArticleIndexPage,
        ArticlePage,
        LeaderSchedulePage,
        StandardPage,
        LegalDocumentIndexPage,
        LegalDocumentPage,
        DirectoryPage,
        ConsultationIndexPage,
        DraftConsultationPage,
        QuestionIndexPage,
        ContactPage,
        ProcedureIndexPage,
        Procedure,
    }
    assert {page.locale.language_code for page in pages} == {"vi", "en"}
    for page in pages:
        response = client.get(page.url)
        assert response.status_code == 200, page.url


def test_every_menu_section_is_reachable_from_the_home_page(client, portal):
    html = client.get("/").content.decode()
    nav = html.split('aria-label="Trình đơn chính"')[1].split("</nav>")[0]
    for url in [
        "/gioi-thieu/",
        "/tin-tuc/",
        "/chi-dao-dieu-hanh/",
        "/van-ban/",
        "/danh-ba/",
        "/lay-y-kien/",
        "/hoi-dap/",
        "/lien-he/",
        "/khoa-hoc-cong-nghe/",
        "/du-an-dau-thau/",
        "/chien-luoc-ke-hoach/",
        "/pho-bien-phap-luat/",
    ]:
        assert f'href="{url}"' in nav


def test_every_page_has_title_description_and_keywords(client, site):
    IntroductionPageFactory()
    html = client.get("/gioi-thieu/").content.decode()
    assert re.search(r"<title>Giới thiệu \| Sở Khoa học và Công nghệ tỉnh Khánh Hòa</title>", html)
    assert '<meta name="description" content="Chức năng, nhiệm vụ' in html
    assert '<meta name="keywords" content="giới thiệu, chức năng nhiệm vụ' in html


def test_article_shows_author_source_and_update_time(client, site):
    index = section_index("tin-tuc", "Tin tức, sự kiện", MandatedSection.NEWS)
    ArticleFactory(parent=index, author="Phòng Báo chí, Xuất bản")
    article = ArticlePage.objects.live().first()
    assert article.source == AGENCY["name"]
    html = client.get(article.url).content.decode()
    assert article.author in html
    assert article.source in html
    assert "Cập nhật" in html
    assert article.last_published_at.astimezone().strftime("%d/%m/%Y") in html


def test_introduction_lists_leaders_units_with_identifier_codes_and_history(client, site):
    IntroductionPageFactory()
    html = client.get("/gioi-thieu/").content.decode()
    for name, position, *_ in LEADERS:
        assert name in html and position in html
    for code, name, _ in UNITS:
        assert code in html and name in html
    assert "Lịch sử hình thành" in html


def test_footer_shows_the_agency_identity_and_licence(client, site):
    agency = AgencySettings.load()
    agency.licence_line = "Giấy phép thiết lập trang thông tin điện tử tổng hợp số 12/GP-STTTT"
    agency.save()
    ContactPageFactory()
    html = client.get("/lien-he/").content.decode()
    assert "000.00.12.H34" in html
    assert "Chịu trách nhiệm chính" in html
    assert "Giấy phép thiết lập trang thông tin điện tử" in html


def test_news_index_paginates_and_offers_rss(client, site):
    news_index()
    index = (
        HomePage.objects.get(locale__language_code="vi").get_children().get(slug="tin-tuc").specific
    )
    html = client.get(index.url).content.decode()
    assert 'type="application/rss+xml"' in html
    feed = client.get(index.url + "rss/")
    assert feed.status_code == 200
    assert feed["Content-Type"].startswith("application/rss+xml")
    body = feed.content.decode()
    assert body.count("<item>") == 6
    assert "Khánh Hòa đưa 100% thủ tục hành chính" in body


def test_legal_documents_filter_by_type_issuer_year_and_words(client, site):
    legal_documents()

    def numbers(query):
        html = client.get("/van-ban/" + query).content.decode()
        return set(re.findall(r">(\d+/[\w/.\-Đ]+)</a></td>", html))

    assert numbers("?document_type=luat") == {"103/2016/QH13", "19/2012/QH13"}
    assert numbers("?issuer=Văn+phòng+Chính+phủ") == {"01/2018/TT-VPCP"}
    assert numbers("?year=2022") == {"42/2022/NĐ-CP"}
    assert numbers("?q=một+cửa+liên+thông") == {"61/2018/NĐ-CP", "01/2018/TT-VPCP"}
    assert numbers("?q=không-có-văn-bản-nào") == set()


def test_legal_document_page_offers_its_pdf(client, site):
    legal_documents(with_files=True)
    doc = LegalDocumentPage.objects.get(number_symbol="42/2022/NĐ-CP")
    html = client.get(doc.url).content.decode()
    assert "Ngày có hiệu lực" in html and "08/08/2022" in html
    response = client.get(doc.document.url)
    assert response.status_code == 200
    content = b"".join(response.streaming_content)
    assert content.startswith(b"%PDF")


def test_site_search_finds_pages_by_words(client, portal):
    html = client.get("/tim-kiem/", {"q": "chuyển đổi số"}).content.decode()
    assert "Kế hoạch chuyển đổi số năm 2026" in html
    empty = client.get("/tim-kiem/", {"q": "zzzkhongcogi"}).content.decode()
    assert "0 kết quả" in empty


def test_sitemap_and_robots(client, site):
    IntroductionPageFactory()
    sitemap = client.get("/sitemap.xml")
    assert sitemap.status_code == 200
    assert "/gioi-thieu/" in sitemap.content.decode()
    robots = client.get("/robots.txt").content.decode()
    assert "Disallow: /admin/" in robots
    assert "Sitemap: " in robots and robots.strip().endswith("/sitemap.xml")


def test_unknown_page_answers_404(client, site):
    assert client.get("/khong-ton-tai/").status_code == 404


def test_home_page_query_count_is_pinned(client, portal, uncached, django_assert_max_num_queries):
    client.get("/")  # warm caches that any first request fills
    # Latest news (their index, then the news), latest documents, the entry to the
    # procedure catalogue (its page, its sectors). The site, the home page, the view
    # restrictions, the menu, the language links and the agency's identity are kept
    # between requests (portal.serving, portal.pagecache).
    with django_assert_max_num_queries(5):
        response = client.get("/")
    assert response.status_code == 200
