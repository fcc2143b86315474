"""Receivers of the signals the audit log listens to (connected in `AuditConfig.ready`).

Each runs in the transaction of the change it records: if the entry cannot be
written, the change does not happen either.
"""

from audit import operations
from audit.constants import AuditAction


def event_recorded(sender, event, **kwargs):
    operations.record_event(event)


def personal_data_purged(sender, event, **kwargs):
    operations.record_event(event)


def personal_data_viewed(sender, application, actor, resource, data=None, **kwargs):
    operations.record_access(application=application, actor=actor, resource=resource, data=data)


def personal_data_exported(sender, user, data=None, **kwargs):
    operations.record_account_request(
        action=AuditAction.ACCOUNT_DATA_EXPORTED, user_id=user.pk, data=data
    )


def second_factor_changed(sender, user, change, by=None, **kwargs):
    operations.record_second_factor_change(user=user, change=change, by=by)


def account_deleted(sender, user_id, data=None, **kwargs):
    operations.record_account_request(
        action=AuditAction.ACCOUNT_DELETED, user_id=user_id, data=data
    )
