"""Celery tasks of the API: thin wrappers around the webhook outbox."""

from celery import shared_task

from api.operations import purge_call_log
from api.webhooks import OUTBOX


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_webhook(self, delivery_id: int) -> str:
    """Send one webhook delivery; on a transient failure try again after a backoff."""
    return OUTBOX.run_task(self, delivery_id)


@shared_task
def sweep_webhook_outbox() -> int:
    """Re-send deliveries stuck in queued or sending (beat, every few minutes)."""
    return len(OUTBOX.sweep())


@shared_task
def purge_api_calls() -> int:
    """Forget calls older than API_CALL_LOG_DAYS (beat, daily)."""

    return purge_call_log()
