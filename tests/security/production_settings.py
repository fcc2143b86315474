"""The production settings, unchanged but for static files, for the headers test.

Static files are served by whitenoise's finders (as `make bench` does) instead of the
manifest that `collectstatic` writes at deployment: nothing else differs, so the
headers and cookies read by `test_headers.py` are the production ones.
"""

from portal.settings.production import *  # noqa: F403
from portal.settings.production import STORAGES

STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
