"""The standard's field limits, one test per field: identifiers, codes and contacts over
their limit are refused with the field named; texts for people are cut at their limit
with "…"; what comes in is held to the same limits."""

import datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree

from tests.exchange.test_units import document
from tracking.exchange import edxml

SENDER = edxml.Organ(organ_id="000.01.12.H34", name="Văn phòng Sở")
RECEIVER = edxml.Organ(organ_id="000.00.12.H34", name="Hệ thống quản lý văn bản")
ATTACHMENT = edxml.Attachment(
    content_id="to-khai",
    name="to-khai.pdf",
    content_type="application/pdf",
    description="Nội dung kê khai",
    data=b"%PDF-1.4 ...",
)


def over(key, extra=1):
    return "x" * (edxml.LIMITS[key] + extra)


# Refused: (what is changed in the document, the field named in the error).
REFUSED = {
    "From/OrganId": (
        lambda n: {"sender": edxml.Organ(organ_id="0" * n, name="Đơn vị")},
        "OrganId",
    ),
    "To/OrganId": (
        lambda n: {"receiver": edxml.Organ(organ_id="0" * n, name="Đơn vị")},
        "OrganId",
    ),
    "From/Email": (lambda n: {"sender": edxml.Organ(**vars(SENDER) | {"email": "e" * n})}, "Email"),
    "From/Telephone": (
        lambda n: {"sender": edxml.Organ(**vars(SENDER) | {"phone": "0" * n})},
        "Telephone",
    ),
    "From/Fax": (lambda n: {"sender": edxml.Organ(**vars(SENDER) | {"fax": "0" * n})}, "Fax"),
    "From/Website": (
        lambda n: {"sender": edxml.Organ(**vars(SENDER) | {"website": "w" * n})},
        "Website",
    ),
    "To/Email": (
        lambda n: {"receiver": edxml.Organ(**vars(RECEIVER) | {"email": "e" * n})},
        "Email",
    ),
    "CodeNumber": (lambda n: {"code_number": "1" * n}, "CodeNumber"),
    "CodeNotation": (lambda n: {"code_notation": "T" * n}, "CodeNotation"),
}
LIMIT_OF = {
    "From/OrganId": "OrganId",
    "To/OrganId": "OrganId",
    "From/Email": "Email",
    "To/Email": "Email",
    "From/Telephone": "Telephone",
    "From/Fax": "Fax",
    "From/Website": "Website",
    "CodeNumber": "CodeNumber",
    "CodeNotation": "CodeNotation",
}


@pytest.mark.parametrize("field", sorted(REFUSED))
def test_an_identifier_code_or_contact_over_its_limit_is_refused(field):
    change, name = REFUSED[field]
    limit = edxml.LIMITS[LIMIT_OF[field]]
    with pytest.raises(edxml.PackageRejected) as caught:
        edxml.document_envelope(document(**change(limit + 1)))
    assert any(name in error and str(limit) in error for error in caught.value.errors), caught.value


def test_a_document_id_over_35_characters_is_refused_and_35_pass():
    # 000.01.12.H34,2026/11/23,<number>/TNHS: 30 characters and the number.
    assert len(document(code_number="12345").document_id) == 35
    edxml.document_envelope(document(code_number="12345"))
    with pytest.raises(edxml.PackageRejected) as caught:
        edxml.document_envelope(document(code_number="123456"))
    assert caught.value.errors == ["Trường DocumentId dài 36 ký tự, vượt quá 35 ký tự cho phép."]


def test_contacts_at_their_limit_pass():
    full = edxml.Organ(
        organ_id="000.01.12.H34",
        name="Văn phòng Sở",
        email="e" * edxml.LIMITS["Email"],
        phone="0" * edxml.LIMITS["Telephone"],
        fax="0" * edxml.LIMITS["Fax"],
        website="w" * edxml.LIMITS["Website"],
    )
    edxml.document_envelope(document(sender=full))


def test_a_code_notation_at_its_limit_passes_validation():
    # Only the DocumentId that contains it can be too long then.
    with pytest.raises(edxml.PackageRejected) as caught:
        edxml.document_envelope(document(code_notation="T" * 30))
    assert [e for e in caught.value.errors if "CodeNotation" in e] == []


# Cut: (what is changed, where the text is in the package, its limit).
CUT = {
    "From/OrganName": (
        lambda v: {"sender": edxml.Organ(**vars(SENDER) | {"name": v})},
        "edXMLHeader/{*}MessageHeader/{*}From/{*}OrganName",
        "OrganName",
    ),
    "From/OrganizationInCharge": (
        lambda v: {"sender": edxml.Organ(**vars(SENDER) | {"in_charge": v})},
        "edXMLHeader/{*}MessageHeader/{*}From/{*}OrganizationInCharge",
        "OrganizationInCharge",
    ),
    "From/OrganAdd": (
        lambda v: {"sender": edxml.Organ(**vars(SENDER) | {"address": v})},
        "edXMLHeader/{*}MessageHeader/{*}From/{*}OrganAdd",
        "OrganAdd",
    ),
    "To/OrganName": (
        lambda v: {"receiver": edxml.Organ(**vars(RECEIVER) | {"name": v})},
        "edXMLHeader/{*}MessageHeader/{*}To/{*}OrganName",
        "OrganName",
    ),
    "PromulgationInfo/Place": (
        lambda v: {"promulgation_place": v},
        "edXMLHeader/{*}MessageHeader/{*}PromulgationInfo/{*}Place",
        "Place",
    ),
    "DocumentType/TypeName": (
        lambda v: {"document_type_name": v},
        "edXMLHeader/{*}MessageHeader/{*}DocumentType/{*}TypeName",
        "TypeName",
    ),
    "Subject": (lambda v: {"subject": v}, "edXMLHeader/{*}MessageHeader/{*}Subject", "Subject"),
    "Content": (lambda v: {"content": v}, "edXMLHeader/{*}MessageHeader/{*}Content", "Content"),
    "SignerInfo/Competence": (
        lambda v: {"signer_competence": v},
        "edXMLHeader/{*}MessageHeader/{*}SignerInfo/{*}Competence",
        "Competence",
    ),
    "SignerInfo/Position": (
        lambda v: {"signer_position": v},
        "edXMLHeader/{*}MessageHeader/{*}SignerInfo/{*}Position",
        "Position",
    ),
    "SignerInfo/FullName": (
        lambda v: {"signer_name": v},
        "edXMLHeader/{*}MessageHeader/{*}SignerInfo/{*}FullName",
        "FullName",
    ),
    "ToPlaces/Place": (
        lambda v: {"to_places": [v]},
        "edXMLHeader/{*}MessageHeader/{*}ToPlaces/{*}Place",
        "ToPlace",
    ),
    "Reference/Description": (
        lambda v: {"attachments": [edxml.Attachment(**vars(ATTACHMENT) | {"description": v})]},
        "edXMLBody/{*}edXMLManifest/{*}Reference/{*}Description",
        "Description",
    ),
}


def _header_text(root, path):
    return root.find(f"{{*}}edXMLEnvelope/{{*}}{path}").text or ""


@pytest.mark.parametrize("field", sorted(CUT))
def test_a_text_for_people_over_its_limit_is_cut_with_an_ellipsis(field):
    change, path, key = CUT[field]
    limit = edxml.LIMITS[key]
    root = edxml.document_envelope(document(**change("ậ" * (limit + 40))))
    text = _header_text(root, path)
    assert len(text) == limit
    assert text == "ậ" * (limit - 1) + "…"


@pytest.mark.parametrize("field", sorted(CUT))
def test_a_text_for_people_at_its_limit_is_kept_whole(field):
    change, path, key = CUT[field]
    value = "ậ" * edxml.LIMITS[key]
    assert _header_text(edxml.document_envelope(document(**change(value))), path) == value


def test_an_attachment_name_over_its_limit_is_cut_keeping_its_extension():
    long = edxml.Attachment(**vars(ATTACHMENT) | {"name": "giay-phep-" + "a" * 300 + ".pdf"})
    root = edxml.document_envelope(document(attachments=[long]))
    for name in (
        root.findtext(".//{*}edXMLManifest/{*}Reference/{*}AttachmentName"),
        root.findtext("{*}AttachmentEncoded/{*}Attachment/{*}AttachmentName"),
    ):
        assert len(name) == edxml.LIMITS["AttachmentName"]
        assert name.startswith("giay-phep-aaa") and name.endswith("….pdf")


@given(st.text(min_size=1, max_size=900).filter(lambda s: edxml.xml_text(s).strip()))
def test_a_package_is_never_refused_for_its_subject_and_keeps_it_within_500(subject):
    root = edxml.document_envelope(document(subject=subject))
    kept = root.findtext(".//{*}MessageHeader/{*}Subject")
    clean = edxml.xml_text(subject)
    assert kept == (clean if len(clean) <= 500 else clean[:499] + "…")


# --- What comes in ----------------------------------------------------------------------


def status(**changes):
    fields = {
        "response_for": "000.01.12.H34,2026/11/23,1/TNHS",
        "sender": RECEIVER,
        "status_code": "05",
        "description": "Đang xử lý",
        "timestamp": datetime.datetime(2026, 11, 24, 8, 0),
        "staff": {"Department": "Văn phòng", "Staff": "Trần Văn Bình"},
    }
    fields.update(changes)
    return edxml.status_envelope(**fields)


def test_a_response_for_over_35_characters_is_refused():
    long = "000.01.12.H34,2026/11/23,123456/TNHS"
    assert len(long) == 36
    with pytest.raises(edxml.PackageRejected) as caught:
        edxml.read_status(status(response_for=long))
    assert "ResponseFor/DocumentId" in str(caught.value) and "35" in str(caught.value)


def test_a_response_for_of_35_characters_is_read():
    exact = "000.01.12.H34,2026/11/23,12345/TNHS"
    assert edxml.read_status(status(response_for=exact)).response_for == exact


def test_a_status_description_over_500_characters_is_cut_not_refused():
    report = edxml.read_status(status(description="ư" * 600))
    assert report.description == "ư" * 499 + "…"


@pytest.mark.parametrize(
    ("key", "limit_key"),
    [
        ("Department", "Department"),
        ("Staff", "Staff"),
        ("Mobile", "Mobile"),
        ("Email", "StaffEmail"),
    ],
)
def test_staff_details_of_a_status_are_cut_to_their_bounds(key, limit_key):
    limit = edxml.LIMITS[limit_key]
    report = edxml.read_status(status(staff={key: "a" * (limit + 5)}))
    assert report.staff[key] == "a" * (limit - 1) + "…"


def test_the_sender_name_of_a_status_is_cut_to_its_limit():
    sender = edxml.Organ(organ_id=RECEIVER.organ_id, name="n" * 300)
    report = edxml.read_status(status(sender=sender))
    assert len(report.from_organ_name) == edxml.LIMITS["OrganName"]


def test_a_status_code_or_timestamp_of_another_form_is_refused():
    root = status()
    root.find(".//{*}Status/{*}StatusCode").text = "6"
    root.find(".//{*}Status/{*}Timestamp").text = "2026-11-24T08:00:00"
    with pytest.raises(edxml.PackageRejected) as caught:
        edxml.read_status(root)
    text = str(caught.value)
    assert "StatusCode" in text and "Timestamp" in text


def test_every_limit_has_its_policy_written_down():
    refused = set(edxml.LIMITS) - edxml.TRUNCATED
    assert refused == {
        "OrganId",
        "DocumentId",
        "CodeNumber",
        "CodeNotation",
        "Email",
        "Telephone",
        "Fax",
        "Website",
    }
    assert etree.QName(status()).localname == "edXML"
