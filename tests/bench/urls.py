"""The portal's URLs, and beside them the bare view every page is measured against."""

from django.http import HttpResponse
from django.urls import path

from portal.urls import urlpatterns as portal_urlpatterns


def bare(request):
    """No database, no template: what the WSGI stack and the middleware cost alone."""
    return HttpResponse("ok", content_type="text/plain; charset=utf-8")


urlpatterns = [path("__bench__/bare/", bare), *portal_urlpatterns]
