import gc
import os

from django.core.wsgi import get_wsgi_application
from django.urls import get_resolver

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.production")

application = get_wsgi_application()

# What the process holds from here on for its whole life (Django, Wagtail, the apps'
# modules, the URLs and the views they import) is moved out of the garbage collector's
# sight: a full collection then walks the objects the requests made, not the quarter
# of a million the start made (about 180 ms a worker stood still, 25 ms after), and
# workers forked from a preloading master keep sharing those pages of memory.
get_resolver().url_patterns  # noqa: B018 (imported now, not at the first request)
gc.freeze()
