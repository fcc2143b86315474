"""Public participation: consultation on draft documents, and questions and answers."""

from django.conf import settings
from django.contrib import messages
from django.db import models
from django.db.models import Max
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext as _t
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel, FieldRowPanel, MultiFieldPanel
from wagtail.contrib.routable_page.models import RoutablePageMixin, path
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Page
from wagtail.search import index

from portal.blocks import BaseStreamBlock
from portal.serving import public

from .base import MandatedSection, PortalPageMixin
from .pages import paginate


class ConsultationIndexPage(PortalPageMixin, Page):
    """Lấy ý kiến dự thảo: drafts open for public comment, then closed ones."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = ["portal.DraftConsultationPage"]
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("danh mục lấy ý kiến dự thảo")

    def save(self, *args, **kwargs):
        self.mandated_section = self.mandated_section or MandatedSection.CONSULTATION
        super().save(*args, **kwargs)

    def get_context(self, request, *args, **kwargs):
        context = super().get_context(request, *args, **kwargs)
        drafts = public(DraftConsultationPage.objects.child_of(self).live()).order_by("-opens_on")
        today = timezone.localdate()
        context["open_drafts"] = [d for d in drafts if d.is_open(today)]
        context["closed_drafts"] = [d for d in drafts if not d.is_open(today)]
        return context

    def mandated_last_update(self):
        return DraftComment.objects.filter(
            draft__in=DraftConsultationPage.objects.child_of(self),
            status=DraftComment.Status.APPROVED,
        ).aggregate(latest=Max("moderated_at"))["latest"]


class DraftConsultationPage(PortalPageMixin, Page):
    """A draft document open for comments from the public until a deadline."""

    drafting_unit = models.CharField(_("đơn vị chủ trì soạn thảo"), max_length=255)
    summary = models.TextField(_("tóm tắt nội dung dự thảo"))
    body = StreamField(BaseStreamBlock(), verbose_name=_("nội dung"), blank=True)
    draft_document = models.ForeignKey(
        "wagtaildocs.Document",
        verbose_name=_("tệp dự thảo"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    opens_on = models.DateField(_("ngày bắt đầu lấy ý kiến"))
    closes_on = models.DateField(_("hạn góp ý"))
    contact = models.CharField(_("đầu mối tiếp nhận"), max_length=500, blank=True)

    content_panels = Page.content_panels + [
        FieldPanel("drafting_unit"),
        FieldPanel("summary"),
        FieldPanel("draft_document"),
        FieldRowPanel([FieldPanel("opens_on"), FieldPanel("closes_on")]),
        FieldPanel("contact"),
        FieldPanel("body"),
    ]
    search_fields = Page.search_fields + [index.SearchField("summary")]
    parent_page_types = ["portal.ConsultationIndexPage"]
    subpage_types = []

    class Meta:
        verbose_name = _("dự thảo lấy ý kiến")
        verbose_name_plural = _("dự thảo lấy ý kiến")

    def is_open(self, today=None):
        today = today or timezone.localdate()
        return self.opens_on <= today <= self.closes_on

    def approved_comments(self):
        return self.comments.filter(status=DraftComment.Status.APPROVED).order_by("created_at")

    def serve(self, request, *args, **kwargs):
        from portal.forms import DraftCommentForm

        if request.method == "POST":
            form = DraftCommentForm(request.POST)
            if not self.is_open():
                messages.error(request, _t("Đã hết thời hạn góp ý cho dự thảo này."))
            elif form.is_valid():
                form.save_for(self)
                messages.success(
                    request,
                    _t("Cảm ơn bạn đã góp ý. Ý kiến sẽ được đăng sau khi được kiểm duyệt."),
                )
                return redirect(self.url + "#gop-y")
        else:
            form = DraftCommentForm()
        context = self.get_context(request, *args, **kwargs)
        context["form"] = form
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, self.get_template(request), context, status=status)


class DraftComment(models.Model):
    """A comment from the public on a draft; shown only after moderation."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Chờ duyệt")
        APPROVED = "approved", _("Đã duyệt")
        REJECTED = "rejected", _("Không đăng")

    draft = models.ForeignKey(
        DraftConsultationPage,
        verbose_name=_("dự thảo"),
        on_delete=models.CASCADE,
        related_name="comments",
    )
    full_name = models.CharField(_("họ và tên"), max_length=255)
    email = models.EmailField(_("thư điện tử"))
    organisation = models.CharField(_("cơ quan, tổ chức"), max_length=255, blank=True)
    body = models.TextField(_("nội dung góp ý"))
    status = models.CharField(
        _("trạng thái"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    created_at = models.DateTimeField(_("thời điểm gửi"), auto_now_add=True)
    moderated_at = models.DateTimeField(_("thời điểm duyệt"), null=True, blank=True)
    moderated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người duyệt"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    panels = [
        FieldPanel("draft", read_only=True),
        FieldRowPanel(
            [
                FieldPanel("full_name", read_only=True),
                FieldPanel("email", read_only=True),
                FieldPanel("organisation", read_only=True),
            ]
        ),
        FieldPanel("body", read_only=True),
        FieldPanel("status"),
    ]

    class Meta:
        ordering = ["-created_at"]
        verbose_name = _("góp ý dự thảo")
        verbose_name_plural = _("góp ý dự thảo")

    def __str__(self):
        return f"{self.full_name}: {self.body[:60]}"


class QuestionIndexPage(RoutablePageMixin, PortalPageMixin, Page):
    """Hỏi đáp: citizens ask through a form; answered questions are published."""

    intro = models.TextField(_("giới thiệu"), blank=True)

    content_panels = Page.content_panels + [FieldPanel("intro")]
    subpage_types = []
    max_count_per_parent = 1

    class Meta:
        verbose_name = _("trang hỏi đáp")

    def save(self, *args, **kwargs):
        self.mandated_section = self.mandated_section or MandatedSection.QA
        super().save(*args, **kwargs)

    def mandated_last_update(self):
        return Question.objects.published().aggregate(latest=Max("answered_at"))["latest"]

    @path("")
    def index(self, request):
        from portal.forms import QuestionForm

        if request.method == "POST":
            form = QuestionForm(request.POST)
            if form.is_valid():
                form.save()
                messages.success(
                    request,
                    _t(
                        "Câu hỏi của bạn đã được gửi. Câu trả lời sẽ được gửi tới thư điện tử "
                        "của bạn và đăng trên trang này."
                    ),
                )
                return redirect(self.url + "#dat-cau-hoi")
        else:
            form = QuestionForm()
        questions = Question.objects.published()
        query = request.GET.get("q", "").strip()
        if query:
            for word in query.split():
                questions = questions.filter(
                    models.Q(title__icontains=word)
                    | models.Q(body__icontains=word)
                    | models.Q(answer__icontains=word)
                )
        context = self.get_context(request)
        context.update({"form": form, "questions": paginate(request, questions), "query": query})
        status = 400 if request.method == "POST" else 200
        return TemplateResponse(request, self.get_template(request), context, status=status)

    @path("<int:pk>/", name="question")
    def question(self, request, pk):
        question = get_object_or_404(Question.objects.published(), pk=pk)
        context = self.get_context(request)
        context["question"] = question
        return TemplateResponse(request, "portal/question_detail.html", context)


class QuestionQuerySet(models.QuerySet):
    def published(self):
        return self.filter(is_published=True, answered_at__isnull=False).order_by("-answered_at")


class Question(models.Model):
    """A citizen's question; editors answer it in the admin and may publish it."""

    asker_name = models.CharField(_("họ và tên"), max_length=255)
    email = models.EmailField(_("thư điện tử"))
    phone = models.CharField(_("điện thoại"), max_length=20, blank=True)
    address = models.CharField(_("địa chỉ"), max_length=255, blank=True)
    title = models.CharField(_("tiêu đề"), max_length=255)
    body = models.TextField(_("nội dung câu hỏi"))
    asked_at = models.DateTimeField(_("thời điểm hỏi"), auto_now_add=True)
    answer = RichTextField(_("trả lời"), blank=True)
    answered_by = models.CharField(
        _("đơn vị trả lời"), max_length=255, blank=True, help_text=_("Ví dụ: Phòng Bưu chính")
    )
    answered_at = models.DateTimeField(_("thời điểm trả lời"), null=True, blank=True)
    is_published = models.BooleanField(
        _("công khai"),
        default=False,
        help_text=_(
            "Đăng câu hỏi và câu trả lời lên trang Hỏi đáp (không hiển thị thư điện tử, "
            "điện thoại, địa chỉ của người hỏi)."
        ),
    )

    objects = QuestionQuerySet.as_manager()

    panels = [
        MultiFieldPanel(
            [
                FieldRowPanel(
                    [
                        FieldPanel("asker_name", read_only=True),
                        FieldPanel("email", read_only=True),
                        FieldPanel("phone", read_only=True),
                    ]
                ),
                FieldPanel("title"),
                FieldPanel("body"),
            ],
            heading=_("Câu hỏi"),
        ),
        FieldPanel("answer"),
        FieldPanel("answered_by"),
        FieldPanel("is_published"),
    ]

    class Meta:
        ordering = ["-asked_at"]
        verbose_name = _("câu hỏi")
        verbose_name_plural = _("câu hỏi")

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        # The first time an answer is given, record when.
        if self.answer and not self.answered_at:
            self.answered_at = timezone.now()
        super().save(*args, **kwargs)

    @property
    def is_answered(self):
        return self.answered_at is not None
