"""The outbox: retries with backoff, the failed state on the desk, re-sending, sweeper,
health command and the admins' digest."""

import datetime
import io
import socket

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone

from tests.exchange.conftest import HMAC_UNIT, PEER_ID, TestPeer, peers_config
from tests.tracking.factories import ApplicationFactory
from tests.tracking.test_desk import make_staff
from tracking.exchange import operations
from tracking.exchange.constants import MessageState
from tracking.exchange.models import ExchangeMessage
from tracking.operations import TrackingError

pytestmark = pytest.mark.django_db


def closed_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture
def http_peer(settings, peer_credentials, exchange_peers):
    peer = TestPeer().start()
    settings.EXCHANGE_PEERS = peers_config(
        peer_credentials, transport="http", url=peer.url, timeout=3
    )
    yield peer
    peer.stop()


@pytest.fixture
def queued(exchange_peers):
    """An accepted application whose message has not been sent yet."""
    application = ApplicationFactory(accepted=True)
    return ExchangeMessage.objects.get(application=application)


@pytest.fixture
def sent_later(monkeypatch):
    """What was handed to Celery, instead of sending it."""
    handed = []
    monkeypatch.setattr(operations.OUTBOX, "enqueue", lambda pk: handed.append(pk) or True)
    return handed


def test_backoff_grows_exponentially_with_jitter_up_to_the_cap(settings):
    settings.EXCHANGE_RETRY_BASE_SECONDS = 10
    settings.EXCHANGE_RETRY_MAX_SECONDS = 100
    for attempts, ceiling in [(1, 10), (2, 20), (3, 40), (4, 80), (5, 100), (12, 100)]:
        delays = {operations.OUTBOX.backoff_seconds(attempts) for _ in range(20)}
        assert all(ceiling / 2 <= d <= ceiling for d in delays)
        assert len(delays) > 1  # jittered


def test_an_unreachable_peer_is_retried_then_marked_failed(settings, queued, peer_credentials):
    settings.EXCHANGE_PEERS = peers_config(
        peer_credentials, transport="http", url=f"http://127.0.0.1:{closed_port()}/", timeout=1
    )
    settings.EXCHANGE_MAX_ATTEMPTS = 3
    first = operations.send_message(message_id=queued.pk)
    second = operations.send_message(message_id=queued.pk)
    third = operations.send_message(message_id=queued.pk)
    assert [first.state, second.state, third.state] == ["queued", "queued", "failed"]
    assert first.retry_in is not None and third.retry_in is None
    queued.refresh_from_db()
    assert queued.attempts == 3
    assert "ConnectionError" in queued.last_error
    assert operations.send_message(message_id=queued.pk).state == MessageState.FAILED


def test_a_server_error_is_retried_and_the_answer_recorded(http_peer, queued):
    http_peer.plan.append(500)
    assert operations.send_message(message_id=queued.pk).state == MessageState.QUEUED
    assert operations.send_message(message_id=queued.pk).state == MessageState.SENT
    queued.refresh_from_db()
    assert (queued.response_status, queued.response_body) == (200, "received")
    assert http_peer.posts_of(queued.document_id) == [queued.document_id] * 2
    assert list(http_peer.documents) == [queued.document_id]


def test_a_client_error_fails_at_once(http_peer, queued):
    http_peer.plan.append(400)
    assert operations.send_message(message_id=queued.pk).state == MessageState.FAILED
    queued.refresh_from_db()
    assert queued.attempts == 1 and "HTTP 400" in queued.last_error


def test_a_message_being_sent_is_not_sent_twice_at_once(queued):
    ExchangeMessage.objects.filter(pk=queued.pk).update(
        state=MessageState.SENDING, lease_until=timezone.now() + datetime.timedelta(minutes=5)
    )
    assert operations.send_message(message_id=queued.pk).state == MessageState.SENDING
    queued.refresh_from_db()
    assert queued.attempts == 0


def test_the_desk_shows_a_failed_message_with_a_retry_button(client, queued, sent_later):
    ExchangeMessage.objects.filter(pk=queued.pk).update(
        state=MessageState.FAILED, attempts=8, last_error="HTTP 503: bảo trì"
    )
    client.force_login(make_staff("mot-cua", "000.01.12.H34"))
    html = client.get(f"/admin/ho-so/{queued.application_id}/").content.decode()
    assert "Liên thông văn bản" in html
    assert queued.document_id in html
    assert "Gửi thất bại" in html and "HTTP 503: bảo trì" in html
    assert f"/admin/lien-thong/goi-tin/{queued.pk}/gui-lai/" in html

    response = client.post(f"/admin/lien-thong/goi-tin/{queued.pk}/gui-lai/")
    assert response.status_code == 302
    queued.refresh_from_db()
    assert (queued.state, queued.attempts) == (MessageState.QUEUED, 0)


def test_staff_of_another_unit_cannot_see_or_retry_the_message(client, queued, hmac_unit):
    client.force_login(make_staff("don-vi-khac", HMAC_UNIT))
    assert client.get(f"/admin/lien-thong/goi-tin/{queued.pk}/").status_code == 404
    assert client.post(f"/admin/lien-thong/goi-tin/{queued.pk}/gui-lai/").status_code == 404


def test_staff_read_the_raw_package(client, exchange_peers, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True)
    message = ExchangeMessage.objects.get(application=application)
    client.force_login(make_staff("mot-cua", "000.01.12.H34", can_act=False))
    response = client.get(f"/admin/lien-thong/goi-tin/{message.pk}/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/plain")  # never rendered as markup
    assert response.content == bytes(message.package)
    # The package holds the applicant's answers and files: who read it is in the audit log.
    from audit.models import AuditEntry

    entry = AuditEntry.objects.filter(action="personal_data.viewed").latest("sequence")
    assert entry.object_label == application.dossier_code
    assert entry.actor_label == "mot-cua"
    assert entry.data["resource"] == "exchange_package"
    ExchangeMessage.objects.filter(pk=message.pk).update(state=MessageState.FAILED)
    refused = client.post(f"/admin/lien-thong/goi-tin/{message.pk}/gui-lai/")
    assert refused.status_code in (302, 403)  # Wagtail turns "permission denied" into a redirect
    message.refresh_from_db()
    assert message.state == MessageState.FAILED


def test_resending_a_refused_message_sends_a_new_document(queued, sent_later):
    ExchangeMessage.objects.filter(pk=queued.pk).update(state=MessageState.REFUSED)
    fresh = operations.retry_message(message=queued)
    assert fresh.pk != queued.pk and fresh.document_id != queued.document_id
    assert fresh.state == MessageState.QUEUED
    with pytest.raises(TrackingError):
        operations.retry_message(message=queued)


def test_the_sweeper_resends_what_is_stuck_and_gives_up_at_the_cap(
    settings, exchange_peers, sent_later, django_capture_on_commit_callbacks
):
    settings.EXCHANGE_STUCK_AFTER_SECONDS = 60
    settings.EXCHANGE_MAX_ATTEMPTS = 3
    now = timezone.now()
    messages = [
        ExchangeMessage.objects.get(application=ApplicationFactory(accepted=True)) for _ in range(4)
    ]
    lost_task, dead_worker, exhausted, fresh = messages
    ExchangeMessage.objects.filter(pk=lost_task.pk).update(
        next_attempt_at=now - datetime.timedelta(minutes=5)
    )
    ExchangeMessage.objects.filter(pk=dead_worker.pk).update(
        state=MessageState.SENDING, attempts=1, lease_until=now - datetime.timedelta(seconds=1)
    )
    ExchangeMessage.objects.filter(pk=exhausted.pk).update(
        state=MessageState.SENDING, attempts=3, lease_until=now - datetime.timedelta(seconds=1)
    )
    sent_later.clear()
    assert sorted(operations.sweep_outbox(now=now)) == sorted([lost_task.pk, dead_worker.pk])
    exhausted.refresh_from_db()
    assert exhausted.state == MessageState.FAILED
    fresh.refresh_from_db()
    assert fresh.state == MessageState.QUEUED


def test_the_command_shows_health_and_redrives_failed_messages(
    queued, sent_later, django_capture_on_commit_callbacks
):
    ExchangeMessage.objects.filter(pk=queued.pk).update(state=MessageState.FAILED)
    out = io.StringIO()
    call_command("exchange_outbox", stdout=out)
    report = out.getvalue()
    assert "failed" in report and "oldest pending" in report and "--retry-failed" in report
    out = io.StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("exchange_outbox", "--retry-failed", stdout=out)
    assert "Queued again: 1" in out.getvalue()
    queued.refresh_from_db()
    assert queued.state == MessageState.QUEUED
    assert sent_later == [queued.pk]


def test_admins_get_a_digest_of_failed_and_stuck_handoffs(queued, mailoutbox, exchange_peers):
    get_user_model().objects.create_superuser("quan-tri", "quantri@so.example.vn", "x" * 12)
    stuck = ExchangeMessage.objects.get(application=ApplicationFactory(accepted=True))
    ExchangeMessage.objects.filter(pk=queued.pk).update(
        state=MessageState.FAILED, last_error="HTTP 400"
    )
    ExchangeMessage.objects.filter(pk=stuck.pk).update(
        created_at=timezone.now() - datetime.timedelta(hours=3)
    )
    listed = operations.send_failure_digest()
    assert listed >= 2
    mail = mailoutbox[-1]
    assert "quantri@so.example.vn" in mail.to
    assert queued.document_id in mail.body and stuck.document_id in mail.body
    assert "HTTP 400" in mail.body
    assert f"/admin/ho-so/{queued.application_id}/" in mail.body


def test_no_digest_when_all_is_well(mailoutbox, exchange_peers, settings):
    settings.EXCHANGE_DIGEST_RECIPIENTS = ["quantri@so.example.vn"]
    ExchangeMessage.objects.update(state=MessageState.SENT)
    assert operations.send_failure_digest() == 0
    assert not mailoutbox


def test_peers_route_units_to_their_receiver(settings, peer_credentials):
    from tracking.exchange.peers import peer_for_unit

    settings.EXCHANGE_PEERS = peers_config(peer_credentials)
    assert peer_for_unit("000.02.12.H34").organ_id == "000.00.13.H34"
    assert peer_for_unit("000.05.12.H34").organ_id == PEER_ID


def test_the_desk_lists_the_statuses_received_and_their_raw_packages(
    client, queued, peer_credentials
):
    from tests.exchange.conftest import post_status, status_package

    raw = status_package(
        queued.document_id, "05", credentials=peer_credentials, description="Đang thẩm định"
    )
    inbound = post_status(client, raw).json()["reference"]
    client.force_login(make_staff("mot-cua", "000.01.12.H34"))
    html = client.get(f"/admin/ho-so/{queued.application_id}/").content.decode()
    assert "Trạng thái nhận về" in html and "Đang thẩm định" in html
    assert f"/admin/lien-thong/trang-thai/{inbound}/" in html
    response = client.get(f"/admin/lien-thong/trang-thai/{inbound}/")
    assert response.status_code == 200 and response.content == raw
    from audit.models import AuditEntry

    entry = AuditEntry.objects.filter(action="personal_data.viewed").latest("sequence")
    assert entry.data["resource"] == "exchange_status_package"
    assert entry.object_id == str(queued.application_id)


def test_beat_runs_the_sweeper_and_the_digest():
    from django.conf import settings

    from portal.celery import app

    tasks = {entry["task"] for entry in settings.CELERY_BEAT_SCHEDULE.values()}
    assert "tracking.exchange.tasks.sweep_exchange_outbox" in tasks
    assert "tracking.exchange.tasks.send_exchange_digest" in tasks
    app.loader.import_default_modules()
    assert tasks <= set(app.tasks)


def test_the_overview_shows_health_problems_and_refused_packages(client, queued, exchange_peers):
    from tests.exchange.conftest import post_status

    ExchangeMessage.objects.filter(pk=queued.pk).update(
        state=MessageState.FAILED, last_error="HTTP 503: bảo trì"
    )
    post_status(client, b"<not-edxml")
    client.force_login(make_staff("mot-cua", "000.01.12.H34"))
    html = client.get("/admin/lien-thong/").content.decode()
    assert "Gửi thất bại" in html and queued.document_id in html and "HTTP 503" in html
    assert "Gói tin trạng thái bị từ chối" not in html  # not tied to a unit: superusers only
    admin = get_user_model().objects.create_superuser("quan-tri", "qt@so.example.vn", "x" * 12)
    client.force_login(admin)
    html = client.get("/admin/lien-thong/").content.decode()
    assert "Gói tin trạng thái bị từ chối" in html and "Gói tin không phải XML hợp lệ" in html
