"""E-mail notices go through the outbox: written with the event, sent after commit,
retried, failed visibly on the desk's timeline and sent again by staff."""

import smtplib

import pytest
from django.core import mail
from django.core.mail import EmailMessage

from tests.tracking.factories import ApplicationFactory
from tests.tracking.test_desk import make_staff
from tracking import notifications, operations
from tracking.constants import Action
from tracking.models import NoticeEmail

pytestmark = pytest.mark.django_db


class BrokenBroker:
    def delay(self, *args):
        raise ConnectionRefusedError("broker down")


@pytest.fixture
def broker_down(monkeypatch):
    monkeypatch.setattr(notifications.OUTBOX, "_task", BrokenBroker)


@pytest.fixture
def mail_server_down(monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMessage, "send", refuse)


def notice_of(application, action):
    return NoticeEmail.objects.get(event__application=application, event__action=action)


def test_each_event_the_applicant_hears_of_has_a_notice_sent_after_commit(
    django_capture_on_commit_callbacks,
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True)
    notices = NoticeEmail.objects.filter(event__application=application).order_by("pk")
    assert [n.event.action for n in notices] == [Action.SUBMIT, Action.ACCEPT]
    assert {n.state for n in notices} == {"sent"}
    assert all(n.sent_at and n.attempts == 1 for n in notices)
    assert [m.to for m in mail.outbox] == [["hoa.nguyen@example.vn"]] * 2
    assert application.dossier_code in mail.outbox[1].subject


def test_no_notice_without_an_address_or_for_internal_events(django_capture_on_commit_callbacks):
    application = ApplicationFactory(
        applicant=operations.Applicant(full_name="Lê Văn Không Thư"), accepted=True
    )
    assert not NoticeEmail.objects.filter(event__application=application).exists()
    other = ApplicationFactory(accepted=True)
    operations.record_exchange_status(application=other, note="[01] Đã đến")
    assert not NoticeEmail.objects.filter(event__action=Action.EXCHANGE_STATUS).exists()


def test_with_the_broker_down_the_notice_waits_and_the_sweeper_sends_it(
    broker_down, monkeypatch, settings, django_capture_on_commit_callbacks
):
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True)
    notice = notice_of(application, Action.ACCEPT)
    assert (notice.state, notice.attempts) == ("queued", 0)
    assert mail.outbox == []

    monkeypatch.undo()  # the broker is back
    settings.NOTICE_STUCK_AFTER_SECONDS = 0
    assert notice.pk in notifications.sweep_notices()
    notice.refresh_from_db()
    assert notice.state == "sent"
    assert len(mail.outbox) == 2


def test_a_mail_server_outage_is_retried_then_shown_failed_on_the_desk(
    mail_server_down, monkeypatch, settings, client, django_capture_on_commit_callbacks
):
    settings.NOTICE_MAX_ATTEMPTS = 2
    application = ApplicationFactory(accepted=True)
    notice = notice_of(application, Action.ACCEPT)
    first = notifications.send_notice(notice_id=notice.pk)
    assert first.state == "queued" and first.retry_in is not None
    notice.refresh_from_db()
    assert "SMTPServerDisconnected" in notice.last_error
    assert notifications.send_notice(notice_id=notice.pk).state == "failed"

    client.force_login(make_staff("mot-cua", "000.01.12.H34"))
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Gửi thất bại" in html and "Đã thử 2 lần" in html
    resend = f"/admin/ho-so/{application.pk}/thu-bao/{notice.pk}/gui-lai/"
    assert resend in html

    monkeypatch.undo()  # the mail server is back
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(resend)
    assert response.status_code == 302
    notice.refresh_from_db()
    assert (notice.state, notice.attempts) == ("sent", 1)
    assert len(mail.outbox) == 1
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Đã gửi tới hoa.nguyen@example.vn" in html


def test_an_address_the_mail_server_refuses_fails_at_once(monkeypatch):
    def refuse(self, fail_silently=False):
        raise smtplib.SMTPRecipientsRefused({"hoa.nguyen@example.vn": (550, b"No such user")})

    monkeypatch.setattr(EmailMessage, "send", refuse)
    application = ApplicationFactory()
    notice = notice_of(application, Action.SUBMIT)
    assert notifications.send_notice(notice_id=notice.pk).state == "failed"
    notice.refresh_from_db()
    assert notice.attempts == 1
    assert notice.last_error == "Máy chủ thư từ chối địa chỉ hoa.nguyen@example.vn."


def test_only_staff_of_the_unit_who_may_act_can_resend(client, settings):
    application = ApplicationFactory()
    notice = notice_of(application, Action.SUBMIT)
    NoticeEmail.objects.filter(pk=notice.pk).update(state="failed")
    resend = f"/admin/ho-so/{application.pk}/thu-bao/{notice.pk}/gui-lai/"
    client.force_login(make_staff("xem-thoi", "000.01.12.H34", can_act=False))
    response = client.post(resend)
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "no permission"
    client.force_login(make_staff("don-vi-khac", "000.03.12.H34"))
    assert client.post(resend).status_code == 404
    notice.refresh_from_db()
    assert notice.state == "failed"


def test_a_notice_already_sent_is_not_sent_again(client):
    application = ApplicationFactory()
    notice = notice_of(application, Action.SUBMIT)
    NoticeEmail.objects.filter(pk=notice.pk).update(state="sent")
    client.force_login(make_staff("mot-cua", "000.01.12.H34"))
    response = client.post(
        f"/admin/ho-so/{application.pk}/thu-bao/{notice.pk}/gui-lai/", follow=True
    )
    assert "Chỉ gửi lại được thư hoặc gói tin đã gửi thất bại." in response.content.decode()
    notice.refresh_from_db()
    assert notice.state == "sent"
