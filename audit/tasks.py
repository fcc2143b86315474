"""Celery tasks of the audit log: thin wrappers around the chain."""

import logging

from celery import shared_task

from audit import chain

logger = logging.getLogger("audit.anchor")


@shared_task
def anchor_audit_chain() -> int:
    """Daily (beat): verify the chain and write its last entry's number and hash to the
    log, which leaves the database (journald, the log collector): a copy an attacker
    who rewrote the chain in the database cannot rewrite, to pass to
    `verify_audit_chain --anchor`. A broken chain is logged as an error."""
    result = chain.verify()
    if result.broken is not None:
        logger.error(
            "audit chain broken at entry #%s: %s", result.broken.sequence, result.broken.reason
        )
    elif result.unchained_events:
        logger.error(
            "audit chain: %s application events without an entry (first event %s)",
            result.unchained_events,
            result.first_unchained_event,
        )
    else:
        logger.info("audit chain anchor %s:%s", result.count, result.last_hash)
    return result.count
