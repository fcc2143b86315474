"""Outbound sync: every change of an application, in order, to the national portal.

For each event of an application's timeline (tracking's `event_recorded`,
inside the transaction that logs it) this writes the requests the guide asks
for: the application as it now stands (`DongBoHoSoMC`: created at submission,
updated after), the line of progress (`CapNhatTienDoHoSoMC`), and for a payment
or a result sent by post their own request; a rating (`application_rated`)
writes one too. They go out through the portal's one outbox (`core.outbox`),
in order per application, each with an idempotency key that stays the same on
every re-send.
"""

from core.outbox import Outbox, PermanentError, TransientError
from national import payloads
from national.constants import Service
from national.models import NationalMessage, ReceivedApplication
from national.transports import PermanentTransportError, TransportError, enabled, transport
from tracking.constants import Action

# Requests besides the application and its progress, by the action that calls for them.
EXTRA = {
    Action.PAY: (Service.PAYMENT, payloads.payment),
    Action.SEND_BY_POST: (Service.POSTAL, payloads.postal),
}


def message_key(application, event_or_name, service) -> str:
    """The idempotency key: stable for one request of one application."""
    name = getattr(event_or_name, "pk", event_or_name)
    return f"{application.dossier_code}/{name}/{service}"


def _write(*, service, key, payload, application=None, event=None) -> NationalMessage:
    message = NationalMessage.objects.create(
        application=application, event=event, service=service, key=key, payload=payload
    )
    OUTBOX.schedule(message)
    return message


def filed_on_the_national_portal(application) -> bool:
    """The national portal gave it its code: it already holds the application."""
    return ReceivedApplication.objects.filter(national_code=application.dossier_code).exists()


def unknown_to_the_national_portal(application) -> bool:
    """Nothing of it was sent yet (a submission, or the first change after the sync was
    switched on) and it was not filed there: the next request creates it."""
    if filed_on_the_national_portal(application):
        return False
    return not NationalMessage.objects.filter(
        application=application, service=Service.APPLICATION
    ).exists()


def requests_for_event(event) -> list[tuple[Service, dict]]:
    application = event.application
    first = unknown_to_the_national_portal(application)
    wanted = [
        (
            Service.APPLICATION,
            {
                "isUpdating": "False" if first else "True",
                "data": [payloads.application_record(application)],
            },
        )
    ]
    if not first:
        wanted.append((Service.PROGRESS, {"data": [payloads.progress_line(event)]}))
    if event.action in EXTRA:
        service, build = EXTRA[event.action]
        wanted.append((service, {"data": [build(event)]}))
    return wanted


def queue_for_event(sender, event, **kwargs) -> list[NationalMessage]:
    if not enabled():
        return []
    application = event.application
    return [
        _write(
            service=service,
            key=message_key(application, event, service),
            payload=payload,
            application=application,
            event=event,
        )
        for service, payload in requests_for_event(event)
    ]


def queue_for_rating(sender, rating, **kwargs) -> list[NationalMessage]:
    if not enabled():
        return []
    application = rating.application
    return [
        _write(
            service=Service.RATING,
            key=message_key(application, "danh-gia", Service.RATING),
            payload={"data": [payloads.rating(rating)]},
            application=application,
        )
    ]


def write_unordered(*, service, key, payload) -> NationalMessage | None:
    """A request of no application (statistics, answers); None if that key was written."""
    if NationalMessage.objects.filter(key=key).exists():
        return None
    return _write(service=service, key=key, payload=payload)


def _deliver(message: NationalMessage) -> dict:
    if not enabled():
        raise TransientError("the national sync is switched off (NATIONAL_TRANSPORT)")
    try:
        answer = transport().post(message.service, message.payload, key=message.key)
    except PermanentTransportError as error:
        raise PermanentError(str(error)) from error
    except TransportError as error:
        raise TransientError(str(error)) from error
    return {"response_status": answer.status, "response_body": answer.text[:2000]}


def _task():
    from national.tasks import send_national_message

    return send_national_message


OUTBOX = Outbox(
    NationalMessage,
    settings_prefix="NATIONAL",
    deliver=_deliver,
    task=_task,
    in_order_of="application",
)
