from django import template
from django.conf import settings
from django.urls import translate_url
from django.utils import translation
from wagtail.models import Locale, Page

register = template.Library()


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the current page in each language; a page without a translation
    leads to that language's home page."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    names = dict(settings.LANGUAGES)
    links = []
    translations = {}
    if isinstance(page, Page):
        for translated in page.get_translations(inclusive=True).live().select_related("locale"):
            translations[translated.locale.language_code] = translated
    home = context.get("home_page")
    for code, name in names.items():
        target = translations.get(code)
        if target is None and isinstance(page, Page) and home is not None:
            locale = Locale.objects.filter(language_code=code).first()
            target = home.get_translation_or_none(locale) if locale else None
        if target is not None:
            with translation.override(code):
                url = target.get_url(request)
        else:
            url = translate_url(request.get_full_path(), code)
        links.append({"code": code, "name": name, "url": url, "is_current": code == current})
    return links


@register.filter
def keyword_list(value):
    return [word.strip() for word in (value or "").split(",") if word.strip()]


@register.filter
def is_within(page, section):
    """True when `page` is `section` or one of its descendants (for the menu's current item)."""
    return isinstance(page, Page) and page.path.startswith(section.path)
