"""Admin views: import and export of the procedure catalogue."""

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.views.generic import FormView
from wagtail.admin.views.generic.base import WagtailAdminTemplateMixin

from core.admin_views import TitleHeaderMixin

from . import interchange
from .models import ProcedureIndexPage
from .operations import ProcedureImportRejected, import_procedures
from .selectors import procedure_records

MAX_IMPORT_SIZE = 10 * 1024 * 1024


def can_manage_catalogue(user):
    """Whoever may publish procedures in the catalogue may import them."""
    index = ProcedureIndexPage.objects.filter(locale__language_code="vi").first()
    return index is not None and index.permissions_for_user(user).can_publish_subpage()


class ImportForm(forms.Form):
    file = forms.FileField(
        label=_("Tệp danh mục (.json hoặc .csv)"),
        help_text=_("Theo tên trường của Cơ sở dữ liệu quốc gia về thủ tục hành chính."),
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if interchange.format_for(upload.name) is None:
            raise forms.ValidationError(_("Chỉ nhận tệp .json hoặc .csv."))
        if upload.size > MAX_IMPORT_SIZE:
            raise forms.ValidationError(_("Tệp quá lớn (tối đa 10 MB)."))
        return upload


class ProcedureImportView(TitleHeaderMixin, WagtailAdminTemplateMixin, FormView):
    """Upload a catalogue file; show what was created and updated, or every error."""

    template_name = "services/admin/import.html"
    form_class = ImportForm
    page_title = _("Nhập, xuất thủ tục hành chính")
    header_icon = "download"

    def dispatch(self, request, *args, **kwargs):
        if not can_manage_catalogue(request.user):
            raise PermissionDenied
        return super().dispatch(request, *args, **kwargs)

    def form_valid(self, form):
        upload = form.cleaned_data["file"]
        fmt = interchange.format_for(upload.name)
        context = self.get_context_data(form=form)
        try:
            rows = interchange.loads(upload.read(), fmt)
            context["result"] = import_procedures(rows=rows, user=self.request.user)
        except interchange.UnreadableFile:
            context["errors"] = [_("Không đọc được tệp: nội dung không đúng định dạng.")]
        except ProcedureImportRejected as rejected:
            context["errors"] = [str(error) for error in rejected.errors]
        status = 400 if context.get("errors") else 200
        return TemplateResponse(self.request, self.template_name, context, status=status)


def export_view(request, fmt):
    if not can_manage_catalogue(request.user):
        raise PermissionDenied
    if fmt not in interchange.FORMATS:
        raise Http404
    data = interchange.dumps(procedure_records(), fmt)
    content_type = "application/json" if fmt == "json" else "text/csv"
    response = HttpResponse(data, content_type=f"{content_type}; charset=utf-8")
    filename = f"thu-tuc-hanh-chinh-{timezone.localdate():%Y%m%d}.{fmt}"
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
