from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AuditConfig(AppConfig):
    """The tamper-evident audit log ("nhật ký kiểm tra"): every event of an application
    and every access of staff to an application's personal data, chained by hash.

    It listens to the signals of the apps below it (tracking's events and staff
    accesses, accounts' requests of data subjects); none of them imports it.
    """

    name = "audit"
    verbose_name = _("Nhật ký kiểm tra")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from accounts import signals as accounts_signals
        from audit import receivers
        from tracking import signals as tracking_signals

        tracking_signals.event_recorded.connect(
            receivers.event_recorded, dispatch_uid="audit.event_recorded"
        )
        tracking_signals.personal_data_purged.connect(
            receivers.personal_data_purged, dispatch_uid="audit.personal_data_purged"
        )
        tracking_signals.personal_data_viewed.connect(
            receivers.personal_data_viewed, dispatch_uid="audit.personal_data_viewed"
        )
        accounts_signals.personal_data_exported.connect(
            receivers.personal_data_exported, dispatch_uid="audit.personal_data_exported"
        )
        accounts_signals.second_factor_changed.connect(
            receivers.second_factor_changed, dispatch_uid="audit.second_factor_changed"
        )
        accounts_signals.account_deleted.connect(
            receivers.account_deleted, dispatch_uid="audit.account_deleted"
        )
