from functools import lru_cache

from django import template
from django.conf import settings
from django.urls import reverse, translate_url
from django.utils import translation
from django.utils.html import conditional_escape, format_html
from django.utils.safestring import mark_safe
from wagtail.models import Locale, Page

from portal import pagecache

register = template.Library()


def _page_language_links(request, page, home):
    """Each language's version of `page` (or that language's home page): (links, tags)."""
    translations = {
        translated.locale.language_code: translated
        for translated in page.get_translations(inclusive=True).live().select_related("locale")
    }
    tags = {pagecache.SITE} | {pagecache.page_tag(p.pk) for p in translations.values()}
    links = []
    for code, name in settings.LANGUAGES:
        target = translations.get(code)
        alternate = ""
        if target is None and home is not None:
            locale = Locale.objects.filter(language_code=code).first()
            target = home.get_translation_or_none(locale) if locale else None
            if target is not None:
                tags.add(pagecache.page_tag(target.pk))
        elif target is not None:
            alternate = target.get_full_url(request)
        with translation.override(code):
            url = target.get_url(request) if target is not None else ""
        links.append({"code": code, "name": name, "url": url, "alternate": alternate})
    return links, tags


@register.simple_tag(takes_context=True)
def language_links(context):
    """Links to the current page in each language; a page without a translation
    leads to that language's home page. Kept as a fragment of the page cache,
    stale when the page or one of its translations is published."""
    request = context["request"]
    page = context.get("page")
    current = translation.get_language()
    if isinstance(page, Page):
        # The chrome's home page, loaded only if a language has no version of this page.
        home = context.get("home_page")
        links = pagecache.remember(
            f"languages:{page.pk}:{request.get_host()}:{current}",
            lambda: _page_language_links(request, page, home),
        )
    else:
        links = [
            {"code": code, "name": name, "url": "", "alternate": ""}
            for code, name in settings.LANGUAGES
        ]
    path, mark, query = request.get_full_path().partition("?")
    return [
        {
            **link,
            "url": link["url"] or _translated_path(path, link["code"]) + mark + query,
            "is_current": link["code"] == current,
        }
        for link in links
    ]


@lru_cache(maxsize=2048)
def _translated_path(path, language):
    """`path` in `language`: a view's URL (the URL patterns do not change while
    serving; a query string is kept as it is by `translate_url` anyway)."""
    return translate_url(path, language)


def _kept(context, name, vary, tags):
    """`portal/includes/<name>.html` rendered with this context, kept as a fragment of
    the page cache under `vary` (everything it shows that is not the same on every
    page) and stale by `tags`, like the pages."""
    request = context.get("request")

    def rendered():
        return context.template.engine.get_template(f"portal/includes/{name}.html").render(context)

    if request is None:  # an error page rendered without a request
        return rendered()
    key = ":".join(map(str, (name, request.get_host(), translation.get_language(), *vary)))
    return mark_safe(pagecache.remember(key, lambda: (rendered(), tags)))  # noqa: S308 (a rendered template)


@register.simple_tag(takes_context=True)
def main_nav(context):
    """The main menu, the same on every page but for its current entry and the sign-in
    link: kept by those, stale when the menu (the home page's tag) or the site moves."""
    chrome = context.get("chrome") or {}
    home, menu = chrome.get("home"), chrome.get("menu", [])
    page = context.get("page")
    request = context.get("request")
    user = context.get("user")
    current = [item["pk"] for item in menu if is_within(page, item)]
    vary = (
        isinstance(page, Page) and home is not None and page.pk == home["pk"],
        "-".join(map(str, current)),
        request is not None and request.path == reverse("tracking:status"),
        bool(user is not None and user.is_authenticated),
    )
    tags = {pagecache.SITE} | ({pagecache.page_tag(home["pk"])} if home else set())
    return _kept(context, "main_nav", vary, tags)


@register.simple_tag(takes_context=True)
def site_footer(context):
    """The agency's identity and the links every page ends with: stale when a setting
    (the agency's identity) or the site is saved."""
    return _kept(context, "site_footer", (), {pagecache.SITE})


@register.filter
def keyword_list(value):
    return [word.strip() for word in (value or "").split(",") if word.strip()]


@register.filter
def is_within(page, section):
    """True when `page` is `section` (a page, or a menu entry with its `path`) or one of
    its descendants (for the menu's current item)."""
    path = section["path"] if isinstance(section, dict) else section.path
    return isinstance(page, Page) and page.path.startswith(path)


@register.filter
def with_site_name(title, site_name):
    """A page's <title>: "Page | Agency", or the agency's name alone when the page is
    named after it (the home page), never "Agency | Agency"."""
    title = " ".join(str(title).split())
    site_name = conditional_escape(site_name or "")
    if not title or title.casefold() == site_name.casefold():
        return mark_safe(title or site_name)  # noqa: S308 (both escaped: rendered block, site name)
    if not site_name:
        return mark_safe(title)  # noqa: S308 (a rendered, escaped block)
    return format_html("{} | {}", mark_safe(title), site_name)  # noqa: S308
