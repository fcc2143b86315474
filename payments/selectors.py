"""Reads of payments: what the applicant sees before paying, and reconciliation."""

from dataclasses import dataclass

from payments.constants import IpnResult, PaymentState
from payments.models import Payment
from payments.receipts import RECEIPT_FIELD
from services.fees import Fee, compute_fee
from tracking.constants import Action, State


def fee_of(application) -> Fee | None:
    """The fee recorded at submission; for an application filed before fees were
    recorded, the procedure's rules applied to its answers."""
    if application.fee_lines is not None:
        return application.fee
    if application.procedure is None:
        return None
    return compute_fee(application.procedure, application.answers)


def fee_due(application) -> Fee | None:
    """The fee the applicant is asked to pay now, or None when nothing is due."""
    if application.state != State.AWAITING_PAYMENT:
        return None
    fee = fee_of(application)
    return fee if fee is not None and fee.total > 0 else None


def receipts(application):
    return application.files.filter(field_name=RECEIPT_FIELD)


@dataclass(frozen=True)
class Mismatch:
    payment: Payment
    notified_state: str
    reason: str


def state_from_notifications(payment) -> str:
    """What the provider's authentic, accepted notifications say about a payment."""
    settled = [
        n
        for n in payment.notifications.all()
        if n.signature_valid and n.answer_code == IpnResult.CONFIRMED
    ]
    if any(n.succeeded for n in settled):
        return PaymentState.PAID
    if settled:
        return PaymentState.FAILED
    return PaymentState.PENDING


def payment_mismatches() -> list[Mismatch]:
    """Payments whose state differs between the provider's IPN records and the applications."""
    found = []
    payments = Payment.objects.select_related("application").prefetch_related("notifications")
    paid_counts = {}
    for payment in payments.order_by("created_at", "pk"):
        notified = state_from_notifications(payment)
        application = payment.application
        if payment.state != notified:
            found.append(Mismatch(payment, notified, "payment state differs from the IPN records"))
            continue
        if notified == PaymentState.PAID:
            paid_counts[application.pk] = paid_counts.get(application.pk, 0) + 1
            if application.state == State.AWAITING_PAYMENT:
                found.append(
                    Mismatch(payment, notified, "paid, application still awaiting payment")
                )
            elif not application.has_had(Action.PAY):
                found.append(Mismatch(payment, notified, "paid, application has no payment event"))
            elif paid_counts[application.pk] > 1:
                found.append(Mismatch(payment, notified, "application paid more than once"))
    return found
