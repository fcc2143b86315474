"""The national sync's copies of an application's personal data, erased with it.

When an application's retention ends (`tracking.signals.personal_data_purged`), the
requests sent to the national portal about it keep their key, service and state but
not their body (which held the applicant's name, numbers and address), and the record
received for an application filed there is emptied. A request not sent yet is
withdrawn (never sent, its body erased): the applicant's data must no longer be
processed; the dashboard shows why.
"""

import logging

from django.utils import timezone

from national.models import NationalMessage, ReceivedApplication
from national.sync import OUTBOX
from tracking.retention import WITHDRAWN_AT_PURGE

logger = logging.getLogger(__name__)


def purge_copies(sender, event, **kwargs) -> int:
    """Receiver of `personal_data_purged`, in the purging transaction; returns how many
    requests lost their body."""
    application = event.application
    messages = NationalMessage.objects.filter(application=application)
    erased, withdrawn = OUTBOX.erase(
        messages,
        reason=WITHDRAWN_AT_PURGE,
        payload={"purged_at": timezone.now().isoformat()},
        response_body="",
    )
    if withdrawn:
        logger.warning(
            "%s: %s request(s) to the national portal not sent were withdrawn at the purge",
            application.dossier_code,
            withdrawn,
        )
    ReceivedApplication.objects.filter(application=application).update(record={}, error="")
    return erased
