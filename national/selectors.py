"""Reads of the national sync: what the desk and its dashboard show."""

from datetime import timedelta

from django.conf import settings
from django.db.models import Q
from django.utils import timezone

from core import outbox
from core.outbox import OutboxState
from national.constants import ReceivedOutcome
from national.models import NationalMessage, ReceivedApplication
from tracking.selectors import applications_for_staff


def visible_messages(user):
    """The requests of the applications `user` sees on the desk; the ones of no
    application (statistics, answers) only for superusers."""
    visible = Q(application__in=applications_for_staff(user))
    if user.is_superuser:
        visible |= Q(application__isnull=True)
    return NationalMessage.objects.filter(visible)


def messages_for_application(application):
    return NationalMessage.objects.filter(application=application).order_by("pk")


def needing_attention(messages, *, now=None):
    """Failed requests, and pending ones older than NATIONAL_STUCK_AFTER_SECONDS."""
    now = now or timezone.now()
    stuck_before = now - timedelta(seconds=settings.NATIONAL_STUCK_AFTER_SECONDS)
    return outbox.needing_attention(messages, stuck_before=stuck_before)


def last_sent(application):
    """When the national portal last took a request about this application, or None."""
    return (
        NationalMessage.objects.filter(application=application, state=OutboxState.SENT)
        .order_by("-sent_at")
        .values_list("sent_at", flat=True)
        .first()
    )


def refused_applications():
    return ReceivedApplication.objects.filter(outcome=ReceivedOutcome.REFUSED)
