"""A checker of edXML document packages written from the standard's element names only.

It imports nothing of the portal: what it knows is the vocabulary of QCVN 102:2016
(and the layout the public edXML implementations share), written out below, so that
a package the portal builds is judged by what another system would read. It
returns the list of problems (empty: accepted).

- The root is `edXML` holding `edXMLEnvelope` and, when there are files,
  `AttachmentEncoded`; the envelope holds `edXMLHeader` (`MessageHeader`,
  `TraceHeaderList`, XML-DSig `Signature`) and `edXMLBody` (`edXMLManifest`).
- Every element of the edXML namespace is one the standard names, in the place it
  names it; elements of other namespaces are extensions a reader skips (only the
  signature is required).
- Identifiers, codes and dates have the standard's form and length.
- Every file is an `Attachment` whose identification is carried by child elements
  (`ContentId`, `ContentType`, `Description`, `AttachmentName`) and whose content
  is `ContentTransferEncoded` (base64), one per manifest `Reference`, and no
  attributes.
"""

import base64
import binascii
import re

from lxml import etree

NS = "http://www.mic.gov.vn/TBT/QCVN_102_2016"
DS = "http://www.w3.org/2000/09/xmldsig#"
XLINK = "http://www.w3.org/1999/xlink"

ORGAN = {
    "OrganId",
    "OrganizationInCharge",
    "OrganName",
    "OrganAdd",
    "Email",
    "Telephone",
    "Fax",
    "Website",
}
# parent → (children it may hold, children it must hold)
VOCABULARY = {
    "edXML": ({"edXMLEnvelope", "AttachmentEncoded"}, {"edXMLEnvelope"}),
    "edXMLEnvelope": ({"edXMLHeader", "edXMLBody"}, {"edXMLHeader", "edXMLBody"}),
    "edXMLHeader": ({"MessageHeader", "TraceHeaderList"}, {"MessageHeader", "TraceHeaderList"}),
    "MessageHeader": (
        {
            "From",
            "To",
            "DocumentId",
            "Code",
            "PromulgationInfo",
            "DocumentType",
            "Subject",
            "Content",
            "SignerInfo",
            "DueDate",
            "ToPlaces",
            "OtherInfo",
            "ResponseFor",
            "SteeringType",
        },
        {"From", "To", "DocumentId", "Code", "PromulgationInfo", "DocumentType", "Subject"},
    ),
    "From": (ORGAN, {"OrganId", "OrganName"}),
    "To": (ORGAN, {"OrganId", "OrganName"}),
    "Code": ({"CodeNumber", "CodeNotation"}, {"CodeNumber", "CodeNotation"}),
    "PromulgationInfo": ({"Place", "PromulgationDate"}, {"PromulgationDate"}),
    "DocumentType": ({"Type", "TypeDetail", "TypeName"}, {"Type"}),
    "SignerInfo": ({"Competence", "Position", "FullName"}, set()),
    "ToPlaces": ({"Place"}, set()),
    "OtherInfo": (
        {
            "Priority",
            "SphereOfPromulgation",
            "TyperNotation",
            "PromulgationAmount",
            "PageAmount",
            "Appendixes",
            "Direction",
        },
        set(),
    ),
    "Appendixes": ({"Appendix"}, set()),
    "ResponseFor": ({"OrganId", "Code", "PromulgationDate", "DocumentId"}, set()),
    "TraceHeaderList": ({"TraceHeader", "Bussiness"}, {"TraceHeader"}),
    "TraceHeader": ({"OrganId", "Timestamp"}, {"OrganId", "Timestamp"}),
    "Bussiness": (
        {
            "BussinessDocType",
            "BussinessDocReason",
            "BussinessDocumentInfo",
            "DocumentId",
            "StaffInfo",
            "Paper",
            "ReplacementInfoList",
        },
        set(),
    ),
    "StaffInfo": ({"Department", "Staff", "Mobile", "Email"}, set()),
    "edXMLBody": ({"edXMLManifest"}, {"edXMLManifest"}),
    "edXMLManifest": ({"Reference"}, set()),
    "Reference": ({"ContentId", "ContentType", "AttachmentName", "Description"}, {"ContentId"}),
    "AttachmentEncoded": ({"Attachment"}, set()),
    "Attachment": (
        {"ContentId", "ContentType", "Description", "AttachmentName", "ContentTransferEncoded"},
        {"ContentId", "ContentType", "AttachmentName", "ContentTransferEncoded"},
    ),
}
ORGAN_ID = re.compile(r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$")
DATE = re.compile(r"^\d{4}/\d{2}/\d{2}$")
TIMESTAMP = re.compile(r"^\d{4}/\d{2}/\d{2} \d{2}:\d{2}:\d{2}$")
LENGTHS = {"DocumentId": 35, "OrganId": 35, "CodeNumber": 11, "CodeNotation": 30, "Subject": 500}


def _name(element):
    return etree.QName(element).localname


def _ours(element):
    return etree.QName(element).namespace == NS


def _walk(element, path, problems):
    name = _name(element)
    allowed, required = VOCABULARY[name]
    children = [child for child in element if isinstance(child.tag, str)]
    present = {_name(child) for child in children if _ours(child)}
    for missing in sorted(required - present):
        problems.append(f"{path}: thiếu {missing}")
    for child in children:
        child_path = f"{path}/{_name(child)}"
        if not _ours(child):
            continue  # an extension (the signature, a portal's own element): skipped
        if _name(child) not in allowed:
            problems.append(f"{child_path}: không có trong chuẩn ở vị trí này")
        elif _name(child) in VOCABULARY:
            _walk(child, child_path, problems)
        elif len([c for c in child if isinstance(c.tag, str)]):
            problems.append(f"{child_path}: phải là phần tử văn bản")


def check_package(raw: bytes) -> list[str]:
    """The problems of a document package; empty when it is accepted."""
    problems = []
    root = etree.fromstring(raw, parser=etree.XMLParser(resolve_entities=False, no_network=True))
    if etree.QName(root) != etree.QName(NS, "edXML"):
        return [f"phần tử gốc là {etree.QName(root)}, không phải edXML"]
    _walk(root, "edXML", problems)
    header = root.find(f"{{{NS}}}edXMLEnvelope/{{{NS}}}edXMLHeader")
    if header is None or header.find(f"{{{DS}}}Signature") is None:
        problems.append("edXMLHeader: thiếu chữ ký số XML-DSig (Signature)")
    message = root.find(f"{{{NS}}}edXMLEnvelope/{{{NS}}}edXMLHeader/{{{NS}}}MessageHeader")
    if message is not None:
        problems.extend(_check_message(message))
    problems.extend(_check_attachments(root))
    return problems


def _text(element, path):
    return (element.findtext(path, namespaces={"e": NS}) or "").strip()


def _check_message(message) -> list[str]:
    problems = []
    for role in ("From", "To"):
        organ_id = _text(message, f"e:{role}/e:OrganId")
        if not ORGAN_ID.match(organ_id):
            problems.append(f"{role}/OrganId “{organ_id}” không đúng dạng V1V2V3.Z1Z2.Y1Y2.MX1X2")
    for element in message.iter(f"{{{NS}}}*"):
        limit = LENGTHS.get(_name(element))
        if limit is not None and len(element.text or "") > limit:
            problems.append(f"{_name(element)} dài quá {limit} ký tự")
    date = _text(message, "e:PromulgationInfo/e:PromulgationDate")
    if not DATE.match(date):
        problems.append("PromulgationDate phải có dạng yyyy/MM/dd")
    due = _text(message, "e:DueDate")
    if due and not DATE.match(due):
        problems.append("DueDate phải có dạng yyyy/MM/dd")
    expected = "{},{},{}/{}".format(
        _text(message, "e:From/e:OrganId"),
        date,
        _text(message, "e:Code/e:CodeNumber"),
        _text(message, "e:Code/e:CodeNotation"),
    )
    if _text(message, "e:DocumentId") != expected:
        problems.append(f"DocumentId phải là OrganId,yyyy/MM/dd,Number/Notation: {expected}")
    trace = message.getparent().find(f"{{{NS}}}TraceHeaderList/{{{NS}}}TraceHeader")
    if trace is not None and not TIMESTAMP.match(_text(trace, "e:Timestamp")):
        problems.append("TraceHeader/Timestamp phải có dạng yyyy/MM/dd HH:mm:ss")
    return problems


def _cid(value):
    value = (value or "").strip()
    return value[4:] if value.startswith("cid:") else value


def _check_attachments(root) -> list[str]:
    problems = []
    references = root.findall(
        f"{{{NS}}}edXMLEnvelope/{{{NS}}}edXMLBody/{{{NS}}}edXMLManifest/{{{NS}}}Reference"
    )
    listed = [_cid(_text(reference, "e:ContentId")) for reference in references]
    for reference in references:
        href = reference.get(f"{{{XLINK}}}href")
        if href is not None and _cid(href) != _cid(_text(reference, "e:ContentId")):
            problems.append(f"Reference {href}: xlink:href khác ContentId")
    carried = []
    for attachment in root.iterfind(f"{{{NS}}}AttachmentEncoded/{{{NS}}}Attachment"):
        content_id = _cid(_text(attachment, "e:ContentId"))
        carried.append(content_id)
        if attachment.attrib:
            problems.append(
                f"Attachment {content_id}: thông tin phải nằm trong phần tử con, không phải "
                f"thuộc tính ({', '.join(attachment.attrib)})"
            )
        if attachment.text and attachment.text.strip():
            problems.append(
                f"Attachment {content_id}: nội dung phải nằm trong ContentTransferEncoded"
            )
        encoded = "".join(_text(attachment, "e:ContentTransferEncoded").split())
        try:
            base64.b64decode(encoded, validate=True)
        except (binascii.Error, ValueError):
            problems.append(f"Attachment {content_id}: ContentTransferEncoded không phải base64")
    if sorted(listed) != sorted(carried) or len(set(carried)) != len(carried):
        problems.append(f"Các Reference ({listed}) và các Attachment ({carried}) không khớp nhau")
    return problems
