"""edXML packages of QCVN 102:2016/BTTTT (amended 2022): build, validate, parse.

Assumptions where the regulation's text is not at hand (kept in one place so
that they are easy to correct):

- Namespace `http://www.mic.gov.vn/TBT/QCVN_102_2016`, root `edXMLEnvelope`
  holding `edXMLHeader` (`MessageHeader` or `Status`, `TraceHeaderList`, the
  XML-DSig `Signature`) and `edXMLBody` (`edXMLManifest`).
- The standard carries attachments as MIME parts referenced by `ContentId` in
  the manifest. Here they travel inside `edXMLBody/Attachments` as base64 text,
  each `Attachment` naming the manifest `ContentId`, so that one enveloped
  signature (Reference URI="") covers header, manifest and files, and one HTTP
  POST or one file carries the whole package.
- Field limits follow the standard's data dictionary as we read it (`LIMITS`):
  OrganId ≤ 35 in the form V1V2V3.Z1Z2.Y1Y2.MX1X2, CodeNumber ≤ 11,
  CodeNotation ≤ 30, Subject ≤ 500, dates `yyyy/MM/dd`, trace timestamps
  `yyyy/MM/dd HH:mm:ss`.
"""

import base64
import datetime
import hashlib
import re
from dataclasses import dataclass, field

from django.utils.translation import gettext_lazy as _
from lxml import etree

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
DATE_FORMAT = "%Y/%m/%d"
TIMESTAMP_FORMAT = "%Y/%m/%d %H:%M:%S"

ORGAN_ID = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$")
DATE = re.compile(r"^\d{4}/\d{2}/\d{2}$")
TIMESTAMP = re.compile(r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}$")
STATUS_CODE = re.compile(r"^\d{2}$")

# Maximum lengths of the text fields (characters).
LIMITS = {
    "OrganId": 35,
    "OrganName": 200,
    "OrganizationInCharge": 200,
    "OrganAdd": 250,
    "Email": 100,
    "Telephone": 20,
    "Fax": 20,
    "Website": 100,
    "CodeNumber": 11,
    "CodeNotation": 30,
    "Place": 100,
    "TypeName": 100,
    "Subject": 500,
    "Content": 2000,
    "Competence": 100,
    "Position": 100,
    "FullName": 50,
    "ToPlace": 1000,
    "AttachmentName": 255,
    "Description": 500,
    "DocumentId": 100,
}


class PackageRejected(Exception):
    """A package that breaks the standard; `errors` are for staff, in Vietnamese."""

    def __init__(self, errors):
        self.errors = [str(e) for e in errors]
        super().__init__("; ".join(self.errors))


@dataclass(frozen=True)
class Organ:
    """`From` / `To`: an organisation with its identifier code ("mã định danh")."""

    organ_id: str
    name: str
    in_charge: str = ""
    address: str = ""
    email: str = ""
    phone: str = ""
    fax: str = ""
    website: str = ""


@dataclass(frozen=True)
class Attachment:
    content_id: str
    name: str
    content_type: str
    description: str
    data: bytes


@dataclass(frozen=True)
class OutgoingDocument:
    """What `MessageHeader` says about one document ("văn bản điện tử")."""

    sender: Organ
    receiver: Organ
    code_number: str
    code_notation: str
    promulgation_place: str
    promulgation_date: datetime.date
    document_type: int
    document_type_name: str
    subject: str
    content: str
    signer_competence: str
    signer_position: str
    signer_name: str
    due_date: datetime.date | None
    to_places: list[str]
    sent_at: datetime.datetime
    priority: int = 0
    attachments: list[Attachment] = field(default_factory=list)

    @property
    def document_id(self) -> str:
        return document_id(
            self.sender.organ_id, self.promulgation_date, self.code_number, self.code_notation
        )


def document_id(organ_id: str, day: datetime.date, number: str, notation: str) -> str:
    """DocumentId per QCVN 102:2016: `OrganId,yyyy/MM/dd,Number/Notation`."""
    return f"{organ_id},{day.strftime(DATE_FORMAT)},{number}/{notation}"


@dataclass(frozen=True)
class StatusReport:
    """What a status package says, read from its signed content."""

    response_for: str
    from_organ_id: str
    from_organ_name: str
    status_code: str
    description: str
    timestamp: str
    staff: dict

    @property
    def dedup_key(self) -> str:
        raw = "|".join((self.from_organ_id, self.response_for, self.status_code, self.timestamp))
        return hashlib.sha256(raw.encode()).hexdigest()


def _q(tag):
    return f"{{{EDXML_NS}}}{tag}"


def _sub(parent, tag, text=None):
    element = etree.SubElement(parent, _q(tag))
    if text is not None:
        element.text = str(text)
    return element


def _check_text(errors, name, value, *, required=False, limit_key=None):
    value = value or ""
    if required and not value.strip():
        errors.append(_("Trường %(field)s là bắt buộc.") % {"field": name})
    limit = LIMITS.get(limit_key or name)
    if limit is not None and len(value) > limit:
        errors.append(
            _("Trường %(field)s dài %(length)s ký tự, vượt quá %(limit)s ký tự cho phép.")
            % {"field": name, "length": len(value), "limit": limit}
        )


def _check_organ(errors, role, organ: Organ):
    if not ORGAN_ID.match(organ.organ_id or ""):
        errors.append(
            _("%(role)s/OrganId “%(value)s” không đúng dạng mã định danh V1V2V3.Z1Z2.Y1Y2.MX1X2.")
            % {"role": role, "value": organ.organ_id}
        )
    _check_text(errors, f"{role}/OrganId", organ.organ_id, limit_key="OrganId")
    _check_text(errors, f"{role}/OrganName", organ.name, required=True, limit_key="OrganName")
    for key, value in (
        ("OrganizationInCharge", organ.in_charge),
        ("OrganAdd", organ.address),
        ("Email", organ.email),
        ("Telephone", organ.phone),
        ("Fax", organ.fax),
        ("Website", organ.website),
    ):
        _check_text(errors, f"{role}/{key}", value, limit_key=key)


def validate_document(document: OutgoingDocument) -> None:
    """Raise PackageRejected listing every field that breaks the standard."""
    errors = []
    _check_organ(errors, "From", document.sender)
    _check_organ(errors, "To", document.receiver)
    if not re.fullmatch(r"[0-9A-Za-z]+", document.code_number or ""):
        errors.append(_("CodeNumber chỉ gồm chữ số hoặc chữ cái không dấu."))
    _check_text(errors, "CodeNumber", document.code_number, required=True)
    if not re.fullmatch(r"[0-9A-ZĐ.\-]+", document.code_notation or ""):
        errors.append(_("CodeNotation chỉ gồm chữ in hoa, chữ số, dấu chấm và gạch nối."))
    _check_text(errors, "CodeNotation", document.code_notation, required=True)
    _check_text(errors, "PromulgationInfo/Place", document.promulgation_place, limit_key="Place")
    _check_text(errors, "DocumentType/TypeName", document.document_type_name, limit_key="TypeName")
    _check_text(errors, "Subject", document.subject, required=True)
    _check_text(errors, "Content", document.content)
    _check_text(errors, "SignerInfo/Competence", document.signer_competence, limit_key="Competence")
    _check_text(errors, "SignerInfo/Position", document.signer_position, limit_key="Position")
    _check_text(errors, "SignerInfo/FullName", document.signer_name, limit_key="FullName")
    for place in document.to_places:
        _check_text(errors, "ToPlaces/Place", place, limit_key="ToPlace")
    _check_text(errors, "DocumentId", document.document_id)
    for attachment in document.attachments:
        _check_text(errors, "AttachmentName", attachment.name, required=True)
        _check_text(errors, "Description", attachment.description)
    if errors:
        raise PackageRejected(errors)


def _organ_element(parent, tag, organ: Organ):
    element = _sub(parent, tag)
    _sub(element, "OrganId", organ.organ_id)
    _sub(element, "OrganizationInCharge", organ.in_charge)
    _sub(element, "OrganName", organ.name)
    _sub(element, "OrganAdd", organ.address)
    _sub(element, "Email", organ.email)
    _sub(element, "Telephone", organ.phone)
    _sub(element, "Fax", organ.fax)
    _sub(element, "Website", organ.website)
    return element


def _signature_placeholder(header):
    # signxml puts an enveloped signature where it finds this placeholder.
    etree.SubElement(header, f"{{{DSIG_NS}}}Signature", Id="placeholder", nsmap={"ds": DSIG_NS})


def document_envelope(document: OutgoingDocument) -> etree._Element:
    """The unsigned `edXMLEnvelope` of a document, after `validate_document`."""
    validate_document(document)
    root = etree.Element(_q("edXMLEnvelope"), nsmap={None: EDXML_NS})
    header = _sub(root, "edXMLHeader")
    message = _sub(header, "MessageHeader")
    _organ_element(message, "From", document.sender)
    _organ_element(message, "To", document.receiver)
    _sub(message, "DocumentId", document.document_id)
    code = _sub(message, "Code")
    _sub(code, "CodeNumber", document.code_number)
    _sub(code, "CodeNotation", document.code_notation)
    promulgation = _sub(message, "PromulgationInfo")
    _sub(promulgation, "Place", document.promulgation_place)
    _sub(promulgation, "PromulgationDate", document.promulgation_date.strftime(DATE_FORMAT))
    doc_type = _sub(message, "DocumentType")
    _sub(doc_type, "Type", document.document_type)
    _sub(doc_type, "TypeName", document.document_type_name)
    _sub(message, "Subject", document.subject)
    _sub(message, "Content", document.content)
    signer = _sub(message, "SignerInfo")
    _sub(signer, "Competence", document.signer_competence)
    _sub(signer, "Position", document.signer_position)
    _sub(signer, "FullName", document.signer_name)
    _sub(message, "DueDate", document.due_date.strftime(DATE_FORMAT) if document.due_date else "")
    places = _sub(message, "ToPlaces")
    for place in document.to_places:
        _sub(places, "Place", place)
    other = _sub(message, "OtherInfo")
    _sub(other, "Priority", document.priority)
    _sub(other, "SphereOfPromulgation", "")
    _sub(other, "TyperNotation", "")
    _sub(other, "PromulgationAmount", 1)
    _sub(other, "PageAmount", 0)
    traces = _sub(header, "TraceHeaderList")
    trace = _sub(traces, "TraceHeader")
    _sub(trace, "OrganId", document.sender.organ_id)
    _sub(trace, "Timestamp", document.sent_at.strftime(TIMESTAMP_FORMAT))
    _signature_placeholder(header)

    body = _sub(root, "edXMLBody")
    manifest = _sub(body, "edXMLManifest", None)
    manifest.set("version", "1.0")
    files = _sub(body, "Attachments")
    for attachment in document.attachments:
        reference = _sub(manifest, "Reference")
        _sub(reference, "ContentId", attachment.content_id)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "Description", attachment.description)
        _sub(reference, "DigestSHA256", hashlib.sha256(attachment.data).hexdigest())
        item = _sub(files, "Attachment", base64.b64encode(attachment.data).decode("ascii"))
        item.set("ContentId", attachment.content_id)
    return root


def status_envelope(
    *,
    response_for: str,
    sender: Organ,
    status_code: str,
    description: str,
    timestamp: datetime.datetime,
    staff: dict | None = None,
) -> etree._Element:
    """The unsigned `edXMLEnvelope` of a status package (what a receiver answers)."""
    root = etree.Element(_q("edXMLEnvelope"), nsmap={None: EDXML_NS})
    header = _sub(root, "edXMLHeader")
    status = _sub(header, "Status")
    response = _sub(status, "ResponseFor")
    _sub(response, "DocumentId", response_for)
    _organ_element(status, "From", sender)
    _sub(status, "StatusCode", status_code)
    _sub(status, "Description", description)
    _sub(status, "Timestamp", timestamp.strftime(TIMESTAMP_FORMAT))
    staff_element = _sub(status, "StaffInfo")
    for key in ("Department", "Staff", "Mobile", "Email"):
        _sub(staff_element, key, (staff or {}).get(key, ""))
    traces = _sub(header, "TraceHeaderList")
    trace = _sub(traces, "TraceHeader")
    _sub(trace, "OrganId", sender.organ_id)
    _sub(trace, "Timestamp", timestamp.strftime(TIMESTAMP_FORMAT))
    _signature_placeholder(header)
    _sub(root, "edXMLBody")
    return root


def to_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _text(element, path):
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def read_status(root) -> StatusReport:
    """The fields of a status package, checked; raise PackageRejected if it is not one."""
    if etree.QName(root).localname != "edXMLEnvelope":
        raise PackageRejected([_("Phần tử gốc phải là edXMLEnvelope.")])
    status = root.find("{*}edXMLHeader/{*}Status")
    if status is None:
        raise PackageRejected([_("Thiếu edXMLHeader/Status.")])
    report = StatusReport(
        response_for=_text(status, "{*}ResponseFor/{*}DocumentId"),
        from_organ_id=_text(status, "{*}From/{*}OrganId"),
        from_organ_name=_text(status, "{*}From/{*}OrganName"),
        status_code=_text(status, "{*}StatusCode"),
        description=_text(status, "{*}Description"),
        timestamp=_text(status, "{*}Timestamp"),
        staff={
            etree.QName(child).localname: (child.text or "").strip()
            for child in status.findall("{*}StaffInfo/*")
        },
    )
    errors = []
    if not report.response_for:
        errors.append(_("Thiếu ResponseFor/DocumentId."))
    _check_text(errors, "ResponseFor/DocumentId", report.response_for, limit_key="DocumentId")
    if not ORGAN_ID.match(report.from_organ_id):
        errors.append(_("From/OrganId không đúng dạng mã định danh."))
    if not STATUS_CODE.match(report.status_code):
        errors.append(_("StatusCode phải gồm hai chữ số."))
    if not TIMESTAMP.match(report.timestamp):
        errors.append(_("Timestamp phải có dạng yyyy/MM/dd HH:mm:ss."))
    _check_text(errors, "Description", report.description)
    if errors:
        raise PackageRejected(errors)
    return report


def attachments_of(root) -> dict[str, bytes]:
    """ContentId → decoded bytes of the attachments of a document package."""
    return {
        item.get("ContentId"): base64.b64decode(item.text or "")
        for item in root.findall("{*}edXMLBody/{*}Attachments/{*}Attachment")
    }
