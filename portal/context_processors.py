"""What every public template needs: the home page of the current language and its menu.

Kept as a fragment of the page cache (`portal.pagecache.remember`), tagged with the
site and the home page: a page published under the home page (a new menu entry)
or a setting saved makes it stale; otherwise every page, cached or not (form
steps, the status lookup, the applicant's pages), reads it without a query.
"""

from django.utils import translation
from django.utils.functional import SimpleLazyObject
from wagtail.models import Site

from portal import pagecache, serving


def _chrome(request, site):
    def build():
        home = site.root_page.localized
        menu = serving.public(home.get_children().live()).in_menu().order_by("path")
        value = {
            "home": {"pk": home.pk, "url": home.get_url(request), "path": home.path},
            "menu": [
                {
                    "pk": item.pk,
                    "title": item.title,
                    "url": item.get_url(request),
                    "path": item.path,
                }
                for item in menu
            ],
        }
        return value, {pagecache.SITE, pagecache.page_tag(home.pk)}

    key = f"chrome:{site.pk}:{request.get_host()}:{translation.get_language()}"
    return pagecache.remember(key, build)


def site_chrome(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    site = Site.find_for_request(request)
    if site is None:
        return {"chrome": {"home": None, "menu": []}, "home_page": None}
    return {
        "chrome": _chrome(request, site),
        # The page itself, for the few templates that need more than its link.
        "home_page": SimpleLazyObject(lambda: serving.home_page(site)),
    }
