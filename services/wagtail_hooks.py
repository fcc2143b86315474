from django.utils.translation import gettext_lazy as _
from wagtail.snippets.models import register_snippet
from wagtail.snippets.views.snippets import SnippetViewSet

from .models import AgencyUnit


class AgencyUnitViewSet(SnippetViewSet):
    model = AgencyUnit
    icon = "group"
    menu_label = _("Đơn vị")
    menu_order = 210
    add_to_admin_menu = True
    list_display = ["name", "identifier_code", "email", "phone"]
    search_fields = ["name", "identifier_code"]


register_snippet(AgencyUnitViewSet)
