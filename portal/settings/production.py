"""Production: PostgreSQL, a real broker, Redis, HTTPS behind a reverse proxy.

Secrets have no default here: the process refuses to start without them.
"""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import env, env_bool, env_list

DEBUG = False


def required(name):
    value = os.environ.get(name)
    if not value:
        raise ImproperlyConfigured(f"Set the environment variable {name} in production.")
    return value


SECRET_KEY = required("SECRET_KEY")
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS") or [required("ALLOWED_HOSTS")]
# The public address in e-mails, notices, QR codes and the payment return URL.
SITE_URL = WAGTAILADMIN_BASE_URL = required("SITE_URL")

STORAGES["staticfiles"] = {  # noqa: F405
    "BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"
}

SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SECURE_SSL_REDIRECT = env_bool("SECURE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = int(env("SECURE_HSTS_SECONDS", str(365 * 24 * 3600)))
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# A real payment gateway: the sandbox would let anyone mark a fee paid.
PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", "vnpay")
# A real certificate, never created on the fly; its password has no default.
AGENCY_CERTIFICATE_AUTOCREATE = False
AGENCY_CERTIFICATE_PASSWORD = env("AGENCY_CERTIFICATE_PASSWORD")
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.smtp.EmailBackend")
# Client IP as seen behind the reverse proxy, for login throttling.
PROXY_COUNT = int(env("PROXY_COUNT", "1"))
AXES_IPWARE_PROXY_COUNT = PROXY_COUNT
AXES_IPWARE_META_PRECEDENCE_ORDER = ["HTTP_X_FORWARDED_FOR", "REMOTE_ADDR"]

# Wagtail's live preview shows the page in a same-origin frame, so framing stays
# SAMEORIGIN (and CSP frame-ancestors 'self') rather than DENY.
SILENCED_SYSTEM_CHECKS = ["security.W019"]
