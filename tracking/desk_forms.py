"""Forms of the back-office desk's actions."""

from django import forms
from django.utils.translation import gettext_lazy as _

from core.uploads import check_upload


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Ghi chú nội bộ"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ReasonsForm(forms.Form):
    reasons = forms.CharField(
        label=_("Lý do (gửi tới người nộp)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng nêu rõ lý do.")},
    )


class SupplementRequestForm(forms.Form):
    reasons = forms.CharField(
        label=_("Giấy tờ cần bổ sung và lý do (gửi tới người nộp)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng nêu rõ giấy tờ cần bổ sung và lý do.")},
    )


class ResultForm(forms.Form):
    result = forms.FileField(
        label=_("Tệp kết quả (PDF)"),
        help_text=_(
            "Tệp chưa ký số được ký bằng chứng thư số của cơ quan khi ghi nhận; tệp đã được "
            "người có thẩm quyền ký số được kiểm tra chữ ký trước khi ghi nhận."
        ),
        error_messages={"required": _("Vui lòng đính kèm tệp kết quả.")},
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )

    def clean_result(self):
        upload = self.cleaned_data["result"]
        check_upload(upload, extensions=("pdf",), max_bytes=50 * 1024 * 1024)
        return upload


class PostalDispatchForm(forms.Form):
    tracking_number = forms.CharField(
        label=_("Số hiệu bưu gửi"),
        max_length=64,
        error_messages={"required": _("Vui lòng nhập số hiệu bưu gửi.")},
    )
    note = forms.CharField(
        label=_("Ghi chú nội bộ"), widget=forms.Textarea(attrs={"rows": 2}), required=False
    )


class ApologyForm(forms.Form):
    new_due_date = forms.DateField(
        label=_("Ngày hẹn trả kết quả mới"),
        widget=forms.DateInput(attrs={"type": "date"}),
        error_messages={
            "required": _("Vui lòng chọn ngày hẹn mới."),
            "invalid": _("Ngày không hợp lệ."),
        },
    )
    reasons = forms.CharField(
        label=_("Lý do chậm trễ (gửi tới người nộp)"),
        widget=forms.Textarea(attrs={"rows": 4}),
        error_messages={"required": _("Vui lòng nêu rõ lý do chậm trễ.")},
    )


class QueueFilterForm(forms.Form):
    q = forms.CharField(label=_("Mã hồ sơ hoặc người nộp"), required=False)
    state = forms.ChoiceField(label=_("Trạng thái"), required=False)
    procedure = forms.ChoiceField(label=_("Thủ tục"), required=False)
    unit = forms.ChoiceField(label=_("Đơn vị"), required=False)
    overdue = forms.BooleanField(label=_("Chỉ hồ sơ quá hạn"), required=False)

    def __init__(self, *args, states, procedures, units, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["state"].choices = everything + list(states)
        self.fields["procedure"].choices = everything + list(procedures)
        self.fields["unit"].choices = everything + [(str(pk), name) for pk, name in units]
