from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class ApiConfig(AppConfig):
    name = "api"
    verbose_name = _("Kết nối API")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from api import webhooks
        from tracking import signals

        signals.event_recorded.connect(webhooks.queue_for_event, dispatch_uid="api.webhooks")
