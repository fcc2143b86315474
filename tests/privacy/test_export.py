"""A signed-in applicant downloads everything the portal holds about them."""

import io
import json
import zipfile

import pytest

from api.keys import issue_personal_token
from audit.constants import AuditAction
from audit.models import AuditEntry
from forms.models import Draft, FormVersion
from tests.tracking.factories import MINIMAL_PDF, ApplicationFactory
from tracking.models import Rating

from .conftest import make_applicant

pytestmark = pytest.mark.django_db

URL = "/tai-khoan/du-lieu-cua-toi/tai-ve/"


@pytest.fixture
def signed_in(client, applicant):
    client.force_login(applicant)
    return applicant


def download_json(client):
    response = client.post(URL, {"format": "json"})
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/json")
    assert "attachment;" in response["Content-Disposition"]
    return json.loads(response.content)


def test_the_page_explains_and_offers_the_download_and_the_deletion(client, signed_in):
    html = client.get("/tai-khoan/du-lieu-cua-toi/").content.decode()
    assert "Tải về dữ liệu của tôi" in html and "Xóa tài khoản" in html
    assert 'action="/tai-khoan/du-lieu-cua-toi/tai-ve/"' in html
    assert 'href="/bao-ve-du-lieu-ca-nhan/"' in html


def test_the_json_holds_account_profile_applications_drafts_payments_and_tokens(
    client, signed_in, consent_procedure
):
    application = ApplicationFactory(user=signed_in, delivered=True)
    Rating.objects.create(
        application=application, overall=3, timeliness=3, transparency=2, staff=3, online=3
    )
    Draft.objects.create(
        version=FormVersion.objects.filter(definition__slug="dang-ky-thong-tin").get(),
        user=signed_in,
        data={"extra_data": {"answers": {"buoc-1": {"ho_ten": "Nguyễn Thị Hoa"}}}},
    )
    issue_personal_token(user=signed_in, name="Ứng dụng của tôi")
    data = download_json(client)
    assert data["format"] == "portal.personal-data/1"
    assert data["account"]["email"] == "hoa.nguyen@example.vn"
    assert data["profile"]["id_number"] == "056190001234"
    [exported] = data["applications"]
    assert exported["dossier_code"] == application.dossier_code
    assert exported["applicant"]["phone"] == "0905123456"
    assert exported["answers"]["ten_ban_tin"] == "Bản tin Khoa học Khánh Hòa"
    assert [line["action"] for line in exported["timeline"]] == [
        "submit",
        "accept",
        "start",
        "decide",
        "deliver",
    ]
    assert {f["kind"] for f in exported["files"]} >= {"upload", "result"}
    assert exported["rating"]["transparency"] == 2
    assert exported["retention"]["months"] == 120
    assert exported["consent"] is None  # filed by the factory, not through the form
    assert data["drafts"][0]["answers"] == {"buoc-1": {"ho_ten": "Nguyễn Thị Hoa"}}
    assert data["payments"] == []
    assert data["api"]["personal_access_tokens"][0]["name"] == "Ứng dụng của tôi"
    assert "secret_hash" not in json.dumps(data)


def test_the_zip_holds_the_json_and_every_file(client, signed_in):
    application = ApplicationFactory(user=signed_in)
    response = client.post(URL, {"format": "zip"})
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    bundle = zipfile.ZipFile(io.BytesIO(b"".join(response.streaming_content)))
    data = json.loads(bundle.read("du-lieu-ca-nhan.json"))
    upload = data["applications"][0]["files"][0]
    assert upload["in_archive"].startswith(f"tep/{application.dossier_code}/")
    assert bundle.read(upload["in_archive"]) == MINIMAL_PDF


def test_another_persons_applications_are_not_in_it(client, signed_in):
    ApplicationFactory(user=make_applicant("khac@example.vn"))
    ApplicationFactory()  # filed without an account
    assert download_json(client)["applications"] == []


def test_the_download_needs_a_signed_in_post(client, applicant):
    assert client.post(URL, {"format": "json"}).status_code == 302  # to the sign-in page
    client.force_login(applicant)
    assert client.get(URL).status_code == 405


def test_the_download_is_refused_without_the_csrf_token(applicant):
    from django.test import Client

    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    assert client.post(URL, {"format": "json"}).status_code == 403


def test_each_download_is_recorded_in_the_audit_log(client, signed_in):
    ApplicationFactory(user=signed_in)
    download_json(client)
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_DATA_EXPORTED)
    assert entry.actor_user_id == signed_in.pk
    assert entry.data == {"format": "json", "applications": 1, "files": 0}


def test_downloads_are_limited_per_account(client, signed_in, settings):
    settings.ACCOUNTS_EXPORT_RATE = "2/h"
    assert client.post(URL, {"format": "json"}).status_code == 200
    assert client.post(URL, {"format": "json"}).status_code == 200
    assert client.post(URL, {"format": "json"}).status_code == 429
