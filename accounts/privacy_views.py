"""The applicant's own data: download it all, delete the account (/tai-khoan/du-lieu-cua-toi/)."""

from django.conf import settings
from django.contrib.auth import logout
from django.contrib.auth.decorators import login_required
from django.http import FileResponse, HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from accounts import privacy
from accounts.operations import AccountsError
from accounts.privacy_forms import DeleteAccountForm
from core.http import private_no_store


def _download_name(extension):
    return f"du-lieu-ca-nhan-{timezone.localdate():%Y%m%d}.{extension}"


@private_no_store
@login_required
def my_data(request):
    """What the portal holds and how to get it or have it deleted."""
    return render(
        request,
        "accounts/my_data.html",
        {
            "form": DeleteAccountForm(user=request.user),
            "is_staff_account": privacy.is_staff_account(request.user),
        },
    )


@require_POST
@private_no_store
@login_required
def export(request):
    """The download: a ZIP with the JSON and the files, or the JSON alone."""
    if is_ratelimited(
        request,
        group="accounts.export",
        key="user",
        rate=settings.ACCOUNTS_EXPORT_RATE,
        increment=True,
    ):
        return render(request, "accounts/rate_limited.html", status=429)
    if request.POST.get("format") == "json":
        response = HttpResponse(
            privacy.export_json(user=request.user), content_type="application/json; charset=utf-8"
        )
        response["Content-Disposition"] = f'attachment; filename="{_download_name("json")}"'
        return response
    return FileResponse(
        privacy.export_archive(user=request.user),
        as_attachment=True,
        filename=_download_name("zip"),
        content_type="application/zip",
    )


@require_POST
@private_no_store
@login_required
def delete_account(request):
    """Delete the account once confirmed (password, or e-mail address without one)."""
    form = DeleteAccountForm(request.POST, user=request.user)
    if form.is_valid():
        try:
            deleted = privacy.delete_account(user=request.user)
        except AccountsError as error:
            form.add_error(None, error.message)
        else:
            logout(request)
            return render(request, "accounts/account_deleted.html", {"deleted": deleted})
    return render(
        request,
        "accounts/my_data.html",
        {"form": form, "is_staff_account": privacy.is_staff_account(request.user)},
        status=400,
    )
