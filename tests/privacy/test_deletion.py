"""An applicant deletes their account: at once, confirmed, by a CSRF-protected POST; the
applications stay, detached, until their retention ends."""

import datetime

import pytest
from django.contrib.auth import get_user_model
from django.core import mail
from django.test import Client

from accounts.models import ApplicantProfile
from api.keys import issue_personal_token
from api.models import PersonalAccessToken
from audit.constants import AuditAction
from audit.models import AuditEntry
from forms.models import Draft, FormVersion
from tests.tracking.factories import ApplicationFactory
from tracking import retention
from tracking.models import Application

from .conftest import PASSWORD, make_staff

pytestmark = pytest.mark.django_db

URL = "/tai-khoan/du-lieu-cua-toi/xoa-tai-khoan/"
SECOND = datetime.timedelta(seconds=1)
CONFIRMED = {"confirmation": PASSWORD, "understood": "on"}


def test_a_wrong_password_deletes_nothing(client, applicant):
    client.force_login(applicant)
    response = client.post(URL, {"confirmation": "sai-mat-khau", "understood": "on"})
    assert response.status_code == 400
    assert "Mật khẩu không đúng." in response.content.decode()
    assert get_user_model().objects.filter(pk=applicant.pk).exists()


def test_the_consequences_must_be_acknowledged(client, applicant):
    client.force_login(applicant)
    response = client.post(URL, {"confirmation": PASSWORD})
    assert response.status_code == 400
    assert "Vui lòng đánh dấu để xác nhận bạn đã hiểu." in response.content.decode()
    assert get_user_model().objects.filter(pk=applicant.pk).exists()


def test_without_the_csrf_token_nothing_happens(applicant):
    client = Client(enforce_csrf_checks=True)
    client.force_login(applicant)
    assert client.post(URL, CONFIRMED).status_code == 403
    assert get_user_model().objects.filter(pk=applicant.pk).exists()


def test_a_get_deletes_nothing(client, applicant):
    client.force_login(applicant)
    assert client.get(URL).status_code == 405


def test_the_account_goes_at_once_and_its_applications_stay_detached(
    client, applicant, consent_procedure, django_capture_on_commit_callbacks
):
    client.force_login(applicant)
    kept = ApplicationFactory(user=applicant, refused=True)
    Draft.objects.create(
        version=FormVersion.objects.filter(definition__slug="dang-ky-thong-tin").get(),
        user=applicant,
    )
    issue_personal_token(user=applicant, name="Ứng dụng")
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, CONFIRMED)
    html = response.content.decode()
    assert response.status_code == 200
    assert "Tài khoản đã được xóa" in html and kept.dossier_code in html
    assert not get_user_model().objects.filter(pk=applicant.pk).exists()
    assert not ApplicantProfile.objects.exists()
    assert not Draft.objects.exists() and not PersonalAccessToken.objects.exists()
    application = Application.objects.get(pk=kept.pk)
    assert application.user is None
    assert application.applicant_name == "Nguyễn Thị Hoa"  # kept for its retention
    assert "_auth_user_id" not in client.session
    assert mail.outbox[-1].to == ["hoa.nguyen@example.vn"]
    assert "đã được xóa" in mail.outbox[-1].subject


def test_the_kept_applications_are_purged_when_their_retention_ends(client, applicant, settings):
    client.force_login(applicant)
    settings.APPLICATION_RETENTION_MONTHS = 12
    kept = ApplicationFactory(user=applicant, refused=True)
    client.post(URL, CONFIRMED)
    closed = kept.events.get(action="refuse").at
    retention.purge_expired_applications(now=retention.months_after(closed, 12) + SECOND)
    assert Application.objects.get(pk=kept.pk).applicant_name == ""


def test_the_deletion_is_recorded_without_naming_the_person(client, applicant):
    client.force_login(applicant)
    kept = ApplicationFactory(user=applicant)
    user_id = applicant.pk
    client.post(URL, CONFIRMED)
    entry = AuditEntry.objects.get(action=AuditAction.ACCOUNT_DELETED)
    assert entry.object_id == str(user_id)
    assert entry.data == {"applications_kept": [kept.dossier_code], "drafts_deleted": 0}
    assert "hoa.nguyen" not in str(entry.data) + entry.actor_label + entry.object_label


def test_an_account_without_a_password_confirms_with_its_email(client, db):
    user = get_user_model().objects.create_user("vneid-123", "lan@example.vn")
    user.set_unusable_password()
    user.save()
    client.force_login(user)
    page = client.get("/tai-khoan/du-lieu-cua-toi/").content.decode()
    assert "Địa chỉ thư điện tử của tài khoản" in page
    assert (
        client.post(URL, {"confirmation": "khac@example.vn", "understood": "on"}).status_code == 400
    )
    response = client.post(URL, {"confirmation": "LAN@example.vn", "understood": "on"})
    assert response.status_code == 200
    assert not get_user_model().objects.filter(pk=user.pk).exists()


def test_a_staff_account_is_not_deleted_here(client, db):
    clerk = make_staff("can-bo")
    clerk.set_password(PASSWORD)
    clerk.save()
    client.force_login(clerk)
    assert (
        "do quản trị viên của cơ quan quản lý"
        in client.get("/tai-khoan/du-lieu-cua-toi/").content.decode()
    )
    response = client.post(URL, CONFIRMED)
    assert response.status_code == 400
    assert get_user_model().objects.filter(pk=clerk.pk).exists()
