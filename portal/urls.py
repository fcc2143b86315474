from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.i18n import set_language
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.contrib.sitemaps.views import sitemap
from wagtail.documents import urls as wagtaildocs_urls
from wagtail.urls import serve_pattern

from portal import serving, views

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", sitemap, name="sitemap"),
    path("robots.txt", views.robots_txt, name="robots_txt"),
    path("i18n/setlang/", set_language, name="set_language"),
    # Inbound edXML status packages from the document exchange (machine to machine).
    path("lien-thong/dvcqg/", include("national.urls")),
    path("lien-thong/", include("tracking.exchange.urls")),
    # The JSON API with its OpenAPI schema and docs (machine to machine, and the applicant's apps).
    path("api/", include("api.urls")),
    path("", include("payments.urls")),
    path("tai-khoan/vneid/", include("accounts.oidc_urls")),
]

if settings.DEBUG:
    from django.conf.urls.static import static

    urlpatterns += static(settings.MEDIA_URL, document_root=settings.MEDIA_ROOT)

# Public pages: Vietnamese at /, English under /en/.
urlpatterns += i18n_patterns(
    path("tim-kiem/", views.search, name="search"),
    path("", include("forms.urls")),
    path("", include("tracking.urls")),
    path("tai-khoan/ma-truy-cap/", include("api.site_urls")),
    path("tai-khoan/", include("accounts.urls")),
    # Wagtail's serving view, given the site's home page and route kept between requests.
    re_path(serve_pattern, serving.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=False,
)
