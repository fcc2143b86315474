"""Sign-in with the national identity service, against a local OpenID Connect provider."""

from urllib.parse import parse_qs, urlsplit

import pytest
import requests
from django.contrib.auth import get_user_model

from accounts.models import ApplicantProfile
from tests.accounts.oidc_provider import LocalProvider

CLAIMS = {
    "sub": "vneid-subject-0001",
    "name": "Lê Văn Bình",
    "id_number": "079090001234",
    "birthdate": "1990-03-02",
    "phone_number": "0912345678",
    "email": "binh.le@example.vn",
    "email_verified": True,
}


@pytest.fixture
def provider(settings, db):
    with LocalProvider(client_id="portal-test", client_secret="s3cret-test", claims=CLAIMS) as op:
        for name, value in op.settings().items():
            setattr(settings, name, value)
        yield op


def sign_in_through(client, provider):
    """The browser's trip: portal → provider → portal callback."""
    start = client.get("/tai-khoan/vneid/dang-nhap/?next=/tai-khoan/ho-so-cua-toi/")
    assert start.status_code == 302
    assert start["Location"].startswith(f"{provider.issuer}/authorize?")
    request = {k: v[0] for k, v in parse_qs(urlsplit(start["Location"]).query).items()}
    assert request["code_challenge_method"] == "S256"
    assert request["redirect_uri"] == "http://testserver/tai-khoan/vneid/callback/"
    at_provider = requests.get(start["Location"], allow_redirects=False, timeout=10)
    assert at_provider.status_code == 302
    back = urlsplit(at_provider.headers["Location"])
    return client.get(f"{back.path}?{back.query}")


def test_sign_in_creates_an_account_with_the_identity_profile(client, provider):
    response = sign_in_through(client, provider)
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/ho-so-cua-toi/"
    profile = ApplicantProfile.objects.get(identity_subject=CLAIMS["sub"])
    assert client.session["_auth_user_id"] == str(profile.user_id)
    assert profile.full_name == "Lê Văn Bình"
    assert profile.id_number == "079090001234"
    assert str(profile.date_of_birth) == "1990-03-02"
    assert not profile.user.has_usable_password()
    assert client.get("/tai-khoan/ho-so-cua-toi/").status_code == 200


def test_second_sign_in_finds_the_same_account(client, provider):
    sign_in_through(client, provider)
    client.logout()
    sign_in_through(client, provider)
    assert ApplicantProfile.objects.filter(identity_subject=CLAIMS["sub"]).count() == 1


def test_verified_e_mail_links_an_existing_account(client, provider):
    existing = get_user_model().objects.create_user(
        "binh.le@example.vn", "binh.le@example.vn", "Mat-khau-an-toan-2026"
    )
    sign_in_through(client, provider)
    assert client.session["_auth_user_id"] == str(existing.pk)
    assert existing.applicant_profile.identity_subject == CLAIMS["sub"]


def test_id_token_for_another_client_is_refused(client, provider):
    provider.audience = "someone-else"
    response = sign_in_through(client, provider)
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/dang-nhap/"
    assert "_auth_user_id" not in client.session
    assert not ApplicantProfile.objects.filter(identity_subject=CLAIMS["sub"]).exists()


def test_provider_refusing_the_code_is_a_failed_sign_in(client, provider):
    provider.client_secret = "rotated"
    response = sign_in_through(client, provider)
    assert response["Location"] == "/tai-khoan/dang-nhap/"
    assert "_auth_user_id" not in client.session


def test_vneid_is_off_by_default(client, db):
    assert "VNeID" not in client.get("/tai-khoan/dang-nhap/").text
    assert client.get("/tai-khoan/vneid/dang-nhap/").status_code == 404
    assert client.get("/tai-khoan/vneid/callback/?code=x&state=y").status_code == 404


def test_sign_in_page_offers_vneid_when_enabled(client, provider):
    assert "VNeID" in client.get("/tai-khoan/dang-nhap/").text


def test_enabled_without_endpoints_fails_the_system_check(settings):
    from accounts.checks import identity_service_configured

    settings.VNEID_ENABLED = True
    settings.OIDC_OP_TOKEN_ENDPOINT = ""
    assert [e.id for e in identity_service_configured(None)] == ["accounts.E001"]


def test_password_sign_in_still_works_when_vneid_is_enabled(client, provider):
    get_user_model().objects.create_user("an@example.vn", "an@example.vn", "Mat-khau-an-toan-2026")
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": "an@example.vn", "password": "Mat-khau-an-toan-2026"}
    )
    assert response.status_code == 302
