"""Celery tasks of tracking: thin wrappers around operations."""

from celery import shared_task

from tracking import notifications, operations, retention, selectors


@shared_task(bind=True, acks_late=True, reject_on_worker_lost=True, max_retries=None)
def send_notice_email(self, notice_id: int) -> str:
    """E-mail the applicant one notice; on a transient failure try again after a backoff."""
    return notifications.OUTBOX.run_task(self, notice_id)


@shared_task
def sweep_notice_outbox() -> int:
    """Re-send notices stuck in queued or sending (beat, every few minutes)."""
    return len(notifications.sweep_notices())


@shared_task
def flag_overdue_applications() -> int:
    return operations.flag_overdue_applications()


@shared_task
def refresh_public_statistics() -> int:
    """Every few minutes: the public statistics of this year, counted ahead of visitors."""
    return len(selectors.refresh_statistics())


@shared_task
def purge_expired_applications() -> int:
    """Daily: purge the personal data and files of closed applications past their
    retention (tracking.retention)."""
    return retention.purge_expired_applications().applications
