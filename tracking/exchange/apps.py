from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ExchangeConfig(AppConfig):
    """Its own app (label `exchange`) so that its migrations stay apart from tracking's."""

    name = "tracking.exchange"
    label = "exchange"
    verbose_name = _("Liên thông văn bản")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from tracking.exchange import operations, retention
        from tracking.signals import application_accepted, personal_data_purged

        application_accepted.connect(operations.hand_off_accepted, dispatch_uid="exchange.hand_off")
        personal_data_purged.connect(retention.purge_copies, dispatch_uid="exchange.purge")
