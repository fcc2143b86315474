"""The inbound endpoint takes an XML document only: `application/xml` or `text/xml`, with
no charset or UTF-8; anything else is answered 415 unread and nothing is applied."""

import pytest

from tests.exchange.conftest import INBOUND_URL, status_package
from tests.tracking.factories import ApplicationFactory
from tracking.constants import State
from tracking.exchange.constants import InboundOutcome, RejectionCode
from tracking.exchange.models import ExchangeMessage, InboundPackage

pytestmark = pytest.mark.django_db


@pytest.fixture
def message(exchange_peers):
    return ExchangeMessage.objects.get(application=ApplicationFactory(accepted=True))


def post(client, raw, content_type):
    # `generic` sends the bytes as they are, whatever charset the header names.
    return client.generic("POST", INBOUND_URL, raw, content_type=content_type)


@pytest.mark.parametrize(
    "content_type",
    [
        "text/plain",
        "application/x-www-form-urlencoded",
        "application/json",
        "application/octet-stream",
        "multipart/form-data; boundary=x",
        "application/xml; charset=iso-8859-1",
        "text/xml; charset=windows-1258",
        "application/soap+xml",
        "",
    ],
)
def test_a_signed_package_of_another_content_type_is_refused_415_and_not_applied(
    client, message, peer_credentials, content_type
):
    raw = status_package(message.document_id, "06", credentials=peer_credentials)
    response = post(client, raw, content_type)
    assert response.status_code == 415
    body = response.json()
    assert (body["ok"], body["code"]) == (False, RejectionCode.UNSUPPORTED_MEDIA_TYPE)
    assert "application/xml" in body["message"]
    message.application.refresh_from_db()
    assert message.application.state == State.ACCEPTED
    kept = InboundPackage.objects.get(pk=body["reference"])
    assert kept.outcome == InboundOutcome.REJECTED
    assert bytes(kept.raw) == b""  # refused unread
    assert kept.size == len(raw)


@pytest.mark.parametrize(
    "content_type",
    [
        "application/xml",
        "text/xml",
        "application/xml; charset=utf-8",
        "text/xml; charset=UTF-8",
        'text/xml; charset="utf-8"',
        "Application/XML; Charset=UTF8",
    ],
)
def test_an_xml_content_type_with_or_without_charset_is_taken(
    client, message, peer_credentials, content_type
):
    raw = status_package(message.document_id, "03", credentials=peer_credentials)
    response = post(client, raw, content_type)
    assert response.status_code == 200, response.content
    assert response.json()["code"] == InboundOutcome.APPLIED
    message.application.refresh_from_db()
    assert message.application.state == State.IN_PROGRESS
