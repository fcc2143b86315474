"""Shared pieces of the exchange tests: a peer's certificate, status packages, a test peer."""

import datetime
import threading
from collections import deque
from dataclasses import dataclass
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from lxml import etree

from tracking.exchange import edxml
from tracking.exchange.xmlsecurity import sign_envelope

PEER_ID = "000.00.12.H34"
HMAC_PEER_ID = "000.00.13.H34"
HMAC_SECRET = "bi-mat-dung-chung-cho-thu-nghiem"
HMAC_UNIT = "000.02.12.H34"  # the unit whose packages go to the HMAC peer
INBOUND_URL = "/lien-thong/edxml/trang-thai/"


@dataclass(frozen=True)
class Credentials:
    key: object
    certificate: object
    pem_path: Path


def make_credentials(folder: Path, name: str) -> Credentials:
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    subject = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, name)])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=30))
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / f"{name}.pem"
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return Credentials(key=key, certificate=certificate, pem_path=path)


@pytest.fixture(scope="session")
def peer_credentials(tmp_path_factory):
    return make_credentials(tmp_path_factory.mktemp("peer"), "qlvb-so")


@pytest.fixture(scope="session")
def forger_credentials(tmp_path_factory):
    return make_credentials(tmp_path_factory.mktemp("forger"), "ke-gia-mao")


def peers_config(peer_credentials, **overrides):
    """EXCHANGE_PEERS with the agency's document system (signed statuses) and an HMAC peer."""
    main = {
        "name": "Hệ thống quản lý văn bản của Sở",
        "transport": "folder",
        "certificate": str(peer_credentials.pem_path),
        "default": True,
    }
    main.update(overrides)
    return {
        PEER_ID: main,
        HMAC_PEER_ID: {
            "name": "Hệ thống một cửa liên thông",
            "transport": "folder",
            "secret": HMAC_SECRET,
            "units": [HMAC_UNIT],
        },
    }


@pytest.fixture
def hmac_unit(db):
    """A third unit of the agency, whose packages go to the HMAC peer."""
    from tests.factories import AgencyUnitFactory

    return AgencyUnitFactory(identifier_code=HMAC_UNIT, name="Thanh tra Sở", name_en="Inspectorate")


@pytest.fixture
def exchange_peers(settings, peer_credentials):
    settings.EXCHANGE_PEERS = peers_config(peer_credentials)
    return settings.EXCHANGE_PEERS


@pytest.fixture
def sent(exchange_peers, settings, django_capture_on_commit_callbacks):
    """An application accepted and its package written to the drop folder."""
    from tests.tracking.factories import ApplicationFactory
    from tracking.exchange.models import ExchangeMessage
    from tracking.exchange.transports.folder import file_name

    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True)
    message = ExchangeMessage.objects.get(application=application)
    path = settings.EXCHANGE_DROP_DIR / file_name(message.document_id)
    return message, path.read_bytes()


_clock = [datetime.datetime(2026, 11, 23, 8, 0, 0)]


def legacy_layout(root):
    """The package as earlier releases wrote it (deprecated, still read): the envelope
    as the root, and the files as `edXMLBody/Attachments/Attachment` elements carrying
    the ContentId as an attribute and the base64 as their text."""
    envelope = root.find(f"{{{edxml.EDXML_NS}}}edXMLEnvelope")
    body = envelope.find(f"{{{edxml.EDXML_NS}}}edXMLBody")
    files = etree.SubElement(body, f"{{{edxml.EDXML_NS}}}Attachments")
    for item in root.findall(
        f"{{{edxml.EDXML_NS}}}AttachmentEncoded/{{{edxml.EDXML_NS}}}Attachment"
    ):
        legacy = etree.SubElement(files, f"{{{edxml.EDXML_NS}}}Attachment")
        legacy.set("ContentId", item.findtext(f"{{{edxml.EDXML_NS}}}ContentId"))
        legacy.text = item.findtext(f"{{{edxml.EDXML_NS}}}ContentTransferEncoded")
    for reference in body.iter(f"{{{edxml.EDXML_NS}}}Reference"):
        for attribute in list(reference.attrib):
            del reference.attrib[attribute]
    return etree.fromstring(etree.tostring(envelope))


def status_package(
    response_for,
    code,
    *,
    credentials=None,
    organ_id=PEER_ID,
    description="",
    timestamp=None,
    attachments=(),
    legacy=False,
) -> bytes:
    """A status package as the document system sends it, signed with `credentials`
    (unsigned when None), with result files when `attachments` are given, in the
    deprecated layout of earlier releases when `legacy`. Each call gets a later
    timestamp unless one is given."""
    if timestamp is None:
        _clock[0] += datetime.timedelta(seconds=1)
        timestamp = _clock[0]
    root = edxml.status_envelope(
        response_for=response_for,
        sender=edxml.Organ(organ_id=organ_id, name="Hệ thống quản lý văn bản"),
        status_code=code,
        description=description,
        timestamp=timestamp,
        staff={"Department": "Văn phòng", "Staff": "Trần Văn Bình"},
        attachments=list(attachments),
    )
    if legacy:
        root = legacy_layout(root)
    if credentials is None:
        placeholder = root.find(f".//{{{edxml.DSIG_NS}}}Signature")
        placeholder.getparent().remove(placeholder)
        return edxml.to_bytes(root)
    return sign_envelope(root, key=credentials.key, certificate=credentials.certificate)


def post_status(client, raw: bytes, **headers):
    return client.post(INBOUND_URL, data=raw, content_type="application/xml", headers=headers)


class TestPeer:
    """The receiving document system, over HTTP in a thread of the test process.

    Like a real receiver it deduplicates by DocumentId: a package it already
    holds is answered 200 again and not stored twice. `plan` holds HTTP codes
    to answer next (then 200); `hang` makes it hold the next request open.
    """

    __test__ = False

    def __init__(self):
        self.documents = {}
        self.posts = []
        self.plan = deque()
        self.hang = None
        self.hanging = threading.Event()
        self.port = 0
        self.server = None
        self.lock = threading.Lock()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/edxml/"

    def start(self):
        peer = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                root = etree.fromstring(body, parser=etree.XMLParser(resolve_entities=False))
                document_id = root.findtext(".//{*}MessageHeader/{*}DocumentId")
                with peer.lock:
                    peer.posts.append(document_id)
                    status = peer.plan.popleft() if peer.plan else 200
                    duplicate = document_id in peer.documents
                    if status == 200 and not duplicate:
                        peer.documents[document_id] = body
                    hang, peer.hang = peer.hang, None
                if hang is not None:
                    peer.hanging.set()
                    hang.wait(30)
                answer = b"duplicate" if duplicate else b"received"
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except OSError:
                    pass  # the sender is gone (killed mid-send)

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        return self

    def stop(self):
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None

    def posts_of(self, document_id):
        return [d for d in self.posts if d == document_id]
