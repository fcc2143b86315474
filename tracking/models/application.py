"""Applications ("hồ sơ"), their files and their append-only event log."""

import secrets

from django.conf import settings
from django.core.files.storage import storages
from django.db import models
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.fees import Fee
from tracking.constants import (
    OPEN_STATES,
    RUNNING_STATES,
    Action,
    DeliveryMethod,
    FileKind,
    State,
)


def new_access_secret():
    return secrets.token_urlsafe(24)


def private_storage():
    return storages["private"]


class DossierSequence(models.Model):
    """Last sequence number given out for one receiving unit on one day."""

    unit_code = models.CharField(max_length=35)
    day = models.DateField()
    last = models.PositiveIntegerField(default=0)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["unit_code", "day"], name="one_sequence_per_unit_day")
        ]

    def __str__(self):
        return f"{self.unit_code} {self.day:%Y-%m-%d}: {self.last}"


class Application(models.Model):
    """An application ("hồ sơ") from submission to delivered result.

    Its `state` changes only through `tracking.operations`, which checks the
    transition and writes an `ApplicationEvent`.
    """

    dossier_code = models.CharField(_("mã số hồ sơ"), max_length=64, unique=True)
    state = models.CharField(
        _("trạng thái"), max_length=32, choices=State.choices, default=State.SUBMITTED
    )
    receiving_unit = models.ForeignKey(
        "core.AgencyUnit",
        verbose_name=_("đơn vị tiếp nhận"),
        on_delete=models.PROTECT,
        related_name="applications",
    )
    procedure = models.ForeignKey(
        "services.Procedure",
        verbose_name=_("thủ tục"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    form_version = models.ForeignKey(
        "forms.FormVersion",
        verbose_name=_("phiên bản biểu mẫu"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="applications",
    )
    # What the applicant applied for, as it read at submission (kept if the page goes).
    procedure_code = models.CharField(_("mã thủ tục"), max_length=64, blank=True)
    procedure_name = models.CharField(_("tên thủ tục"), max_length=500)
    processing_days = models.PositiveIntegerField(_("thời hạn giải quyết (ngày làm việc)"))

    applicant_name = models.CharField(_("người nộp"), max_length=255)
    applicant_email = models.EmailField(_("thư điện tử"), blank=True)
    applicant_phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    applicant_id_number = models.CharField(_("số định danh cá nhân"), max_length=12, blank=True)
    applicant_address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    applicant_organisation = models.CharField(_("tổ chức"), max_length=255, blank=True)
    applicant_tax_code = models.CharField(_("mã số thuế"), max_length=14, blank=True)
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="applications",
    )
    language = models.CharField(_("ngôn ngữ"), max_length=8, default="vi")

    answers = models.JSONField(_("nội dung kê khai"), default=dict)
    # The fee lines due online (level 4) as the procedure's rules read at submission
    # (services.fees.Fee.as_lines); None for a procedure without online payment.
    fee_lines = models.JSONField(_("phí, lệ phí phải nộp"), null=True, blank=True)
    delivery_method = models.CharField(
        _("hình thức nhận kết quả"),
        max_length=16,
        choices=DeliveryMethod.choices,
        default=DeliveryMethod.ONLINE,
    )
    postal_address = models.CharField(
        _("địa chỉ nhận kết quả qua bưu chính"), max_length=500, blank=True
    )
    postal_tracking_number = models.CharField(_("số hiệu bưu gửi"), max_length=64, blank=True)
    idempotency_key = models.CharField(max_length=64, unique=True)
    # Secret part of the signed links sent to the applicant; rotating it revokes them.
    access_secret = models.CharField(max_length=32, default=new_access_secret, editable=False)

    submitted_at = models.DateTimeField(_("thời điểm nộp"), default=timezone.now)
    accepted_at = models.DateTimeField(_("thời điểm tiếp nhận"), null=True, blank=True)
    due_date = models.DateField(_("ngày hẹn trả kết quả"), null=True, blank=True)
    new_due_date = models.DateField(_("ngày hẹn lại"), null=True, blank=True)
    decided_at = models.DateTimeField(_("thời điểm có kết quả"), null=True, blank=True)
    delivered_at = models.DateTimeField(_("thời điểm trả kết quả"), null=True, blank=True)
    is_overdue = models.BooleanField(_("quá hạn"), default=False)
    # Set when the result is recorded: was it later than the date promised?
    resolved_late = models.BooleanField(_("giải quyết trễ hạn"), null=True, blank=True)
    # Set when the retention ended and the personal data went (tracking.retention).
    personal_data_purged_at = models.DateTimeField(
        _("thời điểm xóa dữ liệu cá nhân"), null=True, blank=True
    )

    class Meta:
        ordering = ["-submitted_at"]
        verbose_name = _("hồ sơ")
        verbose_name_plural = _("hồ sơ")
        indexes = [
            models.Index(fields=["state", "due_date"]),
            models.Index(fields=["receiving_unit", "state"]),
            # The desk queue's order (due date first, nulls last: the B-tree's own order).
            models.Index(fields=["due_date", "submitted_at"], name="tracking_app_queue_order"),
            # The public statistics and the catalogue's "procedures in use".
            models.Index(fields=["submitted_at"], name="tracking_app_submitted"),
            models.Index(
                fields=["procedure_code", "procedure_name"], name="tracking_app_procedure"
            ),
            # The nightly overdue flagging reads only running applications not flagged yet.
            models.Index(
                fields=["due_date"],
                condition=models.Q(state__in=["accepted", "in_progress"], is_overdue=False),
                name="tracking_app_to_flag",
            ),
        ]

    def __str__(self):
        return self.dossier_code

    @property
    def fee(self):
        """The fee recorded at submission (`services.fees.Fee`), or None."""
        return Fee.from_lines(self.fee_lines) if self.fee_lines is not None else None

    @property
    def effective_due_date(self):
        """The date the applicant was last promised: the apology's, else the legal one."""
        return self.new_due_date or self.due_date

    def is_late(self, today=None):
        today = today or timezone.localdate()
        due = self.effective_due_date
        return self.state in RUNNING_STATES and due is not None and due < today

    @property
    def can_withdraw(self):
        return self.state in OPEN_STATES

    def has_had(self, action):
        return self.events.filter(action=action).exists()

    def get_status_url(self):
        from tracking.links import status_url

        return status_url(self)

    def get_admin_url(self):
        return reverse("tracking_desk:detail", args=[self.pk])


class ApplicationFile(models.Model):
    """A file of an application, kept in the private storage."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="files")
    event = models.ForeignKey(
        "ApplicationEvent",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="attachments",
    )
    kind = models.CharField(max_length=16, choices=FileKind.choices, default=FileKind.UPLOAD)
    field_name = models.CharField(max_length=255, blank=True)
    label = models.CharField(_("tên giấy tờ"), max_length=500)
    file = models.FileField(storage=private_storage, max_length=500)
    original_name = models.CharField(_("tên tệp"), max_length=255)
    content_type = models.CharField(max_length=100)
    size = models.PositiveBigIntegerField()
    sha256 = models.CharField(max_length=64)
    created_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["created_at", "pk"]
        verbose_name = _("tệp hồ sơ")
        verbose_name_plural = _("tệp hồ sơ")

    def __str__(self):
        return self.original_name


class ApplicationEvent(models.Model):
    """One line of an application's timeline. Never updated, never deleted."""

    application = models.ForeignKey(Application, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(_("hành động"), max_length=32, choices=Action.choices)
    from_state = models.CharField(max_length=32, choices=State.choices, blank=True)
    to_state = models.CharField(max_length=32, choices=State.choices, blank=True)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    actor_label = models.CharField(_("người thực hiện"), max_length=255, blank=True)
    at = models.DateTimeField(_("thời điểm"), default=timezone.now)
    note = models.TextField(_("ghi chú"), blank=True)
    public_note = models.TextField(_("nội dung gửi người nộp"), blank=True)
    data = models.JSONField(default=dict, blank=True)

    class Meta:
        ordering = ["at", "pk"]
        verbose_name = _("sự kiện hồ sơ")
        verbose_name_plural = _("sự kiện hồ sơ")

    def __str__(self):
        return f"{self.application} {self.action} {self.at:%Y-%m-%d %H:%M}"

    def save(self, *args, **kwargs):
        if self.pk is not None:
            raise ValueError("Application events are append-only.")
        super().save(*args, **kwargs)

    def delete(self, *args, **kwargs):
        raise ValueError("Application events are append-only.")
