"""Probes as an attacker would send them: forged and stale links, requests across
applicants, cross-site posts, redirects off the site, hostile uploads and text, and
parameters no form would send. Every probe asserts the exact answer."""

import io
import time
from unittest import mock

import pytest
from django.core import mail, signing
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client
from django.urls import URLPattern, URLResolver, get_resolver

from core.uploads import check_upload, safe_original_name, store_private_upload
from tests.tracking.factories import MINIMAL_PDF, ApplicationFactory
from tracking.links import DETAIL_SALT, detail_token

pytestmark = pytest.mark.django_db

SCRIPT = '<script>alert("xss")</script>'


def detail_path(application, token=None):
    return f"/ho-so/{token or detail_token(application)}/"


# Signed links: tampered, truncated, forged with another secret, revoked, expired.


@pytest.fixture
def application():
    return ApplicationFactory(decided=True)


def _probes(application):
    token = detail_token(application)
    value, _, signature = token.rpartition(":")
    flipped = signature[:-1] + ("A" if signature[-1] != "A" else "B")
    forged = signing.dumps(
        {"a": application.pk, "s": application.access_secret}, key="x" * 50, salt=DETAIL_SALT
    )
    guessed = signing.dumps({"a": application.pk, "s": "doan-bua"}, salt=DETAIL_SALT)
    return {
        "one character of the signature changed": f"{value}:{flipped}",
        "truncated": token[: len(token) // 2],
        "without its signature": value,
        "signed with another key": forged,
        "signed, with a guessed secret": guessed,
        "empty-looking": "-",
        "very long": "a" * 5000,
    }


@pytest.mark.parametrize(
    "probe",
    [
        "one character of the signature changed",
        "truncated",
        "without its signature",
        "signed with another key",
        "signed, with a guessed secret",
        "empty-looking",
        "very long",
    ],
)
def test_a_bad_signed_link_opens_nothing(client, application, probe):
    token = _probes(application)[probe]
    file = application.files.first()
    for path in (
        detail_path(application, token),
        f"{detail_path(application, token)}tep/{file.pk}/",
    ):
        response = client.get(path)
        assert response.status_code == 404, path
        assert application.applicant_name not in response.content.decode()
    response = client.post(f"{detail_path(application, token)}danh-gia/", {"overall": 5})
    assert response.status_code == 404
    assert client.post(f"/thanh-toan/ho-so/{token}/").status_code == 404


def test_an_expired_link_opens_nothing(client, application, settings):
    path = detail_path(application)
    assert client.get(path).status_code == 200
    settings.TRACKING_LINK_MAX_AGE_DAYS = 90
    later = time.time() + 91 * 86400
    with mock.patch("django.core.signing.time.time", return_value=later):
        assert client.get(path).status_code == 404


def test_a_revoked_link_opens_nothing(client, application):
    path = detail_path(application)
    application.access_secret = "bi-mat-moi-sau-khi-thu-hoi-0000"
    application.save(update_fields=["access_secret"])
    assert client.get(path).status_code == 404


# Across applicants: one applicant's link never reaches another's files or actions.


def test_one_applicants_link_never_reaches_anothers_files(client):
    mine, theirs = ApplicationFactory(decided=True), ApplicationFactory(decided=True)
    for their_file in theirs.files.all():
        response = client.get(f"{detail_path(mine)}tep/{their_file.pk}/")
        assert response.status_code == 404
    for my_file in mine.files.all():
        assert client.get(f"{detail_path(mine)}tep/{my_file.pk}/").status_code == 200


def test_a_file_number_that_does_not_exist_is_a_plain_404(client, application):
    for file_id in (0, 999999, 2**62):
        assert client.get(f"{detail_path(application)}tep/{file_id}/").status_code == 404


# Cross-site requests: every view that changes state checks the CSRF token, except
# the machine endpoints, which authenticate each request by its signature or key.

MACHINE_ENDPOINTS = {
    # VNPay's IPN (signed by the gateway's hash secret).
    "payments.views.ipn",
    # Status packages from the document exchange (XML-DSig of a known peer).
    "tracking.exchange.views.receive_status",
    # Applications pushed by the national portal (its credentials).
    "national.views.receive_applications",
}


def _views(resolver=None, prefix=""):
    resolver = resolver or get_resolver()
    for pattern in resolver.url_patterns:
        if isinstance(pattern, URLResolver):
            yield from _views(pattern, prefix + str(pattern.pattern))
        elif isinstance(pattern, URLPattern):
            yield prefix + str(pattern.pattern), pattern.callback


def test_only_the_machine_endpoints_skip_the_csrf_check():
    exempt = {
        f"{callback.__module__}.{callback.__name__}"
        for route, callback in _views()
        if getattr(callback, "csrf_exempt", False)
        and not route.startswith(("admin/", "api/", "django-admin/"))
    }
    # Wagtail's own exempt views (none are served outside the admin) would show here.
    assert exempt == MACHINE_ENDPOINTS


@pytest.fixture
def csrf_client():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("path", "data"),
    [
        ("/tai-khoan/dang-nhap/", {"username": "a@example.vn", "password": "x"}),
        ("/tai-khoan/dang-ky/", {"email": "a@example.vn"}),
        ("/i18n/setlang/", {"language": "en", "next": "/"}),
        ("/tra-cuu-ho-so/gui-lien-ket/", {"ma": "X", "email": "a@example.vn"}),
        ("/admin/login/", {"username": "admin", "password": "x"}),
    ],
)
def test_a_cross_site_post_without_the_token_is_refused(csrf_client, site, path, data):
    response = csrf_client.post(path, data)
    assert response.status_code == 403
    assert mail.outbox == []


def test_an_applicants_action_without_the_token_is_refused(csrf_client, application):
    before = application.events.count()
    for action, data in [
        ("danh-gia", {"overall": 5}),
        ("rut-ho-so", {"reason": "Không cần nữa"}),
        ("bo-sung", {"note": "Bổ sung"}),
    ]:
        response = csrf_client.post(f"{detail_path(application)}{action}/", data)
        assert response.status_code == 403, action
    assert application.events.count() == before


# Redirects: a `next` that leaves the site is never followed.

OFF_SITE = [
    "https://ke-gian.example.com/",
    "//ke-gian.example.com/",
    "/\\ke-gian.example.com/",
    "https:ke-gian.example.com",
    "javascript:alert(1)",
]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_language_switch_never_sends_off_the_site(client, site, target):
    response = client.post("/i18n/setlang/", {"language": "en", "next": target})
    assert response.status_code == 302
    assert response["Location"] in ("/", "/en/")


@pytest.mark.parametrize("target", OFF_SITE)
def test_signing_in_never_sends_off_the_site(client, site, target, django_user_model):
    django_user_model.objects.create_user("hoa@example.vn", "hoa@example.vn", "mat-khau-2026-dai")
    response = client.post(
        f"/tai-khoan/dang-nhap/?next={target}",
        {"username": "hoa@example.vn", "password": "mat-khau-2026-dai", "next": target},
    )
    assert response.status_code == 302
    assert response["Location"].startswith("/") and not response["Location"].startswith("//")
    assert "ke-gian" not in response["Location"]


@pytest.mark.parametrize("target", OFF_SITE)
def test_the_admin_sign_in_never_sends_off_the_site(client, target, django_user_model):
    django_user_model.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-2026-dai")
    response = client.post(
        "/admin/login/", {"username": "quantri", "password": "mat-khau-2026-dai", "next": target}
    )
    assert response.status_code == 302
    assert "ke-gian" not in response["Location"]
    assert not response["Location"].startswith(("//", "javascript:"))


# Hostile text: stored through every free-text field, shown escaped everywhere.


def test_text_with_markup_is_shown_as_text_to_the_applicant_the_desk_and_in_e_mail(
    client, admin_client, django_capture_on_commit_callbacks
):
    application = ApplicationFactory(
        applicant_name=f"Nguyễn {SCRIPT}",
        applicant_organisation="Công ty <img src=x onerror=alert(1)>",
        answers={"ten_ban_tin": f"Bản tin {SCRIPT}", "ghi_chu": "<b>đậm</b>"},
    )
    with django_capture_on_commit_callbacks(execute=True):
        from tracking import operations

        operations.request_supplement(
            application=application, actor=None, reasons=f"Thiếu bản sao {SCRIPT}"
        )
    pages = [
        client.get(detail_path(application)).content.decode(),
        admin_client.get(f"/admin/ho-so/{application.pk}/").content.decode(),
        admin_client.get("/admin/ho-so/").content.decode(),
    ]
    for html in pages:
        assert SCRIPT not in html
        assert "<img src=x onerror" not in html
        assert "<b>đậm</b>" not in html
    assert "Thiếu bản sao &lt;script&gt;alert(&quot;xss&quot;)&lt;/script&gt;" in pages[0]
    assert "Bản tin &lt;script&gt;" in pages[1]
    [message] = mail.outbox
    [(html_body, _type)] = message.alternatives
    assert SCRIPT not in html_body
    assert "Thiếu bản sao &lt;script&gt;" in html_body


def test_markup_in_the_answers_is_printed_as_text_in_the_signed_answers_pdf():
    from pypdf import PdfReader

    from tracking.exchange.packages import answers_pdf

    application = ApplicationFactory(
        answers={"ten_ban_tin": "Bản tin <font size=72>to</font> & <b>đậm", "ghi_chu": "<"}
    )
    text = "".join(
        page.extract_text() for page in PdfReader(io.BytesIO(answers_pdf(application))).pages
    )
    assert "<font size=72>to</font> & <b>đậm" in text


# Uploads: what the browser claims is never believed; names never reach the disk.


def upload(name, content):
    return SimpleUploadedFile(name, content, content_type="application/pdf")


@pytest.mark.parametrize(
    ("name", "content", "code"),
    [
        (
            "anh.svg",
            b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>',
            "file_type",
        ),
        ("trang.html", b"<html><script>alert(1)</script></html>", "file_type"),
        ("trang.pdf", b"<html><script>alert(1)</script></html>", "file_content"),
        ("anh.png", b"%PDF-1.4 not a png", "file_content"),
        ("chuong-trinh.exe", b"MZ\x90\x00", "file_type"),
        ("nen.zip", b"PK\x03\x04" + b"\x00" * 100, "file_type"),
        ("tai-lieu.pdf.exe", b"%PDF-1.4", "file_type"),
        ("khong-duoi", b"%PDF-1.4", "file_type"),
        ("rong.pdf", b"", "file_empty"),
    ],
)
def test_a_hostile_upload_is_refused_with_its_reason(name, content, code):
    with pytest.raises(ValidationError) as refused:
        check_upload(upload(name, content))
    assert refused.value.code == code
    assert str(refused.value.messages[0]).startswith(("Tệp", "Nội dung tệp"))


def test_an_oversized_upload_is_refused_before_it_is_read():
    big = upload("lon.pdf", b"%PDF-1.4" + b"0" * (10 * 1024 * 1024))
    with pytest.raises(ValidationError) as refused:
        check_upload(big)
    assert refused.value.code == "file_size"
    assert "vượt quá dung lượng tối đa 10 MB" in str(refused.value.messages[0])


@pytest.mark.parametrize(
    ("name", "shown"),
    [
        ("../../etc/passwd.pdf", "passwd.pdf"),
        ("..\\..\\windows\\win.ini.pdf", "win.ini.pdf"),
        ("/var/www/shell.pdf", "shell.pdf"),
        ("tờ khai\x00.php.pdf", "tờ_khai.php.pdf"),
        ('"><script>.pdf', "script.pdf"),
        ("", "tep-dinh-kem"),
    ],
)
def test_a_hostile_file_name_is_shown_cleaned_and_never_used_on_disk(
    name, shown, settings, tmp_path
):
    assert safe_original_name(name) == shown
    settings.STORAGES = {
        **settings.STORAGES,
        "private": {
            "BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": tmp_path},
        },
    }
    stored = store_private_upload(upload(name or "x.pdf", MINIMAL_PDF), folder="thu")
    assert ".." not in stored.storage_name and "script" not in stored.storage_name
    assert stored.storage_name.startswith("thu/")
    assert (tmp_path / stored.storage_name).resolve().is_relative_to(tmp_path.resolve())


def test_an_applicants_file_is_served_as_a_download_that_no_browser_sniffs(client, application):
    file = application.files.first()
    response = client.get(f"{detail_path(application)}tep/{file.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"] == file.content_type
    assert response["Content-Disposition"].startswith("attachment;")
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Cache-Control"] == "no-store, private"
    b"".join(response.streaming_content)


# Parameters no form sends: never a 500.


@pytest.mark.parametrize(
    "query",
    [
        {"ma": "A" * 10_000},
        {"ma": "\x00\x01"},
        {"ma": "000.00.12.H34-261203-0001", "xac_minh": "9" * 5000},
        {"ma": ["a", "b"]},
        {"k": "x" * 5000, "ma": "000"},
    ],
)
def test_the_status_lookup_answers_any_query_without_failing(client, site, query):
    response = client.get("/tra-cuu-ho-so/", query)
    assert response.status_code in (200, 400)
    assert "Traceback" not in response.content.decode()


@pytest.mark.parametrize("page", ["abc", "-1", "0", str(10**30), "1e9", "%00"])
def test_a_page_number_no_pager_offers_shows_a_page(client, site, page):
    response = client.get("/thu-tuc-hanh-chinh/", {"page": page})
    assert response.status_code in (200, 404)


def test_a_body_larger_than_any_form_is_refused_not_read(client, site):
    body = io.BytesIO(b"a=" + b"x" * (3 * 1024 * 1024))
    response = client.generic(
        "POST",
        "/tra-cuu-ho-so/gui-lien-ket/",
        body.getvalue(),
        content_type="application/x-www-form-urlencoded",
    )
    assert response.status_code == 400


# Sign-ins and resets: brute force locks, nothing tells whether an account exists.


def test_repeated_wrong_passwords_lock_the_admin_sign_in(client, settings, django_user_model):
    django_user_model.objects.create_superuser("quantri", "qt@example.vn", "mat-khau-2026-dai")
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post("/admin/login/", {"username": "quantri", "password": "sai-mat-khau"})
    locked = client.post("/admin/login/", {"username": "quantri", "password": "mat-khau-2026-dai"})
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_a_reset_for_an_unknown_address_reads_as_one_for_a_known(client, site, django_user_model):
    django_user_model.objects.create_user("hoa@example.vn", "hoa@example.vn", "mat-khau-2026-dai")
    known = client.post("/tai-khoan/quen-mat-khau/", {"email": "hoa@example.vn"})
    unknown = client.post("/tai-khoan/quen-mat-khau/", {"email": "khong-co@example.vn"})
    assert known.status_code == unknown.status_code == 302
    assert known["Location"] == unknown["Location"]
    assert [message.to for message in mail.outbox] == [["hoa@example.vn"]]


@pytest.mark.parametrize("token", ["sai-ma", "a" * 300, "set-password"])
def test_a_forged_reset_link_changes_no_password(client, site, django_user_model, token):
    from django.utils.encoding import force_bytes
    from django.utils.http import urlsafe_base64_encode

    user = django_user_model.objects.create_user(
        "hoa@example.vn", "hoa@example.vn", "mat-khau-2026-dai"
    )
    uid = urlsafe_base64_encode(force_bytes(user.pk))
    response = client.get(f"/tai-khoan/dat-lai-mat-khau/{uid}/{token}/", follow=True)
    assert response.status_code == 200
    assert 'name="new_password1"' not in response.content.decode()
    user.refresh_from_db()
    assert user.check_password("mat-khau-2026-dai")


# The desk: a clerk of another unit can neither read nor act on an application.


def test_a_clerk_of_another_unit_cannot_act_on_an_application(client):
    from tests.tracking.test_desk import make_staff
    from tracking.constants import State

    application = ApplicationFactory()
    client.force_login(make_staff("don-vi-khac", "000.03.12.H34"))
    for path in (f"/admin/ho-so/{application.pk}/", f"/admin/ho-so/{application.pk}/tep/1/"):
        assert client.get(path).status_code == 404
    response = client.post(
        f"/admin/ho-so/{application.pk}/",
        {"action": "refuse", "reasons": "Không thuộc thẩm quyền"},
    )
    assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == State.SUBMITTED
