"""Who may call the API (integrators' keys, applicants' personal tokens), what they
called, and the webhooks sent to integrators."""

import uuid

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from api.constants import Scope, WebhookEvent
from core.models import AgencyUnit
from core.outbox import OutboxMessage
from services.fields import MultipleChoiceField


class Credential(models.Model):
    """A bearer secret shown once: only its SHA-256 is kept (the secret has 256 bits of
    entropy, so a fast hash is safe, as for GitHub's tokens), and its first characters
    so that staff and owner can tell keys apart."""

    name = models.CharField(_("tên"), max_length=255)
    prefix = models.CharField(_("đầu khóa"), max_length=24, editable=False)
    secret_hash = models.CharField(max_length=64, unique=True, editable=False)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)
    last_used_at = models.DateTimeField(_("lần dùng gần nhất"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("thời điểm thu hồi"), null=True, blank=True)

    class Meta:
        abstract = True

    def __str__(self):
        return f"{self.name} ({self.prefix}…)"

    @property
    def is_active(self):
        return self.revoked_at is None


class ApiKey(Credential):
    """An integrator's key (the province's one-stop system, a dashboard): bound to
    units and scopes, made and revoked by an administrator."""

    organisation = models.CharField(_("hệ thống, đơn vị sử dụng"), max_length=255, blank=True)
    units = models.ManyToManyField(
        AgencyUnit,
        verbose_name=_("đơn vị được truy cập"),
        related_name="api_keys",
        help_text=_("Khóa chỉ thấy và xử lý hồ sơ của các đơn vị tiếp nhận này."),
    )
    scopes = MultipleChoiceField(
        _("quyền"), max_length=50, choices=Scope.choices, default=list, blank=True
    )
    # Desk actions taken with the key are logged as taken by this account.
    acting_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
        help_text=_("Thao tác qua khóa được ghi nhật ký như do tài khoản này thực hiện."),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
        editable=False,
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("khóa API")
        verbose_name_plural = _("khóa API")

    def allows(self, scope: Scope) -> bool:
        return scope in self.scopes


class PersonalAccessToken(Credential):
    """An applicant's token for their own apps: reads their own applications and drafts."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="personal_access_tokens"
    )

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("mã truy cập cá nhân")
        verbose_name_plural = _("mã truy cập cá nhân")


class ApiCall(models.Model):
    """One call made with a key or a token (kept `API_CALL_LOG_DAYS` days)."""

    at = models.DateTimeField(_("thời điểm"), default=timezone.now, db_index=True)
    api_key = models.ForeignKey(
        ApiKey, null=True, blank=True, on_delete=models.CASCADE, related_name="calls"
    )
    token = models.ForeignKey(
        PersonalAccessToken, null=True, blank=True, on_delete=models.CASCADE, related_name="calls"
    )
    method = models.CharField(max_length=8)
    path = models.CharField(max_length=500)
    status = models.PositiveSmallIntegerField()
    remote_addr = models.GenericIPAddressField(null=True, blank=True)

    class Meta:
        ordering = ["-at"]
        verbose_name = _("lượt gọi API")
        verbose_name_plural = _("nhật ký gọi API")

    def __str__(self):
        return f"{self.method} {self.path} → {self.status}"


class WebhookEndpoint(models.Model):
    """Where an integrator wants to hear of events of its key's units."""

    api_key = models.ForeignKey(
        ApiKey,
        verbose_name=_("khóa API"),
        on_delete=models.CASCADE,
        related_name="webhooks",
        help_text=_("Chỉ gửi sự kiện của hồ sơ thuộc các đơn vị của khóa này."),
    )
    url = models.URLField(_("địa chỉ nhận"), max_length=500)
    events = MultipleChoiceField(
        _("sự kiện"), max_length=200, choices=WebhookEvent.choices, default=list
    )
    secret = models.CharField(_("khóa ký"), max_length=64, editable=False)
    is_active = models.BooleanField(_("đang dùng"), default=True)
    created_at = models.DateTimeField(_("thời điểm tạo"), default=timezone.now)

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("webhook")
        verbose_name_plural = _("webhook")

    def __str__(self):
        return self.url


class WebhookDelivery(OutboxMessage):
    """One event on its way to one endpoint, through the portal's one outbox.

    `event_id` is the idempotency id the receiver deduplicates by: a re-send
    carries the same id, body and signature timestamp of its own attempt."""

    endpoint = models.ForeignKey(
        WebhookEndpoint, on_delete=models.CASCADE, related_name="deliveries"
    )
    event_id = models.UUIDField(_("mã sự kiện"), default=uuid.uuid4, unique=True, editable=False)
    event_type = models.CharField(_("loại sự kiện"), max_length=50, choices=WebhookEvent.choices)
    application = models.ForeignKey(
        "tracking.Application",
        verbose_name=_("hồ sơ"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="+",
    )
    payload = models.JSONField(_("nội dung"))
    response_status = models.PositiveIntegerField(_("mã phản hồi"), null=True, blank=True)
    response_body = models.TextField(_("phản hồi"), blank=True)

    class Meta(OutboxMessage.Meta):
        ordering = ["-created_at", "-pk"]
        verbose_name = _("lượt gửi webhook")
        verbose_name_plural = _("lượt gửi webhook")

    def __str__(self):
        return f"{self.event_type} → {self.endpoint.url}"
