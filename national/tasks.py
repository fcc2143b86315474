"""Celery tasks of the national sync: thin wrappers around `national.sync` and `national.operations`."""

from celery import shared_task

from national import operations
from national.sync import OUTBOX


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
