"""The applicant's personal access tokens, in the account pages: make one (shown once),
see when each was last used, revoke."""

from django import forms
from django.contrib.auth.decorators import login_required
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST

from api import keys
from api.models import PersonalAccessToken
from core.http import private_no_store

MAX_TOKENS = 10


class TokenForm(forms.Form):
    name = forms.CharField(
        label=_("Tên gợi nhớ"),
        max_length=100,
        help_text=_("Ví dụ: Ứng dụng trên điện thoại."),
        error_messages={"required": _("Vui lòng đặt tên cho mã truy cập.")},
    )


@login_required
@private_no_store
def tokens(request):
    mine = PersonalAccessToken.objects.filter(user=request.user)
    form = TokenForm(request.POST or None)
    secret = None
    if request.method == "POST" and form.is_valid():
        if mine.filter(revoked_at__isnull=True).count() >= MAX_TOKENS:
            form.add_error(
                None,
                _("Bạn đã có %(n)s mã đang dùng; hãy thu hồi một mã trước khi tạo mã mới.")
                % {"n": MAX_TOKENS},
            )
        else:
            _token, secret = keys.issue_personal_token(
                user=request.user, name=form.cleaned_data["name"]
            )
            form = TokenForm()
    return render(
        request,
        "api/tokens.html",
        {"form": form, "tokens": mine.order_by("-created_at"), "secret": secret},
        status=400 if form.errors else 200,
    )


@login_required
@require_POST
def revoke(request, pk):
    keys.revoke(get_object_or_404(PersonalAccessToken, pk=pk, user=request.user))
    return redirect("api_tokens:list")
