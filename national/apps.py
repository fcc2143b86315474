from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class NationalConfig(AppConfig):
    """The sync with the National Public Service Portal (Cổng Dịch vụ công quốc gia)."""

    name = "national"
    verbose_name = _("Đồng bộ Cổng Dịch vụ công quốc gia")
    default_auto_field = "django.db.models.BigAutoField"

    def ready(self):
        from national import checks, retention, sync  # noqa: F401 (checks registers itself)
        from tracking.signals import application_rated, event_recorded, personal_data_purged

        event_recorded.connect(sync.queue_for_event, dispatch_uid="national.event")
        application_rated.connect(sync.queue_for_rating, dispatch_uid="national.rating")
        personal_data_purged.connect(retention.purge_copies, dispatch_uid="national.purge")
