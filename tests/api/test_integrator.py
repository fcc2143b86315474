"""Integrators: keys bound to units and scopes, listing, reading and the desk's actions."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import override_settings

from api import keys
from api.models import ApiCall
from tests.factories import PDF, PNG
from tests.tracking.factories import ApplicationFactory
from tracking.constants import State

from .conftest import problem

pytestmark = pytest.mark.django_db


def post(client, path, headers, data=None):
    return client.post(path, data or {}, content_type="application/json", **headers)


def test_no_key_a_wrong_key_and_a_revoked_key_are_401(client, office_key):
    key, headers = office_key
    assert client.get("/api/v1/applications").status_code == 401
    wrong = client.get("/api/v1/applications", HTTP_AUTHORIZATION="Bearer dvc_key_nope")
    assert wrong.status_code == 401
    assert wrong["WWW-Authenticate"] == 'Bearer realm="api"'
    assert client.get("/api/v1/applications", **headers).status_code == 200
    keys.revoke(key)
    assert client.get("/api/v1/applications", **headers).status_code == 401


def test_a_personal_token_is_not_an_integrator_key(client, applicant):
    _token, secret = keys.issue_personal_token(user=applicant, name="Điện thoại")
    response = client.get("/api/v1/applications", HTTP_AUTHORIZATION=f"Bearer {secret}")
    assert response.status_code == 401


def test_only_a_hash_of_the_secret_is_stored(office_key):
    key, headers = office_key
    secret = headers["HTTP_AUTHORIZATION"].removeprefix("Bearer ")
    key.refresh_from_db()
    assert secret not in (key.secret_hash, key.prefix)
    assert secret.startswith(key.prefix)
    assert key.secret_hash == keys.digest(secret)


def test_another_units_application_is_as_unknown_as_a_missing_one(
    client, office_key, division_application
):
    _key, headers = office_key
    other = client.get(f"/api/v1/applications/{division_application.dossier_code}", **headers)
    missing = client.get("/api/v1/applications/000.03.12.H34-261202-9999", **headers)
    assert other.status_code == missing.status_code == 404
    assert problem(other)["detail"] == problem(missing)["detail"]
    listed = client.get("/api/v1/applications", **headers).json()["items"]
    assert division_application.dossier_code not in [a["dossier_code"] for a in listed]
    accept = post(
        client, f"/api/v1/applications/{division_application.dossier_code}/accept", headers
    )
    assert accept.status_code == 404
    division_application.refresh_from_db()
    assert division_application.state == State.SUBMITTED


def test_the_list_pages_by_cursor_without_gaps_or_repeats(client, office_key):
    _key, headers = office_key
    codes = {ApplicationFactory(with_file=False).dossier_code for _ in range(5)}
    seen, cursor, pages = [], "", 0
    while True:
        body = client.get(f"/api/v1/applications?limit=2&cursor={cursor}", **headers).json()
        seen += [a["dossier_code"] for a in body["items"]]
        pages += 1
        if body["next_cursor"] is None:
            break
        cursor = body["next_cursor"]
    assert pages == 3
    assert sorted(seen) == sorted(codes)
    bad = client.get("/api/v1/applications?cursor=%%%", **headers)
    assert bad.status_code == 422
    assert problem(bad)["errors"][0]["loc"] == ["query", "cursor"]


def test_the_list_filters_by_state(client, office_key):
    _key, headers = office_key
    accepted = ApplicationFactory(accepted=True)
    ApplicationFactory()
    items = client.get("/api/v1/applications?state=accepted", **headers).json()["items"]
    assert [a["dossier_code"] for a in items] == [accepted.dossier_code]
    assert client.get("/api/v1/applications?state=khong-co", **headers).status_code == 422


def test_one_application_with_answers_files_and_log(client, office_key, office_application):
    _key, headers = office_key
    body = client.get(f"/api/v1/applications/{office_application.dossier_code}", **headers).json()
    assert body["applicant"]["id_number"] == "056190000123"
    assert body["answers"]["ten_ban_tin"] == "Bản tin Khoa học Khánh Hòa"
    assert [e["action"] for e in body["events"]] == ["submit"]
    assert set(body["allowed_actions"]) == {"accept", "request_supplement", "refuse"}
    (attachment,) = body["files"]
    download = client.get(attachment["url"].removeprefix("http://testserver"), **headers)
    assert download.status_code == 200
    assert b"".join(download.streaming_content) == PDF
    assert download["Cache-Control"] == "no-store, private"


def test_a_read_only_key_cannot_act(client, reader_key, office_application):
    _key, headers = reader_key
    response = post(
        client, f"/api/v1/applications/{office_application.dossier_code}/accept", headers
    )
    assert response.status_code == 403
    assert "Xử lý hồ sơ" in problem(response)["detail"]
    office_application.refresh_from_db()
    assert office_application.state == State.SUBMITTED


def test_the_desks_journey_through_the_api(client, office_key, office_application):
    key, headers = office_key
    base = f"/api/v1/applications/{office_application.dossier_code}"
    accepted = post(client, f"{base}/accept", headers, {"due_date": "2030-01-15"})
    assert accepted.status_code == 200, accepted.content
    assert accepted.json()["state"] == "accepted"
    assert accepted.json()["due_date"] == "2030-01-15"
    again = post(client, f"{base}/accept", headers)
    assert again.status_code == 409
    assert "Tiếp nhận hồ sơ" in problem(again)["detail"]
    assert post(client, f"{base}/start", headers, {"note": "Phòng chuyên môn"}).status_code == 200
    not_pdf = client.post(
        f"{base}/result", {"file": SimpleUploadedFile("a.png", PNG, "image/png")}, **headers
    )
    assert not_pdf.status_code == 422
    assert problem(not_pdf)["errors"][0]["loc"] == ["body", "file"]
    # A signed PDF changed after signing is the file's fault, not the application's state.
    from tests.tracking.pdf_signers import result_pdf
    from tests.tracking.test_signing import tampered
    from tracking.signing import sign_pdf

    broken = tampered(sign_pdf(result_pdf(), reason="Ký ban hành", location="Khánh Hòa"))
    refused = client.post(
        f"{base}/result",
        {"file": SimpleUploadedFile("giay-phep.pdf", broken, "application/pdf")},
        **headers,
    )
    assert refused.status_code == 422, refused.content
    assert problem(refused)["errors"][0]["loc"] == ["body", "file"]
    assert "chữ ký" in problem(refused)["detail"]
    result = client.post(
        f"{base}/result",
        {"file": SimpleUploadedFile("giay-phep.pdf", PDF, "application/pdf"), "note": "Đã ký"},
        **headers,
    )
    assert result.status_code == 200, result.content
    assert result.json()["state"] == "decided"
    delivered = post(client, f"{base}/deliver", headers)
    assert delivered.json()["state"] == "delivered"
    events = delivered.json()["events"]
    assert [e["action"] for e in events] == ["submit", "accept", "start", "decide", "deliver"]
    assert {e["actor"] for e in events[1:]} == {"Hệ thống một cửa tỉnh (API)"}
    assert ApiCall.objects.filter(api_key=key, path=f"{base}/accept", status=409).exists()


def test_accept_refuses_a_due_date_in_the_past(client, office_key, office_application):
    _key, headers = office_key
    base = f"/api/v1/applications/{office_application.dossier_code}"
    response = post(client, f"{base}/accept", headers, {"due_date": "2020-01-01"})
    assert response.status_code == 422
    assert problem(response)["errors"][0]["loc"] == ["body", "due_date"]
    malformed = post(client, f"{base}/accept", headers, {"due_date": "mai"})
    assert malformed.status_code == 422
    assert problem(malformed)["errors"][0]["loc"] == ["body", "due_date"]


def test_refuse_needs_reasons(client, office_key, office_application):
    _key, headers = office_key
    base = f"/api/v1/applications/{office_application.dossier_code}"
    assert post(client, f"{base}/refuse", headers, {}).status_code == 422
    refused = post(client, f"{base}/refuse", headers, {"reasons": "Không thuộc thẩm quyền."})
    assert refused.json()["state"] == "refused"


@override_settings(API_RATE_PER_KEY="3/m")
def test_each_key_has_its_own_rate_limit(client, office_key, reader_key):
    _key, headers = office_key
    for _ in range(3):
        assert client.get("/api/v1/applications", **headers).status_code == 200
    limited = client.get("/api/v1/applications", **headers)
    assert limited.status_code == 429
    assert problem(limited)["status"] == 429
    assert client.get("/api/v1/applications", **reader_key[1]).status_code == 200


def acting_key(user):
    from api.constants import Scope
    from tests.factories import OFFICE, unit

    key, secret = keys.issue_api_key(
        name="Hệ thống một cửa tỉnh",
        units=[unit(OFFICE)],
        scopes=[Scope.READ, Scope.WRITE],
        acting_user=user,
    )
    return {"HTTP_AUTHORIZATION": f"Bearer {secret}"}


def test_an_action_is_logged_as_the_keys_account_while_it_may_act_at_the_desk(
    client, office_application
):
    from tests.factories import OFFICE
    from tests.tracking.test_desk import make_staff

    clerk = make_staff("mot-cua", OFFICE)
    clerk.first_name = "Lan"
    clerk.save()
    headers = acting_key(clerk)
    base = f"/api/v1/applications/{office_application.dossier_code}"
    assert post(client, f"{base}/accept", headers).status_code == 200
    assert office_application.events.latest("at").actor == clerk


@pytest.mark.parametrize("change", ["no permission to act", "another unit", "deactivated"])
def test_an_action_is_refused_once_the_keys_account_may_not_act(client, office_application, change):
    from tests.factories import DIVISION, OFFICE
    from tests.tracking.test_desk import make_staff

    clerk = make_staff(
        "mot-cua",
        DIVISION if change == "another unit" else OFFICE,
        can_act=change != "no permission to act",
    )
    if change == "deactivated":
        clerk.is_active = False
        clerk.save()
    headers = acting_key(clerk)
    response = post(
        client, f"/api/v1/applications/{office_application.dossier_code}/accept", headers
    )
    assert response.status_code == 403
    assert "không còn được xử lý hồ sơ này" in problem(response)["detail"]
    office_application.refresh_from_db()
    assert office_application.state == State.SUBMITTED
    english = post(
        client,
        f"/api/v1/applications/{office_application.dossier_code}/accept",
        {**headers, "HTTP_ACCEPT_LANGUAGE": "en"},
    )
    assert "may no longer handle this application at the desk" in problem(english)["detail"]


def test_the_key_form_refuses_an_account_that_may_not_act_for_its_units(db):
    from django.contrib.auth import get_user_model
    from django.utils import translation

    from api.constants import Scope
    from api.wagtail_hooks import ApiKeyForm
    from tests.factories import DIVISION, OFFICE, unit
    from tests.tracking.test_desk import make_staff

    clerk = make_staff("mot-cua", OFFICE)
    reader = make_staff("doc", OFFICE, can_act=False)
    get_user_model().objects.update(is_staff=True)
    data = {
        "name": "Hệ thống một cửa tỉnh",
        "units": [unit(OFFICE).pk, unit(DIVISION).pk],
        "scopes": [Scope.READ, Scope.WRITE],
        "acting_user": clerk.pk,
    }
    form = ApiKeyForm(data)
    assert not form.is_valid()
    assert "không phục vụ các đơn vị: Phòng Báo chí, Xuất bản" in str(form.errors["acting_user"])
    with translation.override("en"):
        english = ApiKeyForm(data)
        assert "does not serve these units: Press and Publishing Division" in str(
            english.errors["acting_user"]
        )
        # The units to choose from are named in English too.
        choices = [label for _pk, label in english.fields["units"].choices]
        assert f"Press and Publishing Division ({DIVISION})" in choices
    assert ApiKeyForm({**data, "units": [unit(OFFICE).pk]}).is_valid()
    form = ApiKeyForm({**data, "units": [unit(OFFICE).pk], "acting_user": reader.pk})
    assert "không có quyền xử lý hồ sơ" in str(form.errors["acting_user"])
