"""The national sync's copies of an application's personal data, erased with it.

When an application's retention ends (`tracking.signals.personal_data_purged`), the
requests sent to the national portal about it keep their key, service and state but
not their body (which held the applicant's name, numbers and address), and the record
received for an application filed there is emptied. A request not sent yet keeps its
body, since sending it needs it; it is logged for staff to see to.
"""

import logging

from django.utils import timezone

from core.outbox import OutboxState
from national.models import NationalMessage, ReceivedApplication

logger = logging.getLogger(__name__)


def purge_copies(sender, event, **kwargs) -> int:
    """Receiver of `personal_data_purged`, in the purging transaction; returns how many
    requests lost their body."""
    application = event.application
    messages = NationalMessage.objects.filter(application=application)
    erased = messages.filter(state=OutboxState.SENT).update(
        payload={"purged_at": timezone.now().isoformat()}, response_body=""
    )
    unsent = messages.exclude(state=OutboxState.SENT).count()
    if unsent:
        logger.warning(
            "%s: %s request(s) to the national portal not sent keep their body after the purge",
            application.dossier_code,
            unsent,
        )
    ReceivedApplication.objects.filter(application=application).update(record={}, error="")
    return erased
