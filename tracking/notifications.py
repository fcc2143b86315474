"""E-mail notices to the applicant, one per event that concerns them."""

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.utils import translation

from tracking.constants import Action
from tracking.links import detail_url, status_url
from tracking.models import ApplicationEvent

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
    Action.DELIVER,
    Action.SEND_BY_POST,
    Action.WITHDRAW,
    Action.APOLOGISE,
}


def send_event_email(event_id: int) -> bool:
    """Send the notice of one event in the applicant's language; False when there is none to send."""
    event = (
        ApplicationEvent.objects.select_related("application", "application__receiving_unit")
        .filter(pk=event_id)
        .first()
    )
    if event is None or event.action not in NOTIFIED_ACTIONS:
        return False
    application = event.application
    if not application.applicant_email:
        return False
    with translation.override(application.language or settings.LANGUAGE_CODE):
        context = {
            "application": application,
            "event": event,
            "action_label": Action(event.action).label,
            "status_url": status_url(application),
            "detail_url": detail_url(application),
            "agency_name": _agency_name(),
        }
        subject = " ".join(render_to_string("tracking/email/event_subject.txt", context).split())
        text = render_to_string("tracking/email/event_body.txt", context)
        html = render_to_string("tracking/email/event_body.html", context)
    message = EmailMultiAlternatives(subject, text, to=[application.applicant_email])
    message.attach_alternative(html, "text/html")
    for attachment in event.attachments.filter(kind="notice"):
        with attachment.file.open("rb") as handle:
            message.attach(attachment.original_name, handle.read(), attachment.content_type)
    message.send()
    return True


def _agency_name():
    from portal.models import AgencySettings

    agency = AgencySettings.load()
    if translation.get_language() == "en" and agency.name_en:
        return agency.name_en
    return agency.name
