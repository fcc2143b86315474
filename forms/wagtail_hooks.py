from django.urls import path, reverse
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from wagtail import hooks
from wagtail.admin.widgets import Button, ListingButton
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import EditView, IndexView, SnippetViewSet

from forms import admin_views
from forms.models import FormDefinition


class FormIndexView(IndexView):
    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(_("Nhập từ JSON"), url=reverse("forms_import"), icon_name="upload", priority=50),
        ]


class FormEditView(EditView):
    """Editing a form; "Lưu và xuất bản phiên bản mới" saves, then freezes a version."""

    def save_instance(self):
        instance = super().save_instance()
        if "forms-publish" in self.request.POST:
            admin_views.publish_with_messages(self.request, instance)
        return instance

    @cached_property
    def header_more_buttons(self):
        return [
            *super().header_more_buttons,
            Button(
                _("Xuất JSON"),
                url=reverse("forms_export", args=[self.object.pk]),
                icon_name="download",
                priority=50,
            ),
        ]


class FormDefinitionViewSet(SnippetViewSet):
    model = FormDefinition
    index_view_class = FormIndexView
    edit_view_class = FormEditView
    icon = "form"
    menu_label = _("Biểu mẫu trực tuyến")
    menu_order = 220
    add_to_admin_menu = True
    list_display = ["title", "slug", "live_version", "in_maintenance", "updated_at"]
    search_fields = ["title", "slug"]

    def get_queryset(self, request):
        return FormDefinition.objects.prefetch_related("versions")


register_snippet(FormDefinitionViewSet)


@hooks.register("register_admin_urls")
def register_form_admin_urls():
    return [
        path("bieu-mau/<int:pk>/xuat-ban/", admin_views.publish, name="forms_publish"),
        path("bieu-mau/<int:pk>/xuat-json/", admin_views.export, name="forms_export"),
        path("bieu-mau/nhap-json/", admin_views.import_view, name="forms_import"),
    ]


@hooks.register("register_snippet_listing_buttons")
def form_listing_buttons(snippet, user, next_url=None):
    if not isinstance(snippet, FormDefinition):
        return []
    return [
        ListingButton(
            _("Xuất JSON"),
            reverse("forms_export", args=[snippet.pk]),
            icon_name="download",
            priority=60,
        ),
        ListingButton(
            _("Mở biểu mẫu"),
            reverse("forms:start", kwargs={"slug": snippet.slug}),
            icon_name="link-external",
            priority=70,
        ),
    ]


@hooks.register("register_snippet_action_menu_item")
def publish_menu_item(model):
    if model is not FormDefinition:
        return None
    from wagtail.snippets.action_menu import ActionMenuItem

    class PublishVersionMenuItem(ActionMenuItem):
        label = _("Lưu và xuất bản phiên bản mới")
        name = "forms-publish"
        icon_name = "upload"
        template_name = "forms/admin/publish_menu_item.html"

        def is_shown(self, context):
            return context["view"] == "edit"

    return PublishVersionMenuItem(order=30)
