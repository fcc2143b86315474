"""The confirmation asked before an account is deleted."""

from django import forms
from django.utils.translation import gettext_lazy as _


class DeleteAccountForm(forms.Form):
    """The password confirms who asks; an account without one (VNeID) types its e-mail."""

    confirmation = forms.CharField(
        strip=False,
        error_messages={"required": _("Vui lòng nhập để xác nhận xóa tài khoản.")},
    )
    understood = forms.BooleanField(
        label=_(
            "Tôi hiểu rằng tài khoản bị xóa ngay và không khôi phục được; các hồ sơ đã nộp "
            "vẫn được lưu đến hết thời hạn lưu trữ."
        ),
        error_messages={"required": _("Vui lòng đánh dấu để xác nhận bạn đã hiểu.")},
    )

    def __init__(self, *args, user, **kwargs):
        super().__init__(*args, **kwargs)
        self.user = user
        field = self.fields["confirmation"]
        if user.has_usable_password():
            field.label = _("Mật khẩu của bạn")
            field.widget = forms.PasswordInput(attrs={"autocomplete": "current-password"})
        else:
            field.label = _("Địa chỉ thư điện tử của tài khoản")
            field.widget = forms.EmailInput(attrs={"autocomplete": "email"})

    def clean_confirmation(self):
        value = self.cleaned_data["confirmation"]
        if self.user.has_usable_password():
            if not self.user.check_password(value):
                raise forms.ValidationError(_("Mật khẩu không đúng."))
        elif value.strip().lower() != (self.user.email or "").lower():
            raise forms.ValidationError(_("Địa chỉ thư điện tử không khớp với tài khoản."))
        return value
