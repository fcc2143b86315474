"""Site-wide views that are not pages: search and robots.txt."""

import unicodedata

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page, Site

from portal import pagecache
from portal.serving import home_page, public

QUERY_MAX_LENGTH = 200


def printable_query(raw: str) -> str:
    """The query as typed, without control characters (NUL among them, which
    PostgreSQL refuses in any text), single-spaced, at most 200 characters."""
    text = "".join(" " if unicodedata.category(char).startswith("C") else char for char in raw)
    return " ".join(text.split())[:QUERY_MAX_LENGTH]


def search_terms(query: str) -> str:
    """The words to search: without double quotes, which the SQLite backend's FTS5
    would read as syntax (every other character reaches either backend as text)."""
    return " ".join(query.replace('"', " ").split())


def search(request):
    """Site search over every live public page in the current language.

    Whatever the query holds, it is searched as words: a query with nothing left to
    search (only quotes, say) finds nothing rather than failing.
    """
    query = printable_query(request.GET.get("q", ""))
    terms = search_terms(query)
    results = Page.objects.none()
    if terms:
        locale = Locale.objects.filter(language_code=get_language()).first()
        pages = public(Page.objects.live()).specific()
        if locale is not None:
            pages = pages.filter(locale=locale)
        results = pages.search(terms, operator="and")
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    site = Site.find_for_request(request)
    if site is not None:
        # Kept briefly per query string, as the catalogue's search (PAGE_CACHE_QUERY_SECONDS).
        pagecache.mark_search(request, home_page(site))
    return render(request, "portal/search.html", {"query": query, "results": page_obj})


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {settings.SITE_URL.rstrip('/')}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
