"""Page types for the information the law requires an agency portal to publish."""

import datetime

from django.contrib.contenttypes.models import ContentType
from django.core.paginator import Paginator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from modelcluster.fields import ParentalKey
from wagtail.admin.panels import FieldPanel, FieldRowPanel, InlinePanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Orderable, Page
from wagtail.search import index

from core.models import AgencyUnit
from portal.blocks import BaseStreamBlock
from portal.serving import public

from .base import MandatedSection, PortalPageMixin

PAGE_SIZE = 10


def paginate(request, queryset, per_page=PAGE_SIZE):
    paginator = Paginator(queryset, per_page)
    return paginator.get_page(request.GET.get("page"))


class HomePage(PortalPageMixin, Page):
    """The agency's home page: leads to every mandated section and every service."""

    lead = models.TextField(_("lời giới thiệu ngắn"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("lead"), FieldPanel("body")]
    parent_page_types = ["wagtailcore.Page"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang chủ")

    def route(self, request, path_components):
        """Find a page below in one query by its URL path instead of one lookup per level.

        Wagtail walks the tree a level at a time (two queries per level); the page
        at the end of the path is what that walk reaches when no page on the way
        answers the rest of the path itself (a routable page's own sub-pages, such
        as a news index's feed), so those fall back to the walk.
        """
        if path_components:
            url_path = self.url_path + "/".join(path_components) + "/"
            row = Page.objects.filter(url_path=url_path).values_list("pk", "content_type").first()
            model = row and ContentType.objects.get_for_id(row[1]).model_class()
            if model is not None:
                # What the page's template shows of its relations comes in the same query.
                related = getattr(model, "serve_select_related", ())
                return model.objects.select_related(*related).get(pk=row[0]).route(request, [])
        return super().route(request, path_components)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        news_index = (
            ArticleIndexPage.objects.live()
            .descendant_of(self)
            .filter(mandated_section=MandatedSection.NEWS)
            .first()
        )
        context["news_index"] = news_index
        context["latest_news"] = (
            public(ArticlePage.objects.live())
            .child_of(news_index)
            .select_related("image")
            .order_by("-date", "-first_published_at")[:4]
            if news_index
            else []
        )
        context["latest_documents"] = (
            public(LegalDocumentPage.objects.live()).descendant_of(self).order_by("-issue_date")[:5]
        )
        return context


class StandardPage(PortalPageMixin, Page):
    """A page of free content: functions, history, spokesperson, a programme, a plan."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro"), FieldPanel("body")]
    search_fields = Page.search_fields + [index.SearchField("intro"), index.SearchField("body")]
    subpage_types = ["portal.StandardPage"]

    class Meta:
        verbose_name = _("trang nội dung")


class IntroductionPage(PortalPageMixin, Page):
    """Giới thiệu: structure chart, functions and duties, units, history, leaders."""

    intro = models.TextField(_("tóm tắt"), blank=True)
    functions = RichTextField(_("chức năng, nhiệm vụ, quyền hạn"), blank=True)
    structure_chart = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("sơ đồ cơ cấu tổ chức"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    structure_chart_alt = models.TextField(
        _("mô tả sơ đồ"),
        blank=True,
        help_text=_("Mô tả bằng lời sơ đồ cơ cấu tổ chức cho người không xem được ảnh."),
    )
    history = RichTextField(_("lịch sử hình thành và phát triển"), blank=True)
    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung khác"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        FieldPanel("functions"),
        MultiFieldPanel(
            [FieldPanel("structure_chart"), FieldPanel("structure_chart_alt")],
            heading=_("Cơ cấu tổ chức"),
        ),
        InlinePanel("leaders", label=_("Lãnh đạo")),
        FieldPanel("history"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("intro"),
        index.SearchField("functions"),
        index.SearchField("history"),
    ]
    subpage_types = ["portal.StandardPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang giới thiệu")

    def save(self, *args, **kwargs):
        self.mandated_section = self.mandated_section or MandatedSection.INTRODUCTION
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"] = AgencyUnit.objects.all()
        context["subpages"] = public(self.get_children().live())
        return context


class Leader(Orderable):
    """A member of the agency's leadership, with duties and contacts."""

    page = ParentalKey(IntroductionPage, related_name="leaders", on_delete=models.CASCADE)
    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ"), max_length=255)
    photo = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    duties = models.TextField(_("nhiệm vụ được phân công"), blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    panels = [
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldPanel("photo"),
        FieldPanel("duties"),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("lãnh đạo")
        verbose_name_plural = _("lãnh đạo")


class ArticleIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """A list of articles: news, direction, legal dissemination, plans, projects, science."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.ArticlePage", "portal.LeaderSchedulePage", "portal.StandardPage"]

    class Meta:
        verbose_name = _("danh mục bài viết")

    def listing(self):
        return public(Page.objects.child_of(self).live()).specific().order_by("-first_published_at")

    def articles(self):
        return (
            public(ArticlePage.objects.child_of(self).live())
            .select_related("image")
            .order_by("-date", "-first_published_at")
        )

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["items"] = paginate(request, self.listing())
        return context

    @path("rss/", name="rss")
    def rss(self, request):
        from portal.feeds import ArticleFeed

        return ArticleFeed()(request, index_page=self)


class ArticlePage(PortalPageMixin, Page):
    """An article: news item, directive, dissemination note, plan, project notice."""

    date = models.DateField(_("ngày đăng"), default=datetime.date.today)
    author = models.CharField(_("tác giả"), max_length=255)
    source = models.CharField(
        _("nguồn tin"), max_length=255, help_text=_("Ví dụ: Sở Thông tin và Truyền thông")
    )
    summary = models.TextField(_("tóm tắt"))
    image = models.ForeignKey(
        "wagtailimages.Image",
        verbose_name=_("ảnh đại diện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung"))

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("date"), FieldPanel("author"), FieldPanel("source")]),
        FieldPanel("summary"),
        FieldPanel("image"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("summary"),
        index.SearchField("body"),
        index.FilterField("date"),
    ]
    parent_page_types = ["portal.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("bài viết")

    @property
    def updated_at(self):
        return self.last_published_at or self.latest_revision_created_at


class LeaderSchedulePage(PortalPageMixin, Page):
    """Lịch công tác tuần của lãnh đạo."""

    week_start = models.DateField(_("tuần bắt đầu từ (thứ Hai)"))
    note = models.TextField(_("ghi chú"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("week_start"),
        FieldPanel("note"),
        InlinePanel("entries", label=_("Lịch")),
    ]
    parent_page_types = ["portal.ArticleIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("lịch công tác tuần")

    def save(self, *args, **kwargs):
        self.mandated_section = self.mandated_section or MandatedSection.LEADER_SCHEDULE
        super().save(*args, **kwargs)

    @property
    def week_end(self):
        return self.week_start + datetime.timedelta(days=6)

    def days(self):
        """Entries grouped by day, in order, for a table per day."""
        grouped = {}
        for entry in self.entries.all():
            grouped.setdefault(entry.day, []).append(entry)
        return sorted(grouped.items())


class ScheduleEntry(Orderable):
    page = ParentalKey(LeaderSchedulePage, related_name="entries", on_delete=models.CASCADE)
    day = models.DateField(_("ngày"))
    time = models.TimeField(_("giờ"), null=True, blank=True)
    leader = models.CharField(_("lãnh đạo"), max_length=255)
    content = models.TextField(_("nội dung công việc"))
    location = models.CharField(_("địa điểm"), max_length=255, blank=True)
    participants = models.CharField(_("thành phần"), max_length=500, blank=True)

    panels = [
        FieldRowPanel([FieldPanel("day"), FieldPanel("time"), FieldPanel("leader")]),
        FieldPanel("content"),
        FieldRowPanel([FieldPanel("location"), FieldPanel("participants")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("mục lịch công tác")
        ordering = ["day", "time", "sort_order"]


class LegalDocumentIndexPage(PortalPageMixin, Page):
    """Văn bản quy phạm pháp luật: filter by type, issuer and year; search."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.LegalDocumentPage"]

    class Meta:
        verbose_name = _("danh mục văn bản")

    def save(self, *args, **kwargs):
        self.mandated_section = self.mandated_section or MandatedSection.LEGAL_DOCUMENTS
        super().save(*args, **kwargs)

    def documents(self):
        return (
            public(LegalDocumentPage.objects.child_of(self).live())
            .select_related("document")
            .order_by("-issue_date", "-pk")
        )

    def get_context(self, request, *args, **kwargs):
        from portal.forms import LegalDocumentFilterForm

        context = super().get_context(request, *args, **kwargs)
        documents = self.documents()
        form = LegalDocumentFilterForm(request.GET or None, documents=documents)
        if form.is_valid():
            documents = form.filter(documents)
        context["filter_form"] = form
        context["documents"] = paginate(request, documents, per_page=20)
        context["query_string"] = form.query_string() if form.is_bound else ""
        return context


class LegalDocumentPage(PortalPageMixin, Page):
    """One legal document with its official metadata and file."""

    class DocumentType(models.TextChoices):
        LAW = "luat", _("Luật")
        DECREE = "nghi-dinh", _("Nghị định")
        CIRCULAR = "thong-tu", _("Thông tư")
        RESOLUTION = "nghi-quyet", _("Nghị quyết")
        DECISION = "quyet-dinh", _("Quyết định")
        DIRECTIVE = "chi-thi", _("Chỉ thị")
        PLAN = "ke-hoach", _("Kế hoạch")
        OFFICIAL_LETTER = "cong-van", _("Công văn")
        OTHER = "khac", _("Văn bản khác")

    class Status(models.TextChoices):
        IN_FORCE = "in_force", _("Còn hiệu lực")
        NOT_YET = "not_yet", _("Chưa có hiệu lực")
        PARTLY = "partly", _("Hết hiệu lực một phần")
        EXPIRED = "expired", _("Hết hiệu lực")

    document_type = models.CharField(_("loại văn bản"), max_length=20, choices=DocumentType.choices)
    number_symbol = models.CharField(
        _("số, ký hiệu"), max_length=100, help_text=_("Ví dụ: 42/2022/NĐ-CP")
    )
    issuer = models.CharField(_("cơ quan ban hành"), max_length=255)
    signer = models.CharField(_("người ký"), max_length=255, blank=True)
    issue_date = models.DateField(_("ngày ban hành"))
    effective_date = models.DateField(_("ngày có hiệu lực"), null=True, blank=True)
    status = models.CharField(
        _("tình trạng hiệu lực"), max_length=20, choices=Status.choices, default=Status.IN_FORCE
    )
    summary = models.TextField(_("trích yếu"))
    document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp văn bản"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    content_panels = Page.content_panels + [
        FieldRowPanel([FieldPanel("document_type"), FieldPanel("number_symbol")]),
        FieldRowPanel([FieldPanel("issuer"), FieldPanel("signer")]),
        FieldRowPanel(
            [FieldPanel("issue_date"), FieldPanel("effective_date"), FieldPanel("status")]
        ),
        FieldPanel("summary"),
        FieldPanel("document"),
    ]
    search_fields = Page.search_fields + [
        index.SearchField("number_symbol"),
        index.SearchField("summary"),
        index.SearchField("issuer"),
        index.FilterField("document_type"),
        index.FilterField("issuer"),
        index.FilterField("issue_date"),
    ]
    parent_page_types = ["portal.LegalDocumentIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("văn bản")
        verbose_name_plural = _("văn bản")


def legal_document_search_q(query):
    """Case-insensitive match of every word on number, title, summary or issuer."""
    condition = Q()
    for word in query.split():
        condition &= (
            Q(title__icontains=word)
            | Q(number_symbol__icontains=word)
            | Q(summary__icontains=word)
            | Q(issuer__icontains=word)
        )
    return condition


class DirectoryPage(PortalPageMixin, Page):
    """Danh bạ thư điện tử công vụ của các đơn vị và đầu mối liên hệ."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("intro"),
        InlinePanel("officials", label=_("Đầu mối liên hệ")),
    ]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("danh bạ")

    def save(self, *args, **kwargs):
        self.mandated_section = self.mandated_section or MandatedSection.DIRECTORY
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        context["units"] = AgencyUnit.objects.all()
        return context


class ContactOfficial(Orderable):
    page = ParentalKey(DirectoryPage, related_name="officials", on_delete=models.CASCADE)
    role = models.CharField(
        _("vai trò"),
        max_length=255,
        help_text=_("Ví dụ: Đầu mối kiểm soát thủ tục hành chính"),
    )
    name = models.CharField(_("họ và tên"), max_length=255)
    position = models.CharField(_("chức vụ, đơn vị"), max_length=255, blank=True)
    phone = models.CharField(_("điện thoại"), max_length=50, blank=True)
    email = models.EmailField(_("thư điện tử"), blank=True)

    panels = [
        FieldPanel("role"),
        FieldRowPanel([FieldPanel("name"), FieldPanel("position")]),
        FieldRowPanel([FieldPanel("phone"), FieldPanel("email")]),
    ]

    class Meta(Orderable.Meta):
        verbose_name = _("đầu mối liên hệ")


class ContactPage(PortalPageMixin, Page):
    """Liên hệ: the agency's address, hours and channels."""

    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung"), blank=True)
    office_hours = models.TextField(_("giờ làm việc"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("office_hours"), FieldPanel("body")]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang liên hệ")
