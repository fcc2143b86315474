"""System checks: sign-in with the identity service is either off or fully configured."""

from django.conf import settings
from django.core.checks import Error, register

REQUIRED_WHEN_ENABLED = (
    "OIDC_RP_CLIENT_ID",
    "OIDC_RP_CLIENT_SECRET",
    "OIDC_OP_AUTHORIZATION_ENDPOINT",
    "OIDC_OP_TOKEN_ENDPOINT",
    "OIDC_OP_USER_ENDPOINT",
    "OIDC_OP_JWKS_ENDPOINT",
)


@register()
def identity_service_configured(app_configs, **kwargs):
    if not settings.VNEID_ENABLED:
        return []
    missing = [name for name in REQUIRED_WHEN_ENABLED if not getattr(settings, name, None)]
    if not missing:
        return []
    return [
        Error(
            "VNEID_ENABLED needs the identity provider's settings: " + ", ".join(missing),
            hint="See the README, section on VNeID sign-in (VNEID_* variables).",
            id="accounts.E001",
        )
    ]
