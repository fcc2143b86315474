"""The privacy notices applicants consented to, kept word for word."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class PrivacyNoticeText(models.Model):
    """The exact text of a privacy notice ("thông báo xử lý dữ liệu cá nhân") as an
    applicant read it when consenting, once per distinct text.

    A consent records the SHA-256 of the text (`tracking.privacy.consent_record`);
    this row keeps the text itself, so that the agency can show what was agreed to
    in a form that can be printed or copied (Nghị định 13/2023/NĐ-CP Điều 11).
    """

    sha256 = models.CharField(max_length=64, unique=True)
    version = models.CharField(_("phiên bản"), max_length=32)
    language = models.CharField(_("ngôn ngữ"), max_length=8)
    text = models.TextField(_("nội dung"))
    first_shown_at = models.DateTimeField(_("lần đầu sử dụng"), default=timezone.now)

    class Meta:
        ordering = ["-first_shown_at"]
        verbose_name = _("nội dung thông báo xử lý dữ liệu cá nhân")
        verbose_name_plural = _("nội dung thông báo xử lý dữ liệu cá nhân")

    def __str__(self):
        return f"{self.version} ({self.language}) {self.sha256[:12]}"
