from django.urls import path, reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.ui.tables import BooleanColumn
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet, SnippetViewSetGroup

from portal import pagecache
from portal.admin_views import MandatedInformationReportView
from portal.models import DraftComment, Question


class DraftCommentViewSet(SnippetViewSet):
    model = DraftComment
    icon = "comment"
    menu_label = _("Góp ý dự thảo")
    list_display = ["full_name", "draft", "status", "created_at"]
    list_filter = ["status"]
    search_fields = ["full_name", "body"]
    inspect_view_enabled = True


class QuestionViewSet(SnippetViewSet):
    model = Question
    icon = "help"
    menu_label = _("Hỏi đáp")
    list_display = [
        "title",
        "asker_name",
        "asked_at",
        BooleanColumn("is_answered", label=_("Đã trả lời")),
        BooleanColumn("is_published", label=_("Công khai")),
    ]
    list_filter = ["is_published"]
    search_fields = ["title", "body"]


class ParticipationGroup(SnippetViewSetGroup):
    items = (DraftCommentViewSet, QuestionViewSet)
    menu_icon = "group"
    menu_label = _("Tương tác công dân")
    menu_order = 220


register_snippet(ParticipationGroup)


@hooks.register("after_edit_snippet")
def record_comment_moderation(request, instance):
    """Remember who moderated a comment and when, the first time its status changes."""
    if (
        isinstance(instance, DraftComment)
        and instance.status != DraftComment.Status.PENDING
        and instance.moderated_at is None
    ):
        DraftComment.objects.filter(pk=instance.pk).update(
            moderated_at=timezone.now(), moderated_by=request.user
        )


@hooks.register("register_admin_urls")
def register_report_url():
    return [
        path(
            "reports/mandated-information/",
            MandatedInformationReportView.as_view(),
            name="mandated_information_report",
        )
    ]


@hooks.register("register_reports_menu_item")
def register_report_menu_item():
    return MenuItem(
        _("Thông tin bắt buộc"),
        reverse("mandated_information_report"),
        icon_name="warning",
        order=10,
    )


@hooks.register("before_serve_page")
def page_may_be_cached(page, request, serve_args, serve_kwargs):
    """The answer of a page may be kept by the page cache (portal/pagecache.py)."""
    pagecache.mark(request, page)
