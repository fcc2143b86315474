"""The edXML package of an accepted application: content, signature, standard limits."""

import re

import pytest
from django.db import transaction
from lxml import etree

from tests.exchange.conftest import PEER_ID, peers_config
from tests.exchange.signature_check import canonical_check, xmlsec1_verify
from tests.tracking.factories import MINIMAL_PDF, ApplicationFactory
from tracking.constants import State
from tracking.exchange import edxml
from tracking.exchange.constants import MessageState
from tracking.exchange.models import ExchangeMessage
from tracking.exchange.transports.folder import file_name
from tracking.models import Application
from tracking.signing import load_agency_credentials

pytestmark = pytest.mark.django_db

DOCUMENT_ID = re.compile(r"^000\.01\.12\.H34,\d{4}/\d{2}/\d{2},\d+/TNHS$")


def test_accepting_queues_the_message_in_the_same_transaction(
    exchange_peers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks() as callbacks:
        application = ApplicationFactory(accepted=True)
        message = ExchangeMessage.objects.get(application=application)
        assert message.state == MessageState.QUEUED
        assert not message.package
    assert DOCUMENT_ID.match(message.document_id)
    assert message.to_organ_id == PEER_ID
    assert callbacks  # the send is scheduled only once the acceptance commits


def test_an_acceptance_rolled_back_leaves_no_message(exchange_peers):
    application = ApplicationFactory()
    from tests.tracking.factories import STEPS

    with pytest.raises(RuntimeError), transaction.atomic():
        STEPS["accept"](application)
        raise RuntimeError("the desk request fails after accepting")
    assert Application.objects.get(pk=application.pk).state == State.SUBMITTED
    assert not ExchangeMessage.objects.filter(application=application).exists()


def test_the_package_carries_header_trace_manifest_and_attachments(sent):
    message, package = sent
    assert bytes(message.package) == package
    assert message.state == MessageState.SENT
    root = etree.fromstring(package)
    assert etree.QName(root).localname == "edXML"
    envelope = root.find("{*}edXMLEnvelope")
    header = envelope.find("{*}edXMLHeader/{*}MessageHeader")
    assert header.findtext("{*}DocumentId") == message.document_id
    assert header.findtext("{*}From/{*}OrganId") == "000.01.12.H34"
    assert header.findtext("{*}To/{*}OrganId") == PEER_ID
    assert header.findtext("{*}Code/{*}CodeNotation") == "TNHS"
    assert re.match(
        r"^\d{4}/\d{2}/\d{2}$", header.findtext("{*}PromulgationInfo/{*}PromulgationDate")
    )
    assert header.findtext("{*}DueDate") == "2026/12/07"
    assert message.application.dossier_code in header.findtext("{*}Subject")
    assert re.match(
        r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}$",
        envelope.findtext("{*}edXMLHeader/{*}TraceHeaderList/{*}TraceHeader/{*}Timestamp"),
    )
    references = envelope.findall("{*}edXMLBody/{*}edXMLManifest/{*}Reference")
    files = edxml.attachments_of(root)
    assert [r.findtext("{*}ContentId") for r in references] == list(files)
    assert files["phieu-tiep-nhan"].startswith(b"%PDF")
    assert files["to-khai"].startswith(b"%PDF")
    uploads = [data for cid, data in files.items() if cid.startswith("tep-")]
    assert uploads == [MINIMAL_PDF]


def test_the_signature_verifies_with_xmlsec1_and_by_canonicalisation(sent, tmp_path):
    _, package = sent
    _, certificate, _ = load_agency_credentials()
    result = xmlsec1_verify(package, certificate, tmp_path)
    assert result.returncode == 0, result.stderr
    canonical_check(package, certificate)


def test_a_package_changed_after_signing_fails_xmlsec1(sent, tmp_path):
    _, package = sent
    _, certificate, _ = load_agency_credentials()
    tampered = package.replace(b"<edXML:DueDate>2026/12/07", b"<edXML:DueDate>2027/12/07")
    assert tampered != package
    assert xmlsec1_verify(tampered, certificate, tmp_path).returncode != 0


def test_a_subject_over_500_characters_is_cut_and_the_package_still_goes(
    exchange_peers, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True, procedure_name="Thủ tục " * 62)
    message = ExchangeMessage.objects.get(application=application)
    assert message.state == MessageState.SENT
    subject = etree.fromstring(bytes(message.package)).findtext(".//{*}MessageHeader/{*}Subject")
    assert len(subject) == 500
    assert subject.endswith("…")
    assert subject.startswith(f"Chuyển hồ sơ {application.dossier_code}: Thủ tục")


def test_the_answers_pdf_in_the_package_is_signed_by_the_agency(sent, tmp_path):
    from tests.tracking.test_signing import pdfsig_report, pyhanko_status

    _, package = sent
    answers = edxml.attachments_of(etree.fromstring(package))["to-khai"]
    _, status = pyhanko_status(answers)
    assert status.intact and status.valid and status.trusted
    report = pdfsig_report(answers, tmp_path)
    assert "Signature is Valid" in report
    assert "Total document signed" in report


def test_document_ids_number_the_units_hand_offs_of_the_day(exchange_peers):
    first = ExchangeMessage.objects.get(application=ApplicationFactory(accepted=True))
    second = ExchangeMessage.objects.get(application=ApplicationFactory(accepted=True))
    assert [edxml.number_of(m.document_id) for m in (first, second)] == ["1", "2"]
    assert all(len(m.document_id) <= 35 for m in (first, second))


def test_a_receiver_code_that_is_not_an_identifier_code_is_refused(
    settings, peer_credentials, django_capture_on_commit_callbacks
):
    settings.EXCHANGE_PEERS = {"SO-KHCN-QLVB": peers_config(peer_credentials)[PEER_ID]}
    with django_capture_on_commit_callbacks(execute=True):
        application = ApplicationFactory(accepted=True)
    message = ExchangeMessage.objects.get(application=application)
    assert message.state == MessageState.FAILED
    assert "To/OrganId" in message.last_error


def test_a_resend_to_the_drop_folder_replaces_the_same_file(sent, settings):
    from tracking.exchange import operations

    message, _ = sent
    ExchangeMessage.objects.filter(pk=message.pk).update(state=MessageState.QUEUED)
    assert operations.send_message(message_id=message.pk).state == MessageState.SENT
    names = [p.name for p in settings.EXCHANGE_DROP_DIR.iterdir()]
    assert names.count(file_name(message.document_id)) == 1
    assert not [n for n in names if n.startswith(".")]
