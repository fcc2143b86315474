"""The catalogue's filter and search form (GET parameters, combinable)."""

from urllib.parse import urlencode

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from core.models import AgencyUnit

from .constants import ServiceLevel
from .models import Sector


class CatalogueFilterForm(forms.Form):
    q = forms.CharField(label=_("Tìm thủ tục"), required=False, max_length=200)
    sector = forms.ModelChoiceField(
        label=_("Lĩnh vực"),
        queryset=Sector.objects.all(),
        to_field_name="code",
        required=False,
        empty_label=_("Tất cả lĩnh vực"),
    )
    level = forms.TypedChoiceField(
        label=_("Mức độ"),
        choices=[("", _("Tất cả mức độ")), *ServiceLevel.choices],
        coerce=int,
        empty_value=None,
        required=False,
    )
    unit = forms.ModelChoiceField(
        label=_("Đơn vị tiếp nhận"),
        queryset=AgencyUnit.objects.filter(procedures__isnull=False).distinct(),
        to_field_name="identifier_code",
        required=False,
        empty_label=_("Tất cả đơn vị"),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        language = get_language()
        self.fields["sector"].label_from_instance = lambda sector: sector.display_name(language)
        self.fields["unit"].label_from_instance = lambda unit: unit.display_name(language)

    def cleaned_filters(self):
        data = self.cleaned_data
        return {
            "query": data.get("q") or "",
            "sector": data.get("sector"),
            "level": data.get("level"),
            "unit": data.get("unit"),
        }

    def query_string(self, exclude=()):
        """The active filters as a query string, for pagination links."""
        if not self.is_bound or not self.is_valid():
            return ""
        data = self.cleaned_data
        pairs = {
            "q": data.get("q") or "",
            "sector": data["sector"].code if data.get("sector") else "",
            "level": data.get("level") or "",
            "unit": data["unit"].identifier_code if data.get("unit") else "",
        }
        return urlencode({k: v for k, v in pairs.items() if v and k not in exclude})
