"""Everything that changes a payment. The IPN view, the sandbox page and the
applicant's "pay" button call these functions."""

import logging
import secrets
from dataclasses import asdict

from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.links import absolute
from payments import selectors
from payments.constants import IpnResult, PaymentState
from payments.models import Payment, PaymentNotification
from payments.providers import get_provider
from payments.receipts import issue_receipt
from tracking import operations as tracking
from tracking.constants import State
from tracking.models import Application

logger = logging.getLogger(__name__)


class PaymentError(Exception):
    """A payment the rules do not allow; `message` is for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def new_order_ref(application) -> str:
    """Unique, ASCII, at most 34 characters: time, application number and a random part."""
    return f"{timezone.localtime():%y%m%d%H%M%S}{application.pk:06d}{secrets.token_hex(3).upper()}"


def return_url(provider) -> str:
    path = reverse("payments:return", args=[provider.name])
    return path if provider.is_local else absolute(path)


def start_payment(
    *, application: Application, client_ip: str, language: str = "vi", provider_name=None
) -> tuple[Payment, str]:
    """Open a payment of the fee due and give the URL that takes the applicant to pay it."""
    if application.state != State.AWAITING_PAYMENT:
        raise PaymentError(_("Hồ sơ này không ở trạng thái chờ thanh toán."))
    fee = selectors.fee_of(application)
    if fee is None:
        raise PaymentError(_("Không xác định được thủ tục để tính phí, lệ phí."))
    if fee.total <= 0:
        raise PaymentError(_("Hồ sơ này không phải nộp phí, lệ phí."))
    provider = get_provider(provider_name)
    payment = Payment.objects.create(
        application=application,
        provider=provider.name,
        amount=fee.total,
        fee_lines=[asdict(line) for line in fee.lines],
        order_ref=new_order_ref(application),
    )
    url = provider.payment_url(
        payment,
        return_url=return_url(provider),
        client_ip=client_ip,
        language=language,
    )
    return payment, url


def handle_notification(*, provider, params: dict) -> IpnResult:
    """Apply the provider's word on one order (VNPay's IPN) and say what to answer.

    Checks the signature, the order and the amount; a payment already settled
    is not settled again (a repeated IPN answers "already confirmed"). Every
    notification is kept as received.
    """
    params = {str(key): str(value) for key, value in params.items()}
    record = PaymentNotification(provider=provider.name, params=params)
    try:
        if not provider.is_authentic(params):
            result = IpnResult.INVALID_SIGNATURE
        else:
            record.signature_valid = True
            reply = provider.read_reply(params)
            record.order_ref = reply.order_ref
            record.succeeded = reply.succeeded
            with transaction.atomic():
                result = _settle(provider, reply, record)
                record.answer_code = result.value
                record.save()
            return result
    except Exception:
        logger.exception("Payment notification from %s could not be applied", provider.name)
        result = IpnResult.UNKNOWN_ERROR
    record.answer_code = result.value
    record.save()
    return result


def _settle(provider, reply, record) -> IpnResult:
    payment = (
        Payment.objects.select_for_update()
        .select_related("application")
        .filter(order_ref=reply.order_ref, provider=provider.name)
        .first()
    )
    if payment is None:
        return IpnResult.ORDER_NOT_FOUND
    record.payment = payment
    if reply.amount_minor != payment.amount * provider.amount_factor:
        return IpnResult.INVALID_AMOUNT
    if payment.state != PaymentState.PENDING:
        return IpnResult.ALREADY_CONFIRMED
    payment.provider_response_code = reply.response_code
    payment.provider_transaction_no = reply.transaction_no
    payment.bank_code = reply.bank_code
    if not reply.succeeded:
        payment.state = PaymentState.FAILED
        payment.save()
        return IpnResult.CONFIRMED
    payment.state = PaymentState.PAID
    payment.paid_at = timezone.now()
    payment.save()
    _move_application_on(payment)
    return IpnResult.CONFIRMED


def _move_application_on(payment):
    """Paid: the application goes on, with the receipt on its payment event.

    Money received for an application no longer waiting for it (withdrawn
    meanwhile, or paid twice) is kept as paid and left for reconciliation.
    """
    application = Application.objects.select_for_update().get(pk=payment.application_id)
    if application.state != State.AWAITING_PAYMENT:
        logger.warning(
            "Payment %s received for %s in state %s",
            payment.order_ref,
            application.dossier_code,
            application.state,
        )
        return
    event = tracking.record_payment(
        application=application,
        data={
            "provider": payment.provider,
            "order_ref": payment.order_ref,
            "amount": payment.amount,
            "transaction_no": payment.provider_transaction_no,
        },
    )
    payment.receipt = issue_receipt(payment, event)
    payment.save(update_fields=["receipt"])
