"""The API in the admin: integrators' keys (the secret shown once), webhooks (their
signing secret shown once), deliveries that failed with a re-send, and the call log."""

from django import forms
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect
from django.urls import path
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _
from django.views import View
from wagtail import hooks
from wagtail.admin.forms import WagtailAdminModelForm
from wagtail.admin.ui.tables import Column
from wagtail.admin.views import generic
from wagtail.admin.viewsets.model import ModelViewSet, ModelViewSetGroup
from wagtail.permission_policies import ModelPermissionPolicy
from wagtail.permissions import register_permission_policy

from api import keys, webhooks
from api.constants import KEY_PREFIX, Scope, WebhookEvent
from api.models import ApiCall, ApiKey, WebhookDelivery, WebhookEndpoint
from core.outbox import NotRetryable, OutboxState
from tracking import selectors as tracking
from tracking.constants import ACT_ON_APPLICATIONS


def _unit_name(unit) -> str:
    return unit.display_name(translation.get_language())


def _unit_label(unit) -> str:
    return f"{_unit_name(unit)} ({unit.identifier_code})"


class ApiKeyForm(WagtailAdminModelForm):
    scopes = forms.MultipleChoiceField(
        label=_("quyền"), choices=Scope.choices, widget=forms.CheckboxSelectMultiple
    )
    revoke = forms.BooleanField(
        label=_("thu hồi khóa"),
        required=False,
        help_text=_("Khóa bị thu hồi không dùng được nữa; không thể khôi phục."),
    )

    class Meta:
        model = ApiKey
        fields = ["name", "organisation", "units", "scopes", "acting_user"]
        widgets = {"units": forms.CheckboxSelectMultiple}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["acting_user"].queryset = get_user_model().objects.filter(
            is_staff=True, is_active=True
        )
        if self.instance.pk is None or self.instance.revoked_at:
            del self.fields["revoke"]
        # Units by their name in the administrator's language, as the rest of the admin.
        self.fields["units"].label_from_instance = _unit_label

    def clean(self):
        cleaned = super().clean()
        user, units = cleaned.get("acting_user"), cleaned.get("units")
        if user is None or units is None or Scope.WRITE not in (cleaned.get("scopes") or []):
            return cleaned
        if not user.has_perm(ACT_ON_APPLICATIONS):
            self.add_error(
                "acting_user",
                _("Tài khoản này không có quyền xử lý hồ sơ ở bàn làm việc."),
            )
            return cleaned
        served = {pk for pk, _name in tracking.desk_units(user)}
        missing = [_unit_name(unit) for unit in units if unit.pk not in served]
        if missing:
            self.add_error(
                "acting_user",
                _("Tài khoản này không phục vụ các đơn vị: %(units)s.")
                % {"units": ", ".join(missing)},
            )
        return cleaned

    def save(self, commit=True):
        if self.cleaned_data.get("revoke") and self.instance.revoked_at is None:
            self.instance.revoked_at = timezone.now()
        return super().save(commit)


class ApiKeyCreateView(generic.CreateView):
    def save_instance(self):
        self.secret = keys.issue_secret(self.form.instance, KEY_PREFIX)
        self.form.instance.created_by = self.request.user
        return super().save_instance()

    def get_success_message(self, instance):
        return _("Đã tạo khóa “%(name)s”. Sao chép ngay, khóa chỉ hiện một lần: %(secret)s") % {
            "name": instance.name,
            "secret": self.secret,
        }


class ApiKeyViewSet(ModelViewSet):
    model = ApiKey

    def get_form_class(self, for_update=False):
        return ApiKeyForm

    add_view_class = ApiKeyCreateView
    icon = "key"
    name = "khoa-api"
    list_display = ["name", "prefix", "organisation", "scopes", "last_used_at", "revoked_at"]
    list_filter = ["revoked_at"]
    search_fields = ["name", "organisation", "prefix"]
    copy_view_enabled = False
    inspect_view_enabled = True


class WebhookForm(WagtailAdminModelForm):
    # An address typed without its scheme is taken as https, the only one a webhook may use.
    url = WebhookEndpoint._meta.get_field("url").formfield(assume_scheme="https")
    events = forms.MultipleChoiceField(
        label=_("sự kiện"), choices=WebhookEvent.choices, widget=forms.CheckboxSelectMultiple
    )

    class Meta:
        model = WebhookEndpoint
        fields = ["api_key", "url", "events", "is_active"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["api_key"].queryset = ApiKey.objects.filter(revoked_at__isnull=True)

    def clean_url(self):
        return webhooks.checked_url(self.cleaned_data["url"])


class WebhookCreateView(generic.CreateView):
    def save_instance(self):
        self.form.instance.secret = webhooks.new_secret()
        return super().save_instance()

    def get_success_message(self, instance):
        return _(
            "Đã thêm webhook %(url)s. Khóa ký (chỉ hiện một lần, dùng để kiểm tra chữ ký "
            "webhook-signature): %(secret)s"
        ) % {"url": instance.url, "secret": instance.secret}


class WebhookViewSet(ModelViewSet):
    model = WebhookEndpoint

    def get_form_class(self, for_update=False):
        return WebhookForm

    add_view_class = WebhookCreateView
    icon = "link"
    name = "webhook"
    list_display = ["url", "api_key", "events", "is_active", "created_at"]
    list_filter = ["is_active"]
    copy_view_enabled = False


class ResendColumn(Column):
    """A re-send button on the deliveries that failed."""

    cell_template_name = "api/admin/resend_cell.html"

    def get_cell_context_data(self, instance, parent_context):
        context = super().get_cell_context_data(instance, parent_context)
        context["delivery"] = instance
        context["failed"] = instance.state == OutboxState.FAILED
        context["csrf_token"] = parent_context.get("csrf_token")
        return context


class ReadOnlyPolicy(ModelPermissionPolicy):
    """Lists and details only: what was sent or called is a record, not editable."""

    def user_has_permission(self, user, action):
        return action not in ("add", "change", "delete") and super().user_has_permission(
            user, action
        )


for _model in (WebhookDelivery, ApiCall):
    register_permission_policy(_model, ReadOnlyPolicy(_model))


class ReadOnlyViewSet(ModelViewSet):
    def get_form_class(self, for_update=False):
        # Never shown: the policy allows no add or edit.
        return forms.modelform_factory(self.model, fields=[])

    inspect_view_enabled = True
    copy_view_enabled = False


class DeliveryViewSet(ReadOnlyViewSet):
    model = WebhookDelivery
    icon = "mail"
    name = "luot-gui-webhook"
    list_display = [
        "event_type",
        "endpoint",
        "application",
        "state",
        "attempts",
        "response_status",
        "last_error",
        ResendColumn("resend", label=_("Gửi lại")),
    ]
    list_filter = ["state", "event_type"]


class CallViewSet(ReadOnlyViewSet):
    model = ApiCall
    icon = "list-ul"
    name = "nhat-ky-api"
    list_display = ["at", "api_key", "token", "method", "path", "status", "remote_addr"]
    list_filter = ["status", "api_key"]


class ApiGroup(ModelViewSetGroup):
    menu_label = _("Kết nối API")
    menu_icon = "code"
    menu_order = 155
    items = (ApiKeyViewSet, WebhookViewSet, DeliveryViewSet, CallViewSet)


@hooks.register("register_admin_viewset")
def register_api_viewsets():
    return ApiGroup()


class ResendView(View):
    """Send a failed delivery again, with the same event id and body."""

    def post(self, request, pk):
        if not request.user.has_perm("api.change_webhookdelivery"):
            raise PermissionDenied
        delivery = get_object_or_404(WebhookDelivery, pk=pk)
        try:
            webhooks.OUTBOX.requeue(delivery)
        except NotRetryable as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Đã đưa lượt gửi vào hàng đợi gửi lại."))
        return redirect("luot-gui-webhook:index")


@hooks.register("register_admin_urls")
def register_resend_url():
    return [path("api/webhook/<int:pk>/gui-lai/", ResendView.as_view(), name="api_resend_webhook")]
