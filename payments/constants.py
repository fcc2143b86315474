"""States of a payment ("giao dịch thanh toán") and the answers of the IPN endpoint."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class PaymentState(models.TextChoices):
    PENDING = "pending", _("Chờ thanh toán")
    PAID = "paid", _("Đã thanh toán")
    FAILED = "failed", _("Không thành công")


class IpnResult(models.TextChoices):
    """RspCode / Message of VNPay's IPN answer (protocol 2.1.0)."""

    CONFIRMED = "00", "Confirm Success"
    ORDER_NOT_FOUND = "01", "Order not found"
    ALREADY_CONFIRMED = "02", "Order already confirmed"
    INVALID_AMOUNT = "04", "Invalid amount"
    INVALID_SIGNATURE = "97", "Invalid signature"
    UNKNOWN_ERROR = "99", "Unknown error"
