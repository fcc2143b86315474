"""The applicant's own applications through the API, and their personal tokens."""

import pytest
from django.contrib.auth import get_user_model

from api.models import PersonalAccessToken
from tests.tracking.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def make_token(client, name="Ứng dụng trên điện thoại"):
    page = client.post("/tai-khoan/ma-truy-cap/", {"name": name})
    assert page.status_code == 200
    return page.context["secret"]


def test_an_applicant_makes_a_token_sees_it_once_and_reads_only_their_own(client, applicant):
    mine = ApplicationFactory(user=applicant, decided=True)
    ApplicationFactory()  # somebody else's
    client.force_login(applicant)
    secret = make_token(client)
    assert secret.startswith("dvc_pat_")
    listing = client.get("/tai-khoan/ma-truy-cap/")
    assert secret not in listing.content.decode()
    assert listing["Cache-Control"] == "no-store, private"
    client.logout()
    headers = {"HTTP_AUTHORIZATION": f"Bearer {secret}"}
    body = client.get("/api/v1/me/applications", **headers).json()
    assert [a["dossier_code"] for a in body] == [mine.dossier_code]
    detail = client.get(f"/api/v1/me/applications/{mine.dossier_code}", **headers).json()
    assert [r["original_name"] for r in detail["results"]] == ["giay-phep.pdf"]
    assert [line["action"] for line in detail["timeline"]] == [
        "submit",
        "accept",
        "start",
        "decide",
    ]


def test_another_applicants_application_is_404(client, applicant):
    theirs = ApplicationFactory()
    client.force_login(applicant)
    assert client.get(f"/api/v1/me/applications/{theirs.dossier_code}").status_code == 404


def test_the_session_works_too_and_a_revoked_token_does_not(client, applicant):
    client.force_login(applicant)
    assert client.get("/api/v1/me/applications").status_code == 200
    secret = make_token(client)
    token = PersonalAccessToken.objects.get(user=applicant)
    assert client.post(f"/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/").status_code == 302
    client.logout()
    response = client.get("/api/v1/me/applications", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


def test_nobody_revokes_anothers_token(client, applicant):
    client.force_login(applicant)
    make_token(client)
    token = PersonalAccessToken.objects.get(user=applicant)
    other = get_user_model().objects.create_user("lan", "lan@example.vn", "mat-khau-dai-du-12")
    client.force_login(other)
    assert client.post(f"/tai-khoan/ma-truy-cap/{token.pk}/thu-hoi/").status_code == 404
    token.refresh_from_db()
    assert token.revoked_at is None


def test_a_token_without_a_name_gets_a_clear_error(client, applicant):
    client.force_login(applicant)
    page = client.post("/tai-khoan/ma-truy-cap/", {"name": ""})
    assert page.status_code == 400
    assert "Vui lòng đặt tên cho mã truy cập." in page.content.decode()


def test_the_drafts_are_listed(client, applicant):
    client.force_login(applicant)
    assert client.get("/api/v1/me/drafts").json() == []
