"""Applicants' account pages: sign-up, e-mail verification, profile, "Hồ sơ của tôi"."""

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited

from accounts import operations, selectors
from accounts.forms import ProfileForm, SignUpForm
from accounts.models import ApplicantProfile
from core.http import private_no_store
from tracking import operations as tracking
from tracking.constants import FileKind
from tracking.links import detail_token
from tracking.views import file_response


def too_many(request, group) -> bool:
    """Sign-up and password reset send e-mail: a few per client address and hour."""
    return request.method == "POST" and is_ratelimited(
        request, group=group, key="ip", rate=settings.ACCOUNTS_EMAIL_RATE, increment=True
    )


def rate_limited(request):
    return render(request, "accounts/rate_limited.html", status=429)


def sign_up(request):
    if request.user.is_authenticated:
        return redirect("accounts:my_applications")
    if too_many(request, "accounts.sign_up"):
        return rate_limited(request)
    form = SignUpForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # The same answer whether or not the address already has an account.
        try:
            form.save()
        except operations.AccountsError as error:
            form.add_error(None, error.message)
        else:
            return render(
                request, "accounts/verification_sent.html", {"email": form.cleaned_data["email"]}
            )
    return render(request, "accounts/sign_up.html", {"form": form})


@private_no_store
def verify(request, token):
    user = operations.verify_email(token=token)
    if user is None:
        return render(request, "accounts/verification_failed.html", status=400)
    login(request, user, backend="accounts.backends.AccountBackend")
    messages.success(request, _("Địa chỉ thư điện tử đã được xác minh. Chào mừng bạn!"))
    return redirect("accounts:profile")


@method_decorator(private_no_store, name="dispatch")
class PasswordResetView(auth_views.PasswordResetView):
    template_name = "accounts/password_reset.html"
    email_template_name = "accounts/email/password_reset_body.txt"
    subject_template_name = "accounts/email/password_reset_subject.txt"
    success_url = reverse_lazy("accounts:password_reset_done")

    def post(self, request, *args, **kwargs):
        if too_many(request, "accounts.password_reset"):
            return rate_limited(request)
        return super().post(request, *args, **kwargs)


@private_no_store
@login_required
def profile(request):
    instance = ApplicantProfile.objects.filter(user=request.user).first() or ApplicantProfile(
        user=request.user, full_name=request.user.get_full_name()
    )
    form = ProfileForm(request.POST or None, instance=instance)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, _("Đã lưu thông tin cá nhân."))
        return redirect("accounts:profile")
    return render(request, "accounts/profile.html", {"form": form})


@private_no_store
@login_required
def my_applications(request):
    """Hồ sơ của tôi: drafts, and submitted applications with their notices and results."""
    rows = []
    for application in selectors.applications_of(request.user):
        files = list(application.files.all())
        rows.append(
            {
                "application": application,
                "token": detail_token(application),
                "notices": [f for f in files if f.kind == FileKind.NOTICE],
                "results": [f for f in files if f.kind == FileKind.RESULT],
            }
        )
    return render(
        request,
        "accounts/my_applications.html",
        {"rows": rows, "drafts": selectors.drafts_of(request.user)},
    )


@private_no_store
@login_required
def download(request, pk, file_id):
    """A notice, receipt or result of one of the user's own applications."""
    application = get_object_or_404(selectors.applications_of(request.user), pk=pk)
    attachment = application.files.filter(pk=file_id).first()
    if attachment is None or attachment.kind not in (FileKind.NOTICE, FileKind.RESULT):
        raise Http404
    if attachment.kind == FileKind.RESULT:
        tracking.deliver_result_online(application=application)
    return file_response(attachment)
