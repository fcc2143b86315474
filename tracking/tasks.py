"""Celery tasks of tracking: thin wrappers around operations."""

from celery import shared_task

from tracking import notifications, operations


@shared_task(acks_late=True, autoretry_for=(OSError,), retry_backoff=True, max_retries=5)
def send_event_notice(event_id: int) -> bool:
    """E-mail the applicant about one event of their application."""
    return notifications.send_event_email(event_id)


@shared_task
def flag_overdue_applications() -> int:
    return operations.flag_overdue_applications()
