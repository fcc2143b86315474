"""Admin views of the form engine: publish a version, export and import JSON."""

import json

from django import forms as django_forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from forms import operations
from forms.models import FormDefinition


def _check(request, action):
    if not request.user.has_perm(f"forms.{action}_formdefinition"):
        raise PermissionDenied


def _edit_url(definition):
    return reverse("wagtailsnippets_forms_formdefinition:edit", args=[definition.pk])


def publish_with_messages(request, definition):
    """Publish a version and tell the editor what happened."""
    previous = definition.live_version
    try:
        version = operations.publish_definition(definition=definition, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
        return None
    if previous is not None and version.pk == previous.pk:
        messages.info(
            request, _("Không có thay đổi so với phiên bản %(n)d.") % {"n": version.number}
        )
    else:
        messages.success(
            request,
            _("Đã xuất bản phiên bản %(n)d của “%(title)s”. Hồ sơ đang soạn giữ phiên bản cũ.")
            % {"n": version.number, "title": definition.title},
        )
    return version


@require_POST
def publish(request, pk):
    _check(request, "change")
    definition = get_object_or_404(FormDefinition, pk=pk)
    publish_with_messages(request, definition)
    return redirect(_edit_url(definition))


def export(request, pk):
    _check(request, "view")
    definition = get_object_or_404(FormDefinition, pk=pk)
    response = JsonResponse(
        operations.export_definition(definition),
        json_dumps_params={"ensure_ascii": False, "indent": 2},
    )
    response["Content-Disposition"] = f'attachment; filename="{definition.slug}.json"'
    return response


class ImportForm(django_forms.Form):
    file = django_forms.FileField(label=gettext_lazy("Tệp JSON của biểu mẫu"))
    publish = django_forms.BooleanField(label=gettext_lazy("Xuất bản ngay"), required=False)

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 2 * 1024 * 1024:
            raise ValidationError(_("Tệp quá lớn (tối đa 2 MB)."))
        try:
            return json.loads(upload.read().decode("utf-8"))
        except (UnicodeDecodeError, json.JSONDecodeError) as error:
            raise ValidationError(_("Tệp không phải JSON hợp lệ.")) from error


def import_view(request):
    _check(request, "add")
    form = ImportForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            definition = operations.import_definition(
                form.cleaned_data["file"], publish=form.cleaned_data["publish"], user=request.user
            )
        except (operations.FormsError, ValidationError) as error:
            form.add_error(None, getattr(error, "message", None) or "; ".join(error.messages))
        else:
            messages.success(
                request, _("Đã nhập biểu mẫu “%(title)s”.") % {"title": definition.title}
            )
            return redirect(_edit_url(definition))
    return TemplateResponse(request, "forms/admin/import.html", {"form": form})
