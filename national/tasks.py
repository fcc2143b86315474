"""Celery tasks of the national sync: thin wrappers around `national.sync` and `national.operations`."""

import logging

from celery import shared_task

from national import catalogue, operations
from national.sync import OUTBOX
from national.transports import enabled

logger = logging.getLogger(__name__)


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_national_message(self, message_id: int) -> str:
    """Send one request to the national portal; on a transient failure try again later."""
    return OUTBOX.run_task(self, message_id)


@shared_task
def sweep_national_outbox() -> int:
    """Re-send requests stuck in queued or sending (beat, every few minutes)."""
    return len(OUTBOX.sweep())


@shared_task
def push_national_statistics() -> int:
    """Daily: yesterday's figures per procedure."""
    return operations.push_statistics()


@shared_task
def push_national_questions() -> int:
    """Daily: questions answered and published since the last push."""
    return operations.push_answered_questions()


@shared_task
def pull_national_applications() -> int:
    """Every few minutes: applications filed on the national portal for our procedures."""
    return operations.pull_applications()


@shared_task
def sync_national_catalogue() -> int | None:
    """Daily: our procedures as the national catalogue now describes them.

    Returns the id of the run's report (None while the connection is off); a run
    that could not be done is logged as an error, its report says why.
    """
    if not enabled():
        return None
    run = catalogue.sync_catalogue()
    if run.error:
        logger.error("national catalogue not imported (report %s): %s", run.pk, run.error)
    elif run.refused:
        logger.warning("national catalogue: %s record(s) refused (report %s)", run.refused, run.pk)
    return run.pk
