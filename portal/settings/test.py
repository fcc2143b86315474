"""Settings for pytest: fast hashing, in-memory e-mail, eager tasks."""

import atexit
import shutil
import tempfile
from pathlib import Path

from .base import *  # noqa: F403

# Uploaded and generated files of a test run go to a temporary folder.
_TEST_FILES = Path(tempfile.mkdtemp(prefix="portal-test-files-"))
atexit.register(shutil.rmtree, _TEST_FILES, ignore_errors=True)
MEDIA_ROOT = _TEST_FILES / "media"
PRIVATE_MEDIA_ROOT = _TEST_FILES / "private"

DEBUG = False
SECRET_KEY = "test-only-secret-key-not-for-production"  # noqa: S105
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
CELERY_TASK_ALWAYS_EAGER = True
CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
AXES_ENABLED = True
WAGTAILADMIN_BASE_URL = "http://testserver"
SITE_URL = WAGTAILADMIN_BASE_URL
# A development certificate per test process, created on first use.
AGENCY_CERTIFICATE_PATH = _TEST_FILES / "certs" / "agency-test.p12"
AGENCY_CERTIFICATE_COMMON_NAME = "Sở Thông tin và Truyền thông (thử nghiệm)"
# Document exchange: packages of a test run go to its temporary folder.
EXCHANGE_DROP_DIR = _TEST_FILES / "exchange"
# Webhook receivers of the tests listen on this machine over plain HTTP.
WEBHOOK_ALLOW_HTTP = True
WEBHOOK_ALLOW_PRIVATE_HOSTS = True

# Counts and statistics computed on each request (tests change the data between them).
DESK_COUNTS_SECONDS = 0
STATISTICS_CACHE_SECONDS = 0
