"""The document exchange's copies of an application's personal data, erased with it.

When an application's retention ends (`tracking.signals.personal_data_purged`), the
packages handed off for it keep their DocumentId, route, state and digests but not
their body (the signed package carried the answers and files), and the status
packages received about them keep their code and time but not their raw bytes or
description. A hand-off not sent yet is withdrawn (never sent, its package erased):
the applicant's data must no longer be processed; the desk shows why.
"""

import logging

from tracking.exchange.models import ExchangeMessage, InboundPackage
from tracking.exchange.operations import OUTBOX
from tracking.retention import WITHDRAWN_AT_PURGE

logger = logging.getLogger(__name__)


def purge_copies(sender, event, **kwargs) -> int:
    """Receiver of `personal_data_purged`, in the purging transaction; returns how many
    packages lost their body."""
    application = event.application
    messages = ExchangeMessage.objects.filter(application=application)
    erased, withdrawn = OUTBOX.erase(
        messages, reason=WITHDRAWN_AT_PURGE, package=b"", response_body=""
    )
    if withdrawn:
        logger.warning(
            "%s: %s hand-off(s) to the document exchange not sent were withdrawn at the purge",
            application.dossier_code,
            withdrawn,
        )
    InboundPackage.objects.filter(message__application=application).update(raw=b"", description="")
    return erased
