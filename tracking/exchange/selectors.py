"""Reads of the exchange: what the desk, the command and the digest show."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from core.outbox import health, needing_attention
from tracking.exchange.constants import InboundOutcome, MessageState
from tracking.exchange.models import ExchangeMessage, InboundPackage


def messages_for_application(application):
    return ExchangeMessage.objects.filter(application=application).defer("package")


def statuses_for_application(application):
    return InboundPackage.objects.filter(message__application=application).defer("raw")


def outbox_health(*, messages=None) -> dict:
    """Counts by state and the oldest message still waiting to go out."""
    messages = ExchangeMessage.objects.all() if messages is None else messages
    return health(messages.defer("package"), states=MessageState)


def messages_needing_attention(*, messages=None, now=None):
    """Failed or refused messages, and pending ones older than the digest's threshold."""
    messages = ExchangeMessage.objects.all() if messages is None else messages
    now = now or timezone.now()
    return needing_attention(
        messages.defer("package"),
        stuck_before=now - timedelta(minutes=settings.EXCHANGE_DIGEST_STUCK_MINUTES),
        failed_states=[MessageState.FAILED, MessageState.REFUSED],
    )


def refused_inbound():
    return InboundPackage.objects.filter(outcome=InboundOutcome.REJECTED).defer("raw")
