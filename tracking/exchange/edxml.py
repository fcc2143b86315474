"""edXML packages of QCVN 102:2016/BTTTT (amended 2022): build, validate, parse.

The layout follows the standard's element names. Where its text was not at hand,
it follows the layout the public edXML implementations share, the most common one:
Bkav's eDoc SDK and service (`com.bkav.edoc`: `BaseXmlBuilder` writes the files in
`AttachmentEncoded`, `Attachment.fromContent` reads them back by child element), a
gateway client of the Government Office's document-exchange axis (its builder and
parser of edXML with several attachments), a TypeScript builder written from the
SDK's sample file `edoc_new.edxml`, and the readers of those packages (which look
the files up by `ContentId` and decode `ContentTransferEncoded`). All of them write::

    <edXML xmlns="http://www.mic.gov.vn/TBT/QCVN_102_2016">
      <edXML:edXMLEnvelope xmlns:edXML="…the same namespace…">
        <edXML:edXMLHeader> MessageHeader (or Status), TraceHeaderList, Signature
        <edXML:edXMLBody><edXML:edXMLManifest version="1.0">
          <edXML:Reference xlink:href="cid:…"> ContentId, ContentType,
                                               AttachmentName, Description
      </edXML:edXMLEnvelope>
      <AttachmentEncoded>
        <Attachment> ContentId, AttachmentName, Description, ContentType,
                     ContentTransferEncoded (the file, base64) </Attachment>
      </AttachmentEncoded>
    </edXML>

so each attachment carries its identification as child elements and its content
in `ContentTransferEncoded`, outside the envelope; the one enveloped XML-DSig
signature (Reference URI="") still covers header, manifest and files. The
portal adds the SHA-256 of each file to its manifest `Reference` in a namespace
of its own (`PORTAL_NS`), which a reader of the standard skips.

Deprecated, read inbound until the next release: the layout of earlier releases
of this portal, a bare `edXMLEnvelope` root whose files were
`edXMLBody/Attachments/Attachment` elements with the id as a `ContentId`
attribute and the base64 as their text. Packages in that layout are applied and
logged with a warning (`StatusReport.legacy_layout`); nothing is written in it.

Field limits (`LIMITS`, our reading of the standard's data dictionary; the public
implementations above state none): DocumentId and OrganId, the standard's
identifiers, at most 35 characters (OrganId in the form V1V2V3.Z1Z2.Y1Y2.MX1X2), CodeNumber 11,
CodeNotation 30, Subject 500, dates `yyyy/MM/dd`, trace timestamps
`yyyy/MM/dd HH:mm:ss`. An identifier, a code or a contact (e-mail, telephone,
fax, website) over its limit is refused: cut, it would name another document or
reach nobody. A text for people (`TRUNCATED`: names, address, subject,
signer, descriptions) is cut at its limit with "…", so that an application
with a long procedure name is still handed off (the whole text travels in the
attached documents).
"""

import base64
import binascii
import datetime
import hashlib
import re
from dataclasses import dataclass, field, replace

from django.utils.translation import gettext_lazy as _
from lxml import etree

EDXML_NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
EDXML_PREFIX = "edXML"
DSIG_NS = "http://www.w3.org/2000/09/xmldsig#"
XLINK_NS = "http://www.w3.org/1999/xlink"
# The portal's additions to the standard's elements (the files' SHA-256 in the manifest).
PORTAL_NS = "urn:cong-dich-vu-cong:edxml:1"
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
    "DocumentId": 35,
    # StaffInfo of a status package: the portal's own bounds on what it stores.
    "Department": 200,
    "Staff": 100,
    "Mobile": 20,
    "StaffEmail": 100,
}
# Texts for people, cut at their limit with an ellipsis; every other field over its
# limit is refused (see the module's docstring).
TRUNCATED = frozenset(
    {
        "OrganName",
        "OrganizationInCharge",
        "OrganAdd",
        "Place",
        "TypeName",
        "Subject",
        "Content",
        "Competence",
        "Position",
        "FullName",
        "ToPlace",
        "AttachmentName",
        "Description",
        "Department",
        "Staff",
        "Mobile",
        "StaffEmail",
    }
)
ELLIPSIS = "…"
# Attachments read from one inbound package, at most.
MAX_INBOUND_ATTACHMENTS = 20


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


def number_of(document_id_value: str) -> str:
    """The `Number` part of a DocumentId (`OrganId,yyyy/MM/dd,Number/Notation`)."""
    return document_id_value.split(",")[2].split("/", 1)[0]


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
    # Written in the layout of earlier releases (deprecated; see the module's docstring).
    legacy_layout: bool = False

    @property
    def dedup_key(self) -> str:
        raw = "|".join((self.from_organ_id, self.response_for, self.status_code, self.timestamp))
        return hashlib.sha256(raw.encode()).hexdigest()


def _q(tag):
    return f"{{{EDXML_NS}}}{tag}"


# Characters XML 1.0 cannot carry (control characters but tab and line breaks, lone
# surrogates, U+FFFE and U+FFFF): dropped from texts, which would otherwise stop a package.
NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xml_text(value) -> str:
    """`value` without the characters XML cannot carry."""
    return NOT_XML.sub("", str(value))


def _sub(parent, tag, text=None):
    element = etree.SubElement(parent, _q(tag))
    if text is not None:
        element.text = xml_text(text)
    return element


def fit(limit_key: str, value: str) -> str:
    """`value` cut to the limit of `limit_key` with "…" (a text for people), without the
    characters XML cannot carry; a file name keeps its extension."""
    value = xml_text(value or "")
    limit = LIMITS[limit_key]
    if len(value) <= limit:
        return value
    if limit_key == "AttachmentName" and "." in value[-12:]:
        stem, extension = value.rsplit(".", 1)
        return stem[: limit - len(extension) - 2] + ELLIPSIS + "." + extension
    return value[: limit - 1] + ELLIPSIS


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


def _fit_organ(organ: Organ) -> Organ:
    return replace(
        organ,
        name=fit("OrganName", organ.name),
        in_charge=fit("OrganizationInCharge", organ.in_charge),
        address=fit("OrganAdd", organ.address),
    )


def fit_document(document: OutgoingDocument) -> OutgoingDocument:
    """The document with every text for people (`TRUNCATED`) cut to its limit."""
    return replace(
        document,
        sender=_fit_organ(document.sender),
        receiver=_fit_organ(document.receiver),
        promulgation_place=fit("Place", document.promulgation_place),
        document_type_name=fit("TypeName", document.document_type_name),
        subject=fit("Subject", document.subject),
        content=fit("Content", document.content),
        signer_competence=fit("Competence", document.signer_competence),
        signer_position=fit("Position", document.signer_position),
        signer_name=fit("FullName", document.signer_name),
        to_places=[fit("ToPlace", place) for place in document.to_places],
        attachments=[
            replace(
                attachment,
                name=fit("AttachmentName", attachment.name),
                description=fit("Description", attachment.description),
            )
            for attachment in document.attachments
        ],
    )


def validate_document(document: OutgoingDocument) -> None:
    """Raise PackageRejected listing every field that breaks the standard.

    Texts for people are checked as they are: `document_envelope` cuts them first
    (`fit_document`), so that only identifiers, codes and contacts can refuse a package.
    """
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
    content_ids = [attachment.content_id for attachment in document.attachments]
    if len(set(content_ids)) != len(content_ids):
        errors.append(_("Mỗi tệp đính kèm phải có ContentId riêng."))
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


def _package():
    """The `edXML` root and its `edXMLEnvelope`, prefixed `edXML:` as the SDK writes it."""
    root = etree.Element(_q("edXML"), nsmap={None: EDXML_NS})
    envelope = etree.SubElement(root, _q("edXMLEnvelope"), nsmap={EDXML_PREFIX: EDXML_NS})
    return root, envelope


def _attachments(root, body, attachments: list[Attachment]) -> None:
    """The manifest in `edXMLBody` and the files in `AttachmentEncoded` (after the envelope)."""
    manifest = _sub(body, "edXMLManifest")
    manifest.set("version", "1.0")
    if not attachments:
        return
    encoded = _sub(root, "AttachmentEncoded")
    for attachment in attachments:
        reference = etree.SubElement(manifest, _q("Reference"), nsmap={"xlink": XLINK_NS})
        reference.set(f"{{{XLINK_NS}}}href", f"cid:{attachment.content_id}")
        reference.set(f"{{{XLINK_NS}}}type", "simple")
        _sub(reference, "ContentId", attachment.content_id)
        _sub(reference, "ContentType", attachment.content_type)
        _sub(reference, "AttachmentName", attachment.name)
        _sub(reference, "Description", attachment.description)
        digest = etree.SubElement(
            reference, f"{{{PORTAL_NS}}}DigestSHA256", nsmap={"dvc": PORTAL_NS}
        )
        digest.text = hashlib.sha256(attachment.data).hexdigest()
        item = _sub(encoded, "Attachment")
        _sub(item, "ContentId", attachment.content_id)
        _sub(item, "AttachmentName", attachment.name)
        _sub(item, "Description", attachment.description)
        _sub(item, "ContentType", attachment.content_type)
        _sub(item, "ContentTransferEncoded", base64.b64encode(attachment.data).decode("ascii"))


def document_envelope(document: OutgoingDocument) -> etree._Element:
    """The unsigned package (`edXML` root) of a document: texts for people cut to their
    limits, then `validate_document`."""
    document = fit_document(document)
    validate_document(document)
    root, envelope = _package()
    header = _sub(envelope, "edXMLHeader")
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
    _attachments(root, _sub(envelope, "edXMLBody"), document.attachments)
    return root


def status_envelope(
    *,
    response_for: str,
    sender: Organ,
    status_code: str,
    description: str,
    timestamp: datetime.datetime,
    staff: dict | None = None,
    attachments: list[Attachment] = (),
) -> etree._Element:
    """The unsigned package (`edXML` root) of a status: what a receiver answers, with
    the result files when it sends them (status 06)."""
    root, envelope = _package()
    header = _sub(envelope, "edXMLHeader")
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
    _attachments(root, _sub(envelope, "edXMLBody"), list(attachments))
    return root


def to_bytes(root) -> bytes:
    return etree.tostring(root, xml_declaration=True, encoding="UTF-8")


def _text(element, path):
    found = element.find(path)
    return (found.text or "").strip() if found is not None else ""


def envelope_of(root) -> tuple[etree._Element, bool]:
    """(`edXMLEnvelope`, whether the package is in the deprecated layout of earlier
    releases: a bare envelope as the root)."""
    name = etree.QName(root).localname
    if name == "edXMLEnvelope":
        return root, True
    envelope = root.find("{*}edXMLEnvelope") if name == "edXML" else None
    if envelope is None:
        raise PackageRejected([_("Phần tử gốc phải là edXML chứa edXMLEnvelope.")])
    return envelope, False


# StaffInfo child → its limit.
STAFF_LIMITS = {
    "Department": "Department",
    "Staff": "Staff",
    "Mobile": "Mobile",
    "Email": "StaffEmail",
}


def read_status(root) -> StatusReport:
    """The fields of a status package, checked; raise PackageRejected if it is not one.

    ResponseFor/DocumentId, From/OrganId, StatusCode and Timestamp are refused when
    they break the standard; the description and the staff's details are cut to
    their limits.
    """
    envelope, legacy = envelope_of(root)
    status = envelope.find("{*}edXMLHeader/{*}Status")
    if status is None:
        raise PackageRejected([_("Thiếu edXMLHeader/Status.")])
    staff = {}
    for child in status.findall("{*}StaffInfo/*"):
        key = etree.QName(child).localname
        limit_key = STAFF_LIMITS.get(key)
        if limit_key is not None:
            staff[key] = fit(limit_key, (child.text or "").strip())
    report = StatusReport(
        response_for=_text(status, "{*}ResponseFor/{*}DocumentId"),
        from_organ_id=_text(status, "{*}From/{*}OrganId"),
        from_organ_name=fit("OrganName", _text(status, "{*}From/{*}OrganName")),
        status_code=_text(status, "{*}StatusCode"),
        description=fit("Description", _text(status, "{*}Description")),
        timestamp=_text(status, "{*}Timestamp"),
        staff=staff,
        legacy_layout=legacy,
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
    if errors:
        raise PackageRejected(errors)
    return report


def _content_id(value: str) -> str:
    value = (value or "").strip()
    return value[4:] if value.lower().startswith("cid:") else value


def _decoded(content_id: str, text: str) -> bytes:
    try:
        return base64.b64decode("".join((text or "").split()), validate=True)
    except (binascii.Error, ValueError) as error:
        raise PackageRejected(
            [_("Tệp đính kèm “%(id)s” không được mã hóa base64 hợp lệ.") % {"id": content_id}]
        ) from error


def read_attachments(root) -> list[Attachment]:
    """The files of a package, in the standard's layout (`AttachmentEncoded/Attachment`
    with child elements) or, deprecated, in the layout of earlier releases; what an
    attachment does not say of itself is taken from its manifest `Reference`."""
    envelope, legacy = envelope_of(root)
    references = {}
    for reference in envelope.findall("{*}edXMLBody/{*}edXMLManifest/{*}Reference"):
        content_id = _content_id(
            _text(reference, "{*}ContentId") or reference.get(f"{{{XLINK_NS}}}href", "")
        )
        references[content_id] = reference
    if legacy:
        items = [
            (_content_id(item.get("ContentId", "")), None, item.text or "")
            for item in envelope.findall("{*}edXMLBody/{*}Attachments/{*}Attachment")
        ]
    else:
        items = [
            (
                _content_id(_text(item, "{*}ContentId")),
                item,
                _text(item, "{*}ContentTransferEncoded"),
            )
            for item in root.findall("{*}AttachmentEncoded/{*}Attachment")
        ]
    if len(items) > MAX_INBOUND_ATTACHMENTS:
        raise PackageRejected(
            [_("Gói tin có quá %(n)s tệp đính kèm.") % {"n": MAX_INBOUND_ATTACHMENTS}]
        )
    attachments = []
    for content_id, item, encoded in items:
        if not content_id:
            raise PackageRejected([_("Tệp đính kèm thiếu ContentId.")])
        reference = references.get(content_id)

        def told(tag, item=item, reference=reference):
            own = _text(item, f"{{*}}{tag}") if item is not None else ""
            return own or (_text(reference, f"{{*}}{tag}") if reference is not None else "")

        attachments.append(
            Attachment(
                content_id=content_id,
                name=fit("AttachmentName", told("AttachmentName") or content_id),
                content_type=told("ContentType")[:100],
                description=fit("Description", told("Description")),
                data=_decoded(content_id, encoded),
            )
        )
    return attachments


def attachments_of(root) -> dict[str, bytes]:
    """ContentId → decoded bytes of the attachments of a package."""
    return {attachment.content_id: attachment.data for attachment in read_attachments(root)}
