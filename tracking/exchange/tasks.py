"""Celery tasks of the exchange: thin wrappers around `tracking.exchange.operations`."""

from celery import shared_task

from tracking.exchange import operations


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_exchange_message(self, message_id: int) -> str:
    """Send one outbox message; on a transient failure try again after a backoff.

    The number of attempts is counted on the message (so the sweeper and the
    retries share one cap), hence no Celery-side `max_retries`.
    """
    outcome = operations.send_message(message_id=message_id)
    if outcome.retry_in is not None and not self.request.is_eager:
        # In-process (eager) mode has no timer: the message waits for the sweeper.
        raise self.retry(countdown=outcome.retry_in)
    return str(outcome.state)


@shared_task
def sweep_exchange_outbox() -> int:
    """Re-send messages stuck in queued or sending (beat, every few minutes)."""
    return len(operations.sweep_outbox())


@shared_task
def send_exchange_digest() -> int:
    """Daily e-mail to admins of the hand-offs that failed or are stuck."""
    return operations.send_failure_digest()
