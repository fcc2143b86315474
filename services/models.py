"""Catalogue of administrative procedures (thủ tục hành chính) and the agency's units."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, RegexValidator
from django.db import models
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import (
    FieldPanel,
    FieldRowPanel,
    InlinePanel,
    MultiFieldPanel,
    PageChooserPanel,
)
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.models import Locale, Orderable, Page
from wagtail.search import index

from core.models import AgencyUnit
from forms import selectors as form_selectors
from portal.models import MandatedSection, PortalPageMixin
from portal.models.pages import paginate

from . import untranslated
from .constants import ApplicationMethod, FeeKind, ImplementingLevel, ServiceLevel
from .fields import MultipleChoiceField
from .text import normalise


class Sector(models.Model):
    """A sector of state management ("lĩnh vực"): press, publishing, posts…"""

    code = models.CharField(
        _("mã lĩnh vực"),
        max_length=30,
        unique=True,
        validators=[RegexValidator(r"^[A-Za-z0-9_-]+$", _("Chỉ gồm chữ, số, dấu gạch."))],
        help_text=_("Dùng trong địa chỉ trang, ví dụ: bao-chi."),
    )
    name = models.CharField(_("tên lĩnh vực"), max_length=255)
    name_en = models.CharField(_("tên tiếng Anh"), max_length=255, blank=True)
    sort_order = models.PositiveIntegerField(_("thứ tự"), default=0)

    panels = [
        FieldPanel("code"),
        FieldPanel("name"),
        FieldPanel("name_en"),
        FieldPanel("sort_order"),
    ]

    class Meta:
        ordering = ["sort_order", "name"]
        verbose_name = _("lĩnh vực")
        verbose_name_plural = _("lĩnh vực")

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        super().save(*args, **kwargs)
        # The sector's name is part of each procedure's search text.
        for procedure in Procedure.objects.filter(sector=self).select_related("sector"):
            Procedure.objects.filter(pk=procedure.pk).update(
                search_text=procedure.build_search_text()
            )

    def display_name(self, language_code="vi"):
        return self.name_en if language_code == "en" and self.name_en else self.name


CATALOGUE_PAGE_SIZE = 20


class ProcedureIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """The catalogue of administrative procedures: browse by sector, level, unit; search."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    parent_page_types = ["portal.HomePage"]
    subpage_types = ["services.Procedure"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("danh mục thủ tục hành chính")

    def save(self, *args, **kwargs):
        self.mandated_section = self.mandated_section or MandatedSection.PROCEDURES
        super().save(*args, **kwargs)

    def catalogue_context(self, request, *, sector=None):
        from services.filters import CatalogueFilterForm
        from services.selectors import catalogue_procedures, filter_procedures

        procedures = catalogue_procedures(index=self)
        data = request.GET.copy()
        if sector is not None:
            data["sector"] = sector.code
        form = CatalogueFilterForm(data or None)
        filters = form.cleaned_filters() if form.is_bound and form.is_valid() else {}
        results = filter_procedures(procedures, **filters)
        return {
            "filter_form": form,
            "filters": filters,
            "procedures": paginate(request, results, per_page=CATALOGUE_PAGE_SIZE),
            "query_string": form.query_string(exclude=["sector"] if sector else ()),
            "current_sector": sector,
        }

    @path("", name="catalogue")
    def catalogue(self, request):
        return self.render(request, context_overrides=self.catalogue_context(request))

    @path("linh-vuc/<slug:code>/", name="sector")
    def sector_listing(self, request, code):
        sector = get_object_or_404(Sector, code=code)
        return self.render(
            request, context_overrides=self.catalogue_context(request, sector=sector)
        )


class Procedure(PortalPageMixin, Page):
    """An administrative procedure ("thủ tục hành chính") as the national catalogue describes it.

    Holds what Nghị định 43/2011/NĐ-CP Điều 3 requires at level 1 (name, code,
    sequence, method, dossier, time limit, applicants, deciding agency, result,
    fees, legal basis) and the online service level it is offered at.
    """

    code = models.CharField(
        _("mã thủ tục"),
        max_length=50,
        help_text=_(
            "Mã trên Cơ sở dữ liệu quốc gia về thủ tục hành chính, ví dụ 1.004227.000.00.00.H34."
        ),
    )
    sector = models.ForeignKey(
        Sector, verbose_name=_("lĩnh vực"), on_delete=models.PROTECT, related_name="procedures"
    )
    service_level = models.PositiveSmallIntegerField(
        _("mức độ dịch vụ công trực tuyến"),
        choices=ServiceLevel.choices,
        default=ServiceLevel.INFORMATION,
    )
    implementing_level = models.CharField(
        _("cấp thực hiện"),
        max_length=10,
        choices=ImplementingLevel.choices,
        default=ImplementingLevel.PROVINCE,
    )
    receiving_unit = models.ForeignKey(
        AgencyUnit,
        verbose_name=_("đơn vị tiếp nhận hồ sơ"),
        on_delete=models.PROTECT,
        related_name="procedures",
    )
    deciding_agency = models.CharField(_("cơ quan có thẩm quyền quyết định"), max_length=255)
    applicants = models.TextField(_("đối tượng thực hiện"))
    methods = MultipleChoiceField(
        _("cách thức thực hiện"),
        max_length=100,
        choices=ApplicationMethod.choices,
        default=list,
    )
    methods_note = models.TextField(
        _("ghi chú cách thức thực hiện"),
        blank=True,
        help_text=_("Ví dụ: địa chỉ nộp hồ sơ, giờ tiếp nhận."),
    )
    processing_days = models.PositiveSmallIntegerField(_("thời hạn giải quyết (ngày làm việc)"))
    processing_note = models.CharField(
        _("ghi chú thời hạn"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: kể từ ngày nhận đủ hồ sơ hợp lệ."),
    )
    # Months a closed application is kept before its personal data is purged
    # (tracking.retention); empty: APPLICATION_RETENTION_MONTHS; 0: permanently.
    retention_months = models.PositiveIntegerField(
        _("thời hạn lưu trữ hồ sơ (tháng)"),
        null=True,
        blank=True,
        validators=[MaxValueValidator(1200)],
        help_text=_(
            "Số tháng lưu hồ sơ kể từ khi hồ sơ kết thúc, theo danh mục hồ sơ và thời hạn bảo "
            "quản của cơ quan (Luật Lưu trữ); hết thời hạn, dữ liệu cá nhân và tệp của hồ sơ "
            "được xóa tự động. Để trống: dùng thời hạn mặc định của cổng; 0: lưu trữ vĩnh viễn."
        ),
    )
    requirements = models.TextField(_("yêu cầu, điều kiện thực hiện"), blank=True)
    result = models.TextField(_("kết quả thực hiện"))
    fee_note = models.TextField(_("ghi chú phí, lệ phí"), blank=True)
    accept_on_payment = models.BooleanField(
        _("tiếp nhận ngay khi thanh toán"),
        default=False,
        help_text=_(
            "Mức độ 4: hồ sơ được tiếp nhận tự động khi người nộp thanh toán xong phí, lệ phí."
        ),
    )
    legal_basis = models.TextField(
        _("căn cứ pháp lý (khác)"),
        blank=True,
        help_text=_("Các văn bản chưa có trên cổng, mỗi văn bản một dòng."),
    )
    online_form = models.ForeignKey(
        "forms.FormDefinition",
        verbose_name=_("biểu mẫu trực tuyến"),
        related_name="procedures",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        help_text=_("Biểu mẫu người dân điền khi nộp hồ sơ trực tuyến (mức độ 3, 4)."),
    )
    search_text = models.TextField(editable=False, blank=True, default="")
    search_name = models.TextField(editable=False, blank=True, default="")
    # Of a translation: its texts still in the source page's language (see services.untranslated).
    source_language_texts = models.JSONField(editable=False, blank=True, default=list)

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("code"), FieldPanel("sector")]),
        FieldRowPanel([FieldPanel("service_level"), FieldPanel("implementing_level")]),
        FieldPanel("receiving_unit"),
        FieldPanel("online_form"),
        FieldPanel("deciding_agency"),
        FieldPanel("applicants"),
        MultiFieldPanel(
            [FieldPanel("methods"), FieldPanel("methods_note")], heading=_("Cách thức thực hiện")
        ),
        InlinePanel("steps", label=_("Trình tự thực hiện")),
        InlinePanel("dossier_components", label=_("Thành phần hồ sơ")),
        FieldRowPanel([FieldPanel("processing_days"), FieldPanel("processing_note")]),
        FieldPanel("retention_months"),
        InlinePanel("fee_rules", label=_("Phí, lệ phí")),
        FieldPanel("fee_note"),
        FieldPanel("accept_on_payment"),
        FieldPanel("requirements"),
        FieldPanel("result"),
        MultiFieldPanel(
            [
                InlinePanel("legal_basis_links", label=_("Văn bản trên cổng")),
                FieldPanel("legal_basis"),
            ],
            heading=_("Căn cứ pháp lý"),
        ),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("code"),
        index.SearchField("search_text"),
        index.FilterField("service_level"),
    ]
    parent_page_types = ["services.ProcedureIndexPage"]
    # Shown on its page: loaded with it when the page is served (`HomePage.route`).
    serve_select_related = ("sector", "receiving_unit")
    subpage_types = []

    class Meta:
        verbose_name = _("thủ tục hành chính")
        verbose_name_plural = _("thủ tục hành chính")

    @property
    def level(self):
        return ServiceLevel(self.service_level)

    def method_labels(self):
        return [ApplicationMethod(method).label for method in self.methods]

    def build_search_text(self):
        """The normalised text search compares against: name, code, sector, keywords."""
        sector = self.sector if self.sector_id else None
        parts = [self.title, self.code, self.keywords]
        if sector is not None:
            parts += [sector.name, sector.name_en]
        return normalise(" ".join(part for part in parts if part))

    def clean(self):
        super().clean()
        duplicate = (
            Procedure.objects.filter(code=self.code, locale_id=self.locale_id)
            .exclude(pk=self.pk)
            .exists()
        )
        if duplicate:
            raise ValidationError({"code": _("Đã có thủ tục khác với mã này.")})

    def save(self, *args, **kwargs):
        self.search_name = normalise(self.title)
        self.search_text = self.build_search_text()
        update_fields = kwargs.get("update_fields")
        if update_fields is None or "source_language_texts" in update_fields:
            # Not on a draft's save_revision (update_fields): the live page's texts count.
            self.source_language_texts = self.find_untranslated_texts()
        super().save(*args, **kwargs)

    def translation_source(self):
        """The page in the site's default language this page translates, or None (for
        a page in that language, or one made in another language from scratch)."""
        default = Locale.get_default()
        if not self.translation_key or self.locale_id in (None, default.pk):
            return None
        return (
            Procedure.objects.filter(translation_key=self.translation_key, locale=default)
            .exclude(pk=self.pk)
            .first()
        )

    def find_untranslated_texts(self):
        """The texts of this translation still in the source page's language."""
        source = self.translation_source()
        if source is None:
            return []
        return untranslated.untranslated_texts(
            self, source, previously=self.source_language_texts or ()
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        # What a translation shows in Vietnamese, marked as such (services_tags.in_page_language).
        context["untranslated"] = frozenset(self.source_language_texts or ())
        context["source_language"] = settings.LANGUAGE_CODE
        context["steps"] = list(self.steps.all())
        context["components"] = list(self.dossier_components.select_related("template"))
        context["fee_rules"] = list(self.fee_rules.all())
        context["legal_links"] = list(self.legal_basis_links.select_related("document"))
        return context

    def published_online_form(self):
        """The online form with its latest version loaded in the same query, or None."""
        if not self.online_form_id:
            return None
        if "_published_online_form" not in self.__dict__:
            self.__dict__["_published_online_form"] = form_selectors.published_definition(
                self.online_form_id
            )
        return self.__dict__["_published_online_form"]

    def online_application_url(self):
        """Where the applicant starts the online application (levels 3–4), or None
        when the procedure has no online form or the form is not open now."""
        form = self.published_online_form()
        if self.service_level < 3 or form is None or not form.is_open():
            return None
        return form_selectors.start_url(form)

    def blank_form_downloads(self):
        """Blank forms generated from the online form definition (PDF, DOCX) for
        levels 2–4: a list of objects with `label`, `url` and `format`."""
        form = self.published_online_form()
        if self.service_level < 2 or form is None:
            return []
        return form_selectors.blank_form_downloads(form)


class ProcedureStep(Orderable):
    """One step of the sequence ("trình tự thực hiện").

    `from_national` tells a step the national catalogue gave (replaced by the next
    update from it) from one an editor added here (kept): see
    `services.operations.import_procedures(keep_local=True)`.
    """

    page = ParentalKey(Procedure, related_name="steps", on_delete=models.CASCADE)
    title = models.CharField(_("bước"), max_length=255)
    description = models.TextField(_("mô tả"), blank=True)
    from_national = models.BooleanField(
        _("theo CSDL quốc gia về TTHC"),
        default=False,
        editable=False,
        help_text=_(
            "Bước nhập từ Cơ sở dữ liệu quốc gia về thủ tục hành chính; lần đồng bộ sau thay "
            "thế nó. Bước biên tập viên thêm tại cổng được giữ lại."
        ),
    )

    panels = [FieldPanel("title"), FieldPanel("description")]

    class Meta(Orderable.Meta):
        verbose_name = _("bước thực hiện")


class DossierComponent(Orderable):
    """A document of the dossier ("thành phần hồ sơ"), with its official template.

    `from_national` as for `ProcedureStep`: a document the national catalogue lists
    is replaced by the next update from it, one an editor added here is kept.
    """

    page = ParentalKey(Procedure, related_name="dossier_components", on_delete=models.CASCADE)
    name = models.CharField(_("tên giấy tờ"), max_length=500)
    originals = models.PositiveSmallIntegerField(_("số bản chính"), default=1)
    copies = models.PositiveSmallIntegerField(_("số bản sao"), default=0)
    is_required = models.BooleanField(_("bắt buộc"), default=True)
    template = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("mẫu đơn, tờ khai"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    note = models.CharField(_("ghi chú"), max_length=500, blank=True)
    from_national = models.BooleanField(
        _("theo CSDL quốc gia về TTHC"),
        default=False,
        editable=False,
        help_text=_(
            "Giấy tờ nhập từ Cơ sở dữ liệu quốc gia về thủ tục hành chính; lần đồng bộ sau "
            "thay thế nó. Giấy tờ biên tập viên thêm tại cổng được giữ lại."
        ),
    )

    panels = [
        FieldPanel("name"),
        FieldRowPanel([FieldPanel("originals"), FieldPanel("copies"), FieldPanel("is_required")]),
        FieldPanel("template"),
        FieldPanel("note"),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("thành phần hồ sơ")
        verbose_name_plural = _("thành phần hồ sơ")


class FeeRule(Orderable):
    """A fee or charge ("phí, lệ phí"): a fixed amount, or an amount per unit.

    For a per-unit rule, `quantity_field` names the online form field whose
    answer gives the number of units, so that payment can compute the total.
    """

    page = ParentalKey(Procedure, related_name="fee_rules", on_delete=models.CASCADE)
    label = models.CharField(_("tên khoản thu"), max_length=255)
    kind = models.CharField(
        _("cách tính"), max_length=20, choices=FeeKind.choices, default=FeeKind.FIXED
    )
    amount = models.PositiveBigIntegerField(_("số tiền (đồng)"))
    unit_label = models.CharField(
        _("đơn vị tính"), max_length=100, blank=True, help_text=_("Ví dụ: trang, bản, giấy phép.")
    )
    quantity_field = models.CharField(
        _("trường số lượng trên biểu mẫu"),
        max_length=100,
        blank=True,
        help_text=_("Tên trường của biểu mẫu trực tuyến cho biết số đơn vị, ví dụ so_trang."),
    )

    panels = [
        FieldRowPanel([FieldPanel("label"), FieldPanel("kind")]),
        FieldRowPanel(
            [FieldPanel("amount"), FieldPanel("unit_label"), FieldPanel("quantity_field")]
        ),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("phí, lệ phí")
        verbose_name_plural = _("phí, lệ phí")

    def clean(self):
        super().clean()
        if self.kind == FeeKind.PER_UNIT and not self.unit_label:
            raise ValidationError({"unit_label": _("Khoản thu theo đơn vị cần có đơn vị tính.")})

    @property
    def is_per_unit(self):
        return self.kind == FeeKind.PER_UNIT


class LegalBasisLink(Orderable):
    """A legal document on the portal that the procedure rests on ("căn cứ pháp lý")."""

    page = ParentalKey(Procedure, related_name="legal_basis_links", on_delete=models.CASCADE)
    document = models.ForeignKey(
        "portal.LegalDocumentPage",
        verbose_name=_("văn bản"),
        on_delete=models.CASCADE,
        related_name="+",
    )

    panels = [PageChooserPanel("document", "portal.LegalDocumentPage")]

    class Meta(Orderable.Meta):
        verbose_name = _("căn cứ pháp lý")
