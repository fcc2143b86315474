"""The back-office desk in the Wagtail admin: queue, application, actions, dashboard."""

from dataclasses import dataclass
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.files.storage import storages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.urls import reverse
from django.utils.functional import cached_property
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView, View
from wagtail import hooks
from wagtail.admin.menu import MenuItem
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin_views import TitleHeaderMixin
from core.outbox import NotRetryable
from core.uploads import store_private_upload
from tracking import desk_forms, notifications, operations, privacy, selectors, signals
from tracking.constants import ACT_ON_APPLICATIONS, VIEW_APPLICATIONS, Action, State
from tracking.deadlines import due_date_for
from tracking.models import Application, NoticeEmail
from tracking.views import file_response

# Apps built on tracking add a panel to the desk's application page by registering
# `fn(request, application) -> html` under this Wagtail hook (tracking knows none of them).
APPLICATION_PANELS_HOOK = "tracking_desk_application_panels"


@dataclass(frozen=True)
class DeskAction:
    label: Any
    form_class: type
    run: Any
    danger: bool = False


def _accept(application, user, data):
    return operations.accept_application(
        application=application, actor=user, due_date=due_date_for(application), note=data["note"]
    )


def _result_file(data):
    stored = store_private_upload(
        data["result"], folder="results", extensions=("pdf",), max_bytes=50 * 1024 * 1024
    )
    return operations.SubmittedFile.from_stored(
        stored, field_name="result", label=_("Kết quả giải quyết")
    )


def _with_result_file(record):
    """Run `record` (record_result or attach_result) on the uploaded result; a result it
    refuses (unreadable, broken signature) leaves no file behind."""

    def run(application, user, data):
        result = _result_file(data)
        try:
            return record(application=application, actor=user, files=[result], note=data["note"])
        except operations.TrackingError:
            storages["private"].delete(result.storage_name)
            raise

    return run


_decide = _with_result_file(operations.record_result)
_attach_result = _with_result_file(operations.attach_result)


ACTIONS = {
    Action.ACCEPT: DeskAction(_("Tiếp nhận"), desk_forms.NoteForm, _accept),
    Action.REQUEST_SUPPLEMENT: DeskAction(
        _("Yêu cầu bổ sung"),
        desk_forms.SupplementRequestForm,
        lambda a, u, d: operations.request_supplement(application=a, actor=u, reasons=d["reasons"]),
    ),
    Action.REFUSE: DeskAction(
        _("Từ chối"),
        desk_forms.ReasonsForm,
        lambda a, u, d: operations.refuse_application(application=a, actor=u, reasons=d["reasons"]),
        danger=True,
    ),
    Action.START: DeskAction(
        _("Bắt đầu giải quyết"),
        desk_forms.NoteForm,
        lambda a, u, d: operations.start_processing(application=a, actor=u, note=d["note"]),
    ),
    Action.DECIDE: DeskAction(_("Ghi nhận kết quả"), desk_forms.ResultForm, _decide),
    Action.ATTACH_RESULT: DeskAction(
        _("Bổ sung tệp kết quả"), desk_forms.ResultForm, _attach_result
    ),
    Action.DELIVER: DeskAction(
        _("Đã trả kết quả"),
        desk_forms.NoteForm,
        lambda a, u, d: operations.deliver_result(application=a, actor=u, note=d["note"]),
    ),
    Action.SEND_BY_POST: DeskAction(
        _("Gửi kết quả qua bưu chính"),
        desk_forms.PostalDispatchForm,
        lambda a, u, d: operations.send_result_by_post(
            application=a, actor=u, tracking_number=d["tracking_number"], note=d["note"]
        ),
    ),
    Action.APOLOGISE: DeskAction(
        _("Xin lỗi, hẹn lại ngày trả"),
        desk_forms.ApologyForm,
        lambda a, u, d: operations.apologise(
            application=a, actor=u, new_due_date=d["new_due_date"], reasons=d["reasons"]
        ),
    ),
    Action.STOP: DeskAction(
        _("Dừng xử lý"),
        desk_forms.ReasonsForm,
        lambda a, u, d: operations.stop_processing(application=a, actor=u, reasons=d["reasons"]),
        danger=True,
    ),
}


def available_actions(application):
    """The desk actions the rules allow now (`operations.is_allowed`), in the order
    staff expect them."""
    return [action for action in ACTIONS if operations.is_allowed(application, action)]


class DeskPermissionMixin:
    permission = VIEW_APPLICATIONS

    def dispatch(self, request, *args, **kwargs):
        if not request.user.has_perm(self.permission):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def get_application(self):
        return get_object_or_404(
            selectors.applications_for_staff(self.request.user), pk=self.kwargs["pk"]
        )


class DeskMenuItem(MenuItem):
    """An admin menu entry of the desk's pages: shown to who may see applications."""

    def is_shown(self, request):
        return request.user.has_perm(VIEW_APPLICATIONS)


class CappedPaginator(Paginator):
    """Counts no further than `cap` rows: a million applications cost a tenth of a
    second to count on every page of the queue, while no clerk pages beyond the first
    hundred; past the cap the queue says so and asks for a filter."""

    cap = 2500

    @cached_property
    def counted(self):
        return self.object_list[: self.cap + 1].count()

    @cached_property
    def count(self):
        return min(self.counted, self.cap)

    @property
    def capped(self):
        return self.counted > self.cap


class QueueView(DeskPermissionMixin, TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "tracking/desk/queue.html"
    page_title = _("Hồ sơ")
    header_icon = "folder-open-inverse"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        form = desk_forms.QueueFilterForm(
            self.request.GET or None,
            states=State.choices,
            procedures=selectors.procedures_in_use(user),
            units=selectors.desk_units(user),
        )
        filters = form.cleaned_data if form.is_valid() else {}
        queue = selectors.desk_queue(
            user,
            state=filters.get("state", ""),
            procedure=filters.get("procedure", ""),
            unit=filters.get("unit", ""),
            overdue=filters.get("overdue", False),
            query=filters.get("q", ""),
        )
        context.update(
            filter_form=form,
            applications=CappedPaginator(queue, 25).get_page(self.request.GET.get("p")),
            counts=selectors.desk_counts(user),
        )
        return context


class ApplicationView(DeskPermissionMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "tracking/desk/application.html"
    header_icon = "doc-full"

    def get_page_title(self):
        return self.application.dossier_code

    def get_breadcrumbs_items(self):
        # Home › Hồ sơ › the dossier code, which is the page's header.
        return self.breadcrumbs_items + [
            {"url": reverse("tracking_desk:queue"), "label": QueueView.page_title},
            {"url": "", "label": self.get_page_title()},
        ]

    def get(self, request, *args, **kwargs):
        self.application = self.get_application()
        return super().get(request, *args, **kwargs)

    def render_to_response(self, context, **kwargs):
        # The page shows the applicant's personal data in full: the access is logged
        # (the audit log listens) before it is shown.
        signals.personal_data_viewed.send(
            sender=Application,
            application=self.application,
            actor=self.request.user,
            resource="application",
        )
        return super().render_to_response(context, **kwargs)

    def get_context_data(self, forms=None, **kwargs):
        context = super().get_context_data(**kwargs)
        application = self.application
        forms = forms or {}
        can_act = self.request.user.has_perm(ACT_ON_APPLICATIONS)
        actions = available_actions(application) if can_act else []
        context.update(
            application=application,
            answers=selectors.answer_rows(application),
            files=application.files.select_related("event", "signature"),
            awaits_result_file=selectors.awaits_result_file(application),
            consent=privacy.consent_of(application),
            events=application.events.select_related("actor", "notice_email"),
            # What the apps built on tracking show of this application (the national sync…).
            panels=[
                mark_safe(panel(self.request, application))  # noqa: S308 (rendered templates)
                for panel in hooks.get_hooks(APPLICATION_PANELS_HOOK)
            ],
            actions=[
                {
                    "code": action,
                    "label": ACTIONS[action].label,
                    "danger": ACTIONS[action].danger,
                    "form": forms.get(action) or ACTIONS[action].form_class(prefix=action),
                }
                for action in actions
            ],
        )
        return context

    def post(self, request, *args, **kwargs):
        if not request.user.has_perm(ACT_ON_APPLICATIONS):
            raise PermissionDenied
        self.application = self.get_application()
        action = request.POST.get("action", "")
        if action not in ACTIONS or action not in available_actions(self.application):
            messages.error(request, _("Thao tác này không còn khả dụng với hồ sơ."))
            return redirect("tracking_desk:detail", pk=self.application.pk)
        spec = ACTIONS[action]
        form = spec.form_class(request.POST, request.FILES, prefix=action)
        if form.is_valid():
            try:
                with transaction.atomic():
                    spec.run(self.application, request.user, form.cleaned_data)
            except operations.TrackingError as error:
                form.add_error(None, error.message)
            else:
                messages.success(
                    request,
                    _("Đã thực hiện “%(action)s” với hồ sơ %(code)s.")
                    % {"action": spec.label, "code": self.application.dossier_code},
                )
                return redirect("tracking_desk:detail", pk=self.application.pk)
        context = self.get_context_data(forms={action: form})
        return self.render_to_response(context, status=400)


class ResendNoticeView(DeskPermissionMixin, View):
    """Send a notice e-mail that failed again, from the application's timeline."""

    permission = ACT_ON_APPLICATIONS

    def post(self, request, *args, **kwargs):
        application = self.get_application()
        notice = get_object_or_404(
            NoticeEmail, pk=kwargs["notice_id"], event__application=application
        )
        try:
            notifications.resend_notice(notice=notice)
        except NotRetryable as error:
            messages.error(request, error.message)
        else:
            messages.success(
                request, _("Đã xếp lại thư báo tới %(email)s để gửi.") % {"email": notice.recipient}
            )
        return redirect("tracking_desk:detail", pk=application.pk)


class FileView(DeskPermissionMixin, TemplateView):
    """Stream one file of an application the member of staff may see."""

    def get(self, request, *args, **kwargs):
        application = self.get_application()
        attachment = application.files.filter(pk=kwargs["file_id"]).first()
        if attachment is None:
            raise Http404
        signals.personal_data_viewed.send(
            sender=Application,
            application=application,
            actor=request.user,
            resource="file",
            data={
                "file_id": attachment.pk,
                "kind": attachment.kind,
                "label": attachment.label,
                "sha256": attachment.sha256,
            },
        )
        return file_response(attachment, as_attachment=request.GET.get("inline") != "1")


class DashboardView(DeskPermissionMixin, TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView):
    template_name = "tracking/desk/dashboard.html"
    page_title = _("Tình hình xử lý hồ sơ")
    header_icon = "table"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["counts"] = selectors.desk_counts(self.request.user)
        return context
