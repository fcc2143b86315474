"""Reads of the audit log."""

from audit.constants import ACCESS_ACTIONS
from audit.models import AuditEntry
from audit.operations import APPLICATION


def access_log(application, *, limit=200):
    """Who read the application's personal data (its page, its files), newest first."""
    return AuditEntry.objects.filter(
        object_type=APPLICATION, object_id=str(application.pk), action__in=ACCESS_ACTIONS
    ).order_by("-sequence")[:limit]


def entries(*, query="", action=""):
    """The log, newest first, for the administrators' page: by dossier code or actor."""
    found = AuditEntry.objects.order_by("-sequence")
    query = query.strip()
    if query:
        found = found.filter(object_label__istartswith=query) | found.filter(
            actor_label__iexact=query
        )
    if action:
        found = found.filter(action=action)
    return found
