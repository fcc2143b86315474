"""What every public template needs: the home page of the current language and its menu."""

from wagtail.models import Locale, Page, Site


def site_chrome(request):
    if request.path.startswith(("/admin/", "/django-admin/")):
        return {}
    site = Site.find_for_request(request)
    home = None
    if site is not None:
        # The translation of the site's root in the active language, or the root itself.
        home = site.root_page.localized
    menu = (
        home.get_children().live().public().in_menu().order_by("path")
        if home is not None
        else Page.objects.none()
    )
    return {"home_page": home, "menu_pages": menu, "content_locales": Locale.objects.all()}
