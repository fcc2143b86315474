"""Forms of applicants' accounts."""

from django import forms
from django.contrib.auth import get_user_model, password_validation
from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _

from accounts.models import ApplicantProfile
from accounts.selectors import PREFILL_FIELDS


def normalise_email(value: str) -> str:
    return (value or "").strip().lower()


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

    def clean_email(self):
        email = normalise_email(self.cleaned_data["email"])
        User = get_user_model()
        if (
            User.objects.filter(username=email).exists()
            or User.objects.filter(email__iexact=email).exists()
        ):
            raise forms.ValidationError(
                _("Địa chỉ này đã có tài khoản. Hãy đăng nhập hoặc lấy lại mật khẩu.")
            )
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
