"""Retention per procedure: closed applications past it lose their personal data and
files (a daily task and a command); the dossier code and the statistics stay."""

import datetime

import pytest
from django.core.files.storage import storages
from django.core.management import call_command
from django.utils import timezone

from audit.models import AuditEntry
from core.outbox import NotRetryable
from tests.tracking.factories import ApplicationFactory
from tracking import retention, selectors
from tracking.constants import Action, State
from tracking.links import application_for_token, detail_token
from tracking.models import Application, NoticeEmail, Rating
from tracking.tasks import purge_expired_applications

pytestmark = pytest.mark.django_db


def later(months, days=1):
    return retention.months_after(timezone.now(), months) + datetime.timedelta(days=days)


@pytest.fixture
def delivered(consent_procedure):
    """A delivered application of the procedure kept 24 months, rated with a comment."""
    application = ApplicationFactory(procedure=consent_procedure, delivered=True)
    Rating.objects.create(
        application=application,
        overall=3,
        timeliness=3,
        transparency=3,
        staff=3,
        online=3,
        comment="Cán bộ Trần Văn Bình hướng dẫn tận tình, số của tôi 0905123456.",
    )
    return application


def test_a_closed_application_past_its_procedures_retention_is_purged(
    delivered, django_capture_on_commit_callbacks
):
    names = [f.file.name for f in delivered.files.all()]
    assert len(names) >= 2 and all(storages["private"].exists(n) for n in names)
    code, submitted_at = delivered.dossier_code, delivered.submitted_at
    with django_capture_on_commit_callbacks(execute=True):
        report = retention.purge_expired_applications(now=later(24))
    assert report.applications == 1 and report.files == len(names)
    application = Application.objects.get(pk=delivered.pk)
    # Personal data gone…
    assert application.applicant_name == application.applicant_phone == ""
    assert application.applicant_id_number == application.applicant_email == ""
    assert application.applicant_address == "" and application.answers == {}
    assert not application.files.exists()
    assert not any(storages["private"].exists(n) for n in names)
    assert application.rating.comment == ""
    assert not NoticeEmail.objects.filter(event__application=application).exclude(recipient="")
    # …what the statistics and the log need stays.
    assert (application.dossier_code, application.submitted_at) == (code, submitted_at)
    assert application.state == State.DELIVERED and application.procedure_code
    assert application.delivered_at is not None
    assert selectors.monthly_statistics(year=submitted_at.year)[0]["received"] == 1
    event = application.events.get(action=Action.PURGE_PERSONAL_DATA)
    assert event.data["retention_months"] == 24
    assert event.data["files_deleted"] == len(names)
    assert application.personal_data_purged_at is not None


def test_the_timeline_loses_notes_and_the_applicants_name(delivered):
    name = delivered.applicant_name
    retention.purge_expired_applications(now=later(24))
    events = Application.objects.get(pk=delivered.pk).events.all()
    assert not events.filter(actor_label=name).exists()
    assert events.filter(action=Action.SUBMIT, actor_label="Người nộp hồ sơ").exists()
    assert not events.exclude(note="").exists() and not events.exclude(public_note="").exists()


def test_the_signed_link_stops_working_once_purged(delivered, client):
    token = detail_token(delivered)
    assert application_for_token(token) == delivered
    retention.purge_expired_applications(now=later(24))
    assert application_for_token(token) is None
    assert client.get(f"/ho-so/{token}/").status_code == 404


def test_within_its_retention_an_application_is_kept(delivered):
    assert retention.purge_expired_applications(now=later(23, days=-1)).applications == 0
    assert Application.objects.get(pk=delivered.pk).applicant_name


def test_an_open_application_is_never_purged(consent_procedure):
    application = ApplicationFactory(procedure=consent_procedure, in_progress=True)
    assert retention.purge_expired_applications(now=later(600)).applications == 0
    assert retention.purge_personal_data(application=application, now=later(600)) is None
    assert Application.objects.get(pk=application.pk).applicant_name


def test_without_a_retention_of_its_own_the_default_applies(settings):
    settings.APPLICATION_RETENTION_MONTHS = 60
    application = ApplicationFactory(refused=True)  # no catalogue procedure
    assert retention.applications_past_retention(now=later(59)) == []
    assert retention.applications_past_retention(now=later(60)) == [application.pk]


def test_a_procedure_kept_permanently_is_never_purged(delivered, consent_procedure):
    consent_procedure.retention_months = 0
    consent_procedure.save()
    assert retention.purge_date(delivered) is None
    assert retention.applications_past_retention(now=later(1200)) == []


def test_the_daily_task_purges_once_and_the_purge_is_chained_in_the_audit_log(
    delivered, monkeypatch
):
    two_years_on = later(24)
    monkeypatch.setattr(timezone, "now", lambda: two_years_on)
    assert purge_expired_applications.delay().get() == 1
    assert purge_expired_applications.delay().get() == 0
    event = Application.objects.get(pk=delivered.pk).events.get(action=Action.PURGE_PERSONAL_DATA)
    entry = AuditEntry.objects.get(event_id=event.pk)
    assert entry.data["action"] == "purge_personal_data"
    assert entry.data["data"]["files_deleted"] == event.data["files_deleted"]


def test_the_command_lists_then_purges(delivered, capsys, monkeypatch):
    two_years_on = later(24)
    monkeypatch.setattr(timezone, "now", lambda: two_years_on)
    call_command("purge_expired_applications", "--dry-run")
    out = capsys.readouterr().out
    assert delivered.dossier_code in out and "1 hồ sơ đã quá thời hạn lưu trữ" in out
    assert Application.objects.get(pk=delivered.pk).applicant_name
    call_command("purge_expired_applications")
    assert "Đã xóa dữ liệu cá nhân của 1 hồ sơ" in capsys.readouterr().out
    assert Application.objects.get(pk=delivered.pk).applicant_name == ""


def test_the_desk_shows_a_purged_application_without_its_data(delivered, client, clerk):
    retention.purge_expired_applications(now=later(24))
    html = client.get(f"/admin/ho-so/{delivered.pk}/").content.decode()
    assert "khi hết thời hạn lưu trữ" in html
    assert "0905123456" not in html


def test_months_are_calendar_months():
    moment = datetime.datetime(2026, 3, 31, 12, 0, tzinfo=datetime.UTC)
    assert retention.months_before(moment, 1) == datetime.datetime(
        2026, 2, 28, 12, 0, tzinfo=datetime.UTC
    )
    assert retention.months_after(moment, 24).date() == datetime.date(2028, 3, 31)
    assert retention.months_before(moment, 15).date() == datetime.date(2024, 12, 31)


def test_the_national_syncs_copies_go_with_the_purge(settings, tmp_path):
    from core.outbox import OutboxState
    from national.models import NationalMessage, ReceivedApplication

    settings.NATIONAL_TRANSPORT = "folder"
    settings.NATIONAL_FOLDER = tmp_path
    settings.APPLICATION_RETENTION_MONTHS = 12
    application = ApplicationFactory(refused=True)
    messages = NationalMessage.objects.filter(application=application)
    assert "Nguyễn Thị Hoa" in str(list(messages.values_list("payload", flat=True)))
    messages.update(state=OutboxState.SENT)
    ReceivedApplication.objects.create(
        national_code=application.dossier_code,
        application=application,
        channel="push",
        outcome="created",
        record={"ChuHoSo": "Nguyễn Thị Hoa"},
    )
    retention.purge_expired_applications(now=later(12))
    assert "Nguyễn Thị Hoa" not in str(list(messages.values_list("payload", flat=True)))
    assert ReceivedApplication.objects.get(application=application).record == {}
    # The purge itself is not sent to the national portal.
    assert not messages.filter(event__action=Action.PURGE_PERSONAL_DATA).exists()


def test_the_document_exchanges_copies_go_with_the_purge(settings):
    from core.outbox import OutboxState
    from tracking.exchange.models import ExchangeMessage, InboundPackage

    settings.APPLICATION_RETENTION_MONTHS = 12
    application = ApplicationFactory(refused=True)
    sent = ExchangeMessage.objects.create(
        application=application,
        document_id="1,2026/12/03,1/TNHS",
        from_organ_id="000.00.12.H34",
        to_organ_id="000.00.12.H34",
        state=OutboxState.SENT,
        package=b"<edXML>Nguyen Thi Hoa 056190000123</edXML>",
    )
    unsent = ExchangeMessage.objects.create(
        application=application,
        document_id="2,2026/12/03,1/TNHS",
        from_organ_id="000.00.12.H34",
        to_organ_id="000.00.12.H34",
        state=OutboxState.QUEUED,
        package=b"<edXML>Nguyen Thi Hoa</edXML>",
    )
    status = InboundPackage.objects.create(
        message=sent, raw=b"<edXML>Nguyen Thi Hoa</edXML>", description="Trả lời bà Hoa"
    )
    retention.purge_expired_applications(now=later(12))
    sent.refresh_from_db()
    status.refresh_from_db()
    unsent.refresh_from_db()
    assert bytes(sent.package) == b"" and sent.document_id == "1,2026/12/03,1/TNHS"
    assert bytes(status.raw) == b"" and status.description == ""
    # Not sent by the end of the retention, never sent: withdrawn, its package gone, and
    # neither the sweeper nor staff can send it again.
    assert bytes(unsent.package) == b""
    assert unsent.state == OutboxState.WITHDRAWN
    assert "hết thời hạn lưu trữ" in unsent.last_error
    from tracking.exchange import operations as exchange
    from tracking.operations import TrackingError

    with pytest.raises(TrackingError, match="Chỉ gửi lại được"):
        exchange.retry_message(message=unsent)
    assert exchange.sweep_outbox(now=later(13)) == []
    assert exchange.OUTBOX.send(unsent.pk).state == OutboxState.WITHDRAWN


def test_notices_and_national_requests_not_sent_are_withdrawn_at_the_purge(settings, tmp_path):
    from core.outbox import OutboxState
    from national import sync
    from national.models import NationalMessage
    from tracking import notifications
    from tracking.models import NoticeEmail

    settings.NATIONAL_TRANSPORT = "folder"
    settings.NATIONAL_FOLDER = tmp_path
    settings.APPLICATION_RETENTION_MONTHS = 12
    application = ApplicationFactory(refused=True)
    requests = NationalMessage.objects.filter(application=application)
    assert requests.exists()
    requests.update(state=OutboxState.FAILED)
    notices = NoticeEmail.objects.filter(event__application=application)
    assert notices.exists()
    notices.update(state=OutboxState.QUEUED)
    retention.purge_expired_applications(now=later(12))
    for request in requests:
        assert request.state == OutboxState.WITHDRAWN
        assert "Nguyễn Thị Hoa" not in str(request.payload)
        with pytest.raises(NotRetryable):
            sync.OUTBOX.requeue(request)
    for notice in notices:
        assert notice.state == OutboxState.WITHDRAWN and notice.recipient == ""
        assert notifications.send_notice(notice_id=notice.pk).state == OutboxState.WITHDRAWN
