"""E-mail notices to the applicant, one per event that concerns them.

Each notice is a `NoticeEmail` row written in the transaction that logs the
event and sent through the portal's one outbox (`core.outbox`): a broker or
mail server that is down delays a notice, it never loses one.
"""

import smtplib

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _

from core.mail import MAIL_ERRORS
from core.outbox import Outbox, PermanentError, TransientError
from portal.models import AgencySettings
from tracking import selectors
from tracking.constants import Action, FileKind
from tracking.links import detail_url, status_url
from tracking.models import NoticeEmail

# Events the applicant hears about; the overdue flag and exchange chatter are internal.
NOTIFIED_ACTIONS = {
    Action.SUBMIT,
    Action.PAY,
    Action.ACCEPT,
    Action.REQUEST_SUPPLEMENT,
    Action.SUPPLEMENT,
    Action.REFUSE,
    Action.START,
    Action.STOP,
    Action.DECIDE,
    Action.ATTACH_RESULT,
    Action.DELIVER,
    Action.SEND_BY_POST,
    Action.WITHDRAW,
    Action.APOLOGISE,
}


def queue_notice(event) -> NoticeEmail | None:
    """Write the notice of `event` in the current transaction, to be sent after commit;
    None when the event is not one the applicant hears about or there is no address."""
    application = event.application
    if event.action not in NOTIFIED_ACTIONS or not application.applicant_email:
        return None
    notice = NoticeEmail.objects.create(event=event, recipient=application.applicant_email)
    OUTBOX.schedule(notice)
    return notice


def build_notice_message(notice: NoticeEmail) -> EmailMultiAlternatives:
    """The e-mail of one notice, in the applicant's language, with the event's notice PDFs."""
    event = notice.event
    application = event.application
    with translation.override(application.language or settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "event": event,
            "action_label": Action(event.action).label,
            "state_label": selectors.public_status(application)["label"],
            "status_url": status_url(application),
            "detail_url": detail_url(application),
            "agency_name": _agency_name(),
        }
        subject = " ".join(render_to_string("tracking/email/event_subject.txt", context).split())
        text = render_to_string("tracking/email/event_body.txt", context)
        html = render_to_string("tracking/email/event_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=[notice.recipient])
    message.attach_alternative(html, "text/html")
    for attachment in event.attachments.filter(kind=FileKind.NOTICE):
        with attachment.file.open("rb") as handle:
            message.attach(attachment.original_name, handle.read(), attachment.content_type)
    return message


def _deliver(notice: NoticeEmail) -> None:
    message = build_notice_message(notice)
    try:
        message.send()
    except smtplib.SMTPRecipientsRefused as error:
        raise PermanentError(
            _("Máy chủ thư từ chối địa chỉ %(email)s.") % {"email": notice.recipient}
        ) from error
    except MAIL_ERRORS as error:
        raise TransientError(f"{type(error).__name__}: {error}") from error


def _task():
    from tracking.tasks import send_notice_email

    return send_notice_email


OUTBOX = Outbox(
    NoticeEmail,
    settings_prefix="NOTICE",
    deliver=_deliver,
    task=_task,
    select_related=("event__application__receiving_unit",),
)


def send_notice(*, notice_id: int):
    """Send one queued notice now (what the Celery task does)."""
    return OUTBOX.send(notice_id)


def resend_notice(*, notice: NoticeEmail) -> NoticeEmail:
    """Staff send a failed notice again, from the desk's timeline."""
    return OUTBOX.requeue(notice)


def sweep_notices(*, now=None) -> list[int]:
    return OUTBOX.sweep(now=now)


def _agency_name():
    agency = AgencySettings.load()
    if translation.get_language() == "en" and agency.name_en:
        return agency.name_en
    return agency.name
