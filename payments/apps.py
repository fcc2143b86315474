from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PaymentsConfig(AppConfig):
    name = "payments"
    verbose_name = _("Thanh toán trực tuyến")

    def ready(self):
        from payments import checks  # noqa: F401 — registers the system checks
