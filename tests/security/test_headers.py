"""Security headers and cookies as the production settings send them, read from a real
response of gunicorn, and the session's rotation at sign-in and idle timeout of staff."""

import http.client
import os
import re
import secrets
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parents[2]
EMAIL = "nguoi.nop@example.vn"
PASSWORD = "mat-khau-rat-dai-2026"


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="module")
def production(tmp_path_factory):
    """gunicorn on the production settings, over a fresh database with one applicant."""
    folder = tmp_path_factory.mktemp("production")
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "tests.security.production_settings",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "portal.example.gov.vn",
        "SITE_URL": "https://portal.example.gov.vn",
        "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite3'}",
        "MEDIA_ROOT": str(folder / "media"),
        "PRIVATE_MEDIA_ROOT": str(folder / "private"),
        "VNPAY_TMN_CODE": "HEADERS1",
        "VNPAY_HASH_SECRET": secrets.token_hex(16),
        "EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend",
    }
    env.pop("REDIS_URL", None)
    manage = [sys.executable, str(ROOT / "manage.py")]
    subprocess.run([*manage, "migrate", "--no-input", "-v0"], env=env, check=True, cwd=ROOT)
    subprocess.run(
        [
            *manage,
            "shell",
            "-c",
            "from django.contrib.auth import get_user_model; "
            f"get_user_model().objects.create_user('{EMAIL}', '{EMAIL}', '{PASSWORD}')",
        ],
        env=env,
        check=True,
        cwd=ROOT,
    )
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "gunicorn", "portal.wsgi", "-b", f"127.0.0.1:{port}", "-w", "1"],
        env=env,
        cwd=ROOT,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 60
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
            break
        except OSError:
            if time.monotonic() > deadline or server.poll() is not None:
                server.kill()
                pytest.fail("gunicorn with the production settings did not start")
            time.sleep(0.2)
    yield port
    server.terminate()
    server.wait(10)


def request(port, method, path, *, https=True, headers=None, body=None):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    sent = {"Host": "portal.example.gov.vn", **(headers or {})}
    if https:  # as the reverse proxy in front says
        sent["X-Forwarded-Proto"] = "https"
    connection.request(method, path, body=body, headers=sent)
    response = connection.getresponse()
    response.body = response.read().decode()
    connection.close()
    return response


def cookies(response):
    """{name: the Set-Cookie line} of a response."""
    return {
        line.split("=", 1)[0]: line
        for name, line in response.getheaders()
        if name.lower() == "set-cookie"
    }


def test_plain_http_is_sent_to_https(production):
    response = request(production, "GET", "/tra-cuu-ho-so/", https=False)
    assert response.status == 301
    assert response.getheader("Location") == "https://portal.example.gov.vn/tra-cuu-ho-so/"


def test_every_security_header_of_a_public_page(production):
    response = request(production, "GET", "/tai-khoan/dang-nhap/")
    assert response.status == 200
    assert response.getheader("Strict-Transport-Security") == (
        "max-age=31536000; includeSubDomains; preload"
    )
    policy = dict(
        directive.strip().split(" ", 1)
        for directive in response.getheader("Content-Security-Policy").split(";")
    )
    assert "unsafe-inline" not in response.getheader("Content-Security-Policy")
    assert "unsafe-eval" not in response.getheader("Content-Security-Policy")
    assert re.fullmatch(r"'self' 'nonce-[A-Za-z0-9+/=_-]{16,}'", policy["script-src"])
    assert re.fullmatch(r"'self' 'nonce-[A-Za-z0-9+/=_-]{16,}'", policy["style-src"])
    assert policy["frame-ancestors"] == "'self'"
    assert policy["default-src"] == "'self'"
    assert policy["form-action"] == "'self'"
    assert policy["base-uri"] == "'self'"
    assert response.getheader("X-Frame-Options") == "SAMEORIGIN"
    assert response.getheader("Referrer-Policy") == "same-origin"
    assert response.getheader("X-Content-Type-Options") == "nosniff"
    assert response.getheader("Cross-Origin-Opener-Policy") == "same-origin"
    permissions = response.getheader("Permissions-Policy")
    for feature in ("camera", "microphone", "geolocation", "payment", "usb"):
        assert f"{feature}=()" in permissions


def test_cookies_are_secure_http_only_and_same_site(production):
    login_page = request(production, "GET", "/tai-khoan/dang-nhap/")
    csrf_cookie = cookies(login_page)["csrftoken"]
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in csrf_cookie
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', login_page.body)[1]
    csrf = csrf_cookie.split(";", 1)[0]
    signed_in = request(
        production,
        "POST",
        "/tai-khoan/dang-nhap/",
        headers={
            "Cookie": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": "https://portal.example.gov.vn/tai-khoan/dang-nhap/",
        },
        body=f"csrfmiddlewaretoken={token}&username={EMAIL}&password={PASSWORD}",
    )
    assert signed_in.status == 302, signed_in.body[:500]
    session_cookie = cookies(signed_in)["sessionid"]
    for flag in ("Secure", "HttpOnly", "SameSite=Lax", "Max-Age=172800"):
        assert flag in session_cookie
    language = request(
        production,
        "POST",
        "/i18n/setlang/",
        headers={
            "Cookie": csrf,
            "Content-Type": "application/x-www-form-urlencoded",
            "Referer": "https://portal.example.gov.vn/",
        },
        body=f"csrfmiddlewaretoken={token}&language=en&next=/",
    )
    for flag in ("Secure", "HttpOnly", "SameSite=Lax"):
        assert flag in cookies(language)["django_language"]


@pytest.mark.django_db
def test_signing_in_gives_a_new_session_key(client):
    get_user_model().objects.create_user(EMAIL, EMAIL, PASSWORD)
    session = client.session
    session["ngon_ngu"] = "vi"
    session.save()
    before = client.cookies["sessionid"].value
    response = client.post("/tai-khoan/dang-nhap/", {"username": EMAIL, "password": PASSWORD})
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != before


@pytest.mark.django_db
def test_signing_in_to_the_admin_gives_a_new_session_key(client):
    get_user_model().objects.create_superuser("quantri", "quantri@example.vn", PASSWORD)
    client.get("/admin/login/")
    session = client.session
    session["truoc"] = 1
    session.save()
    before = client.cookies["sessionid"].value
    response = client.post("/admin/login/", {"username": "quantri", "password": PASSWORD})
    assert response.status_code == 302
    assert client.cookies["sessionid"].value != before


@pytest.fixture
def staff(client, db):
    user = get_user_model().objects.create_superuser("canbo", "canbo@example.vn", PASSWORD)
    client.force_login(user)
    return user


def test_staff_are_signed_out_after_the_idle_timeout(client, staff, settings):
    from accounts.idle import LAST_SEEN

    settings.STAFF_IDLE_TIMEOUT_SECONDS = 1800
    assert client.get("/admin/").status_code == 200
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 1801
    session.save()
    response = client.get("/admin/ho-so/?state=submitted")
    assert response.status_code == 302
    assert response["Location"] == "/admin/login/?next=/admin/ho-so/%3Fstate%3Dsubmitted"
    assert "_auth_user_id" not in client.session
    page = client.get(response["Location"]).content.decode()
    assert "Phiên làm việc đã hết hạn vì không hoạt động" in page


def test_staff_working_within_the_timeout_stay_signed_in(client, staff, settings):
    from accounts.idle import LAST_SEEN

    settings.STAFF_IDLE_TIMEOUT_SECONDS = 1800
    client.get("/admin/")
    session = client.session
    session[LAST_SEEN] = int(time.time()) - 1700
    session.save()
    assert client.get("/admin/").status_code == 200
    assert client.session[LAST_SEEN] >= int(time.time()) - 5  # the clock starts again
