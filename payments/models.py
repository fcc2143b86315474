"""Online payments of application fees and the provider's notifications (IPN)."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from payments.constants import PaymentState


class Payment(models.Model):
    """One attempt to pay an application's fee ("giao dịch thanh toán").

    `order_ref` is what the provider calls the merchant's order (VNPay's
    `vnp_TxnRef`); its state changes only in `payments.operations`.
    """

    application = models.ForeignKey(
        "tracking.Application",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="payments",
    )
    provider = models.CharField(_("cổng thanh toán"), max_length=32)
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    fee_lines = models.JSONField(_("các khoản thu"), default=list, blank=True)
    order_ref = models.CharField(
        _("mã giao dịch của cổng dịch vụ công"), max_length=64, unique=True
    )
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=PaymentState.choices, default=PaymentState.PENDING
    )
    provider_transaction_no = models.CharField(
        _("mã giao dịch tại cổng thanh toán"), max_length=64, blank=True
    )
    bank_code = models.CharField(_("ngân hàng"), max_length=32, blank=True)
    provider_response_code = models.CharField(max_length=8, blank=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    paid_at = models.DateTimeField(_("thời điểm thanh toán"), null=True, blank=True)
    receipt = models.ForeignKey(
        "tracking.ApplicationFile",
        verbose_name=_("biên lai điện tử"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        ordering = ["-created_at", "-pk"]
        verbose_name = _("giao dịch thanh toán")
        verbose_name_plural = _("giao dịch thanh toán")

    def __str__(self):
        return f"{self.order_ref} ({self.amount:,} đ)"

    @property
    def is_paid(self):
        return self.state == PaymentState.PAID


class PaymentNotification(models.Model):
    """A notification from the provider, kept as received, valid or not. Append-only."""

    payment = models.ForeignKey(
        Payment, null=True, blank=True, on_delete=models.PROTECT, related_name="notifications"
    )
    provider = models.CharField(max_length=32)
    order_ref = models.CharField(max_length=64, blank=True)
    params = models.JSONField(default=dict)
    signature_valid = models.BooleanField(default=False)
    succeeded = models.BooleanField(
        default=False, help_text="The provider reported the payment as successful."
    )
    answer_code = models.CharField(max_length=4, blank=True)
    received_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["received_at", "pk"]
        verbose_name = _("thông báo từ cổng thanh toán")
        verbose_name_plural = _("thông báo từ cổng thanh toán")

    def __str__(self):
        return f"{self.provider} {self.order_ref} {self.answer_code}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Payment notifications are append-only.")
        super().save(*args, **kwargs)
