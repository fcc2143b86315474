"""Settings shared by every environment.

Everything that differs between machines comes from an environment variable
(see the README's "Configuration" table); the defaults here are the embedded
ones `make run` uses: SQLite, Celery tasks run in-process after commit,
local-memory cache, media in a local folder.
"""

import json
import os
from pathlib import Path

import dj_database_url
from celery.schedules import crontab
from csp.constants import NONCE, SELF

PROJECT_DIR = Path(__file__).resolve().parent.parent
BASE_DIR = PROJECT_DIR.parent


def env(name, default=None):
    return os.environ.get(name, default)


def env_bool(name, default=False):
    value = os.environ.get(name)
    if value is None:
        return default
    return value.strip().lower() in {"1", "true", "yes", "on"}


def env_list(name, default=""):
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


SECRET_KEY = env("SECRET_KEY", "dev-only-insecure-key-change-me")
DEBUG = env_bool("DEBUG", False)
ALLOWED_HOSTS = env_list("ALLOWED_HOSTS", "127.0.0.1,localhost,testserver")
CSRF_TRUSTED_ORIGINS = env_list("CSRF_TRUSTED_ORIGINS")

INSTALLED_APPS = [
    "core",
    "portal",
    "services",
    "forms",
    "tracking",
    "tracking.exchange",
    "payments",
    "accounts",
    "api",
    "national",
    "audit",
    "ninja",
    "wagtail.contrib.forms",
    "wagtail.contrib.redirects",
    "wagtail.contrib.settings",
    "wagtail.contrib.routable_page",
    "wagtail.contrib.sitemaps",
    "wagtail.contrib.simple_translation",
    "wagtail.contrib.table_block",
    "wagtail.locales",
    "wagtail.embeds",
    "wagtail.sites",
    "accounts.users_app.UsersConfig",  # wagtail.users, its list showing two-step verification
    "wagtail.snippets",
    "wagtail.documents",
    "wagtail.images",
    "wagtail.search",
    "wagtail.admin",
    "wagtail",
    "modelcluster",
    "taggit",
    "django_filters",
    "formtools",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_otp.plugins.otp_static",
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.sitemaps",
    "django.contrib.humanize",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django_permissions_policy.PermissionsPolicyMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "portal.pagecache.PageCacheMiddleware",
    "portal.serving.SiteMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "api.middleware.ApiLanguageMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "api.middleware.ApiCallLogMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "accounts.idle.StaffIdleTimeoutMiddleware",
    "accounts.second_factor.SecondFactorMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "core.csp.CSPMiddleware",
    "axes.middleware.AxesMiddleware",
    "wagtail.contrib.redirects.middleware.RedirectMiddleware",
]

ROOT_URLCONF = "portal.urls"
WSGI_APPLICATION = "portal.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [PROJECT_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.debug",
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "wagtail.contrib.settings.context_processors.settings",
                "portal.context_processors.site_chrome",
                "accounts.context_processors.identity_service",
            ],
        },
    },
]
# Plain inputs and text areas written in Python, the same markup as Django's templates.
FORM_RENDERER = "core.rendering.FormRenderer"

# --- Database: SQLite file by default, PostgreSQL (or any) via DATABASE_URL.
DATABASES = {
    "default": dj_database_url.config(
        default=f"sqlite:///{BASE_DIR / 'db.sqlite3'}",
        conn_max_age=int(env("DB_CONN_MAX_AGE", "60")),
        conn_health_checks=True,
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL + a busy timeout let the web process and an in-process task share the file.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL;",
            # Writers take the lock when the transaction starts, so concurrent
            # submissions queue up instead of failing with "database is locked".
            "transaction_mode": "IMMEDIATE",
        }
    )
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "accounts.backends.AccountBackend",
    # Answers only when VNEID_ENABLED (below).
    "accounts.oidc.NationalIdentityBackend",
]
AUTH_PASSWORD_VALIDATORS = [
    {
        "NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator",
    },
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 10},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
# Applicants sign in on the public site; staff keep the Wagtail admin's own sign-in.
LOGIN_URL = "accounts:login"
# A page behind a view restriction sends the visitor to the same sign-in.
WAGTAIL_FRONTEND_LOGIN_URL = LOGIN_URL
LOGIN_REDIRECT_URL = "accounts:my_applications"
LOGOUT_REDIRECT_URL = "/"
# Sign-ups and password resets (each sends an e-mail) allowed per client address.
ACCOUNTS_EMAIL_RATE = env("ACCOUNTS_EMAIL_RATE", "10/h")
# Login throttling (staff and applicants): lock an account+IP after 5 failures for 30 minutes.
AXES_FAILURE_LIMIT = int(env("AXES_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = 0.5
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True

# --- Languages: Vietnamese by default, English available.
LANGUAGE_CODE = "vi"
LANGUAGES = [("vi", "Tiếng Việt"), ("en", "English")]
WAGTAIL_CONTENT_LANGUAGES = LANGUAGES
WAGTAIL_I18N_ENABLED = True
LOCALE_PATHS = [
    BASE_DIR / "locale",
    BASE_DIR / "locale_overrides",
]  # the second: Vietnamese the CMS lacks
TIME_ZONE = "Asia/Ho_Chi_Minh"
USE_I18N = True
USE_TZ = True

# --- Static and media.
STATIC_URL = "/static/"
STATIC_ROOT = BASE_DIR / "static"
STATICFILES_DIRS = [PROJECT_DIR / "static"]
MEDIA_URL = "/media/"
MEDIA_ROOT = Path(env("MEDIA_ROOT", str(BASE_DIR / "media")))
# Applicants' uploads, application files, notices and results live in the
# "private" storage: never served by URL, only streamed by views that check
# permission. Public CMS media stay in "default".
PRIVATE_MEDIA_ROOT = Path(env("PRIVATE_MEDIA_ROOT", str(BASE_DIR / "var" / "private")))
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "private": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": PRIVATE_MEDIA_ROOT, "base_url": None},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
if env("S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": env("S3_BUCKET"),
            "endpoint_url": env("S3_ENDPOINT_URL"),
            "access_key": env("S3_ACCESS_KEY"),
            "secret_key": env("S3_SECRET_KEY"),
            "region_name": env("S3_REGION"),
            "default_acl": None,
            "querystring_auth": True,
            "file_overwrite": False,
        },
    }
    STORAGES["private"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            **STORAGES["default"]["OPTIONS"],
            "location": "private",
            "querystring_auth": True,
            "querystring_expire": 300,
        },
    }
FILE_UPLOAD_PERMISSIONS = 0o640
DATA_UPLOAD_MAX_NUMBER_FIELDS = 10_000

# --- Cache: local memory by default, Redis when REDIS_URL is set.
if env("REDIS_URL"):
    CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": env("REDIS_URL"),
        }
    }
else:
    CACHES = {"default": {"BACKEND": "django.core.cache.backends.locmem.LocMemCache"}}

# --- Page cache of public pages (portal/pagecache.py), in CACHES["default"].
PAGE_CACHE_ENABLED = env_bool("PAGE_CACHE_ENABLED", True)
PAGE_CACHE_SECONDS = int(env("PAGE_CACHE_SECONDS", "3600"))
# Pages with a query string (listing filters, catalogue search): kept shorter.
PAGE_CACHE_QUERY_SECONDS = int(env("PAGE_CACHE_QUERY_SECONDS", "120"))
# A CDN or Varnish in front: Wagtail purges it when a page is published, and cached pages
# tell it to keep them this many seconds (0: it may not keep them).
FRONTEND_CACHE_URL = env("FRONTEND_CACHE_URL", "")
PAGE_CACHE_SHARED_SECONDS = int(env("PAGE_CACHE_SHARED_SECONDS", "0"))
if FRONTEND_CACHE_URL:
    INSTALLED_APPS.append("wagtail.contrib.frontend_cache")
    WAGTAILFRONTENDCACHE = {
        "proxy": {
            "BACKEND": "wagtail.contrib.frontend_cache.backends.HTTPBackend",
            "LOCATION": FRONTEND_CACHE_URL,
        }
    }

# --- Celery: eager (in-process) unless a broker is configured.
CELERY_BROKER_URL = env("CELERY_BROKER_URL", "")
CELERY_TASK_ALWAYS_EAGER = not CELERY_BROKER_URL
CELERY_TASK_EAGER_PROPAGATES = False
CELERY_RESULT_BACKEND = None
CELERY_TASK_DEFAULT_QUEUE = env("CELERY_TASK_DEFAULT_QUEUE", "celery")
CELERY_TASK_ACKS_LATE = True
CELERY_TASK_REJECT_ON_WORKER_LOST = True
CELERY_WORKER_PREFETCH_MULTIPLIER = 1
CELERY_TIMEZONE = TIME_ZONE
CELERY_BEAT_SCHEDULE = {
    "refresh-public-statistics": {
        "task": "tracking.tasks.refresh_public_statistics",
        "schedule": 240.0,
    },
    "flag-overdue-applications": {
        "task": "tracking.tasks.flag_overdue_applications",
        "schedule": crontab(hour=0, minute=15),
    },
    # Document exchange (tracking/exchange).
    "sweep-exchange-outbox": {
        "task": "tracking.exchange.tasks.sweep_exchange_outbox",
        "schedule": 120.0,
    },
    "exchange-digest": {
        "task": "tracking.exchange.tasks.send_exchange_digest",
        "schedule": crontab(hour=7, minute=0),
    },
    "purge-refused-exchange-packages": {
        "task": "tracking.exchange.tasks.purge_refused_inbound",
        "schedule": crontab(hour=2, minute=30),
    },
    # E-mail notices to applicants (tracking/notifications.py).
    "sweep-notice-outbox": {
        "task": "tracking.tasks.sweep_notice_outbox",
        "schedule": 120.0,
    },
    # Webhooks to integrators (api/webhooks.py) and the API's call log.
    "sweep-webhook-outbox": {
        "task": "api.tasks.sweep_webhook_outbox",
        "schedule": 120.0,
    },
    "purge-api-calls": {
        "task": "api.tasks.purge_api_calls",
        "schedule": crontab(hour=2, minute=0),
    },
    # The National Public Service Portal (national/): outbox, daily pushes, inbound.
    "sweep-national-outbox": {
        "task": "national.tasks.sweep_national_outbox",
        "schedule": 120.0,
    },
    "push-national-statistics": {
        "task": "national.tasks.push_national_statistics",
        "schedule": crontab(hour=0, minute=45),
    },
    "push-national-questions": {
        "task": "national.tasks.push_national_questions",
        "schedule": crontab(hour=1, minute=0),
    },
    "sync-national-catalogue": {
        "task": "national.tasks.sync_national_catalogue",
        "schedule": crontab(hour=1, minute=30),
    },
    "pull-national-applications": {
        "task": "national.tasks.pull_national_applications",
        "schedule": 300.0,
    },
    "purge-expired-form-drafts": {
        "task": "forms.tasks.purge_expired_drafts",
        "schedule": crontab(hour=1, minute=30),
    },
    # Personal data (tracking/retention.py) and the audit log's daily anchor (audit/).
    "purge-expired-applications": {
        "task": "tracking.tasks.purge_expired_applications",
        "schedule": crontab(hour=3, minute=0),
    },
    "anchor-audit-chain": {
        "task": "audit.tasks.anchor_audit_chain",
        "schedule": crontab(hour=3, minute=30),
    },
}

# --- E-mail: console in dev; SMTP through EMAIL_HOST in production.
EMAIL_BACKEND = env("EMAIL_BACKEND", "django.core.mail.backends.console.EmailBackend")
# Where the file backend writes each e-mail (django.core.mail.backends.filebased).
EMAIL_FILE_PATH = env("EMAIL_FILE_PATH", str(BASE_DIR / "var" / "mail"))
EMAIL_HOST = env("EMAIL_HOST", "localhost")
EMAIL_PORT = int(env("EMAIL_PORT", "25"))
EMAIL_HOST_USER = env("EMAIL_HOST_USER", "")
EMAIL_HOST_PASSWORD = env("EMAIL_HOST_PASSWORD", "")
EMAIL_USE_TLS = env_bool("EMAIL_USE_TLS", False)
DEFAULT_FROM_EMAIL = env("DEFAULT_FROM_EMAIL", "Cổng dịch vụ công <no-reply@localhost>")
# Notices to applicants go through the outbox (core/outbox.py): retries with backoff,
# a sweeper for what got stuck, the failed state on the desk's timeline.
NOTICE_MAX_ATTEMPTS = int(env("NOTICE_MAX_ATTEMPTS", "8"))
NOTICE_RETRY_BASE_SECONDS = float(env("NOTICE_RETRY_BASE_SECONDS", "60"))
NOTICE_RETRY_MAX_SECONDS = float(env("NOTICE_RETRY_MAX_SECONDS", "3600"))
NOTICE_SENDING_LEASE_SECONDS = float(env("NOTICE_SENDING_LEASE_SECONDS", "120"))
NOTICE_STUCK_AFTER_SECONDS = float(env("NOTICE_STUCK_AFTER_SECONDS", "300"))
NOTICE_SWEEP_BATCH = int(env("NOTICE_SWEEP_BATCH", "500"))
SERVER_EMAIL = DEFAULT_FROM_EMAIL

# --- JSON API (/api/v1/) and webhooks (api/).
API_RATE_PER_KEY = env("API_RATE_PER_KEY", "600/m")
API_RATE_PER_ADDRESS = env("API_RATE_PER_ADDRESS", "300/m")
API_CALL_LOG_DAYS = int(env("API_CALL_LOG_DAYS", "180"))
WEBHOOK_TIMEOUT_SECONDS = float(env("WEBHOOK_TIMEOUT_SECONDS", "10"))
# Webhook URLs must be HTTPS on a public host, except on a developer's machine.
WEBHOOK_ALLOW_HTTP = env_bool("WEBHOOK_ALLOW_HTTP", DEBUG)
WEBHOOK_ALLOW_PRIVATE_HOSTS = env_bool("WEBHOOK_ALLOW_PRIVATE_HOSTS", DEBUG)
WEBHOOK_MAX_ATTEMPTS = int(env("WEBHOOK_MAX_ATTEMPTS", "10"))
WEBHOOK_RETRY_BASE_SECONDS = float(env("WEBHOOK_RETRY_BASE_SECONDS", "30"))
WEBHOOK_RETRY_MAX_SECONDS = float(env("WEBHOOK_RETRY_MAX_SECONDS", "21600"))
WEBHOOK_SENDING_LEASE_SECONDS = float(env("WEBHOOK_SENDING_LEASE_SECONDS", "120"))
WEBHOOK_STUCK_AFTER_SECONDS = float(env("WEBHOOK_STUCK_AFTER_SECONDS", "300"))
WEBHOOK_SWEEP_BATCH = int(env("WEBHOOK_SWEEP_BATCH", "500"))

# --- Security headers common to every environment.
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "SAMEORIGIN"
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
# No script reads the CSRF or language cookie (forms carry the token).
CSRF_COOKIE_HTTPONLY = True
CSRF_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
LANGUAGE_COOKIE_SAMESITE = "Lax"
# A signed-in applicant stays signed in for two days at most.
SESSION_COOKIE_AGE = int(env("SESSION_COOKIE_AGE", str(2 * 24 * 3600)))
# Staff are signed out after this many seconds without a request (accounts.idle).
STAFF_IDLE_TIMEOUT_SECONDS = int(env("STAFF_IDLE_TIMEOUT_SECONDS", str(30 * 60)))
# A second factor (a code from an authenticator app) for staff: each may turn it on
# under Account › Two-step verification; when required, all who may enter the admin
# must (accounts.second_factor). The issuer is the name their app shows.
STAFF_SECOND_FACTOR_REQUIRED = env_bool("STAFF_SECOND_FACTOR_REQUIRED", False)
OTP_TOTP_ISSUER = env("STAFF_SECOND_FACTOR_ISSUER", "Cổng dịch vụ công")
# Browser features no page of the portal uses are switched off for every origin.
PERMISSIONS_POLICY = {
    feature: []
    for feature in (
        "accelerometer",
        "autoplay",
        "camera",
        "display-capture",
        "geolocation",
        "gyroscope",
        "magnetometer",
        "microphone",
        "midi",
        "payment",
        "usb",
        "xr-spatial-tracking",
    )
}
# Scripts and styles come only from our own origin, or with the response's nonce
# (templates put nonce="{{ request.csp_nonce }}" on their <script> tags; no inline
# event handlers, no style attributes).
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "img-src": [SELF, "data:"],
        "style-src": [SELF, NONCE],
        "script-src": [SELF, NONCE],
        "frame-ancestors": [SELF],
        "form-action": [SELF],
        "base-uri": [SELF],
    }
}
# The Wagtail admin renders inline scripts of its own without a nonce (page explorer,
# InlinePanel and date-picker widgets): under /admin/ they may run inline, still without
# eval, and the editors' avatars come from Gravatar (core.csp.CSPMiddleware chooses the
# policy by path).
CONTENT_SECURITY_POLICY_PATH_OVERRIDES = {
    "/admin/": {
        "script-src": [SELF, "'unsafe-inline'"],
        "style-src": [SELF, "'unsafe-inline'"],
    },
}
# Staff avatars are not fetched from Gravatar: no e-mail hash leaves the portal.
WAGTAIL_GRAVATAR_PROVIDER_URL = None

# --- Wagtail.
WAGTAIL_SITE_NAME = "Cổng thông tin điện tử"
# --- Tracking: signed links to an application's details, status lookup limits.
TRACKING_LINK_MAX_AGE_DAYS = int(env("TRACKING_LINK_MAX_AGE_DAYS", "90"))

# --- Form engine: days an unfinished online application is kept before it is purged.
FORMS_DRAFT_TTL_DAYS = int(env("FORMS_DRAFT_TTL_DAYS", "30"))
# The form engine's hooks: who files a submitted form, who pre-fills it, and which uploads an
# application uses (asked before the engine deletes a draft's uploads).
FORMS_SUBMISSION_HANDLER = "tracking.intake.FormSubmissionHandler"
FORMS_PREFILL_HANDLER = "accounts.selectors.prefill_values"
FORMS_FILES_IN_USE = "tracking.selectors.stored_files_in_use"
# What the review step shows before its consent checkbox (forms/privacy.py).
FORMS_PRIVACY_NOTICE = "tracking.privacy.consent_notice"

# --- Personal data (Luật Bảo vệ dữ liệu cá nhân 2025, Nghị định 13/2023/NĐ-CP).
# The privacy notice's version, recorded with every consent (change it with the text).
PRIVACY_NOTICE_VERSION = env("PRIVACY_NOTICE_VERSION", "2026.1")
# Where data subjects write about their data; empty: the agency's e-mail (AgencySettings).
PRIVACY_CONTACT_EMAIL = env("PRIVACY_CONTACT_EMAIL", "")
# Months a closed application is kept when its procedure sets no retention of its own
# (0: permanently); then its personal data and files are purged (tracking/retention.py).
APPLICATION_RETENTION_MONTHS = int(env("APPLICATION_RETENTION_MONTHS", "120"))
# Exports of an applicant's own data allowed per account and period.
ACCOUNTS_EXPORT_RATE = env("ACCOUNTS_EXPORT_RATE", "10/h")
# What the apps above accounts add to that export: fn(user) -> (name, data).
ACCOUNTS_PERSONAL_DATA_SECTIONS = [
    "payments.privacy.personal_data_of",
    "api.privacy.personal_data_of",
]
TRACKING_LOOKUP_RATE = env("TRACKING_LOOKUP_RATE", "30/10m")
# How long the public statistics are kept (beat refreshes them every 4 minutes).
STATISTICS_CACHE_SECONDS = int(env("STATISTICS_CACHE_SECONDS", "600"))
# How long the desk's counts (by state, due this week, overdue) are kept per set of units.
DESK_COUNTS_SECONDS = int(env("DESK_COUNTS_SECONDS", "60"))
# Wrong check digits allowed per dossier code (whatever the address) before its lookup locks.
TRACKING_CHECK_RATE = env("TRACKING_CHECK_RATE", "10/h")
# Trusted reverse proxies in front of the site (0 in development).
PROXY_COUNT = int(env("PROXY_COUNT", "0"))
RATELIMIT_IP_META_KEY = "core.http.client_ip"

WAGTAILADMIN_BASE_URL = env("SITE_URL", "http://127.0.0.1:8000")
SITE_URL = WAGTAILADMIN_BASE_URL
WAGTAILSEARCH_BACKENDS = {"default": {"BACKEND": "wagtail.search.backends.database"}}
WAGTAILDOCS_EXTENSIONS = ["csv", "doc", "docx", "odt", "pdf", "rtf", "txt", "xls", "xlsx", "zip"]
WAGTAILDOCS_MAX_UPLOAD_SIZE = 20 * 1024 * 1024
WAGTAILIMAGES_MAX_UPLOAD_SIZE = 10 * 1024 * 1024
WAGTAILDOCS_SERVE_METHOD = "serve_view"
WAGTAIL_ENABLE_UPDATE_CHECK = False
WAGTAIL_DATE_FORMAT = "%d/%m/%Y"
WAGTAIL_DATETIME_FORMAT = "%d/%m/%Y %H:%M"

# --- Portal.
# A mandated section not updated for longer than this is flagged in the admin report.
MANDATED_INFO_STALE_DAYS = int(env("MANDATED_INFO_STALE_DAYS", "90"))

# --- Tracking.
# The agency's signing certificate and key (PKCS#12) for notices and packages.
# Outside production a self-signed development certificate is created on first
# use (or by `manage.py create_agency_certificate`); production needs a real one.
AGENCY_CERTIFICATE_PATH = Path(
    env("AGENCY_CERTIFICATE_PATH", str(BASE_DIR / "var" / "certs" / "agency-dev.p12"))
)
AGENCY_CERTIFICATE_PASSWORD = env("AGENCY_CERTIFICATE_PASSWORD", "dev-only-certificate-password")
AGENCY_CERTIFICATE_AUTOCREATE = True
# Subject name of the development certificate; empty: the agency name in AgencySettings.
AGENCY_CERTIFICATE_COMMON_NAME = env("AGENCY_CERTIFICATE_COMMON_NAME", "")
# Root CA certificates (PEM or DER files, comma-separated) trusted for results that come
# signed by the competent person; the agency certificate's own chain is always trusted.
RESULT_SIGNATURE_TRUST_ROOTS = env_list("RESULT_SIGNATURE_TRUST_ROOTS")

# --- Document exchange (tracking/exchange): edXML hand-off of accepted applications.
# Receiving organisations by OrganId, as JSON (see tracking/exchange/peers.py).
# Default: the agency's own document system, reached through a drop folder.
EXCHANGE_DROP_DIR = Path(env("EXCHANGE_DROP_DIR", str(BASE_DIR / "var" / "exchange" / "outbox")))
EXCHANGE_PEERS = json.loads(env("EXCHANGE_PEERS", "") or "null") or {
    "000.00.12.H34": {
        "name": "Hệ thống quản lý văn bản và điều hành (thử nghiệm)",
        "transport": "folder",
        "default": True,
    }
}
EXCHANGE_PROMULGATION_PLACE = env("EXCHANGE_PROMULGATION_PLACE", "")
EXCHANGE_MAX_ATTEMPTS = int(env("EXCHANGE_MAX_ATTEMPTS", "8"))
EXCHANGE_RETRY_BASE_SECONDS = float(env("EXCHANGE_RETRY_BASE_SECONDS", "30"))
EXCHANGE_RETRY_MAX_SECONDS = float(env("EXCHANGE_RETRY_MAX_SECONDS", "3600"))
EXCHANGE_SENDING_LEASE_SECONDS = float(env("EXCHANGE_SENDING_LEASE_SECONDS", "300"))
EXCHANGE_STUCK_AFTER_SECONDS = float(env("EXCHANGE_STUCK_AFTER_SECONDS", "300"))
EXCHANGE_SWEEP_BATCH = int(env("EXCHANGE_SWEEP_BATCH", "500"))
EXCHANGE_INBOUND_MAX_BYTES = int(env("EXCHANGE_INBOUND_MAX_BYTES", str(2 * 1024 * 1024)))
# Status packages posted per client address (then HTTP 429), and days refused ones are kept.
EXCHANGE_INBOUND_RATE = env("EXCHANGE_INBOUND_RATE", "60/m")
EXCHANGE_REFUSED_RETENTION_DAYS = int(env("EXCHANGE_REFUSED_RETENTION_DAYS", "30"))
EXCHANGE_DIGEST_STUCK_MINUTES = int(env("EXCHANGE_DIGEST_STUCK_MINUTES", "60"))
EXCHANGE_DIGEST_RECIPIENTS = env_list("EXCHANGE_DIGEST_RECIPIENTS")

# --- The National Public Service Portal (national/): off until NATIONAL_TRANSPORT is set.
# "http" (the adapter at NATIONAL_URL with the agency's credentials), "folder" (files in
# NATIONAL_FOLDER, for air-gapped installs) or the dotted path of a transport class.
NATIONAL_TRANSPORT = env("NATIONAL_TRANSPORT", "")
NATIONAL_URL = env("NATIONAL_URL", "")
NATIONAL_AUTH_PATH = env("NATIONAL_AUTH_PATH", "/auth")
NATIONAL_INTEGRATION_PATH = env("NATIONAL_INTEGRATION_PATH", "/integration")
NATIONAL_SHARE_PATH = env("NATIONAL_SHARE_PATH", "/share")
NATIONAL_USERNAME = env("NATIONAL_USERNAME", "")
NATIONAL_PASSWORD = env("NATIONAL_PASSWORD", "")
# The agency's code on the national portal (madonvi), as the national portal gave it.
NATIONAL_AGENCY_CODE = env("NATIONAL_AGENCY_CODE", "")
NATIONAL_TIMEOUT = float(env("NATIONAL_TIMEOUT", "20"))
NATIONAL_CONNECT_TIMEOUT = float(env("NATIONAL_CONNECT_TIMEOUT", "5"))
_national_verify = env("NATIONAL_VERIFY", "true")
NATIONAL_VERIFY = (
    _national_verify.lower() in ("1", "true", "yes", "on")
    if _national_verify.lower() in ("0", "1", "true", "false", "yes", "no", "on", "off")
    else _national_verify
)
NATIONAL_CLIENT_CERT = env("NATIONAL_CLIENT_CERT", "")
NATIONAL_CLIENT_KEY = env("NATIONAL_CLIENT_KEY", "")
NATIONAL_SESSION_SECONDS = int(env("NATIONAL_SESSION_SECONDS", "1800"))
NATIONAL_FOLDER = Path(env("NATIONAL_FOLDER", str(BASE_DIR / "var" / "national")))
# Other names for the guide's services, as JSON: {"DongBoThanhToanMC": "..."}.
NATIONAL_SERVICES = json.loads(env("NATIONAL_SERVICES", "") or "{}")
# Bearer token the national portal sends when it pushes applications to us (empty: no push).
# Receiving unit of a procedure newly taken from the national catalogue whose implementing
# agency (COQUANTHUCHIEN) is not one of our units.
NATIONAL_CATALOGUE_UNIT = env("NATIONAL_CATALOGUE_UNIT", "")
NATIONAL_INBOUND_TOKEN = env("NATIONAL_INBOUND_TOKEN", "")
NATIONAL_INBOUND_MAX_BYTES = int(env("NATIONAL_INBOUND_MAX_BYTES", str(25 * 1024 * 1024)))
NATIONAL_INBOUND_RATE = env("NATIONAL_INBOUND_RATE", "60/m")
NATIONAL_MAX_ATTEMPTS = int(env("NATIONAL_MAX_ATTEMPTS", "12"))
NATIONAL_RETRY_BASE_SECONDS = float(env("NATIONAL_RETRY_BASE_SECONDS", "30"))
NATIONAL_RETRY_MAX_SECONDS = float(env("NATIONAL_RETRY_MAX_SECONDS", "3600"))
NATIONAL_SENDING_LEASE_SECONDS = float(env("NATIONAL_SENDING_LEASE_SECONDS", "300"))
NATIONAL_STUCK_AFTER_SECONDS = float(env("NATIONAL_STUCK_AFTER_SECONDS", "300"))
NATIONAL_SWEEP_BATCH = int(env("NATIONAL_SWEEP_BATCH", "500"))

# --- Sign-in with the national identity service (VNeID) by OpenID Connect: off by default.
VNEID_ENABLED = env_bool("VNEID_ENABLED", False)
VNEID_ISSUER = env("VNEID_ISSUER", "")
OIDC_RP_CLIENT_ID = env("VNEID_CLIENT_ID", "")
# The client secret: from the environment only, never in the repository.
OIDC_RP_CLIENT_SECRET = env("VNEID_CLIENT_SECRET", "")
OIDC_OP_AUTHORIZATION_ENDPOINT = env("VNEID_AUTHORIZATION_ENDPOINT", "")
OIDC_OP_TOKEN_ENDPOINT = env("VNEID_TOKEN_ENDPOINT", "")
OIDC_OP_USER_ENDPOINT = env("VNEID_USERINFO_ENDPOINT", "")
OIDC_OP_JWKS_ENDPOINT = env("VNEID_JWKS_ENDPOINT", "") or None
OIDC_RP_SIGN_ALGO = env("VNEID_SIGN_ALGO", "RS256")
OIDC_RP_SCOPES = env("VNEID_SCOPES", "openid profile email phone")
OIDC_USE_PKCE = True
OIDC_TIMEOUT = 10
OIDC_AUTHENTICATION_CALLBACK_URL = "vneid:callback"
# Profile field ← claim of the identity service.
VNEID_CLAIMS = {
    "full_name": "name",
    "id_number": env("VNEID_ID_NUMBER_CLAIM", "id_number"),
    "date_of_birth": "birthdate",
    "phone": "phone_number",
    "address": "address",
}

# --- Payments: "sandbox" (a local test gateway, the default) or "vnpay".
PAYMENT_PROVIDER = env("PAYMENT_PROVIDER", "sandbox")
PAYMENT_EXPIRE_MINUTES = int(env("PAYMENT_EXPIRE_MINUTES", "15"))
VNPAY_TMN_CODE = env("VNPAY_TMN_CODE", "")
# The merchant's hash secret: from the environment only, never in the repository.
VNPAY_HASH_SECRET = env("VNPAY_HASH_SECRET", "")
VNPAY_PAYMENT_URL = env("VNPAY_PAYMENT_URL", "https://sandbox.vnpayment.vn/paymentv2/vpcpay.html")

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env("LOG_LEVEL", "INFO")},
    "loggers": {
        "django.db.backends": {"level": "WARNING"},
        "wagtail": {"level": "WARNING"},
        "django_tasks": {"level": "WARNING"},
        "modelsearch": {"level": "WARNING"},
    },
}
