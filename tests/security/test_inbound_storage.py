"""Abuse: anonymous posts to the exchange's inbound endpoint must not fill the database.

Per address at most EXCHANGE_INBOUND_RATE posts (then 429 with `Retry-After`, nothing
stored); of a refused package from a sender that did not prove who it is only the size,
the SHA-256 and the first KiB are kept; refused packages go after
EXCHANGE_REFUSED_RETENTION_DAYS (daily beat task and a management command).
"""

import hashlib
from datetime import timedelta
from io import StringIO

import pytest
from django.conf import settings as django_settings
from django.core.management import call_command
from django.utils import timezone

from tests.exchange import conftest as exchange
from tests.exchange.conftest import PEER_ID, post_status, status_package
from tests.tracking.factories import ApplicationFactory
from tracking.exchange import edxml, tasks
from tracking.exchange.constants import InboundOutcome, RejectionCode
from tracking.exchange.models import ExchangeMessage, InboundPackage
from tracking.exchange.xmlsecurity import sign_envelope

pytestmark = pytest.mark.django_db

# The exchange tests' fixtures: the peers configured and their certificates.
exchange_peers = exchange.exchange_peers
peer_credentials = exchange.peer_credentials
forger_credentials = exchange.forger_credentials

RATE_LIMITED = {
    "ok": False,
    "code": "rate_limited",
    "message": "Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ít phút.",
}
GARBAGE = b"<edXMLEnvelope><unclosed>"


def padded_status(response_for, code, *, credentials, organ_id=PEER_ID, padding=100 * 1024):
    """A well-formed status package, signed by `credentials`, with `padding` bytes of
    filler in its body (the signature covers it)."""
    exchange._clock[0] += timedelta(seconds=1)
    root = edxml.status_envelope(
        response_for=response_for,
        sender=edxml.Organ(organ_id=organ_id, name="Hệ thống quản lý văn bản"),
        status_code=code,
        description="",
        timestamp=exchange._clock[0],
    )
    filler = root.find(f".//{{{edxml.EDXML_NS}}}edXMLBody")
    filler.text = "x" * padding
    return sign_envelope(root, key=credentials.key, certificate=credentials.certificate)


def test_posts_from_one_address_are_rate_limited_and_the_excess_is_not_stored(
    client, exchange_peers, settings
):
    settings.EXCHANGE_INBOUND_RATE = "3/m"
    for _attempt in range(3):
        response = post_status(client, GARBAGE)
        assert response.status_code == 400
        assert response.json()["code"] == RejectionCode.MALFORMED

    refused = post_status(client, GARBAGE)
    assert refused.status_code == 429
    assert refused["Content-Type"] == "application/json"
    assert refused.json() == RATE_LIMITED
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert InboundPackage.objects.count() == 3

    # Another address has its own allowance.
    other = client.post(
        "/lien-thong/edxml/trang-thai/",
        data=GARBAGE,
        content_type="application/xml",
        REMOTE_ADDR="203.0.113.9",
    )
    assert other.status_code == 400
    assert InboundPackage.objects.count() == 4


def test_an_oversized_body_over_the_rate_is_refused_before_anything_is_kept(
    client, exchange_peers, settings
):
    settings.EXCHANGE_INBOUND_RATE = "1/m"
    settings.EXCHANGE_INBOUND_MAX_BYTES = 4096
    assert post_status(client, b"x" * 5000).status_code == 413
    second = post_status(client, b"x" * 5000)
    assert second.status_code == 429
    assert second.json() == RATE_LIMITED
    assert InboundPackage.objects.count() == 1


def test_an_anonymous_refused_package_keeps_only_size_digest_and_first_kib(client, exchange_peers):
    body = b"<edXMLEnvelope>" + b"A" * (200 * 1024)  # never closed: malformed
    response = post_status(client, body)
    assert response.status_code == 400
    assert response.json()["code"] == RejectionCode.MALFORMED
    kept = InboundPackage.objects.get(pk=response.json()["reference"])
    assert kept.outcome == InboundOutcome.REJECTED
    assert kept.size == len(body)
    assert kept.digest == hashlib.sha256(body).hexdigest()
    assert bytes(kept.raw) == body[:1024]
    assert len(kept.error) <= 1024


def test_an_unknown_sender_keeps_only_the_first_kib(client, exchange_peers, peer_credentials):
    raw = padded_status(
        f"{PEER_ID},2026/11/23,1/TNHS", "03", credentials=peer_credentials, organ_id="000.00.99.H34"
    )
    response = post_status(client, raw)
    assert response.status_code == 403
    assert response.json()["code"] == RejectionCode.UNKNOWN_PEER
    kept = InboundPackage.objects.get(pk=response.json()["reference"])
    assert (kept.size, kept.digest) == (len(raw), hashlib.sha256(raw).hexdigest())
    assert bytes(kept.raw) == raw[:1024]


def test_a_forged_package_naming_a_peer_is_not_kept_whole_when_big(
    client, exchange_peers, forger_credentials
):
    raw = padded_status(f"{PEER_ID},2026/11/23,1/TNHS", "06", credentials=forger_credentials)
    response = post_status(client, raw)
    assert response.status_code == 403
    assert response.json()["code"] == RejectionCode.BAD_SIGNATURE
    kept = InboundPackage.objects.get(pk=response.json()["reference"])
    assert kept.size == len(raw)
    assert bytes(kept.raw) == raw[:1024]


def test_a_known_peer_refused_for_another_reason_is_kept_whole(
    client, exchange_peers, peer_credentials
):
    raw = padded_status(f"{PEER_ID},2026/11/23,999/TNHS", "03", credentials=peer_credentials)
    assert len(raw) > 100 * 1024
    response = post_status(client, raw)
    assert response.status_code == 404
    assert response.json()["code"] == RejectionCode.UNKNOWN_DOCUMENT
    kept = InboundPackage.objects.get(pk=response.json()["reference"])
    assert bytes(kept.raw) == raw
    assert kept.digest == hashlib.sha256(raw).hexdigest()


@pytest.fixture
def aged_packages(client, exchange_peers, peer_credentials):
    """Refused packages 31 and 29 days old, and a recorded one 31 days old."""
    application = ApplicationFactory(accepted=True)
    message = ExchangeMessage.objects.get(application=application)
    old = InboundPackage.objects.get(pk=post_status(client, GARBAGE).json()["reference"])
    recent = InboundPackage.objects.get(pk=post_status(client, GARBAGE).json()["reference"])
    recorded_response = post_status(
        client, status_package(message.document_id, "01", credentials=peer_credentials)
    )
    assert recorded_response.status_code == 200
    recorded = InboundPackage.objects.get(pk=recorded_response.json()["reference"])
    now = timezone.now()
    InboundPackage.objects.filter(pk__in=[old.pk, recorded.pk]).update(
        received_at=now - timedelta(days=31)
    )
    InboundPackage.objects.filter(pk=recent.pk).update(received_at=now - timedelta(days=29))
    return old, recent, recorded


def test_the_daily_task_purges_refused_packages_past_the_retention(aged_packages):
    old, recent, recorded = aged_packages
    assert tasks.purge_refused_inbound() == 1
    remaining = set(InboundPackage.objects.values_list("pk", flat=True))
    assert remaining == {recent.pk, recorded.pk}
    schedule = django_settings.CELERY_BEAT_SCHEDULE
    entries = [entry["task"] for entry in schedule.values()]
    assert tasks.purge_refused_inbound.name in entries


def test_the_retention_is_a_setting(aged_packages, settings):
    old, recent, recorded = aged_packages
    settings.EXCHANGE_REFUSED_RETENTION_DAYS = 10
    assert tasks.purge_refused_inbound() == 2
    assert list(InboundPackage.objects.values_list("pk", flat=True)) == [recorded.pk]


def test_the_management_command_purges_too(aged_packages):
    old, recent, recorded = aged_packages
    out = StringIO()
    call_command("purge_exchange_refused", stdout=out)
    assert "Deleted 1 refused status package(s)." in out.getvalue()
    assert not InboundPackage.objects.filter(pk=old.pk).exists()
    call_command("purge_exchange_refused", "--days", "0", stdout=out)
    assert list(InboundPackage.objects.values_list("pk", flat=True)) == [recorded.pk]
