"""Payment providers. Settings pick the one new payments use (`PAYMENT_PROVIDER`);
a payment keeps the name of the provider it was made with."""

from django.conf import settings
from django.utils.module_loading import import_string

VNPAY = "vnpay"
SANDBOX = "sandbox"
PROVIDERS = {
    VNPAY: "payments.providers.vnpay.VNPayProvider",
    SANDBOX: "payments.providers.sandbox.SandboxProvider",
}


class UnknownProvider(LookupError):
    pass


def get_provider(name: str | None = None):
    """The provider called `name`, or the configured one; configured from settings."""
    name = name or settings.PAYMENT_PROVIDER
    try:
        path = PROVIDERS[name]
    except KeyError:
        raise UnknownProvider(name) from None
    return import_string(path).from_settings()
