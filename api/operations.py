"""Writes of the API app that are not requests: housekeeping."""

from datetime import timedelta

from django.conf import settings
from django.utils import timezone

from api.models import ApiCall


def purge_call_log(*, now=None) -> int:
    """Delete the calls logged more than API_CALL_LOG_DAYS ago; return how many."""
    cutoff = (now or timezone.now()) - timedelta(days=settings.API_CALL_LOG_DAYS)
    deleted, _ = ApiCall.objects.filter(at__lt=cutoff).delete()
    return deleted
