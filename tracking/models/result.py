"""The digital signature a result file carries, as checked when the result was recorded."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class ResultSignature(models.Model):
    """Who signed a result file, when, and whether the signature holds.

    A result delivered online is an electronic document with the agency's digital
    signature (Nghị định 45/2020/NĐ-CP; Quyết định 28/2018/QĐ-TTg): either the portal
    signed it with the agency certificate when it was recorded (`by_agency`), or it
    came signed (the competent person's USB token, remote signing) and pyHanko
    validated that signature (`tracking.results`). A file whose signature is broken is
    never recorded, so `intact` is true on every row; `trusted` says whether the
    signer's certificate chains to a trusted root.
    """

    file = models.OneToOneField(
        "tracking.ApplicationFile",
        verbose_name=_("tệp kết quả"),
        on_delete=models.CASCADE,
        related_name="signature",
    )
    signer = models.CharField(_("người ký"), max_length=255)
    organisation = models.CharField(_("cơ quan, tổ chức của người ký"), max_length=255, blank=True)
    issuer = models.CharField(_("tổ chức cấp chứng thư số"), max_length=255, blank=True)
    serial = models.CharField(_("số hiệu chứng thư số"), max_length=80, blank=True)
    signed_at = models.DateTimeField(_("thời điểm ký"), null=True, blank=True)
    by_agency = models.BooleanField(_("cổng ký bằng chứng thư số của cơ quan"), default=False)
    intact = models.BooleanField(_("toàn vẹn"), default=False)
    trusted = models.BooleanField(_("chứng thư số được tin cậy"), default=False)
    # A file of another type, kept inside the signed PDF that embeds it.
    wrapped = models.BooleanField(_("tệp gốc được đính kèm trong PDF đã ký"), default=False)
    checked_at = models.DateTimeField(_("thời điểm kiểm tra"), default=timezone.now)
    detail = models.TextField(_("chi tiết kiểm tra"), blank=True)

    class Meta:
        verbose_name = _("chữ ký số của kết quả")
        verbose_name_plural = _("chữ ký số của kết quả")

    def __str__(self):
        return f"{self.signer} ({self.signed_at:%Y-%m-%d %H:%M})" if self.signed_at else self.signer

    @property
    def is_valid(self) -> bool:
        return self.intact and self.trusted

    @property
    def verdict(self) -> str:
        """What the signature is worth, in a few words for the desk and the applicant."""
        if self.is_valid:
            return str(_("Chữ ký số hợp lệ"))
        if self.intact:
            return str(_("Chữ ký số toàn vẹn, chưa xác thực được chứng thư số của người ký"))
        return str(_("Chữ ký số không hợp lệ"))
