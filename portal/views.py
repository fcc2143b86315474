"""Site-wide views that are not pages: search and robots.txt."""

from django.conf import settings
from django.core.paginator import Paginator
from django.http import HttpResponse
from django.shortcuts import render
from django.utils.translation import get_language
from wagtail.models import Locale, Page


def search(request):
    """Site search over every live public page in the current language."""
    query = request.GET.get("q", "").strip()[:200]
    results = Page.objects.none()
    if query:
        locale = Locale.objects.filter(language_code=get_language()).first()
        pages = Page.objects.live().public().specific()
        if locale is not None:
            pages = pages.filter(locale=locale)
        results = pages.search(query, operator="and")
    page_obj = Paginator(results, 10).get_page(request.GET.get("page"))
    return render(request, "portal/search.html", {"query": query, "results": page_obj})


def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /django-admin/",
        f"Sitemap: {settings.SITE_URL.rstrip('/')}/sitemap.xml",
    ]
    return HttpResponse("\n".join(lines) + "\n", content_type="text/plain; charset=utf-8")
