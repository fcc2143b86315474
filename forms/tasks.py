"""Celery tasks of the form engine: thin wrappers around operations."""

from celery import shared_task

from forms import operations


@shared_task
def purge_expired_drafts() -> int:
    """Delete expired drafts and their uploads (FORMS_DRAFT_TTL_DAYS)."""
    return operations.purge_expired_drafts()
