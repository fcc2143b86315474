"""Form definitions ("biểu mẫu trực tuyến") authored in the admin, the frozen versions
applications are filled with, and applicants' drafts."""

import uuid
from datetime import timedelta

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.fields import StreamField
from wagtail.models import PreviewableMixin

from forms import schema as form_schema
from forms.blocks import StepsBlock, compile_steps
from forms.constants import DISPLAY_TYPES, FieldType

RESERVED_STEP_KEYS = {"xem-lai", "hoan-tat", "ban-nhap", "mau-trong"}
# Paths under /bieu-mau/ that are not forms.
RESERVED_SLUGS = {"ban-nhap", "dia-gioi", "ho-so-dang-soan"}


class FormDefinition(PreviewableMixin, models.Model):
    """The editable form of one or more procedures. Applicants always fill a
    published `FormVersion`, never this editable copy."""

    slug = models.SlugField(
        _("đường dẫn"),
        max_length=80,
        unique=True,
        help_text=_("Phần cuối địa chỉ biểu mẫu: /bieu-mau/<đường dẫn>/."),
    )
    title = models.CharField(_("tên biểu mẫu"), max_length=255)
    title_en = models.CharField(_("tên biểu mẫu (tiếng Anh)"), max_length=255, blank=True)
    intro = models.TextField(_("giới thiệu"), blank=True)
    intro_en = models.TextField(_("giới thiệu (tiếng Anh)"), blank=True)
    steps = StreamField(StepsBlock(), verbose_name=_("các bước"), blank=True)
    opens_at = models.DateTimeField(_("mở nhận hồ sơ từ"), null=True, blank=True)
    closes_at = models.DateTimeField(_("ngừng nhận hồ sơ từ"), null=True, blank=True)
    in_maintenance = models.BooleanField(_("đang bảo trì"), default=False)
    maintenance_message = models.TextField(
        _("thông báo bảo trì"),
        blank=True,
        help_text=_("Hiện cho người nộp khi biểu mẫu đang bảo trì."),
    )
    max_submissions = models.PositiveIntegerField(
        _("số hồ sơ tối đa"),
        null=True,
        blank=True,
        help_text=_("Để trống nếu không giới hạn."),
    )
    confirm_email = models.BooleanField(
        _("yêu cầu xác nhận thư điện tử"),
        default=False,
        help_text=_("Người nộp phải nhập mã xác nhận gửi tới địa chỉ thư điện tử đã khai."),
    )
    updated_at = models.DateTimeField(_("cập nhật lúc"), auto_now=True)

    panels = [
        FieldRowPanel([FieldPanel("title"), FieldPanel("title_en")]),
        FieldPanel("slug"),
        FieldRowPanel([FieldPanel("intro"), FieldPanel("intro_en")]),
        MultiFieldPanel(
            [
                FieldRowPanel([FieldPanel("opens_at"), FieldPanel("closes_at")]),
                FieldPanel("in_maintenance"),
                FieldPanel("maintenance_message"),
                FieldRowPanel([FieldPanel("max_submissions"), FieldPanel("confirm_email")]),
            ],
            heading=_("Thời gian và điều kiện nhận hồ sơ"),
        ),
        FieldPanel("steps"),
    ]

    class Meta:
        verbose_name = _("biểu mẫu trực tuyến")
        verbose_name_plural = _("biểu mẫu trực tuyến")
        ordering = ["title"]

    def __str__(self):
        return self.title

    def build_schema(self) -> dict:
        """The schema this definition would freeze if published now."""
        return {
            "slug": self.slug,
            "title": {"vi": self.title, "en": self.title_en},
            "intro": {"vi": self.intro, "en": self.intro_en},
            "confirm_email": self.confirm_email,
            "steps": compile_steps(self.steps.raw_data),
        }

    def clean(self):
        super().clean()
        if self.slug in RESERVED_SLUGS:
            raise ValidationError({"slug": _("Đường dẫn này được dành riêng, vui lòng chọn khác.")})
        errors = schema_errors(self.build_schema())
        if errors:
            raise ValidationError({"steps": errors})

    @property
    def live_version(self):
        """The latest published version, or None."""
        if not hasattr(self, "_live_version"):
            if "versions" in getattr(self, "_prefetched_objects_cache", {}):
                versions = list(self.versions.all())
                self._live_version = max(versions, key=lambda v: v.number, default=None)
            else:
                self._live_version = self.versions.order_by("-number").first() if self.pk else None
        return self._live_version

    def closed_reason(self, now=None):
        """Why no new application can be started now, or "" when the form is open."""
        now = now or timezone.now()
        if self.in_maintenance:
            return self.maintenance_message or _(
                "Biểu mẫu đang được bảo trì, vui lòng quay lại sau."
            )
        if self.live_version is None:
            return _("Biểu mẫu chưa được xuất bản.")
        if self.opens_at and now < self.opens_at:
            return _("Biểu mẫu sẽ mở nhận hồ sơ từ %(date)s.") % {
                "date": timezone.localtime(self.opens_at).strftime("%H:%M %d/%m/%Y")
            }
        if self.closes_at and now >= self.closes_at:
            return _("Biểu mẫu đã ngừng nhận hồ sơ.")
        if self.max_submissions is not None and self.submission_count() >= self.max_submissions:
            return _("Biểu mẫu đã nhận đủ số hồ sơ tối đa.")
        return ""

    def is_open(self, now=None) -> bool:
        return not self.closed_reason(now)

    def submission_count(self) -> int:
        return Draft.objects.filter(version__definition=self, submitted_at__isnull=False).count()

    # Admin preview (Wagtail's PreviewableMixin)

    def get_preview_template(self, request, mode_name):
        return "forms/preview.html"

    def get_preview_context(self, request, mode_name):
        from forms.dynamic import StepForm

        schema = self.build_schema()
        return {
            "object": self,
            "schema": schema,
            "step_forms": [
                (step, StepForm(schema=schema, step=step, prefix=step["key"]))
                for step in schema["steps"]
            ],
        }


def schema_errors(schema) -> list[str]:
    """What keeps a schema from being published: duplicate names, dangling conditions."""
    errors = []
    keys = [step["key"] for step in schema["steps"]]
    if not keys:
        errors.append(_("Biểu mẫu cần có ít nhất một bước."))
    for key in {k for k in keys if keys.count(k) > 1}:
        errors.append(_("Đường dẫn bước “%(key)s” bị trùng.") % {"key": key})
    for key in RESERVED_STEP_KEYS & set(keys):
        errors.append(_("Đường dẫn bước “%(key)s” là tên dành riêng.") % {"key": key})
    names = [f["name"] for f in form_schema.all_input_fields(schema)]
    for name in {n for n in names if names.count(n) > 1}:
        errors.append(_("Tên kỹ thuật “%(name)s” bị trùng.") % {"name": name})
    known = set(names)
    for step in schema["steps"]:
        items = [step] + [f for f in step["fields"] if f["type"] not in DISPLAY_TYPES]
        for item in items:
            condition = item.get("condition")
            if condition and condition["field"] not in known:
                errors.append(
                    _("Điều kiện tham chiếu trường “%(name)s” không có trong biểu mẫu.")
                    % {"name": condition["field"]}
                )
        for field in step["fields"]:
            if field["type"] == FieldType.GROUP and not field.get("fields"):
                errors.append(
                    _("Nhóm “%(label)s” cần có ít nhất một cột.") % {"label": field["label"]["vi"]}
                )
    return [str(e) for e in errors]


class FormVersion(models.Model):
    """A published, frozen snapshot of a definition ("phiên bản biểu mẫu").

    Applications and drafts point at it; it is never edited afterwards."""

    definition = models.ForeignKey(
        FormDefinition,
        verbose_name=_("biểu mẫu"),
        on_delete=models.CASCADE,
        related_name="versions",
    )
    number = models.PositiveIntegerField(_("phiên bản số"))
    schema = models.JSONField(_("cấu trúc"))
    published_at = models.DateTimeField(_("xuất bản lúc"), default=timezone.now)
    published_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người xuất bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    class Meta:
        verbose_name = _("phiên bản biểu mẫu")
        verbose_name_plural = _("phiên bản biểu mẫu")
        constraints = [
            models.UniqueConstraint(fields=["definition", "number"], name="unique_form_version")
        ]
        ordering = ["definition", "-number"]

    def __str__(self):
        return f"{self.definition} (v{self.number})"

    @property
    def title(self):
        return form_schema.text(self.schema.get("title"))


def default_expiry():
    return timezone.now() + timedelta(days=settings.FORMS_DRAFT_TTL_DAYS)


class Draft(models.Model):
    """An application in progress ("hồ sơ đang soạn"), kept on the server so that
    it can be resumed by link or from the applicant's account."""

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    version = models.ForeignKey(
        FormVersion, on_delete=models.CASCADE, related_name="drafts", verbose_name=_("phiên bản")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="form_drafts",
    )
    data = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    expires_at = models.DateTimeField(default=default_expiry, db_index=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    # What the submission handler (FORMS_SUBMISSION_HANDLER) filed the draft as.
    submission_reference = models.CharField(max_length=64, blank=True)

    class Meta:
        verbose_name = _("hồ sơ đang soạn")
        verbose_name_plural = _("hồ sơ đang soạn")

    def __str__(self):
        return f"{self.version} · {self.uuid}"

    @property
    def is_submitted(self) -> bool:
        return self.submitted_at is not None

    @property
    def idempotency_key(self) -> str:
        return f"draft-{self.uuid.hex}"

    def uploads(self):
        return self.data.get("extra_data", {}).get("uploads", {})
