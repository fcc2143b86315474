"""Serving a page without looking up again, on every request, what rarely changes.

Wagtail finds, per request, the site (one query), the active locale and the home
page in it (two or three), and, per page served and per listing of public pages,
the view restrictions (one or two each). Those are kept here as fragments of the
page cache (`portal.pagecache.remember`), stale by the same tags: the site and the
view restrictions by `site` (bumped when a site, a locale, a view restriction or an
alias is saved, or a page moves), the home page by its own tag (bumped when it or
a page below it is published).

- `SiteMiddleware` gives the request its site (`request._wagtail_site`, where
  Wagtail's `Site.find_for_request` looks first).
- `serve` is Wagtail's own view, given the route found from the kept home page
  (`request._wagtail_route_for_request`, where `Page.route_for_request` looks first).
- `restrictions_for(page)` and `public(queryset)` answer what
  `Page.get_view_restrictions()` and `PageQuerySet.public()` answer, from the kept
  table of restrictions (no query at all when no page is restricted, the usual case).
"""

from django.db.models import Q
from django.http import Http404
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from portal import pagecache


def site_for_request(request):
    def build():
        return Site._find_for_request(request), {pagecache.SITE}

    return pagecache.remember(f"site:{request.get_host()}:{request.get_port()}", build)


class SiteMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        request._wagtail_site = site_for_request(request)
        return self.get_response(request)


def home_page(site):
    """The site's home page in the active language, as a specific page."""

    def build():
        home = site.root_page.localized.specific
        return home, {pagecache.SITE, pagecache.page_tag(home.pk)}

    return pagecache.remember(f"home:{site.pk}:{translation.get_language()}", build)


def serve(request, path):
    from wagtail.views import serve as wagtail_serve

    if not hasattr(request, "_wagtail_route_for_request"):
        site = Site.find_for_request(request)
        route = None
        if site is not None:
            try:
                route = home_page(site).route(request, [part for part in path.split("/") if part])
            except Http404:
                route = None
        request._wagtail_route_for_request = route
    return wagtail_serve(request, path)


def _restriction_table():
    """[(restriction id, the tree paths it covers)]: its page's, and its aliases'."""

    def build():
        table = []
        for restriction in PageViewRestriction.objects.select_related("page"):
            aliases = Page.objects.filter(alias_of=restriction.page_id)
            paths = [restriction.page.path, *aliases.values_list("path", flat=True)]
            table.append((restriction.pk, restriction.page.path, tuple(paths)))
        return table, {pagecache.SITE}

    return pagecache.remember("view-restrictions", build)


def restrictions_for(page):
    """The view restrictions that apply to `page` (its own and its ancestors'), as
    Wagtail's `get_view_restrictions` returns them; no query when none applies."""
    matching = [
        pk
        for pk, _path, paths in _restriction_table()
        if any(page.path.startswith(path) for path in paths)
    ]
    if not matching:
        return PageViewRestriction.objects.none()
    return PageViewRestriction.objects.filter(pk__in=matching)


def public(queryset):
    """`queryset.public()`: without the pages behind a view restriction (or below)."""
    hidden = Q()
    for _pk, path, _paths in _restriction_table():
        hidden |= Q(path__startswith=path)
    return queryset.exclude(hidden) if hidden else queryset
