"""Reads of the exchange: what the desk, the command and the digest show."""

from django.db.models import Count, Min

from tracking.exchange.constants import PENDING_STATES, MessageState
from tracking.exchange.models import ExchangeMessage, InboundPackage


def messages_for_application(application):
    return ExchangeMessage.objects.filter(application=application).defer("package")


def statuses_for_application(application):
    return InboundPackage.objects.filter(message__application=application).defer("raw")


def outbox_health() -> dict:
    """Counts by state and the oldest message still waiting to go out."""
    counts = {state: 0 for state in MessageState.values}
    for row in ExchangeMessage.objects.values("state").annotate(n=Count("pk")):
        counts[row["state"]] = row["n"]
    oldest = (
        ExchangeMessage.objects.filter(state__in=PENDING_STATES)
        .order_by("created_at")
        .defer("package")
        .first()
    )
    return {
        "counts": counts,
        "oldest_pending": oldest,
        "oldest_pending_at": ExchangeMessage.objects.filter(state__in=PENDING_STATES).aggregate(
            at=Min("created_at")
        )["at"],
    }
