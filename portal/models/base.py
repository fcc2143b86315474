"""What every public page shares, and the agency's identity."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, MultiFieldPanel
from wagtail.contrib.settings.models import BaseGenericSetting, register_setting
from wagtail.models import Page

from portal import pagecache


class MandatedSection(models.TextChoices):
    """The information a state agency's portal must publish.

    Nghị định 43/2011/NĐ-CP Điều 10, restated by Nghị định 42/2022/NĐ-CP Điều 4.
    """

    INTRODUCTION = "introduction", _("Giới thiệu cơ quan (cơ cấu tổ chức, chức năng, lãnh đạo)")
    NEWS = "news", _("Tin tức, sự kiện")
    DIRECTION = "direction", _("Thông tin chỉ đạo, điều hành")
    LEADER_SCHEDULE = "leader_schedule", _("Lịch công tác của lãnh đạo")
    SPOKESPERSON = "spokesperson", _("Người phát ngôn, thông tin báo chí")
    LEGAL_DISSEMINATION = "legal_dissemination", _("Tuyên truyền, phổ biến pháp luật")
    LEGAL_DOCUMENTS = "legal_documents", _("Văn bản quy phạm pháp luật")
    PLANS = "plans", _("Chiến lược, định hướng, quy hoạch, kế hoạch")
    PROCEDURES = "procedures", _("Thủ tục hành chính, dịch vụ công trực tuyến")
    PROJECTS = "projects", _("Dự án, đầu tư, đấu thầu, mua sắm công")
    DIRECTORY = "directory", _("Danh bạ thư điện tử, đầu mối liên hệ")
    SCIENCE = "science", _("Chương trình, đề tài khoa học")
    CONSULTATION = "consultation", _("Lấy ý kiến dự thảo văn bản")
    QA = "qa", _("Hỏi đáp, tiếp nhận ý kiến")


class PortalPageMixin(models.Model):
    """Fields every public page has: keywords and the mandated section it fulfils.

    Title and description (`search_description`) come from Wagtail's Page.
    """

    keywords = models.CharField(
        _("từ khóa"),
        max_length=255,
        blank=True,
        help_text=_("Các từ khóa, cách nhau bằng dấu phẩy."),
    )
    mandated_section = models.CharField(
        _("mục thông tin bắt buộc"),
        max_length=32,
        choices=MandatedSection.choices,
        blank=True,
        help_text=_("Mục thông tin bắt buộc mà trang này (và các trang con) đáp ứng."),
    )

    promote_panels = [
        MultiFieldPanel(
            [
                FieldPanel("slug"),
                FieldPanel("seo_title"),
                FieldPanel("search_description"),
                FieldPanel("keywords"),
                FieldPanel("show_in_menus"),
            ],
            heading=_("Thông tin cho máy tìm kiếm và trình đơn"),
        ),
        FieldPanel("mandated_section"),
    ]

    class Meta:
        abstract = True

    def mandated_last_update(self):
        """Latest update of content that is not a page (comments, answers); None if none."""
        return None

    def get_view_restrictions(self):
        # From the kept table of restrictions: no query on a page none applies to.
        from portal import serving

        return serving.restrictions_for(self)


@register_setting(icon="site")
class AgencySettings(BaseGenericSetting):
    """The agency's identity, shown in the header, the footer and on notices."""

    @classmethod
    def _get_or_create(cls):
        # Every page shows it: kept as a fragment of the page cache, stale once saved.
        return pagecache.remember(
            "agency-settings",
            lambda: (super(AgencySettings, cls)._get_or_create(), {pagecache.SITE}),
        )

    name = models.CharField(
        _("tên cơ quan"), max_length=255, default="Sở Thông tin và Truyền thông"
    )
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    governing_body = models.CharField(
        _("cơ quan chủ quản"), max_length=255, blank=True, help_text=_("Ví dụ: UBND tỉnh Khánh Hòa")
    )
    identifier_code = models.CharField(
        _("mã định danh"), max_length=35, blank=True, help_text=_("Ví dụ: 000.00.12.H29")
    )
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    fax = models.CharField(_("fax"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)
    responsible_person = models.CharField(
        _("người chịu trách nhiệm chính"), max_length=255, blank=True
    )
    licence_line = models.CharField(
        _("giấy phép"),
        max_length=500,
        blank=True,
        help_text=_("Dòng giấy phép thiết lập trang thông tin điện tử hiển thị ở chân trang."),
    )
    logo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("biểu trưng"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    stale_after_days = models.PositiveIntegerField(
        _("số ngày coi là chưa cập nhật"),
        null=True,
        blank=True,
        help_text=_(
            "Báo cáo thông tin bắt buộc đánh dấu mục không được cập nhật quá số ngày này. "
            "Để trống để dùng giá trị mặc định của hệ thống."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("governing_body"),
        FieldPanel("identifier_code"),
        FieldPanel("address"),
        FieldPanel("phone"),
        FieldPanel("fax"),
        FieldPanel("email"),
        FieldPanel("responsible_person"),
        FieldPanel("licence_line"),
        FieldPanel("logo"),
        FieldPanel("stale_after_days"),
    ]

    class Meta:
        verbose_name = _("Thông tin cơ quan")

    def display_name(self, language_code="vi"):
        return self.name_en if language_code == "en" and self.name_en else self.name


__all__ = ["AgencySettings", "MandatedSection", "Page", "PortalPageMixin"]
