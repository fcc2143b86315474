"""The layout of QCVN 102:2016 packages: attachments carry their identification as child
elements; a checker written only from the standard's element names accepts what the
portal sends; the layout of earlier releases is still read inbound, with a warning.

`samples/goi-tin-ho-so.edxml` is a package as the portal writes it, signed with the
throwaway certificate `samples/goi-tin-ho-so.pem`, for other implementations to
test their reader with. Written again by
`REGENERATE_EDXML_SAMPLE=1 .venv/bin/pytest tests/exchange/test_standard_layout.py -k sample`.
"""

import base64
import datetime
import hashlib
import logging
import os
from pathlib import Path

import pytest
from cryptography import x509
from lxml import etree

from tests.exchange.conftest import legacy_layout, make_credentials, post_status, status_package
from tests.exchange.signature_check import canonical_check, xmlsec1_verify
from tests.exchange.standard_checker import check_package
from tests.factories import PDF
from tests.tracking.factories import ApplicationFactory
from tracking.constants import Action, FileKind, State
from tracking.exchange import edxml
from tracking.exchange.constants import InboundOutcome
from tracking.exchange.models import ExchangeMessage
from tracking.exchange.xmlsecurity import sign_envelope
from tracking.signing import load_agency_credentials

pytestmark = pytest.mark.django_db

SAMPLES = Path(__file__).parent / "samples"
SAMPLE = SAMPLES / "goi-tin-ho-so.edxml"
SAMPLE_CERTIFICATE = SAMPLES / "goi-tin-ho-so.pem"
NS = {"e": edxml.EDXML_NS}


def sample_document():
    return edxml.OutgoingDocument(
        sender=edxml.Organ(
            organ_id="000.01.12.H34",
            name="Bộ phận Một cửa, Sở Thông tin và Truyền thông",
            in_charge="Sở Thông tin và Truyền thông tỉnh Khánh Hòa",
            address="01 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
            email="motcua@example.gov.vn",
            phone="02583822000",
        ),
        receiver=edxml.Organ(organ_id="000.00.12.H34", name="Hệ thống quản lý văn bản của Sở"),
        code_number="1",
        code_notation="TNHS",
        promulgation_place="Khánh Hòa",
        promulgation_date=datetime.date(2026, 11, 23),
        document_type=1,
        document_type_name="Hồ sơ thủ tục hành chính",
        subject="Chuyển hồ sơ 000.01.12.H34-261123-0001: Cấp giấy phép xuất bản bản tin",
        content="Hồ sơ 000.01.12.H34-261123-0001 của Nguyễn Thị Hoa, hẹn trả ngày 07/12/2026.",
        signer_competence="",
        signer_position="Cán bộ tiếp nhận",
        signer_name="Lê Thị Mai",
        due_date=datetime.date(2026, 12, 7),
        to_places=["Hệ thống quản lý văn bản của Sở"],
        sent_at=datetime.datetime(2026, 11, 23, 9, 30, 0),
        attachments=[
            edxml.Attachment(
                content_id="phieu-tiep-nhan",
                name="mau-01-giay-tiep-nhan.pdf",
                content_type="application/pdf",
                description="Giấy tiếp nhận hồ sơ và hẹn trả kết quả",
                data=PDF,
            ),
            edxml.Attachment(
                content_id="to-khai",
                name="to-khai-000.01.12.H34-261123-0001.pdf",
                content_type="application/pdf",
                description="Nội dung kê khai",
                data=PDF,
            ),
        ],
    )


def test_an_outbound_package_is_accepted_by_a_checker_of_the_standard(sent):
    _, package = sent
    assert check_package(package) == []


def test_the_sample_package_is_accepted_and_its_signature_verifies(tmp_path):
    if os.environ.get("REGENERATE_EDXML_SAMPLE") == "1":
        credentials = make_credentials(tmp_path, "goi-tin-mau")
        SAMPLES.mkdir(exist_ok=True)
        root = edxml.document_envelope(sample_document())
        SAMPLE.write_bytes(
            sign_envelope(root, key=credentials.key, certificate=credentials.certificate)
        )
        SAMPLE_CERTIFICATE.write_bytes(credentials.pem_path.read_bytes())
    package = SAMPLE.read_bytes()
    assert check_package(package) == []
    certificate = x509.load_pem_x509_certificate(SAMPLE_CERTIFICATE.read_bytes())
    result = xmlsec1_verify(package, certificate, tmp_path)
    assert result.returncode == 0, result.stderr
    canonical_check(package, certificate)


def test_the_sample_is_what_the_portal_writes_today():
    """Guards the committed sample against drifting from the builder (signature aside)."""
    written = etree.fromstring(edxml.to_bytes(edxml.document_envelope(sample_document())))
    sample = etree.fromstring(SAMPLE.read_bytes())
    for root in (written, sample):
        for signature in root.iter(f"{{{edxml.DSIG_NS}}}Signature"):
            signature.getparent().remove(signature)
    assert etree.tostring(written, method="c14n") == etree.tostring(sample, method="c14n")


def test_each_attachment_carries_its_identification_as_child_elements(sent):
    message, package = sent
    root = etree.fromstring(package)
    attachments = root.findall("e:AttachmentEncoded/e:Attachment", NS)
    references = root.findall("e:edXMLEnvelope/e:edXMLBody/e:edXMLManifest/e:Reference", NS)
    assert len(attachments) == len(references) == 3  # receipt, answers, the applicant's file
    for attachment, reference in zip(attachments, references, strict=True):
        assert attachment.attrib == {}
        assert [etree.QName(child).localname for child in attachment] == [
            "ContentId",
            "AttachmentName",
            "Description",
            "ContentType",
            "ContentTransferEncoded",
        ]
        content_id = attachment.findtext("e:ContentId", namespaces=NS)
        assert reference.findtext("e:ContentId", namespaces=NS) == content_id
        assert reference.get(f"{{{edxml.XLINK_NS}}}href") == f"cid:{content_id}"
        for tag in ("AttachmentName", "Description", "ContentType"):
            assert attachment.findtext(f"e:{tag}", namespaces=NS) == reference.findtext(
                f"e:{tag}", namespaces=NS
            )
        data = base64.b64decode(attachment.findtext("e:ContentTransferEncoded", namespaces=NS))
        digest = reference.findtext(f"{{{edxml.PORTAL_NS}}}DigestSHA256")
        assert digest == hashlib.sha256(data).hexdigest()


def test_the_signature_covers_the_files_outside_the_envelope(sent, tmp_path):
    _, package = sent
    _, certificate, _ = load_agency_credentials()
    encoded = etree.fromstring(package).findtext(
        "e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", namespaces=NS
    )
    tampered = package.replace(encoded.encode()[:40], base64.b64encode(b"x" * 30)[:40])
    assert tampered != package
    assert xmlsec1_verify(tampered, certificate, tmp_path).returncode != 0


def test_the_checker_refuses_the_layout_of_earlier_releases(sent):
    _, package = sent
    legacy = edxml.to_bytes(legacy_layout(etree.fromstring(package)))
    assert check_package(legacy)  # a bare envelope, identification as attributes
    root = etree.fromstring(package)
    root.find("e:AttachmentEncoded/e:Attachment", NS).set("ContentId", "to-khai")
    problems = check_package(etree.tostring(root))
    assert any("thuộc tính" in problem for problem in problems)


def test_files_are_read_alike_in_both_layouts(sent):
    _, package = sent
    root = etree.fromstring(package)
    current = edxml.read_attachments(root)
    legacy = edxml.read_attachments(legacy_layout(root))
    assert [(a.content_id, a.name, a.content_type, a.data) for a in current] == [
        (a.content_id, a.name, a.content_type, a.data) for a in legacy
    ]
    assert [a.content_id for a in current][:2] == ["phieu-tiep-nhan", "to-khai"]
    assert current[2].data == PDF  # the applicant's file


def test_files_are_matched_to_the_manifest_with_or_without_the_cid_prefix():
    root = edxml.document_envelope(sample_document())
    for element in root.iter(f"{{{edxml.EDXML_NS}}}ContentId"):
        element.text = "cid:" + element.text
    assert [a.content_id for a in edxml.read_attachments(root)] == ["phieu-tiep-nhan", "to-khai"]


def test_an_attachment_that_is_not_base64_refuses_the_package():
    root = edxml.document_envelope(sample_document())
    root.find("e:AttachmentEncoded/e:Attachment/e:ContentTransferEncoded", NS).text = "%%%"
    with pytest.raises(edxml.PackageRejected, match="base64"):
        edxml.read_attachments(root)


def test_a_status_in_the_standard_layout_is_applied(client, exchange_peers, peer_credentials):
    message = ExchangeMessage.objects.get(application=ApplicationFactory(accepted=True))
    raw = status_package(message.document_id, "03", credentials=peer_credentials)
    assert etree.QName(etree.fromstring(raw)).localname == "edXML"
    response = post_status(client, raw)
    assert response.json()["code"] == InboundOutcome.APPLIED
    message.application.refresh_from_db()
    assert message.application.state == State.IN_PROGRESS


def test_a_status_in_the_layout_of_earlier_releases_is_applied_with_a_warning(
    client, exchange_peers, peer_credentials, caplog
):
    message = ExchangeMessage.objects.get(application=ApplicationFactory(accepted=True))
    raw = status_package(message.document_id, "03", credentials=peer_credentials, legacy=True)
    assert etree.QName(etree.fromstring(raw)).localname == "edXMLEnvelope"
    with caplog.at_level(logging.WARNING, logger="tracking.exchange.operations"):
        response = post_status(client, raw)
    assert response.json()["code"] == InboundOutcome.APPLIED
    assert "deprecated layout" in caplog.text
    message.application.refresh_from_db()
    assert message.application.state == State.IN_PROGRESS


def test_a_result_in_the_layout_of_earlier_releases_is_still_taken(
    client, exchange_peers, peer_credentials
):
    message = ExchangeMessage.objects.get(application=ApplicationFactory(in_progress=True))
    result = edxml.Attachment(
        content_id="ket-qua",
        name="giay-phep.pdf",
        content_type="application/pdf",
        description="Giấy phép xuất bản bản tin",
        data=PDF,
    )
    raw = status_package(
        message.document_id,
        "06",
        credentials=peer_credentials,
        attachments=[result],
        legacy=True,
    )
    assert post_status(client, raw).json()["code"] == InboundOutcome.APPLIED
    application = message.application
    application.refresh_from_db()
    assert application.state == State.DECIDED
    kept = application.files.get(kind=FileKind.RESULT)
    assert kept.label == "Giấy phép xuất bản bản tin"
    assert application.events.last().action == Action.DECIDE
