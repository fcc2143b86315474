"""Webhooks: events of the applications of an integrator's units, POSTed to its URL.

Each delivery is a `WebhookDelivery` row written in the transaction that logs
the event (tracking's `event_recorded` signal) and sent through the portal's
one outbox (`core.outbox`): retries with backoff, a sweeper, the failed state
and re-send in the admin. Deliveries follow the Standard Webhooks specification
(standardwebhooks.com), the shape of Stripe's and GitHub's signatures:

    webhook-id:        the event's id; the same on every re-send (deduplicate by it)
    webhook-timestamp: Unix seconds of this attempt (refuse one too far from now)
    webhook-signature: v1,<base64 HMAC-SHA256 of "id.timestamp.body" under the secret>

The secret is `whsec_` followed by the base64 of the key. The body is thin: the
dossier code, states and links; the receiver reads the rest through the API
with its key, so a webhook never carries more personal data than the key may read.
"""

import base64
import hashlib
import hmac
import ipaddress
import json
import os
import secrets
import socket
import time
from urllib.parse import urlsplit

import certifi
import urllib3
from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from api.constants import WebhookEvent
from api.models import WebhookDelivery, WebhookEndpoint
from core.links import absolute
from core.outbox import Outbox, PermanentError, TransientError
from tracking.constants import Action

SECRET_PREFIX = "whsec_"  # noqa: S105 (the format's marker, not a secret)
# What one event of the timeline is, for webhooks (besides "state changed").
EVENT_TYPES = {
    Action.SUBMIT: WebhookEvent.SUBMITTED,
    Action.ACCEPT: WebhookEvent.ACCEPTED,
    Action.PAY: WebhookEvent.PAID,
    Action.DECIDE: WebhookEvent.RESULT_READY,
    # The result file of a decision recorded without it (status 06 of the exchange).
    Action.ATTACH_RESULT: WebhookEvent.RESULT_READY,
}


def checked_url(url: str) -> str:
    """`url` if a webhook may be sent there: HTTPS (unless WEBHOOK_ALLOW_HTTP), and a
    host that is not this machine or the agency's private network (unless
    WEBHOOK_ALLOW_PRIVATE_HOSTS), so that a key cannot aim the portal at internal
    services."""
    validate = URLValidator(schemes=["https", "http"])
    validate(url)
    parts = urlsplit(url)
    try:
        port = _port(parts)
    except ValueError:  # a port beyond 65535 passes the pattern
        raise ValidationError(validate.message) from None
    if parts.scheme != "https" and not settings.WEBHOOK_ALLOW_HTTP:
        raise ValidationError(_("Địa chỉ nhận phải dùng HTTPS."))
    if not settings.WEBHOOK_ALLOW_PRIVATE_HOSTS:
        public_address(parts.hostname, port)
    return url


def _port(parts) -> int:
    return parts.port or (443 if parts.scheme == "https" else 80)


def public_address(hostname, port) -> str:
    """An address `hostname` resolves to, if every one it resolves to is public."""
    try:
        addresses = sorted({info[4][0] for info in socket.getaddrinfo(hostname, port)})
    except (socket.gaierror, UnicodeError):
        raise ValidationError(_("Không phân giải được tên máy chủ của địa chỉ nhận.")) from None
    for address in addresses:
        ip = ipaddress.ip_address(address.split("%")[0])
        if not ip.is_global:
            raise ValidationError(
                _("Địa chỉ nhận không được trỏ vào mạng nội bộ (%(ip)s).") % {"ip": ip}
            )
    return addresses[0]


def _post(url, body, headers):
    """POST `body` to `url`, connecting to the address that was checked.

    The host is resolved and checked again at every delivery, and the connection goes
    to that very address (TLS still verifies the certificate of the host's name): a
    name re-pointed at an internal address after registration, or between the check
    and the connection (DNS rebinding), is not reached."""
    parts = urlsplit(url)
    https = parts.scheme == "https"
    port = _port(parts)
    if settings.WEBHOOK_ALLOW_PRIVATE_HOSTS:
        address = parts.hostname
    else:
        try:
            address = public_address(parts.hostname, port)
        except ValidationError as error:
            raise TransientError(f"{parts.hostname}: {error.messages[0]}") from None
    options = {"timeout": settings.WEBHOOK_TIMEOUT_SECONDS, "retries": False}
    if https:
        pool = urllib3.HTTPSConnectionPool(
            address,
            port,
            server_hostname=parts.hostname,
            assert_hostname=parts.hostname,
            cert_reqs="CERT_REQUIRED",
            ca_certs=os.environ.get("REQUESTS_CA_BUNDLE") or certifi.where(),
            **options,
        )
    else:
        pool = urllib3.HTTPConnectionPool(address, port, **options)
    target = parts.path or "/"
    if parts.query:
        target = f"{target}?{parts.query}"
    with pool:
        response = pool.urlopen(
            "POST",
            target,
            body=body,
            headers={**headers, "Host": parts.netloc.rpartition("@")[2]},
            redirect=False,
            assert_same_host=False,
        )
    return response.status, response.data.decode("utf-8", "replace")


def new_secret() -> str:
    return SECRET_PREFIX + base64.b64encode(secrets.token_bytes(32)).decode()


def signature(secret: str, event_id: str, timestamp: int, body: bytes) -> str:
    key = base64.b64decode(secret.removeprefix(SECRET_PREFIX))
    signed = f"{event_id}.{timestamp}.".encode() + body
    return "v1," + base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode()


def awaits_result(event) -> bool:
    """A decision recorded without its result file: the result is not ready yet, and
    "result ready" is sent when the file is attached."""
    return event.action == Action.DECIDE and bool((event.data or {}).get("awaiting_result"))


def event_types(event) -> list[WebhookEvent]:
    event_type = None if awaits_result(event) else EVENT_TYPES.get(event.action)
    types = [event_type] if event_type else []
    if event.from_state and event.to_state and event.from_state != event.to_state:
        types.append(WebhookEvent.STATE_CHANGED)
    return types


def payload(event, event_type, event_id) -> dict:
    application = event.application
    return {
        "id": str(event_id),
        "type": str(event_type),
        "created_at": event.at.isoformat(),
        "data": {
            "dossier_code": application.dossier_code,
            "action": event.action,
            "state": application.state,
            "previous_state": event.from_state,
            "procedure_code": application.procedure_code,
            "receiving_unit": application.receiving_unit.identifier_code,
            "url": absolute(
                reverse("api-1:integrator_application", args=[application.dossier_code])
            ),
        },
    }


def queue_for_event(sender, event, **kwargs) -> list[WebhookDelivery]:
    """Write one delivery per subscribed endpoint, in the event's transaction."""
    types = event_types(event)
    if not types:
        return []
    application = event.application
    endpoints = WebhookEndpoint.objects.filter(
        is_active=True,
        api_key__revoked_at__isnull=True,
        api_key__units=application.receiving_unit_id,
    ).distinct()
    deliveries = []
    for endpoint in endpoints:
        for event_type in types:
            if event_type not in endpoint.events:
                continue
            delivery = WebhookDelivery(endpoint=endpoint, event_type=event_type)
            delivery.application = application
            delivery.payload = payload(event, event_type, delivery.event_id)
            delivery.save()
            OUTBOX.schedule(delivery)
            deliveries.append(delivery)
    return deliveries


def body_of(delivery: WebhookDelivery) -> bytes:
    return json.dumps(delivery.payload, ensure_ascii=False, separators=(",", ":")).encode()


def _deliver(delivery: WebhookDelivery) -> dict:
    endpoint = delivery.endpoint
    if not endpoint.is_active or endpoint.api_key.revoked_at is not None:
        raise PermanentError("the endpoint or its key is no longer active")
    body = body_of(delivery)
    timestamp = int(time.time())
    event_id = str(delivery.event_id)
    headers = {
        "Content-Type": "application/json",
        "User-Agent": "cong-dich-vu-cong-webhooks/1",
        "webhook-id": event_id,
        "webhook-timestamp": str(timestamp),
        "webhook-signature": signature(endpoint.secret, event_id, timestamp, body),
    }
    try:
        status, text = _post(endpoint.url, body, headers)
    except urllib3.exceptions.HTTPError as error:
        raise TransientError(f"{type(error).__name__}: {error}") from error
    recorded = {"response_status": status, "response_body": text[:2000]}
    if 200 <= status < 300:
        return recorded
    WebhookDelivery.objects.filter(pk=delivery.pk).update(**recorded, updated_at=timezone.now())
    if status == 410:  # Gone: the receiver asks to stop (Standard Webhooks)
        WebhookEndpoint.objects.filter(pk=endpoint.pk).update(is_active=False)
        raise PermanentError(f"HTTP 410: {endpoint.url} asked to stop; endpoint disabled")
    raise TransientError(f"HTTP {status}")


def _task():
    from api.tasks import send_webhook

    return send_webhook


OUTBOX = Outbox(
    WebhookDelivery,
    settings_prefix="WEBHOOK",
    deliver=_deliver,
    task=_task,
    select_related=("endpoint__api_key",),
)
