"""VNPay's redirect payment protocol, version 2.1.0.

The merchant signs the payment URL: the `vnp_*` parameters sorted by name,
each value URL-encoded (`quote_plus`), joined as a query string, and
HMAC-SHA512 of that string with the merchant's secret in `vnp_SecureHash`.
VNPay signs its replies (return URL and IPN) the same way. Amounts are whole
đồng × 100; dates are `yyyyMMddHHmmss` in GMT+7.
"""

import hashlib
import hmac
from collections.abc import Mapping
from datetime import datetime, timedelta, timezone
from urllib.parse import quote_plus

from django.conf import settings
from django.utils import timezone as django_timezone

from payments.providers import VNPAY
from payments.providers.base import PaymentProvider, ProviderReply

VERSION = "2.1.0"
GMT7 = timezone(timedelta(hours=7))
DATE_FORMAT = "%Y%m%d%H%M%S"
HASH_FIELDS_EXCLUDED = ("vnp_SecureHash", "vnp_SecureHashType")
SUCCESS = "00"


def hash_data(params: Mapping[str, str]) -> str:
    """The string VNPay signs: sorted `name=quote_plus(value)` pairs joined by `&`."""
    return "&".join(f"{name}={quote_plus(str(value))}" for name, value in sorted(params.items()))


def secure_hash(params: Mapping[str, str], secret: str) -> str:
    return hmac.new(secret.encode(), hash_data(params).encode(), hashlib.sha512).hexdigest()


def signed_fields(params: Mapping[str, str]) -> dict:
    """The parameters a reply's signature covers: every `vnp_*` but the hash itself."""
    return {
        name: value
        for name, value in params.items()
        if name.startswith("vnp_") and name not in HASH_FIELDS_EXCLUDED
    }


def vnpay_time(moment: datetime) -> str:
    return moment.astimezone(GMT7).strftime(DATE_FORMAT)


def order_info(payment) -> str:
    """VNPay asks for plain ASCII without special characters in `vnp_OrderInfo`."""
    return f"Thanh toan phi ho so {payment.application.dossier_code}"


class VNPayProvider(PaymentProvider):
    name = VNPAY
    amount_factor = 100

    def __init__(self, *, tmn_code: str, hash_secret: str, payment_url: str, expire_minutes=15):
        self.tmn_code = tmn_code
        self.hash_secret = hash_secret
        self.base_url = payment_url
        self.expire_minutes = expire_minutes

    @classmethod
    def from_settings(cls):
        return cls(
            tmn_code=settings.VNPAY_TMN_CODE,
            hash_secret=settings.VNPAY_HASH_SECRET,
            payment_url=settings.VNPAY_PAYMENT_URL,
            expire_minutes=settings.PAYMENT_EXPIRE_MINUTES,
        )

    def payment_params(self, payment, *, return_url, client_ip, language, now=None) -> dict:
        created = now or django_timezone.now()
        return {
            "vnp_Version": VERSION,
            "vnp_Command": "pay",
            "vnp_TmnCode": self.tmn_code,
            "vnp_Amount": str(payment.amount * self.amount_factor),
            "vnp_CurrCode": "VND",
            "vnp_TxnRef": payment.order_ref,
            "vnp_OrderInfo": order_info(payment),
            "vnp_OrderType": "other",
            "vnp_Locale": "en" if language == "en" else "vn",
            "vnp_ReturnUrl": return_url,
            "vnp_IpAddr": client_ip or "127.0.0.1",
            "vnp_CreateDate": vnpay_time(created),
            "vnp_ExpireDate": vnpay_time(created + timedelta(minutes=self.expire_minutes)),
        }

    def payment_url(self, payment, *, return_url, client_ip, language, now=None) -> str:
        params = self.payment_params(
            payment, return_url=return_url, client_ip=client_ip, language=language, now=now
        )
        signature = secure_hash(params, self.hash_secret)
        return f"{self.base_url}?{hash_data(params)}&vnp_SecureHash={signature}"

    def is_authentic(self, params) -> bool:
        received = str(params.get("vnp_SecureHash", "")).lower()
        if not received or not self.hash_secret:
            return False
        expected = secure_hash(signed_fields(params), self.hash_secret)
        return hmac.compare_digest(expected, received)

    def read_reply(self, params) -> ProviderReply:
        try:
            amount = int(params.get("vnp_Amount", ""))
        except ValueError:
            amount = -1
        response = params.get("vnp_ResponseCode", "")
        # The IPN carries vnp_TransactionStatus too; both must say success when present.
        status = params.get("vnp_TransactionStatus", SUCCESS)
        return ProviderReply(
            order_ref=params.get("vnp_TxnRef", ""),
            amount_minor=amount,
            succeeded=response == SUCCESS and status == SUCCESS,
            response_code=response,
            transaction_no=params.get("vnp_TransactionNo", ""),
            bank_code=params.get("vnp_BankCode", ""),
        )
