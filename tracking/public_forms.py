"""Forms of the public tracking pages."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import StoredUpload, check_upload
from tracking.lookup import Check
from tracking.models import Rating
from tracking.models.rating import SCORES


class StatusLookupForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã số hồ sơ"),
        max_length=64,
        help_text=_("Ví dụ: 000.01.12.H34-261123-0001"),
        error_messages={"required": _("Vui lòng nhập mã số hồ sơ.")},
    )
    xac_minh = forms.CharField(
        label=_("Số xác minh"),
        required=False,
        max_length=64,
        help_text=_(
            "4 chữ số cuối của số điện thoại, số định danh cá nhân hoặc mã số thuế "
            "đã khai khi nộp hồ sơ."
        ),
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
    )

    check_errors = {
        Check.MISSING: _("Hồ sơ này có trong hệ thống. Nhập số xác minh để xem tình trạng xử lý."),
        Check.WRONG: _("Số xác minh không khớp với thông tin đã khai khi nộp hồ sơ."),
        Check.LOCKED: _(
            "Số xác minh của hồ sơ này đã bị nhập sai quá nhiều lần; vui lòng thử lại sau "
            "một giờ, hoặc mở đường liên kết trong thư xác nhận hay mã QR trên giấy tiếp nhận."
        ),
    }

    def refuse_check(self, check):
        self.add_error("xac_minh", self.check_errors[check])


class SendLinkForm(forms.Form):
    ma = forms.CharField(
        label=_("Mã số hồ sơ"),
        max_length=64,
        error_messages={"required": _("Vui lòng nhập mã số hồ sơ.")},
    )
    email = forms.EmailField(
        label=_("Thư điện tử đã khai khi nộp hồ sơ"),
        error_messages={
            "required": _("Vui lòng nhập địa chỉ thư điện tử."),
            "invalid": _("Địa chỉ thư điện tử không hợp lệ."),
        },
    )


class WithdrawForm(forms.Form):
    reason = forms.CharField(
        label=_("Lý do rút hồ sơ"),
        widget=forms.Textarea(attrs={"rows": 3}),
        max_length=2000,
        error_messages={"required": _("Vui lòng cho biết lý do rút hồ sơ.")},
    )


class RatingForm(forms.ModelForm):
    class Meta:
        model = Rating
        fields = [*SCORES, "comment"]
        widgets = {name: forms.RadioSelect for name in SCORES} | {
            "comment": forms.Textarea(attrs={"rows": 3})
        }
        error_messages = {
            name: {"required": _("Vui lòng chọn một mức đánh giá.")} for name in SCORES
        }


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files in one input, as Django's documentation shows."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, list | tuple):
            return [single(item, initial) for item in data] if data else single(None, initial)
        return [single(data, initial)]


class SupplementForm(forms.Form):
    documents = MultipleFileField(
        label=_("Giấy tờ bổ sung"),
        help_text=_("PDF, JPG, PNG hoặc DOCX, tối đa 10 MB mỗi tệp."),
        error_messages={"required": _("Vui lòng đính kèm ít nhất một giấy tờ bổ sung.")},
    )
    note = forms.CharField(
        label=_("Ghi chú"), widget=forms.Textarea(attrs={"rows": 3}), required=False
    )

    def clean_documents(self):
        uploads = self.cleaned_data["documents"]
        errors = []
        for upload in uploads:
            try:
                check_upload(upload)
            except forms.ValidationError as error:
                errors.extend(error.error_list)
        if errors:
            raise forms.ValidationError(errors)
        return uploads


__all__ = ["SendLinkForm", "StatusLookupForm", "StoredUpload", "SupplementForm", "WithdrawForm"]
