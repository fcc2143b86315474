"""The outbox of edXML packages and the log of status packages received."""

from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.outbox import OutboxMessage
from tracking.exchange.constants import InboundOutcome, MessageState, RejectionCode, StatusCode


class ExchangeMessage(OutboxMessage):
    """One accepted application on its way to the document exchange ("gói tin edXML").

    Written in the transaction that accepts the application; sent after commit
    by a Celery task through the portal's one outbox (`core.outbox`).
    `document_id` (`OrganId,yyyy/MM/dd,Number/Notation`) is the idempotency
    key the receiver deduplicates by, so re-sends are safe. The package is
    built once and stored, so every re-send is byte-identical.
    """

    application = models.ForeignKey(
        "tracking.Application",
        verbose_name=_("hồ sơ"),
        on_delete=models.PROTECT,
        related_name="exchange_messages",
    )
    document_id = models.CharField(_("mã văn bản (DocumentId)"), max_length=100, unique=True)
    from_organ_id = models.CharField(_("đơn vị gửi"), max_length=35)
    to_organ_id = models.CharField(_("đơn vị nhận"), max_length=35)
    # The outbox's states, and "refused" (status 02: delivered, then turned down).
    state = models.CharField(
        _("trạng thái"), max_length=16, choices=MessageState.choices, default=MessageState.QUEUED
    )
    package = models.BinaryField(_("gói tin"), blank=True, default=b"")
    response_status = models.PositiveIntegerField(_("mã phản hồi"), null=True, blank=True)
    response_body = models.TextField(_("phản hồi của nơi nhận"), blank=True)
    last_status_code = models.CharField(
        _("trạng thái xử lý gần nhất"), max_length=2, choices=StatusCode.choices, blank=True
    )

    class Meta(OutboxMessage.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("gói tin liên thông")
        verbose_name_plural = _("gói tin liên thông")

    def __str__(self):
        return self.document_id or f"#{self.pk}"

    @property
    def can_retry(self):
        return self.state in (MessageState.FAILED, MessageState.REFUSED)

    def get_package_url(self):
        return reverse("exchange_desk:package", args=[self.pk])


class InboundPackage(models.Model):
    """A status package received from the exchange, kept whatever became of it.

    `dedup_key` (peer, ResponseFor, StatusCode, Timestamp) makes a package that
    arrives twice count once. Of a refused package from a sender that did not
    prove who it is, only the first bytes are kept in `raw`, with `size` and
    `digest` of the whole body (see `operations`); refused packages are purged
    after `EXCHANGE_REFUSED_RETENTION_DAYS`.
    """

    received_at = models.DateTimeField(_("thời điểm nhận"), default=timezone.now)
    raw = models.BinaryField(_("gói tin"), blank=True, default=b"")
    size = models.PositiveBigIntegerField(_("dung lượng"), default=0)
    # SHA-256 (hex) of the whole body as received; empty when it was refused unread.
    digest = models.CharField(_("mã băm SHA-256"), max_length=64, blank=True)
    remote_addr = models.GenericIPAddressField(null=True, blank=True)
    from_organ_id = models.CharField(_("đơn vị gửi"), max_length=35, blank=True)
    response_for = models.CharField(_("phản hồi cho văn bản"), max_length=100, blank=True)
    status_code = models.CharField(
        _("mã trạng thái"), max_length=2, choices=StatusCode.choices, blank=True
    )
    description = models.TextField(_("mô tả"), blank=True)
    status_timestamp = models.CharField(_("thời điểm trạng thái"), max_length=19, blank=True)
    message = models.ForeignKey(
        ExchangeMessage,
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="statuses",
    )
    outcome = models.CharField(_("kết quả"), max_length=16, choices=InboundOutcome.choices)
    rejection_code = models.CharField(
        _("lý do từ chối"), max_length=32, choices=RejectionCode.choices, blank=True
    )
    error = models.TextField(_("chi tiết lỗi"), blank=True)
    dedup_key = models.CharField(max_length=64, null=True, blank=True, unique=True)
    event = models.ForeignKey(
        "tracking.ApplicationEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )

    class Meta:
        ordering = ["-received_at", "-pk"]
        indexes = [
            models.Index(fields=["outcome", "received_at"], name="exchange_inbound_outcome_idx")
        ]
        verbose_name = _("gói tin trạng thái nhận về")
        verbose_name_plural = _("gói tin trạng thái nhận về")

    def __str__(self):
        return f"{self.response_for or '?'} {self.status_code or '?'} ({self.outcome})"

    def get_raw_url(self):
        return reverse("exchange_desk:inbound", args=[self.pk])
