"""What payments keeps about an applicant, for the export of their personal data
(ACCOUNTS_PERSONAL_DATA_SECTIONS)."""

from payments.models import Payment


def personal_data_of(user) -> tuple[str, list[dict]]:
    """The payments of the applications filed with `user`'s account."""
    payments = Payment.objects.filter(application__user=user).select_related("application")
    return "payments", [
        {
            "dossier_code": payment.application.dossier_code,
            "order_ref": payment.order_ref,
            "provider": payment.provider,
            "amount": payment.amount,
            "fee_lines": payment.fee_lines,
            "state": payment.state,
            "provider_transaction_no": payment.provider_transaction_no,
            "bank_code": payment.bank_code,
            "created_at": payment.created_at,
            "paid_at": payment.paid_at,
        }
        for payment in payments.order_by("created_at", "pk")
    ]
