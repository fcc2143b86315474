"""Identity and phone numbers masked on the desk's lists, in full on the application
page, whose every opening is logged."""

import pytest

from audit.constants import AuditAction
from audit.models import AuditEntry
from tests.tracking.factories import ApplicationFactory
from tracking.privacy import masked

pytestmark = pytest.mark.django_db

ID_NUMBER = "056190000123"  # the factories' applicant
PHONE = "0905123456"


@pytest.mark.parametrize(
    ("value", "shown"),
    [
        ("056190000123", "•••••••••123"),
        ("0905 123 456", "•••••••456"),
        ("+84905123456", "••••••••456"),
        ("123", "•••"),
        ("", ""),
    ],
)
def test_masked_shows_only_the_last_three_characters(value, shown):
    assert masked(value) == shown


def test_masked_never_shows_the_four_digits_the_public_lookup_asks_for():
    assert PHONE[-4:] not in masked(PHONE)


def test_the_desk_queue_masks_identity_and_phone_numbers(client, clerk):
    ApplicationFactory()
    html = client.get("/admin/ho-so/").content.decode()
    assert "•••••••••123" in html and "•••••••456" in html
    assert ID_NUMBER not in html and PHONE not in html


def test_the_queues_search_results_mask_them_too(client, clerk):
    ApplicationFactory()
    html = client.get("/admin/ho-so/", {"q": "Nguyễn Thị Hoa"}).content.decode()
    assert "Nguyễn Thị Hoa" in html
    assert ID_NUMBER not in html and PHONE not in html


def test_the_application_page_shows_them_in_full_and_logs_the_access(client, clerk):
    application = ApplicationFactory()
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert ID_NUMBER in html and PHONE in html
    entry = AuditEntry.objects.get(action=AuditAction.PERSONAL_DATA_VIEWED)
    assert (entry.object_id, entry.object_label) == (str(application.pk), application.dossier_code)
    assert (entry.actor_user_id, entry.actor_label) == (clerk.pk, "mot-cua")


def test_a_file_downloaded_by_staff_is_logged_with_its_digest(client, clerk):
    application = ApplicationFactory()
    upload = application.files.get()
    response = client.get(f"/admin/ho-so/{application.pk}/tep/{upload.pk}/")
    assert response.status_code == 200
    entry = AuditEntry.objects.get(action=AuditAction.FILE_DOWNLOADED)
    assert entry.data["file_id"] == upload.pk
    assert entry.data["sha256"] == upload.sha256
    assert entry.actor_user_id == clerk.pk


def test_a_refused_action_showing_the_page_again_is_logged_too(client, clerk):
    application = ApplicationFactory()
    response = client.post(
        f"/admin/ho-so/{application.pk}/", {"action": "refuse", "refuse-reasons": ""}
    )
    assert response.status_code == 400
    assert AuditEntry.objects.filter(action=AuditAction.PERSONAL_DATA_VIEWED).count() == 1


def test_staff_of_another_unit_get_nothing_and_nothing_is_logged(client):
    from .conftest import make_staff

    application = ApplicationFactory()
    client.force_login(make_staff("don-vi-khac", "000.03.12.H34"))
    assert client.get(f"/admin/ho-so/{application.pk}/").status_code == 404
    assert not AuditEntry.objects.filter(action=AuditAction.PERSONAL_DATA_VIEWED).exists()
