"""The agency's units: the foundation every app builds on."""

from django.core.validators import RegexValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

# Mã định danh per Thông tư 10/2016/TT-BTTTT: V1V2V3.Z1Z2.Y1Y2.MX1X2, e.g. 000.00.12.H29.
identifier_code_validator = RegexValidator(
    r"^[0-9A-Z]{3}\.[0-9A-Z]{2}\.[0-9A-Z]{2}\.[A-Z][0-9]{2}$",
    _("Mã định danh phải có dạng V1V2V3.Z1Z2.Y1Y2.MX1X2, ví dụ 000.00.12.H29."),
)


class AgencyUnit(index.Indexed, models.Model):
    """A unit of the agency ("đơn vị"), with its identifier code ("mã định danh").

    Units receive applications and appear in the introduction and in the
    official e-mail directory.
    """

    name = models.CharField(_("tên đơn vị"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    identifier_code = models.CharField(
        _("mã định danh"),
        max_length=35,
        unique=True,
        validators=[identifier_code_validator],
        help_text=_("Theo Thông tư 10/2016/TT-BTTTT, ví dụ 000.00.12.H29."),
    )
    parent = models.ForeignKey(
        "self",
        verbose_name=_("đơn vị cấp trên"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="children",
    )
    head = models.CharField(_("người đứng đầu"), max_length=255, blank=True)
    functions = models.TextField(_("chức năng, nhiệm vụ"), blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử công vụ"), blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("identifier_code"),
        FieldPanel("parent"),
        FieldPanel("head"),
        FieldPanel("functions"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("email"),
        FieldPanel("sort_order"),
    ]
    search_fields = [
        index.SearchField("name"),
        index.AutocompleteField("name"),
        index.SearchField("identifier_code"),
    ]

    class Meta:
        # The table it has had since it lived in the catalogue app.
        db_table = "services_agencyunit"
        ordering = ["sort_order", "name"]
        verbose_name = _("đơn vị")
        verbose_name_plural = _("đơn vị")

    def __str__(self):
        return f"{self.name} ({self.identifier_code})"

    def display_name(self, language_code="vi"):
        return self.name_en if language_code == "en" and self.name_en else self.name
