"""A local stand-in for a payment gateway, for the demo and tests.

It speaks the VNPay protocol against a page of the portal itself: the payment
URL leads to a local page with "pay" and "cancel", whose answer is signed with
a key derived from SECRET_KEY and goes through the same confirmation path as a
real IPN. No money moves.
"""

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import get_random_string, salted_hmac

from payments.providers import SANDBOX
from payments.providers.vnpay import VNPayProvider, order_info, secure_hash, vnpay_time

SANDBOX_TMN_CODE = "SANDBOX0"


def sandbox_secret() -> str:
    return salted_hmac("payments.sandbox", "hash-secret", algorithm="sha256").hexdigest()


class SandboxProvider(VNPayProvider):
    name = SANDBOX
    is_local = True

    @classmethod
    def from_settings(cls):
        return cls(
            tmn_code=SANDBOX_TMN_CODE,
            hash_secret=sandbox_secret(),
            payment_url=reverse("payments:sandbox"),
            expire_minutes=settings.PAYMENT_EXPIRE_MINUTES,
        )

    def reply_for(self, payment, *, paid: bool) -> dict:
        """The signed answer the sandbox gateway gives about `payment`, as VNPay would."""
        reply = {
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(payment.amount * self.amount_factor),
            "vnp_TxnRef": payment.order_ref,
            "vnp_OrderInfo": order_info(payment),
            "vnp_BankCode": "SANDBOX",
            "vnp_PayDate": vnpay_time(timezone.now()),
            "vnp_TransactionNo": get_random_string(8, "0123456789"),
            # 24: the customer cancelled, in VNPay's codes.
            "vnp_ResponseCode": "00" if paid else "24",
            "vnp_TransactionStatus": "00" if paid else "02",
        }
        reply["vnp_SecureHash"] = secure_hash(reply, self.hash_secret)
        return reply
