"""Small pieces: field limits of the standard, the HTTP transport's options, the task."""

import datetime

import pytest
import requests
from hypothesis import given
from hypothesis import strategies as st

from tracking.exchange import edxml
from tracking.exchange.peers import Peer
from tracking.exchange.tasks import send_exchange_message
from tracking.exchange.transports import PermanentTransportError, TransportError
from tracking.exchange.transports import http as http_transport
from tracking.exchange.xmlsecurity import HMAC_HEADER, hmac_header_value


def document(**changes):
    fields = {
        "sender": edxml.Organ(organ_id="000.01.12.H34", name="Văn phòng Sở"),
        "receiver": edxml.Organ(organ_id="000.00.12.H34", name="Hệ thống quản lý văn bản"),
        "code_number": "12",
        "code_notation": "TNHS",
        "promulgation_place": "Khánh Hòa",
        "promulgation_date": datetime.date(2026, 11, 23),
        "document_type": 1,
        "document_type_name": "Hồ sơ thủ tục hành chính",
        "subject": "Chuyển hồ sơ",
        "content": "",
        "signer_competence": "",
        "signer_position": "Cán bộ tiếp nhận",
        "signer_name": "Nguyễn Văn An",
        "due_date": None,
        "to_places": [],
        "sent_at": datetime.datetime(2026, 11, 23, 9, 30),
    }
    fields.update(changes)
    return edxml.OutgoingDocument(**fields)


def test_document_id_follows_the_standard():
    assert document().document_id == "000.01.12.H34,2026/11/23,12/TNHS"


@given(st.text(min_size=1, max_size=700).filter(lambda s: s.strip()))
def test_subject_is_refused_exactly_when_over_500_characters(subject):
    try:
        edxml.validate_document(document(subject=subject))
    except edxml.PackageRejected as error:
        assert len(subject) > 500
        assert any("Subject" in e for e in error.errors)
    else:
        assert len(subject) <= 500


@given(st.text(alphabet="0123456789ABCDEFHZ.-", max_size=40))
def test_only_identifier_codes_pass_as_organ_id(organ_id):
    good = bool(edxml.ORGAN_ID.match(organ_id))
    sender = edxml.Organ(organ_id=organ_id, name="Đơn vị")
    try:
        edxml.validate_document(document(sender=sender))
    except edxml.PackageRejected:
        assert not good
    else:
        assert good and len(organ_id) <= 35


def test_every_broken_field_is_listed_at_once():
    with pytest.raises(edxml.PackageRejected) as caught:
        edxml.validate_document(
            document(code_number="12/3", signer_name="x" * 51, subject="", code_notation="tn hs")
        )
    text = str(caught.value)
    for name in ("CodeNumber", "FullName", "Subject", "CodeNotation"):
        assert name in text


class Answer:
    def __init__(self, status, text="ok"):
        self.status_code = status
        self.text = text


class Calls(list):
    answer = Answer(200)


@pytest.fixture
def posted(monkeypatch):
    calls = Calls()

    def post(url, **kwargs):
        calls.append((url, kwargs))
        return calls.answer

    monkeypatch.setattr(requests, "post", post)
    return calls


def test_http_posts_with_timeouts_tls_options_client_certificate_and_hmac(posted):
    peer = Peer(
        organ_id="000.00.12.H34",
        name="QLVB",
        transport="http",
        url="https://qlvb.example.gov.vn/edxml/",
        timeout=20,
        connect_timeout=4,
        verify="/etc/ssl/ca-chinh-phu.pem",
        client_cert="/etc/portal/client.pem",
        client_key="/etc/portal/client.key",
        secret="bi-mat",
    )
    delivery = http_transport.send(peer, package=b"<x/>", document_id="D1")
    url, kwargs = posted[0]
    assert url == peer.url
    assert kwargs["timeout"] == (4, 20)
    assert kwargs["verify"] == "/etc/ssl/ca-chinh-phu.pem"
    assert kwargs["cert"] == ("/etc/portal/client.pem", "/etc/portal/client.key")
    assert kwargs["headers"][HMAC_HEADER] == hmac_header_value(b"<x/>", "bi-mat")
    assert kwargs["headers"]["X-Edxml-DocumentId"] == "D1"
    assert (delivery.status, delivery.body) == (200, "ok")


@pytest.mark.parametrize(
    ("status", "outcome"),
    [
        (409, "delivered"),
        (429, TransportError),
        (503, TransportError),
        (413, PermanentTransportError),
    ],
)
def test_http_answers_are_classified(posted, status, outcome):
    posted.answer = Answer(status)
    peer = Peer(organ_id="000.00.12.H34", name="QLVB", transport="http", url="http://x/")
    if outcome == "delivered":
        assert http_transport.send(peer, package=b"<x/>", document_id="D1").status == 409
        return
    with pytest.raises(outcome) as caught:
        http_transport.send(peer, package=b"<x/>", document_id="D1")
    assert type(caught.value) is outcome


def test_the_send_task_acknowledges_late_and_survives_a_lost_worker():
    assert send_exchange_message.acks_late is True
    assert send_exchange_message.reject_on_worker_lost is True
