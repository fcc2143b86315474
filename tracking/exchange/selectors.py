"""Reads of the exchange: what the desk, the command and the digest show."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from core.outbox import health
from tracking.exchange.constants import PENDING_STATES, InboundOutcome, MessageState
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
    stuck_before = now - timedelta(minutes=settings.EXCHANGE_DIGEST_STUCK_MINUTES)
    return (
        messages.filter(
            Q(state__in=[MessageState.FAILED, MessageState.REFUSED])
            | Q(state__in=PENDING_STATES, created_at__lt=stuck_before)
        )
        .select_related("application")
        .defer("package")
        .order_by("created_at")
    )


def refused_inbound():
    return InboundPackage.objects.filter(outcome=InboundOutcome.REJECTED).defer("raw")
