"""Status packages from the document exchange: authenticated, hardened, idempotent, monotonic."""

import pytest
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from tests.exchange.conftest import (
    HMAC_PEER_ID,
    HMAC_SECRET,
    HMAC_UNIT,
    INBOUND_URL,
    PEER_ID,
    post_status,
    status_package,
)
from tests.tracking.factories import ApplicationFactory
from tracking.constants import Action, State
from tracking.exchange.constants import InboundOutcome, MessageState, RejectionCode
from tracking.exchange.models import ExchangeMessage, InboundPackage
from tracking.exchange.xmlsecurity import (
    HMAC_HEADER,
    InboundRejected,
    hmac_header_value,
    parse_hardened,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(exchange_peers):
    application = ApplicationFactory(accepted=True)
    return ExchangeMessage.objects.get(application=application)


def state_of(message):
    message.application.refresh_from_db()
    return message.application.state


def test_registered_moves_the_application_to_in_progress(client, message, peer_credentials):
    response = post_status(
        client, status_package(message.document_id, "03", credentials=peer_credentials)
    )
    assert response.status_code == 200
    assert response.json()["code"] == InboundOutcome.APPLIED
    assert state_of(message) == State.IN_PROGRESS
    event = message.application.events.last()
    assert event.action == Action.START
    assert event.actor_label == "Hệ thống quản lý văn bản"
    assert "[03]" in event.note


def test_completed_moves_the_application_to_decided(client, message, peer_credentials):
    for code in ("01", "03", "05", "06"):
        post_status(client, status_package(message.document_id, code, credentials=peer_credentials))
    assert state_of(message) == State.DECIDED
    message.refresh_from_db()
    assert message.last_status_code == "06"
    actions = list(message.application.events.values_list("action", flat=True))
    assert actions[-4:] == [
        Action.EXCHANGE_STATUS,
        Action.START,
        Action.EXCHANGE_STATUS,
        Action.DECIDE,
    ]


def test_arrived_is_logged_without_changing_the_state(client, message, peer_credentials):
    response = post_status(
        client, status_package(message.document_id, "01", credentials=peer_credentials)
    )
    assert response.json()["code"] == InboundOutcome.RECORDED
    assert state_of(message) == State.ACCEPTED
    assert message.application.events.last().action == Action.EXCHANGE_STATUS


def test_the_same_package_twice_counts_once(client, message, peer_credentials):
    raw = status_package(message.document_id, "03", credentials=peer_credentials)
    first = post_status(client, raw)
    events = message.application.events.count()
    second = post_status(client, raw)
    assert first.json()["code"] == InboundOutcome.APPLIED
    assert second.status_code == 200
    assert second.json()["code"] == InboundOutcome.DUPLICATE
    assert message.application.events.count() == events
    assert InboundPackage.objects.filter(message=message).count() == 2


def test_late_packages_never_move_the_application_backwards(client, message, peer_credentials):
    completed = status_package(message.document_id, "06", credentials=peer_credentials)
    processing = status_package(message.document_id, "05", credentials=peer_credentials)
    registered = status_package(message.document_id, "03", credentials=peer_credentials)
    for raw in (completed, processing, registered):
        assert post_status(client, raw).status_code == 200
    assert state_of(message) == State.DECIDED
    message.refresh_from_db()
    assert message.last_status_code == "06"
    outcomes = list(
        InboundPackage.objects.filter(message=message)
        .order_by("pk")
        .values_list("status_code", "outcome")
    )
    assert outcomes == [
        ("06", InboundOutcome.APPLIED),
        ("05", InboundOutcome.RECORDED),
        ("03", InboundOutcome.RECORDED),
    ]


def test_refused_marks_the_message_for_staff_and_keeps_the_application(
    client, message, peer_credentials
):
    raw = status_package(
        message.document_id, "02", credentials=peer_credentials, description="Thiếu trích yếu"
    )
    assert post_status(client, raw).json()["code"] == InboundOutcome.RECORDED
    message.refresh_from_db()
    assert message.state == MessageState.REFUSED
    assert message.last_error == "Thiếu trích yếu"
    assert state_of(message) == State.ACCEPTED


def test_take_back_codes_are_logged(client, message, peer_credentials):
    for code in ("13", "15", "16"):
        raw = status_package(message.document_id, code, credentials=peer_credentials)
        assert post_status(client, raw).json()["code"] == InboundOutcome.RECORDED
    assert state_of(message) == State.ACCEPTED


def test_a_package_signed_with_another_key_is_refused_and_kept(client, message, forger_credentials):
    raw = status_package(message.document_id, "06", credentials=forger_credentials)
    response = post_status(client, raw)
    assert response.status_code == 403
    assert response.json()["code"] == RejectionCode.BAD_SIGNATURE
    assert state_of(message) == State.ACCEPTED
    kept = InboundPackage.objects.get(pk=response.json()["reference"])
    assert kept.outcome == InboundOutcome.REJECTED
    assert bytes(kept.raw) == raw


def test_a_package_changed_after_signing_is_refused(client, message, peer_credentials):
    raw = status_package(message.document_id, "03", credentials=peer_credentials)
    forged = raw.replace(
        b"<edXML:StatusCode>03</edXML:StatusCode>", b"<edXML:StatusCode>06</edXML:StatusCode>"
    )
    assert forged != raw
    response = post_status(client, forged)
    assert response.status_code == 403
    assert state_of(message) == State.ACCEPTED


def test_an_unsigned_package_from_a_peer_with_a_certificate_is_refused(client, message):
    response = post_status(client, status_package(message.document_id, "03"))
    assert response.status_code == 403
    assert response.json()["code"] == RejectionCode.BAD_SIGNATURE


def test_a_peer_without_certificate_authenticates_with_the_shared_secret(
    client, exchange_peers, hmac_unit
):
    application = ApplicationFactory(unit_code=HMAC_UNIT, accepted=True)
    message = ExchangeMessage.objects.get(application=application)
    assert message.to_organ_id == HMAC_PEER_ID
    raw = status_package(message.document_id, "05", organ_id=HMAC_PEER_ID)
    wrong = post_status(client, raw, **{HMAC_HEADER: hmac_header_value(raw, "doan-sai")})
    assert wrong.status_code == 403
    right = post_status(client, raw, **{HMAC_HEADER: hmac_header_value(raw, HMAC_SECRET)})
    assert right.status_code == 200
    assert state_of(message) == State.IN_PROGRESS


def test_an_unknown_sender_is_refused(client, message, peer_credentials):
    raw = status_package(
        message.document_id, "03", credentials=peer_credentials, organ_id="000.00.99.H34"
    )
    response = post_status(client, raw)
    assert response.status_code == 403
    assert response.json()["code"] == RejectionCode.UNKNOWN_PEER


def test_a_status_for_an_unknown_document_is_refused(client, exchange_peers, peer_credentials):
    raw = status_package(f"{PEER_ID},2026/11/23,999/TNHS", "03", credentials=peer_credentials)
    response = post_status(client, raw)
    assert response.status_code == 404
    assert response.json()["code"] == RejectionCode.UNKNOWN_DOCUMENT


BILLION_LAUGHS = b"""<?xml version="1.0"?>
<!DOCTYPE lolz [
 <!ENTITY lol "lol">
 <!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<edXMLEnvelope xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016"><edXMLHeader><Status>
<Description>&lol9;</Description></Status></edXMLHeader></edXMLEnvelope>"""

EXTERNAL_ENTITY = b"""<?xml version="1.0"?>
<!DOCTYPE x [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
<edXMLEnvelope><edXMLHeader><Status><Description>&secret;</Description></Status></edXMLHeader></edXMLEnvelope>"""


@pytest.mark.parametrize("raw", [BILLION_LAUGHS, EXTERNAL_ENTITY], ids=["billion-laughs", "xxe"])
def test_packages_with_entities_are_refused_and_kept(client, exchange_peers, raw):
    response = post_status(client, raw)
    assert response.status_code == 400
    assert response.json()["code"] == RejectionCode.FORBIDDEN_XML
    kept = InboundPackage.objects.get(pk=response.json()["reference"])
    assert bytes(kept.raw) == raw


def test_an_oversized_package_is_refused_unread(client, exchange_peers, settings, message):
    settings.EXCHANGE_INBOUND_MAX_BYTES = 4096
    raw = status_package(message.document_id, "03", description="x" * 5000)
    response = post_status(client, raw)
    assert response.status_code == 413
    assert response.json()["code"] == RejectionCode.TOO_LARGE
    assert InboundPackage.objects.get(pk=response.json()["reference"]).size == len(raw)


def test_an_oversized_body_without_length_is_cut_at_the_limit():
    with pytest.raises(InboundRejected) as caught:
        parse_hardened(b"<a>" + b"x" * 100 + b"</a>", max_bytes=50)
    assert caught.value.code == RejectionCode.TOO_LARGE


def test_not_xml_and_wrong_shape_get_clear_codes(client, exchange_peers):
    malformed = post_status(client, b"<edXMLEnvelope><unclosed>")
    assert malformed.json()["code"] == RejectionCode.MALFORMED
    wrong = post_status(client, b"<edXMLEnvelope><edXMLHeader/></edXMLEnvelope>")
    assert wrong.status_code == 400
    assert wrong.json()["code"] == RejectionCode.INVALID
    assert "Status" in InboundPackage.objects.get(pk=wrong.json()["reference"]).error


def test_the_endpoint_takes_only_post(client):
    assert client.get(INBOUND_URL).status_code == 405


@hypothesis_settings(max_examples=200, deadline=None)
@given(st.binary(max_size=2000))
def test_the_hardened_parser_either_parses_or_refuses_cleanly(raw):
    try:
        parse_hardened(raw, max_bytes=1000)
    except InboundRejected as error:
        assert error.code in RejectionCode.values
