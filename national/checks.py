"""`manage.py check`: the national sync's settings are complete when it is switched on."""

from django.conf import settings
from django.core.checks import Error, register
from django.utils.module_loading import import_string

from national.transports import TRANSPORTS


@register()
def national_settings(app_configs, **kwargs):
    name = settings.NATIONAL_TRANSPORT
    if not name:
        return []
    try:
        import_string(TRANSPORTS.get(name, name))
    except ImportError:
        return [
            Error(
                f"NATIONAL_TRANSPORT={name!r} is neither 'http', 'folder' nor an importable class.",
                id="national.E001",
            )
        ]
    if name != "http":
        return []
    missing = [
        setting
        for setting in (
            "NATIONAL_URL",
            "NATIONAL_USERNAME",
            "NATIONAL_PASSWORD",
            "NATIONAL_AGENCY_CODE",
        )
        if not getattr(settings, setting)
    ]
    errors = [
        Error(f"{setting} is required when NATIONAL_TRANSPORT=http.", id="national.E002")
        for setting in missing
    ]
    if (
        settings.NATIONAL_URL
        and not settings.DEBUG
        and not settings.NATIONAL_URL.startswith("https://")
    ):
        errors.append(
            Error("NATIONAL_URL must be an https:// address in production.", id="national.E003")
        )
    return errors
