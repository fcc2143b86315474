"""Issuing the notices (forms 01–04) of an application's events."""

import hashlib

from django.core.files.base import ContentFile
from django.utils import timezone

from portal.models import AgencySettings
from tracking.constants import Action, FileKind
from tracking.links import status_url
from tracking.models import ApplicationFile
from tracking.notices import NoticeContext, NoticeKind, render_notice

NOTICE_OF_ACTION = {
    Action.ACCEPT: NoticeKind.RECEIPT,
    Action.REQUEST_SUPPLEMENT: NoticeKind.SUPPLEMENT,
    Action.REFUSE: NoticeKind.REFUSAL,
    Action.APOLOGISE: NoticeKind.APOLOGY,
}

FILE_NAMES = {
    NoticeKind.RECEIPT: "mau-01-giay-tiep-nhan",
    NoticeKind.SUPPLEMENT: "mau-02-yeu-cau-bo-sung",
    NoticeKind.REFUSAL: "mau-03-tu-choi",
    NoticeKind.APOLOGY: "mau-04-xin-loi-hen-lai",
}


def notice_context(application, event) -> NoticeContext:
    agency = AgencySettings.load()
    reasons = [line.strip() for line in event.public_note.splitlines() if line.strip()]
    return NoticeContext(
        agency_name=agency.name,
        agency_parent=agency.governing_body,
        agency_code=agency.identifier_code,
        agency_address=agency.address,
        agency_phone=agency.phone,
        agency_email=agency.email,
        unit_name=application.receiving_unit.name,
        dossier_code=application.dossier_code,
        applicant_name=application.applicant_name,
        applicant_address=application.applicant_address,
        applicant_phone=application.applicant_phone,
        applicant_email=application.applicant_email,
        procedure_name=application.procedure_name,
        procedure_code=application.procedure_code,
        received_at=application.submitted_at,
        due_date=application.due_date,
        documents=list(
            application.files.filter(kind=FileKind.UPLOAD).values_list("label", flat=True)
        ),
        reasons=reasons,
        new_due_date=application.new_due_date,
        status_url=status_url(application),
        officer_name=event.actor_label,
        issued_at=event.at,
        language="vi",
    )


def issue_notice(application, event):
    """Render, sign and keep the notice this event calls for; None if it calls for none."""
    kind = NOTICE_OF_ACTION.get(event.action)
    if kind is None:
        return None
    pdf = render_notice(kind, notice_context(application, event))
    return keep_notice_pdf(
        application,
        event,
        pdf,
        name=f"{FILE_NAMES[kind]}-{application.dossier_code}.pdf",
        field_name=f"notice_{kind.value}",
        label=str(kind.label),
        folder="notices",
    )


def keep_notice_pdf(application, event, pdf: bytes, *, name, field_name, label, folder):
    """Keep a generated (signed) PDF among the application's notices, on `event`."""
    notice = ApplicationFile(
        application=application,
        event=event,
        kind=FileKind.NOTICE,
        field_name=field_name,
        label=label,
        original_name=name,
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
        created_at=timezone.now(),
    )
    notice.file.save(f"{folder}/{timezone.localdate():%Y/%m}/{name}", ContentFile(pdf), save=False)
    notice.save()
    return notice
