"""Outbound sync: each change of an application reaches the national portal, in order,
in the guide's payloads (checked by the fake portal's schemas), once."""

from datetime import timedelta

import pytest
from django.utils import timezone

from core.outbox import OutboxState
from national import operations as national_operations
from national.constants import Service
from national.models import NationalMessage
from national.sync import OUTBOX
from tests.factories import online_procedure
from tests.national.conftest import send_all
from tests.tracking.factories import STEPS, ApplicationFactory
from tracking import operations

pytestmark = pytest.mark.django_db


def test_submission_and_each_change_are_synchronised_in_order(
    fake_portal, sent_later, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(decided=True)
    send_all(sent_later)
    code = application.dossier_code
    assert fake_portal.refused == []
    created, *updates = fake_portal.received(Service.APPLICATION, code)
    assert created["isUpdating"] == "False"
    assert created["data"][0]["TrangThaiHoSo"] == "1"
    assert [u["data"][0]["TrangThaiHoSo"] for u in updates] == ["2", "4", "9"]
    assert updates[-1]["data"][0]["DanhSachGiayToKetQua"][0]["TenGiayTo"] == "Giấy phép"
    progress = fake_portal.received(Service.PROGRESS, code)
    assert [p["data"][0]["TrangThai"] for p in progress] == ["2", "4", "9"]
    assert set(NationalMessage.objects.values_list("state", flat=True)) == {OutboxState.SENT}


def test_payment_postal_dispatch_and_rating_have_their_own_requests(
    fake_portal, sent_later, django_capture_on_commit_callbacks
):
    procedure = online_procedure(level=4, fees=[("Lệ phí", 150_000)])
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(
            procedure=procedure, delivery_method="post", postal_address="12 Trần Phú, Nha Trang"
        )
        assert application.state == "awaiting_payment"
        operations.record_payment(
            application=application,
            data={
                "provider": "vnpay",
                "order_ref": "DH-1",
                "amount": 150_000,
                "transaction_no": "14",
            },
        )
        for step in ("accept", "start", "decide"):
            STEPS[step](application)
        operations.send_result_by_post(
            application=application, actor="Cán bộ một cửa", tracking_number="EB123456789VN"
        )
        application.refresh_from_db()
        operations.rate_application(
            application=application,
            answers={"overall": 5, "timeliness": 4, "transparency": 5, "staff": 5, "online": 4},
        )
    send_all(sent_later)
    code = application.dossier_code
    assert fake_portal.refused == []
    [paid] = fake_portal.received(Service.PAYMENT, code)
    assert paid["data"][0]["SoTien"] == 150_000
    [posted] = fake_portal.received(Service.POSTAL, code)
    assert posted["data"][0]["SoHieuBuuGui"] == "EB123456789VN"
    [rated] = fake_portal.received(Service.RATING, code)
    assert rated["data"][0]["MucDoHaiLong"] == 5
    last = fake_portal.received(Service.APPLICATION, code)[-1]["data"][0]
    assert last["TrangThaiHoSo"] == "10"
    assert last["HinhThuc"] == "1"


def test_nothing_is_queued_while_the_sync_is_off(settings):
    settings.NATIONAL_TRANSPORT = ""
    ApplicationFactory(accepted=True)
    assert not NationalMessage.objects.exists()


def test_an_outage_is_retried_with_the_same_key_and_counted_once(fake_portal, sent_later):
    application = ApplicationFactory()
    [message] = NationalMessage.objects.filter(application=application)
    fake_portal.fail_next(1, status=503)
    assert OUTBOX.send(message.pk).state == OutboxState.QUEUED
    message.refresh_from_db()
    assert "HTTP 503" in message.last_error
    NationalMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert OUTBOX.send(message.pk).state == OutboxState.SENT
    # The answer was lost after the peer took it: the re-send is the same request.
    NationalMessage.objects.filter(pk=message.pk).update(state=OutboxState.QUEUED)
    assert OUTBOX.send(message.pk).state == OutboxState.SENT
    assert len(fake_portal.received(Service.APPLICATION, application.dossier_code)) == 1
    assert fake_portal.duplicates[message.key] == 1


def test_a_hanging_peer_times_out_and_is_retried(fake_portal):
    application = ApplicationFactory()
    [message] = NationalMessage.objects.filter(application=application)
    fake_portal.hang_next(1, seconds=2.5)
    assert OUTBOX.send(message.pk).state == OutboxState.QUEUED
    message.refresh_from_db()
    assert "Timeout" in message.last_error or "timed out" in message.last_error
    NationalMessage.objects.filter(pk=message.pk).update(next_attempt_at=timezone.now())
    assert OUTBOX.send(message.pk).state == OutboxState.SENT


def test_an_expired_session_is_renewed_without_losing_the_request(
    fake_portal, sent_later, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        first = ApplicationFactory()
    send_all(sent_later)
    fake_portal.forget_sessions()
    signed_in = fake_portal.sign_ins
    with django_capture_on_commit_callbacks(execute=True):
        second = ApplicationFactory()
    send_all(sent_later)
    assert fake_portal.sign_ins == signed_in + 1
    for application in (first, second):
        assert len(fake_portal.received(Service.APPLICATION, application.dossier_code)) == 1


def test_a_refusal_fails_the_request_and_holds_the_later_ones_until_re_sent(
    fake_portal, sent_later, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory()
    fake_portal.error_next(1, code="2")
    send_all(sent_later)
    created = NationalMessage.objects.get(application=application)
    assert created.state == OutboxState.FAILED
    assert "error_code 2" in created.last_error
    with django_capture_on_commit_callbacks(execute=True):
        operations.accept_application(
            application=application, actor="Cán bộ một cửa", due_date=timezone.localdate()
        )
    send_all(sent_later)
    later = NationalMessage.objects.filter(application=application).exclude(pk=created.pk)
    assert set(later.values_list("state", flat=True)) == {OutboxState.QUEUED}
    assert fake_portal.received(code=application.dossier_code) == []
    # Staff send the refused one again: it goes, then the ones behind it, in order.
    with django_capture_on_commit_callbacks(execute=True):
        national_operations.resend(created)
    send_all(sent_later)
    services = [body["service"] for body in fake_portal.received(code=application.dossier_code)]
    assert services == [Service.APPLICATION, Service.APPLICATION, Service.PROGRESS]
    assert fake_portal.received(code=application.dossier_code)[0]["isUpdating"] == "False"


def test_the_sweeper_sends_only_the_first_unsent_request_of_each_application(
    fake_portal, sent_later
):
    application = ApplicationFactory(accepted=True)
    NationalMessage.objects.update(next_attempt_at=timezone.now() - timedelta(hours=1))
    first = NationalMessage.objects.filter(application=application).order_by("pk").first()
    assert OUTBOX.sweep() == [first.pk]
    send_all(sent_later)
    assert NationalMessage.objects.exclude(state=OutboxState.SENT).count() == 0


def test_a_withdrawn_request_neither_goes_nor_holds_up_the_ones_after_it(fake_portal, sent_later):
    application = ApplicationFactory(accepted=True)
    first, *later = NationalMessage.objects.filter(application=application).order_by("pk")
    OUTBOX.withdraw(NationalMessage.objects.filter(pk=first.pk), reason="thử", payload={})
    assert OUTBOX.send(first.pk).state == OutboxState.WITHDRAWN
    # A send that fails after the withdrawal does not make it failed (re-sendable) again.
    OUTBOX.fail(first.pk, "lỗi")
    first.refresh_from_db()
    assert first.state == OutboxState.WITHDRAWN and first.last_error == "thử"
    assert [OUTBOX.send(message.pk).state for message in later] == [OutboxState.SENT] * len(later)


def test_the_system_check_names_what_the_http_transport_lacks(settings):
    from django.core.checks import run_checks

    settings.NATIONAL_TRANSPORT = "http"
    settings.NATIONAL_URL = ""
    settings.NATIONAL_PASSWORD = ""
    ids = {error.id: error.msg for error in run_checks() if error.id.startswith("national.")}
    assert ids["national.E002"].endswith("is required when NATIONAL_TRANSPORT=http.")
    messages = {e.msg for e in run_checks() if e.id == "national.E002"}
    assert {m.split()[0] for m in messages} >= {"NATIONAL_URL", "NATIONAL_PASSWORD"}
    settings.NATIONAL_TRANSPORT = "no.such.Transport"
    assert [e.id for e in run_checks() if e.id.startswith("national.")] == ["national.E001"]


def test_the_folder_transport_writes_each_request_once_under_its_key(
    settings, tmp_path, sent_later, django_capture_on_commit_callbacks
):
    import json

    settings.NATIONAL_TRANSPORT = "folder"
    settings.NATIONAL_FOLDER = tmp_path
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True)
    send_all(sent_later)
    written = sorted((tmp_path / "outbox").glob("*.json"))
    assert len(written) == NationalMessage.objects.filter(application=application).count() == 3
    first = json.loads(written[0].read_text(encoding="utf-8"))
    assert first["service"] == "DongBoHoSoMC"
    assert first["data"][0]["ChuHoSo"] == "Nguyễn Thị Hoa"
    message = NationalMessage.objects.filter(application=application).first()
    NationalMessage.objects.filter(pk=message.pk).update(state=OutboxState.QUEUED)
    OUTBOX.send(message.pk)  # a re-send replaces its own file
    assert len(list((tmp_path / "outbox").glob("*.json"))) == 3


def test_an_application_older_than_the_sync_is_created_at_its_first_change(settings):
    settings.NATIONAL_TRANSPORT = ""
    application = ApplicationFactory()
    settings.NATIONAL_TRANSPORT = "folder"
    operations.accept_application(
        application=application, actor="Cán bộ một cửa", due_date=timezone.localdate()
    )
    first = NationalMessage.objects.filter(application=application).order_by("pk").first()
    assert (first.service, first.payload["isUpdating"]) == (Service.APPLICATION, "False")
    assert first.payload["data"][0]["TrangThaiHoSo"] == "2"
