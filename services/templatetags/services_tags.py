from django import template
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from services.selectors import catalogue_for, sectors_with_procedures

register = template.Library()


@register.filter
def vnd(amount):
    """An amount of Vietnamese đồng with dots between thousands: 1.500.000 đồng."""
    if amount in (None, ""):
        return ""
    return _("%(amount)s đồng") % {"amount": f"{int(amount):,}".replace(",", ".")}


@register.filter
def localized_name(obj):
    """A sector's or unit's name in the current language."""
    return obj.display_name(get_language()) if obj is not None else ""


@register.inclusion_tag("services/includes/home_services.html", takes_context=True)
def procedure_catalogue_links(context):
    """The home page's entry to the catalogue: a search box and one link per sector."""
    catalogue = catalogue_for(context.get("home_page"))
    sectors = sectors_with_procedures(index=catalogue) if catalogue else []
    return {"catalogue": catalogue, "sectors": sectors, "request": context.get("request")}
