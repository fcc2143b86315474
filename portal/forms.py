"""Public forms of the CMS site: comments on drafts, questions, document filters."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import gettext_lazy as _

from portal.models import DraftComment, LegalDocumentPage, Question
from portal.models.pages import legal_document_search_q


class HoneypotMixin(forms.Form):
    """A field people never see; bots that fill it are refused."""

    website = forms.CharField(
        required=False,
        label=_("Để trống ô này"),
        widget=forms.TextInput(attrs={"autocomplete": "off", "tabindex": "-1"}),
    )

    def clean_website(self):
        if self.cleaned_data.get("website"):
            raise forms.ValidationError(_("Không gửi được. Vui lòng thử lại."))
        return ""


class DraftCommentForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = DraftComment
        fields = ["full_name", "email", "organisation", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "full_name": {"required": _("Vui lòng nhập họ và tên.")},
            "email": {
                "required": _("Vui lòng nhập thư điện tử."),
                "invalid": _("Thư điện tử không hợp lệ, ví dụ: ten@example.vn."),
            },
            "body": {"required": _("Vui lòng nhập nội dung góp ý.")},
        }

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 10:
            raise forms.ValidationError(_("Nội dung góp ý quá ngắn (tối thiểu 10 ký tự)."))
        return body

    def save_for(self, draft):
        comment = self.save(commit=False)
        comment.draft = draft
        comment.save()
        return comment


class QuestionForm(HoneypotMixin, forms.ModelForm):
    class Meta:
        model = Question
        fields = ["asker_name", "email", "phone", "address", "title", "body"]
        widgets = {"body": forms.Textarea(attrs={"rows": 6})}
        error_messages = {
            "asker_name": {"required": _("Vui lòng nhập họ và tên.")},
            "email": {
                "required": _("Vui lòng nhập thư điện tử để nhận câu trả lời."),
                "invalid": _("Thư điện tử không hợp lệ, ví dụ: ten@example.vn."),
            },
            "title": {"required": _("Vui lòng nhập tiêu đề câu hỏi.")},
            "body": {"required": _("Vui lòng nhập nội dung câu hỏi.")},
        }

    def clean_phone(self):
        phone = self.cleaned_data.get("phone", "").replace(" ", "").replace(".", "")
        if phone and not (phone.isdigit() and 9 <= len(phone) <= 11):
            raise forms.ValidationError(
                _("Số điện thoại không hợp lệ: chỉ gồm 9 đến 11 chữ số, ví dụ 0912345678.")
            )
        return phone

    def clean_body(self):
        body = self.cleaned_data["body"].strip()
        if len(body) < 10:
            raise forms.ValidationError(_("Nội dung câu hỏi quá ngắn (tối thiểu 10 ký tự)."))
        return body


class LegalDocumentFilterForm(forms.Form):
    q = forms.CharField(label=_("Từ khóa"), required=False, max_length=200)
    document_type = forms.ChoiceField(label=_("Loại văn bản"), required=False)
    issuer = forms.ChoiceField(label=_("Cơ quan ban hành"), required=False)
    year = forms.TypedChoiceField(label=_("Năm ban hành"), required=False, coerce=int)

    def __init__(self, *args, documents, **kwargs):
        super().__init__(*args, **kwargs)
        everything = [("", _("Tất cả"))]
        self.fields["document_type"].choices = everything + list(
            LegalDocumentPage.DocumentType.choices
        )
        issuers = documents.order_by("issuer").values_list("issuer", flat=True).distinct()
        self.fields["issuer"].choices = everything + [(i, i) for i in issuers]
        years = sorted({d.year for d in documents.dates("issue_date", "year")}, reverse=True)
        self.fields["year"].choices = everything + [(y, y) for y in years]

    def filter(self, documents):
        data = self.cleaned_data
        if data.get("q"):
            documents = documents.filter(legal_document_search_q(data["q"]))
        if data.get("document_type"):
            documents = documents.filter(document_type=data["document_type"])
        if data.get("issuer"):
            documents = documents.filter(issuer=data["issuer"])
        if data.get("year"):
            documents = documents.filter(issue_date__year=data["year"])
        return documents

    def query_string(self):
        if not self.is_valid():
            return ""
        return urlencode({k: v for k, v in self.cleaned_data.items() if v not in ("", None)})
