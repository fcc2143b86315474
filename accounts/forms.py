"""Forms of applicants' accounts."""

from django import forms
from django.conf import settings
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.contrib.auth.hashers import make_password
from django.core.mail import send_mail
from django.db import IntegrityError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from accounts import operations
from accounts.models import ApplicantProfile
from accounts.selectors import PREFILL_FIELDS
from core.links import absolute
from core.mail import MAIL_ERRORS


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


def existing_account(email: str):
    """The account already signed up (or signed in) with this address, if any."""
    User = get_user_model()
    return (
        User.objects.filter(username=email).first()
        or User.objects.filter(email__iexact=email).order_by("pk").first()
    )


class SignUpForm(forms.Form):
    full_name = forms.CharField(
        label=_("Họ và tên"),
        max_length=255,
        error_messages={"required": _("Vui lòng nhập họ và tên.")},
    )
    email = forms.EmailField(
        label=_("Thư điện tử"),
        help_text=_("Dùng để đăng nhập; cổng gửi thư xác minh tới địa chỉ này."),
        error_messages={
            "required": _("Vui lòng nhập địa chỉ thư điện tử."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
        },
    )
    password1 = forms.CharField(
        label=_("Mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        help_text=_("Ít nhất 10 ký tự, không quá phổ biến, không chỉ gồm chữ số."),
        error_messages={"required": _("Vui lòng nhập mật khẩu.")},
    )
    password2 = forms.CharField(
        label=_("Nhập lại mật khẩu"),
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
        error_messages={"required": _("Vui lòng nhập lại mật khẩu.")},
    )

    # The account the address already has; set by clean_email.
    existing_user = None

    def clean_email(self):
        # An address that has an account is not refused here: the page must not tell
        # who has one. `save` answers the same way and tells the owner by e-mail.
        email = normalise_email(self.cleaned_data["email"])
        self.existing_user = existing_account(email)
        return email

    def clean(self):
        cleaned = super().clean()
        first, second = cleaned.get("password1"), cleaned.get("password2")
        if first and second and first != second:
            self.add_error("password2", _("Hai mật khẩu không khớp nhau."))
        elif first:
            user = get_user_model()(username=cleaned.get("email", ""), email=cleaned.get("email"))
            try:
                password_validation.validate_password(first, user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return cleaned

    def save(self):
        """Create the inactive account and send its verification link; or, when the
        address already has an account, leave it as it is and e-mail its owner.

        Either way the applicant is answered alike (raises `operations.AccountsError`
        if the e-mail cannot leave). Returns the new user, or None.
        """
        data = self.cleaned_data
        if self.existing_user is None:
            try:
                return operations.sign_up(
                    email=data["email"], full_name=data["full_name"], password=data["password1"]
                )
            except IntegrityError:
                # Another request signed up with this address a moment ago.
                self.existing_user = existing_account(data["email"])
                if self.existing_user is None:
                    raise
        else:
            # As long as creating an account takes: the time must not tell either.
            make_password(data["password1"])
        self._tell_owner(self.existing_user, data["email"])
        return None

    @staticmethod
    def _tell_owner(user, email):
        """Someone tried to sign up with the address of `user`: say so, with the links
        to sign in and to reset the password (and to verify, if never verified)."""
        profile = ApplicantProfile.objects.filter(user=user).first()
        verify_link = ""
        if not user.is_active and profile is not None and profile.email_verified_at is None:
            verify_link = absolute(
                reverse("accounts:verify", args=[operations.verification_token(user)])
            )
        body = render_to_string(
            "accounts/email/existing_account_body.txt",
            {
                "login_link": absolute(reverse("accounts:login")),
                "reset_link": absolute(reverse("accounts:password_reset")),
                "verify_link": verify_link,
            },
        )
        try:
            send_mail(
                gettext("Có người đăng ký tài khoản bằng địa chỉ thư điện tử của bạn"),
                body,
                settings.DEFAULT_FROM_EMAIL,
                [email],
            )
        except MAIL_ERRORS as error:
            # The same answer as when the verification e-mail of a new account cannot leave.
            raise operations.AccountsError(
                gettext(
                    "Chưa gửi được thư xác minh tới %(email)s vì máy chủ thư đang bận. "
                    "Vui lòng thử lại sau ít phút."
                )
                % {"email": email}
            ) from error


class EmailAuthenticationForm(AuthenticationForm):
    """Sign in with the e-mail address the account was created with."""

    username = forms.CharField(
        label=_("Thư điện tử"),
        max_length=254,
        widget=forms.EmailInput(attrs={"autofocus": True, "autocomplete": "email"}),
    )
    error_messages = {
        "invalid_login": _(
            "Thư điện tử hoặc mật khẩu không đúng. Nếu vừa đăng ký, hãy mở thư xác minh trước."
        ),
        "inactive": _("Tài khoản chưa được kích hoạt."),
    }

    def clean_username(self):
        return normalise_email(self.cleaned_data["username"])


class ProfileForm(forms.ModelForm):
    class Meta:
        model = ApplicantProfile
        fields = list(PREFILL_FIELDS)
        widgets = {"date_of_birth": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")}
