"""The edXML package of one accepted application: what goes in it, from where."""

import html

from django.conf import settings
from django.utils import timezone
from django.utils.translation import gettext as _

from core.pdf import simple_document_pdf
from portal.models import AgencySettings
from tracking import selectors
from tracking.constants import Action, FileKind
from tracking.exchange import edxml, peers
from tracking.exchange.xmlsecurity import sign_with_agency
from tracking.signing import sign_pdf

# Our reading of the standard's document-type list: an administrative dossier handed over.
DOCUMENT_TYPE = 1
# Notation of the hand-off documents (“Tiếp nhận hồ sơ”); the number is the sending
# unit's sequence of the day (`operations.queue_handoff`), so that the DocumentId
# (`OrganId,yyyy/MM/dd,Number/Notation`) stays within the standard's 35 characters.
CODE_NOTATION = "TNHS"


def document_id_for(*, number: int, unit_code, day) -> str:
    return edxml.document_id(unit_code, day, str(number), CODE_NOTATION)


def answers_pdf(application) -> bytes:
    """The applicant's answers as a document ("tờ khai") the receiving system can file,
    signed by the agency (PAdES, as the notices are): an electronic document with the
    agency's digital signature (Nghị định 45/2020/NĐ-CP, Quyết định 28/2018/QĐ-TTg)."""
    rows = selectors.answer_rows(application)
    paragraphs = [
        "<b>{}</b>: {}".format(
            html.escape(f"{section} — {label}" if section else str(label)), html.escape(str(value))
        )
        for section, label, value in rows
    ]
    pdf = simple_document_pdf(
        title=_("Nội dung kê khai của hồ sơ %(code)s") % {"code": application.dossier_code},
        header_lines=[html.escape(application.receiving_unit.name)],
        paragraphs=paragraphs or ["—"],
        subject=application.procedure_name,
    )
    agency = AgencySettings.load()
    return sign_pdf(
        pdf,
        reason=_("Nội dung kê khai của hồ sơ %(code)s") % {"code": application.dossier_code},
        location=agency.address[:100] or agency.name,
    )


def _attachments(application):
    attachments = []
    notice = (
        application.files.filter(kind=FileKind.NOTICE, event__action=Action.ACCEPT)
        .order_by("-pk")
        .first()
    )
    if notice is not None:
        attachments.append(
            edxml.Attachment(
                content_id="phieu-tiep-nhan",
                name=notice.original_name,
                content_type=notice.content_type,
                description=notice.label,
                data=_read(notice),
            )
        )
    attachments.append(
        edxml.Attachment(
            content_id="to-khai",
            name=f"to-khai-{application.dossier_code}.pdf",
            content_type="application/pdf",
            description=_("Nội dung kê khai"),
            data=answers_pdf(application),
        )
    )
    for item in application.files.filter(kind__in=[FileKind.UPLOAD, FileKind.SUPPLEMENT]):
        attachments.append(
            edxml.Attachment(
                content_id=f"tep-{item.pk}",
                name=item.original_name,
                content_type=item.content_type,
                description=item.label,
                data=_read(item),
            )
        )
    return attachments


def _read(application_file) -> bytes:
    with application_file.file.open("rb") as handle:
        return handle.read()


def outgoing_document(message) -> edxml.OutgoingDocument:
    application = message.application
    unit = application.receiving_unit
    agency = AgencySettings.load()
    peer = peers.peer(message.to_organ_id)
    if peer is None:
        raise edxml.PackageRejected(
            [
                _("Đơn vị nhận %(code)s chưa được cấu hình liên thông.")
                % {"code": message.to_organ_id}
            ]
        )
    accept = application.events.filter(action=Action.ACCEPT).order_by("-pk").first()
    accepted_at = timezone.localtime(application.accepted_at or message.created_at)
    return edxml.OutgoingDocument(
        sender=edxml.Organ(
            organ_id=unit.identifier_code,
            name=unit.name,
            in_charge=agency.name,
            address=unit.address or agency.address,
            email=unit.email or agency.email,
            phone=unit.phone or agency.phone,
        ),
        receiver=edxml.Organ(
            organ_id=peer.organ_id,
            name=peer.name,
            address=peer.address,
            email=peer.email,
            phone=peer.phone,
        ),
        code_number=edxml.number_of(message.document_id),
        code_notation=CODE_NOTATION,
        promulgation_place=settings.EXCHANGE_PROMULGATION_PLACE or agency.address,
        promulgation_date=accepted_at.date(),
        document_type=DOCUMENT_TYPE,
        document_type_name=_("Hồ sơ thủ tục hành chính"),
        subject=_("Chuyển hồ sơ %(code)s: %(procedure)s")
        % {"code": application.dossier_code, "procedure": application.procedure_name},
        content=_(
            "Hồ sơ %(code)s của %(applicant)s, thủ tục %(procedure_code)s, tiếp nhận ngày "
            "%(accepted)s, hẹn trả kết quả ngày %(due)s."
        )
        % {
            "code": application.dossier_code,
            "applicant": application.applicant_organisation or application.applicant_name,
            "procedure_code": application.procedure_code or "—",
            "accepted": accepted_at.strftime("%d/%m/%Y"),
            "due": application.due_date.strftime("%d/%m/%Y") if application.due_date else "—",
        },
        signer_competence="",
        signer_position=_("Cán bộ tiếp nhận"),
        signer_name=accept.actor_label if accept else "",
        due_date=application.due_date,
        to_places=[peer.name],
        sent_at=timezone.localtime(),
        attachments=_attachments(application),
    )


def build_edxml_package(message) -> bytes:
    """The signed edXML package of an outbox message; PackageRejected if it breaks the standard."""
    document = outgoing_document(message)
    if document.document_id != message.document_id:
        raise edxml.PackageRejected(
            [
                _("DocumentId của gói tin không khớp với hàng đợi: %(id)s")
                % {"id": document.document_id}
            ]
        )
    return sign_with_agency(edxml.document_envelope(document))
