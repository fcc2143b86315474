"""Celery tasks of the exchange: thin wrappers around `tracking.exchange.operations`."""

from celery import shared_task

from tracking.exchange import operations


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_exchange_message(self, message_id: int) -> str:
    """Send one outbox message; on a transient failure try again after a backoff."""
    return operations.OUTBOX.run_task(self, message_id)


@shared_task
def sweep_exchange_outbox() -> int:
    """Re-send messages stuck in queued or sending (beat, every few minutes)."""
    return len(operations.sweep_outbox())


@shared_task
def send_exchange_digest() -> int:
    """Daily e-mail to admins of the hand-offs that failed or are stuck."""
    return operations.send_failure_digest()


@shared_task
def purge_refused_inbound() -> int:
    """Daily: delete refused status packages past EXCHANGE_REFUSED_RETENTION_DAYS."""
    return operations.purge_refused_inbound()
