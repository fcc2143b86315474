"""The national sync on the desk: each application's panel, the dashboard of what is
pending or failed, the request as sent, and the re-send, within the clerk's units."""

import pytest

from core.outbox import OutboxState
from national.constants import Service
from national.models import NationalMessage
from national.sync import OUTBOX
from tests.factories import DIVISION, OFFICE
from tests.national.conftest import send_all
from tests.tracking.factories import ApplicationFactory
from tests.tracking.test_desk import make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def clerk(client):
    user = make_staff("mot-cua", OFFICE)
    client.force_login(user)
    return user


def test_the_application_page_tells_whether_and_when_it_was_synchronised(
    client, clerk, fake_portal, sent_later, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True)
    send_all(sent_later)
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Đồng bộ Cổng Dịch vụ công quốc gia" in html
    assert html.count("Đồng bộ hồ sơ") == 2  # created, then updated at acceptance
    assert "Cập nhật tiến độ xử lý" in html
    assert "Đã gửi" in html
    assert "Lần Cổng quốc gia nhận đồng bộ gần nhất: chưa có" not in html


def test_the_dashboard_lists_failed_requests_and_staff_send_them_again(
    client, clerk, fake_portal, sent_later, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory()
    fake_portal.error_next(1, code="2")
    send_all(sent_later)
    failed = NationalMessage.objects.get(application=application)
    assert failed.state == OutboxState.FAILED
    page = client.get("/admin/dvcqg/").content.decode()
    assert "Yêu cầu gửi thất bại hoặc đang chờ lâu" in page
    assert application.dossier_code in page
    assert "error_code 2" in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(f"/admin/dvcqg/yeu-cau/{failed.pk}/gui-lai/", follow=True)
    assert "Đã đưa yêu cầu" in response.content.decode()
    send_all(sent_later)
    failed.refresh_from_db()
    assert failed.state == OutboxState.SENT
    assert len(fake_portal.received(Service.APPLICATION, application.dossier_code)) == 1
    again = client.post(f"/admin/dvcqg/yeu-cau/{failed.pk}/gui-lai/", follow=True)
    assert "Chỉ gửi lại được" in again.content.decode()


def test_the_request_is_shown_as_plain_text(client, clerk, fake_portal):
    application = ApplicationFactory()
    message = NationalMessage.objects.get(application=application)
    response = client.get(f"/admin/dvcqg/yeu-cau/{message.pk}/")
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert response["Content-Security-Policy"] == "sandbox; default-src 'none'"
    body = response.content.decode()
    assert '"service": "DongBoHoSoMC"' in body
    assert "Nguyễn Thị Hoa" in body  # UTF-8, not escaped


def test_a_clerk_sees_and_resends_only_the_requests_of_their_units(client, clerk, fake_portal):
    other = ApplicationFactory(unit_code=DIVISION)
    message = NationalMessage.objects.get(application=other)
    NationalMessage.objects.filter(pk=message.pk).update(state=OutboxState.FAILED)
    assert other.dossier_code not in client.get("/admin/dvcqg/").content.decode()
    assert client.get(f"/admin/dvcqg/yeu-cau/{message.pk}/").status_code == 404
    assert client.post(f"/admin/dvcqg/yeu-cau/{message.pk}/gui-lai/").status_code == 404
    reader = make_staff("chi-xem", DIVISION, can_act=False)
    client.force_login(reader)
    refused = client.post(f"/admin/dvcqg/yeu-cau/{message.pk}/gui-lai/")
    assert (refused.status_code, refused["Location"]) == (302, "/admin/")  # Wagtail's denial
    assert OUTBOX.model.objects.get(pk=message.pk).state == OutboxState.FAILED


def test_the_dashboard_says_when_the_sync_is_off(client, clerk, settings):
    settings.NATIONAL_TRANSPORT = ""
    assert "Chưa bật đồng bộ với Cổng quốc gia" in client.get("/admin/dvcqg/").content.decode()
