"""Demo content of payments: a level-4 application waiting for its fee. Idempotent."""

from django.test.utils import override_settings

from payments import operations
from payments.providers.sandbox import SandboxProvider
from services.constants import ServiceLevel
from services.models import Procedure
from tracking.models import Application

DEMO_KEY = "demo-payment-1"


def pay_in_sandbox(application, *, paid=True):
    """Pay (or cancel) the application's fee through the sandbox gateway, as an applicant would."""
    provider = SandboxProvider.from_settings()
    payment, _url = operations.start_payment(
        application=application, client_ip="127.0.0.1", provider_name=provider.name
    )
    operations.handle_notification(provider=provider, params=provider.reply_for(payment, paid=paid))
    payment.refresh_from_db()
    return payment


def load(home=None):
    from tracking.demo import APPLICANTS, create_demo_application, ensure_clerk

    if Application.objects.filter(idempotency_key=DEMO_KEY).exists():
        return
    procedure = (
        Procedure.objects.live()
        .filter(locale__language_code="vi", service_level=ServiceLevel.FULL_ONLINE)
        .filter(fee_rules__isnull=False)
        .order_by("code")
        .first()
    )
    if procedure is None:
        return
    # The demo applicants are fictional: their notices are not e-mailed anywhere.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        create_demo_application(DEMO_KEY, procedure, APPLICANTS[2], [], ensure_clerk())
