"""What a clerk sees in the admin is Vietnamese, and the desk's application page is
headed by its dossier code (issue 12, item 3).

Wagtail's Vietnamese catalogue lacks many of the admin's strings; the project's
translation of those a clerk meets is in locale_overrides/vi/. These tests read
every English string of Wagtail's own catalogues and check that none of them is
left on the pages of a clerk's day.
"""

import ast
import json
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
import wagtail
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.utils import translation

from tests.tracking.factories import ApplicationFactory
from tracking.models import DeskMember

pytestmark = pytest.mark.django_db

ATTRIBUTES = {"aria-label", "title", "placeholder", "alt", "data-w-tooltip-content-value"}
# Wagtail's own catalogues and the strings of them that may stay as they are.
NOT_TEXT = {"Wagtail", "Esc"}


def _po_msgids(path):
    """The msgids (singular) of a .po file."""
    found, current, reading = set(), [], False
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("msgid "):
            current, reading = [ast.literal_eval(line[6:])], True
        elif reading and line.startswith('"'):
            current.append(ast.literal_eval(line))
        else:
            if reading and "".join(current):
                found.add("".join(current))
            reading = False
    return found


def wagtail_english():
    """Every string of Wagtail's admin, as written in its English source."""
    root = Path(wagtail.__file__).parent
    found = set()
    for path in root.glob("**/locale/en/LC_MESSAGES/*.po"):
        found |= _po_msgids(path)
    return found - NOT_TEXT


ENGLISH = wagtail_english()


class _Strings(HTMLParser):
    """What a page shows: its text, the labels of its controls and the sidebar menu."""

    def __init__(self):
        super().__init__()
        self.strings, self._skip, self._sidebar = set(), [], False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        self.strings |= {" ".join(v.split()) for k, v in attrs.items() if k in ATTRIBUTES and v}
        if tag in ("script", "style", "option"):
            self._skip.append(tag)
            self._sidebar = attrs.get("id") == "wagtail-sidebar-props"

    def handle_endtag(self, tag):
        if self._skip and self._skip[-1] == tag:
            self._skip.pop()
            self._sidebar = False

    def handle_data(self, data):
        if self._sidebar:
            self.strings |= set(_labels(json.loads(data)))
        elif not self._skip and data.strip():
            self.strings.add(" ".join(data.split()))


def _labels(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key in ("label", "footer_text") and isinstance(value, str) and value:
                yield value
            else:
                yield from _labels(value)
    elif isinstance(node, list):
        for item in node:
            yield from _labels(item)


def english_left(html):
    parser = _Strings()
    parser.feed(html)
    return sorted(s for s in parser.strings if s in ENGLISH)


@pytest.fixture
def clerk(client):
    user = get_user_model().objects.create_user(
        "mot-cua", "motcua@so.example.vn", "x" * 12, first_name="Thu", last_name="Lê Thị"
    )
    group, _ = Group.objects.get_or_create(name="Một cửa")
    group.permissions.set(
        Permission.objects.filter(
            codename__in=["access_admin", "view_application", "change_application"]
        )
    )
    user.groups.add(group)
    DeskMember.objects.create(user=user, all_units=True)
    client.force_login(user)
    return user


@pytest.fixture
def application(db):
    return ApplicationFactory(accepted=True)


def page(client, url):
    response = client.get(url)
    assert response.status_code == 200, url
    return response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/ho-so/",
        "/admin/ho-so/tong-quan/",
        "/admin/account/",
        "/admin/xac-thuc-hai-lop/",
    ],
)
def test_a_clerks_admin_pages_show_no_english(client, clerk, application, url):
    assert english_left(page(client, url)) == []


def test_the_application_page_shows_no_english(client, clerk, application):
    assert english_left(page(client, f"/admin/ho-so/{application.pk}/")) == []


def test_the_sign_in_page_shows_no_english(client):
    html = page(client, "/admin/login/")
    assert english_left(html) == []
    assert "Mật khẩu" in html
    assert "<title>Đăng nhập - Quản trị cổng thông tin</title>" in html


def test_the_menu_says_reports_and_help_in_vietnamese(client, clerk):
    parser = _Strings()
    parser.feed(page(client, "/admin/"))
    assert {"Báo cáo", "Trợ giúp", "Phím tắt", "Hướng dẫn biên tập"} <= parser.strings
    assert {"Reports", "Help", "Shortcuts", "Editor Guide"}.isdisjoint(parser.strings)
    assert "Phím tắt đang bật; có thể tắt trong trang" in parser.strings


def test_the_sidebars_own_strings_are_vietnamese(client, clerk):
    catalogue = page(client, "/admin/jsi18n/")
    for text in ["Trình đơn chính", "Thu gọn, mở rộng thanh bên", "(Mới)"]:
        assert json.dumps(text)[1:-1] in catalogue or text in catalogue


def test_the_application_page_is_headed_by_its_dossier_code(client, clerk, application):
    html = page(client, f"/admin/ho-so/{application.pk}/")
    heading = re.search(r'<h1 class="w-sr-only">\s*(.*?)\s*</h1>', html, re.S).group(1)
    assert heading == application.dossier_code
    assert f"<title>{application.dossier_code} - Quản trị cổng thông tin</title>" in html
    breadcrumbs = html.split("data-w-breadcrumbs", 1)[1].split("</nav>", 1)[0]
    assert 'href="/admin/ho-so/"' in breadcrumbs
    assert application.dossier_code in breadcrumbs
    assert "Trang Chủ" not in html


@pytest.mark.parametrize(
    ("url", "title"),
    [
        ("/admin/ho-so/", "Hồ sơ"),
        ("/admin/ho-so/tong-quan/", "Tình hình xử lý hồ sơ"),
        ("exchange_desk:overview", "Liên thông văn bản"),
        ("payments_reconciliation", "Đối soát thanh toán"),
        ("national_desk:overview", "Đồng bộ Cổng Dịch vụ công quốc gia"),
    ],
)
def test_the_desk_pages_are_headed_by_their_title(client, clerk, url, title):
    from django.urls import reverse

    html = page(client, url if url.startswith("/") else reverse(url))
    heading = re.search(r'<h1 class="w-sr-only">\s*(.*?)\s*</h1>', html, re.S).group(1)
    assert heading == title
    # The header shows the last breadcrumb: the page's title, not "Trang chủ".
    breadcrumbs = html.split("data-w-breadcrumbs", 1)[1].split("</nav>", 1)[0]
    last = breadcrumbs[breadcrumbs.rindex("<li") :]
    assert re.sub(r"<[^>]+>", "", last).split() == title.split()


def test_the_overrides_translate_only_in_vietnamese():
    with translation.override("en"):
        assert translation.gettext("Reports") == "Reports"
    with translation.override("vi"):
        assert translation.gettext("Reports") == "Báo cáo"
        assert translation.gettext("Home") == "Trang chủ"


def test_signing_out_says_so_in_vietnamese(client, clerk):
    response = client.post("/admin/logout/", follow=True)
    html = response.content.decode()
    assert "Bạn đã đăng xuất." in html
    assert english_left(html) == []


@pytest.mark.parametrize(
    "url",
    [
        "/admin/",
        "/admin/pages/",
        "/admin/users/",
        "/admin/images/",
        "/admin/documents/",
        "/admin/snippets/",
        "/admin/settings/portal/agencysettings/",
    ],
)
def test_an_administrators_main_pages_show_no_english(client, db, url):
    administrator = get_user_model().objects.create_superuser(
        "quantri", "quantri@so.example.vn", "x" * 12
    )
    client.force_login(administrator)
    response = client.get(url, follow=True)
    assert response.status_code == 200
    assert english_left(response.content.decode()) == []
