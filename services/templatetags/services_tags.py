from django import template
from django.conf import settings
from django.template.defaultfilters import linebreaksbr
from django.utils.html import conditional_escape, format_html
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from services import untranslated
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


def _in_source_language(context, html, *, mark=True):
    language = context.get("source_language") or settings.LANGUAGE_CODE
    if not mark:
        return format_html('<span lang="{}">{}</span>', language, html)
    return format_html(
        '<span class="untranslated-mark">{}</span> <span lang="{}">{}</span>',
        _("Bằng tiếng Việt"),
        language,
        html,
    )


def _is_untranslated(context, text):
    text = untranslated.clean(text)
    return bool(text) and text in context.get("untranslated", ())


@register.simple_tag(takes_context=True)
def procedure_text(context, value, multiline=False, after=None):
    """A text of a procedure page, escaped (with line breaks if `multiline`).

    On a translation, a text still in Vietnamese (`context["untranslated"]`, see
    services.untranslated) gets `lang="vi"` and a mark saying so instead of passing
    for a translation; the mark is left out when the text it follows (`after`, the
    title of the same step) is marked already."""
    text = str(value or "")
    html = linebreaksbr(text, autoescape=True) if multiline else conditional_escape(text)
    if not _is_untranslated(context, text):
        return html
    return _in_source_language(context, html, mark=not _is_untranslated(context, after))


@register.simple_tag(takes_context=True)
def name_in_language(context, obj):
    """A sector's or unit's name in the page's language; the Vietnamese name, marked,
    when it has no name in that language."""
    if obj is None:
        return ""
    language = get_language() or settings.LANGUAGE_CODE
    name = obj.display_name(language)
    if language != settings.LANGUAGE_CODE and name == obj.name:
        return _in_source_language(context, conditional_escape(name))
    return conditional_escape(name)
