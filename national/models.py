"""The outbox of requests to the national portal, and the applications it hands us."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.outbox import OutboxMessage

# The report of each update from the national catalogue (national/catalogue.py).
from national.catalogue_models import CatalogueImport  # noqa: F401
from national.constants import ReceivedOutcome, Service


class NationalMessage(OutboxMessage):
    """One request to the National Public Service Portal, on its way.

    Written in the transaction that changes the application (or by the daily
    pushes); sent after commit through the portal's one outbox (`core.outbox`),
    in order per application. `key` is the idempotency key: the same on every
    re-send, sent as the `Idempotency-Key` header, so the peer never counts a
    request twice. The body is built once and stored, so every re-send is the
    same request.
    """

    application = models.ForeignKey(
        "tracking.Application",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="national_messages",
    )
    event = models.ForeignKey(
        "tracking.ApplicationEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    service = models.CharField(_("dịch vụ"), max_length=40, choices=Service.choices)
    key = models.CharField(_("khóa chống trùng"), max_length=120, unique=True)
    payload = models.JSONField(_("nội dung gửi"))
    response_status = models.PositiveIntegerField(_("mã phản hồi"), null=True, blank=True)
    response_body = models.TextField(_("phản hồi của Cổng quốc gia"), blank=True)

    class Meta(OutboxMessage.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("yêu cầu đồng bộ Cổng quốc gia")
        verbose_name_plural = _("yêu cầu đồng bộ Cổng quốc gia")

    def __str__(self):
        return self.key


class ReceivedApplication(models.Model):
    """An application filed on the national portal for one of our procedures.

    `national_code` (the MaHoSo the national portal gave it) makes a record that
    arrives twice, pushed and pulled, count once.
    """

    national_code = models.CharField(_("mã hồ sơ trên Cổng quốc gia"), max_length=64, unique=True)
    application = models.OneToOneField(
        "tracking.Application",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="national_record",
    )
    received_at = models.DateTimeField(_("thời điểm nhận"), default=timezone.now)
    channel = models.CharField(_("cách nhận"), max_length=16)
    outcome = models.CharField(_("kết quả"), max_length=16, choices=ReceivedOutcome.choices)
    error = models.TextField(_("lý do không nhận"), blank=True)
    record = models.JSONField(_("bản ghi nhận được"))

    class Meta:
        ordering = ["-received_at", "-pk"]
        verbose_name = _("hồ sơ nhận từ Cổng quốc gia")
        verbose_name_plural = _("hồ sơ nhận từ Cổng quốc gia")

    def __str__(self):
        return self.national_code
