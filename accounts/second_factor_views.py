"""The admin's pages of the staff second factor: giving the code after signing in,
and turning it on or off from the account menu (`accounts.second_factor`)."""

import segno
from django import forms
from django.conf import settings
from django.contrib import messages
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from accounts import second_factor
from core.admin_views import TitleHeaderMixin
from core.http import private_no_store


class CodeForm(forms.Form):
    code = forms.CharField(
        label=gettext_lazy("Mã xác thực"),
        max_length=32,
        help_text=gettext_lazy(
            "6 chữ số trong ứng dụng xác thực, hoặc một mã dự phòng (mỗi mã dùng một lần)."
        ),
        widget=forms.TextInput(attrs={"autocomplete": "one-time-code", "autofocus": True}),
        error_messages={"required": gettext_lazy("Vui lòng nhập mã xác thực.")},
    )


def _next_url(request) -> str:
    target = request.POST.get("next") or request.GET.get("next") or ""
    if url_has_allowed_host_and_scheme(
        target, allowed_hosts={request.get_host()}, require_https=request.is_secure()
    ):
        return target
    return reverse("wagtailadmin_home")


@private_no_store
def verify(request):
    """Xác thực hai lớp: the code asked once per session, after the password."""
    if not request.user.is_authenticated:
        return redirect("wagtailadmin_login")
    target = _next_url(request)
    active = (
        None if second_factor.is_verified(request) else second_factor.active_device(request.user)
    )
    if active is None:
        return redirect(target)
    form = CodeForm(request.POST or None)
    if form.is_valid():
        device, error = second_factor.check(active, form.cleaned_data["code"])
        if device is not None:
            second_factor.mark_verified(request, device)
            if device.persistent_id.startswith("otp_static"):
                left = device.token_set.count()
                messages.warning(
                    request,
                    _(
                        "Bạn vừa dùng một mã dự phòng; còn %(count)s mã. Tạo bộ mã mới "
                        "trong Tài khoản › Xác thực hai lớp nếu sắp hết."
                    )
                    % {"count": left},
                )
            return redirect(target)
        form.add_error("code", error)
    return render(
        request,
        "accounts/second_factor/verify.html",
        {"form": form, "next": target},
        status=400 if form.errors else 200,
    )


def _qr_svg(device) -> str:
    """The otpauth:// address as an inline SVG QR code (an image an app can scan)."""
    return segno.make(device.config_url, error="m").svg_inline(
        scale=5, border=4, title=_("Mã QR để thêm tài khoản vào ứng dụng xác thực")
    )


@method_decorator(private_no_store, name="dispatch")
class ManageView(TitleHeaderMixin, WagtailAdminTemplateMixin, TemplateView):
    """Tài khoản › Xác thực hai lớp: turn it on (scan, confirm with a code, keep the
    backup codes), renew the backup codes, or turn it off, each with a current code."""

    template_name = "accounts/second_factor/manage.html"
    page_title = gettext_lazy("Xác thực hai lớp")
    header_icon = "key"

    def get_context_data(self, form=None, backup_codes=None, **kwargs):
        context = super().get_context_data(**kwargs)
        user = self.request.user
        device = second_factor.active_device(user)
        context.update(
            device=device,
            form=form or CodeForm(),
            backup_codes=backup_codes,
            required=settings.STAFF_SECOND_FACTOR_REQUIRED,
        )
        if device is None:
            pending = second_factor.pending_device(user)
            context.update(qr_svg=_qr_svg(pending), secret=second_factor.formatted_key(pending))
        return context

    def post(self, request):
        action = request.POST.get("action")
        form = CodeForm(request.POST)
        if not form.is_valid():
            return self.render_to_response(self.get_context_data(form=form), status=400)
        code = form.cleaned_data["code"]
        user = request.user
        active = second_factor.active_device(user)
        if action == "enable" and active is None:
            device = second_factor.pending_device(user)
            codes, error = second_factor.confirm(user, device, code)
            if codes is not None:
                second_factor.mark_verified(request, device)
                messages.success(request, _("Đã bật xác thực hai lớp."))
                return self.render_to_response(self.get_context_data(backup_codes=codes))
        elif action in ("renew", "disable") and active is not None:
            device, error = second_factor.check(active, code)
            if device is not None and action == "renew":
                codes = second_factor.renew_backup_codes(user)
                messages.success(request, _("Đã tạo bộ mã dự phòng mới; các mã cũ hết hiệu lực."))
                return self.render_to_response(self.get_context_data(backup_codes=codes))
            if device is not None and settings.STAFF_SECOND_FACTOR_REQUIRED:
                error = _("Cơ quan yêu cầu mọi cán bộ dùng xác thực hai lớp; không thể tắt.")
            elif device is not None:
                second_factor.remove(user, by=user)
                request.session.pop(second_factor.VERIFIED, None)
                messages.success(request, _("Đã tắt xác thực hai lớp."))
                return redirect("second_factor")
        else:
            error = _("Thao tác không hợp lệ; vui lòng tải lại trang.")
        form.add_error("code", error)
        return self.render_to_response(self.get_context_data(form=form), status=400)
