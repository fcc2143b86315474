"""System checks: the configured provider exists and has what it needs."""

from django.conf import settings
from django.core.checks import Error, Tags, Warning, register

from payments.providers import PROVIDERS, SANDBOX, VNPAY


@register()
def payment_provider_configured(app_configs, **kwargs):

    name = settings.PAYMENT_PROVIDER
    if name not in PROVIDERS:
        return [
            Error(
                f"PAYMENT_PROVIDER={name!r} is not one of {', '.join(sorted(PROVIDERS))}.",
                id="payments.E001",
            )
        ]
    if name == VNPAY and not (settings.VNPAY_TMN_CODE and settings.VNPAY_HASH_SECRET):
        return [
            Error(
                "PAYMENT_PROVIDER=vnpay needs VNPAY_TMN_CODE and VNPAY_HASH_SECRET.",
                id="payments.E002",
            )
        ]
    return []


@register(Tags.security, deploy=True)
def sandbox_not_in_production(app_configs, **kwargs):
    if settings.PAYMENT_PROVIDER == SANDBOX and not settings.DEBUG:
        return [
            Warning(
                "PAYMENT_PROVIDER=sandbox: applicants can mark fees as paid without paying.",
                hint="Set PAYMENT_PROVIDER=vnpay with VNPAY_TMN_CODE and VNPAY_HASH_SECRET.",
                id="payments.W001",
            )
        ]
    return []
