"""The production settings, served over loopback HTTP for `make bench`.

Only what loopback needs differs: no HTTPS redirect or secure-only cookies, no
proxy in front, rate limits out of the way of the load, and Wagtail's own form
page installed as the yardstick of a form step.
"""

import os
import warnings

os.environ.setdefault("SECRET_KEY", "benchmark-only-secret-key-not-for-any-deployment-000000")
os.environ.setdefault("ALLOWED_HOSTS", "127.0.0.1,localhost")
os.environ.setdefault("SITE_URL", "http://127.0.0.1")
os.environ.setdefault("AGENCY_CERTIFICATE_PASSWORD", "dev-only-certificate-password")
os.environ.setdefault("PAYMENT_PROVIDER", "sandbox")

from portal.settings.production import *  # noqa: E402, F403
from portal.settings.production import INSTALLED_APPS, STORAGES  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")  # no collectstatic: finders serve
ROOT_URLCONF = "tests.bench.urls"
INSTALLED_APPS = [*INSTALLED_APPS, "tests.bench.wagtailform"]
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
SESSION_COOKIE_SECURE = CSRF_COOKIE_SECURE = LANGUAGE_COOKIE_SECURE = False
PROXY_COUNT = 0
AXES_IPWARE_PROXY_COUNT = 0
STORAGES = {
    **STORAGES,
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedStaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
TRACKING_LOOKUP_RATE = TRACKING_CHECK_RATE = "100000000/m"
API_RATE_PER_ADDRESS = API_RATE_PER_KEY = "100000000/m"
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
LOGGING = {"version": 1, "disable_existing_loggers": True}
