"""Applicants' accounts ("tài khoản người nộp hồ sơ") and their profiles."""

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _

id_number_validator = RegexValidator(
    r"^\d{12}$", _("Số định danh cá nhân (CCCD) gồm đúng 12 chữ số.")
)
tax_code_validator = RegexValidator(
    r"^\d{10}(-\d{3})?$", _("Mã số thuế gồm 10 chữ số, hoặc 10 chữ số, dấu gạch và 3 chữ số.")
)
phone_validator = RegexValidator(
    r"^\+?[\d .]{9,15}$", _("Số điện thoại chỉ gồm chữ số, có thể có dấu cách.")
)


class ApplicantProfile(models.Model):
    """What an applicant tells the portal once, to pre-fill every form.

    The form engine pre-fills fields that declare one of these attribute names
    as their prefill source (see `accounts.selectors.prefill_values`).
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="applicant_profile",
    )
    full_name = models.CharField(_("họ và tên"), max_length=255)
    id_number = models.CharField(
        _("số định danh cá nhân (CCCD)"),
        max_length=12,
        blank=True,
        validators=[id_number_validator],
    )
    date_of_birth = models.DateField(_("ngày sinh"), null=True, blank=True)
    phone = models.CharField(
        _("số điện thoại"), max_length=20, blank=True, validators=[phone_validator]
    )
    address = models.CharField(_("địa chỉ"), max_length=500, blank=True)
    tax_code = models.CharField(
        _("mã số thuế (doanh nghiệp)"), max_length=14, blank=True, validators=[tax_code_validator]
    )
    company_name = models.CharField(_("tên doanh nghiệp, tổ chức"), max_length=255, blank=True)
    email_verified_at = models.DateTimeField(
        _("thời điểm xác minh thư điện tử"), null=True, blank=True
    )
    # The subject of the national identity service (VNeID) this account signed in with.
    identity_subject = models.CharField(max_length=255, blank=True, db_index=True)

    class Meta:
        verbose_name = _("hồ sơ người dùng")
        verbose_name_plural = _("hồ sơ người dùng")

    def __str__(self):
        return self.full_name or self.user.get_username()
