"""Public pages served from the cache, without touching the database on a hit.

Why this and not a library: wagtail-cache, the usual choice, supports Wagtail
only below 8; Django's own cache middleware cannot forget one page when it is
published (its keys hash the request) and would store pages with a CSRF token.
So the cache is Django's cache framework (Redis when REDIS_URL is set, local
memory otherwise) driven by Wagtail's signals, in one middleware:

- **What is stored**: the answer of a Wagtail page (marked by the
  `before_serve_page` hook) to an anonymous GET or HEAD: no session or message
  cookie in the request, status 200, no `Set-Cookie`, no CSRF token used, no
  `private`/`no-store`. Form steps, applicants' pages,
  accounts, the desk, status lookups and every non-page view are never stored.
- **Key**: host, path and query string (the language is in the path).
- **Freshness by tags**: an entry carries the versions of its tags when it was
  stored: `site` (agency identity, menus, snippets, settings, documents,
  images: shown on every page) and `page:<id>` of the page served. Publishing,
  unpublishing or deleting a page bumps its own tag, its ancestors' (their
  listings show it: the news index, the home page) and those of the pages that
  refer to it (Wagtail's reference index: a procedure citing a legal
  document); moving a page or saving a snippet or setting bumps `site`. A hit
  whose tags moved is a miss, so an editor sees the change on the next request.
- **Nonces**: the stored body and header hold a placeholder where the
  response's CSP nonce was; each hit gets a fresh nonce, so caching does not
  make the nonce guessable.
- **Conditional requests**: stored pages carry an `ETag` and `Last-Modified`;
  a matching `If-None-Match` (or `If-Modified-Since`) gets 304.

`wagtail.contrib.frontend_cache` purges a CDN or Varnish in front of the site
as well when FRONTEND_CACHE_URL is set, and PAGE_CACHE_SHARED_SECONDS lets it
keep pages (each visitor it serves then gets the same CSP nonce: the trade of
any shared cache; left at 0, only this cache keeps pages).
"""

import hashlib
import secrets
import time
from base64 import b64encode

from django.conf import settings
from django.core.cache import cache
from django.db import transaction
from django.db.models.signals import post_delete, post_save
from django.http import HttpResponse, HttpResponseNotModified
from django.utils.http import http_date, parse_http_date_safe, quote_etag
from wagtail.contrib.settings.models import BaseGenericSetting, BaseSiteSetting
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Locale, Page, PageViewRestriction, ReferenceIndex, Site
from wagtail.signals import page_published, page_unpublished, post_page_move
from wagtail.snippets.models import get_snippet_models

SITE = "site"
NONCE_PLACEHOLDER = "portal-page-cache-nonce-0000000000"
PREFIX = "pagecache"
# Headers of the stored answer that a hit sends again (the outer middleware adds the rest).
KEPT_HEADERS = (
    "Content-Type",
    "Content-Language",
    "Content-Security-Policy",
    "X-Frame-Options",
    "Vary",
)


def page_tag(page_id) -> str:
    return f"page:{page_id}"


def _tag_key(tag):
    return f"{PREFIX}:tag:{tag}"


def _entry_key(request):
    raw = f"{request.get_host()}{request.get_full_path()}"
    return f"{PREFIX}:entry:{hashlib.sha256(raw.encode()).hexdigest()}"


def bump(*tags) -> None:
    """Make every stored page with one of `tags` stale (a new, never reused version).

    Bumped at once and again after the change commits: a request that read the old
    rows between the two cannot leave them cached under the new version."""

    def now():
        version = time.time_ns()
        cache.set_many({_tag_key(tag): version for tag in tags}, None)

    now()
    transaction.on_commit(now)


def remember(key: str, build, *, timeout=None):
    """A fragment kept like the pages: `build()` returns (value, tags); the value is
    used while none of its tags was bumped. For what every page shows (the menu,
    the language links, the agency's identity) when the page itself is not cached."""
    key = f"{PREFIX}:fragment:{key}"
    entry = cache.get(key)
    if entry is not None and _fresh(entry):
        return entry["value"]
    value, tags = build()
    cache.set(
        key,
        {"value": value, "tags": _current_versions(sorted(tags))},
        timeout or settings.PAGE_CACHE_SECONDS,
    )
    return value


def _current_versions(tags):
    keys = {_tag_key(tag): tag for tag in tags}
    found = cache.get_many(list(keys))
    versions = {keys[key]: value for key, value in found.items()}
    missing = [tag for tag in tags if tag not in versions]
    if missing:
        # A tag never bumped (or evicted): give it a version now, kept until bumped.
        start = time.time_ns()
        for tag in missing:
            cache.add(_tag_key(tag), start, None)
        versions.update(
            {keys[k]: v for k, v in cache.get_many([_tag_key(t) for t in missing]).items()}
        )
    return versions


def mark(request, page) -> None:
    """Called as a page is served: its answer may be stored, tagged with this page."""
    request.page_cache_tags = {SITE, page_tag(page.pk)}
    request.page_cache_last_modified = page.last_published_at


def mark_search(request, home) -> None:
    """Called as the site search answers: it may be stored, and goes stale whenever a
    page is published, unpublished, moved or deleted (every page of the language is
    under `home`, the home page in it, whose tag publishing bumps)."""
    request.page_cache_tags = {SITE, page_tag(home.pk)}
    request.page_cache_last_modified = None


def _bypassed(request) -> bool:
    if not settings.PAGE_CACHE_ENABLED or request.method not in ("GET", "HEAD"):
        return True
    cookies = request.COOKIES
    return settings.SESSION_COOKIE_NAME in cookies or "messages" in cookies


def _storable(request, response) -> bool:
    if not getattr(request, "page_cache_tags", None) or response.status_code != 200:
        return False
    if response.streaming or response.cookies or response.has_header("Set-Cookie"):
        return False
    if request.META.get("CSRF_COOKIE_NEEDS_UPDATE") or request.META.get("CSRF_COOKIE_USED"):
        return False  # a form with a CSRF token: it belongs to one visitor
    # The session may have been read (the messages in the layout): with no session
    # cookie in the request and none set in the answer, it was empty for this visitor.
    cache_control = response.get("Cache-Control", "").lower()
    return "private" not in cache_control and "no-store" not in cache_control


def _not_modified(request, etag, last_modified) -> bool:
    if_none_match = request.META.get("HTTP_IF_NONE_MATCH")
    if if_none_match is not None:
        return etag in [tag.strip() for tag in if_none_match.split(",")] or if_none_match == "*"
    since = parse_http_date_safe(request.META.get("HTTP_IF_MODIFIED_SINCE", ""))
    return since is not None and last_modified is not None and last_modified <= since


def _conditional_headers(response, etag, last_modified):
    response["ETag"] = etag
    if last_modified is not None:
        response["Last-Modified"] = http_date(last_modified)
    # Browsers keep the page but ask each time; the answer is 304 while it is fresh. A
    # proxy in front (FRONTEND_CACHE_URL, purged by Wagtail) may keep it longer.
    shared = settings.PAGE_CACHE_SHARED_SECONDS
    response["Cache-Control"] = "public, max-age=0, must-revalidate" + (
        f", s-maxage={shared}" if shared else ""
    )


def _not_modified_response(etag, last_modified):
    # No CSP header: the browser keeps the one stored with the page (and its nonce).
    response = HttpResponseNotModified()
    _conditional_headers(response, etag, last_modified)
    return response


def _serve(request, entry):
    if _not_modified(request, entry["etag"], entry["last_modified"]):
        return _not_modified_response(entry["etag"], entry["last_modified"])
    nonce = b64encode(secrets.token_bytes(16)).decode()
    response = HttpResponse(
        entry["content"].replace(NONCE_PLACEHOLDER.encode(), nonce.encode()),
        status=entry["status"],
    )
    for name, value in entry["headers"]:
        response[name] = value.replace(NONCE_PLACEHOLDER, nonce)
    _conditional_headers(response, entry["etag"], entry["last_modified"])
    response["X-Page-Cache"] = "hit"
    return response


def _store(request, response):
    nonce = getattr(request, "_csp_nonce", None)
    content = response.content
    headers = [(name, response[name]) for name in KEPT_HEADERS if response.has_header(name)]
    if nonce:
        content = content.replace(nonce.encode(), NONCE_PLACEHOLDER.encode())
        headers = [(name, value.replace(nonce, NONCE_PLACEHOLDER)) for name, value in headers]
    etag = quote_etag(hashlib.sha256(content).hexdigest()[:32])
    last_modified = getattr(request, "page_cache_last_modified", None)
    last_modified = int(last_modified.timestamp()) if last_modified else int(time.time())
    tags = sorted(request.page_cache_tags)
    seconds = settings.PAGE_CACHE_QUERY_SECONDS if request.GET else settings.PAGE_CACHE_SECONDS
    cache.set(
        _entry_key(request),
        {
            "status": response.status_code,
            "headers": headers,
            "content": content,
            "etag": etag,
            "last_modified": last_modified,
            "tags": _current_versions(tags),
        },
        seconds,
    )
    _conditional_headers(response, etag, last_modified)
    response["X-Page-Cache"] = "miss"
    return etag, last_modified


def _fresh(entry):
    tags = entry["tags"]
    return _current_versions(list(tags)) == tags


class PageCacheMiddleware:
    """Put it after the security and static-file middleware, before the session's."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if _bypassed(request):
            return self.get_response(request)
        entry = cache.get(_entry_key(request))
        if entry is not None and _fresh(entry):
            return _serve(request, entry)
        response = self.get_response(request)
        if _storable(request, response):
            etag, last_modified = _store(request, response)
            if _not_modified(request, etag, last_modified):
                return _not_modified_response(etag, last_modified)
        return response


# Invalidation, from Wagtail's and Django's signals (connected in PortalConfig.ready).


def _page_and_what_shows_it(page) -> set[str]:
    tags = {page_tag(page.pk)}
    tags |= {page_tag(pk) for pk in page.get_ancestors().values_list("pk", flat=True)}
    # Its translations link to it (the language switcher, hreflang).
    tags |= {page_tag(pk) for pk in page.get_translations().values_list("pk", flat=True)}
    page_type = ReferenceIndex._get_base_content_type(Page)
    referring = ReferenceIndex.get_references_to(page).filter(base_content_type=page_type)
    tags |= {page_tag(pk) for pk in referring.values_list("object_id", flat=True)}
    return tags


def page_changed(sender, instance, **kwargs):
    """A page was published or unpublished: it, its listings and the pages citing it."""
    bump(*_page_and_what_shows_it(instance))


def site_changed(sender, **kwargs):
    """A page moved: menus, listings and breadcrumbs anywhere may show it."""
    bump(SITE)


def shown_on_every_page(model) -> bool:
    """Snippets, settings, documents and images: the agency identity, menus, units,
    sectors, questions… may appear on any page."""
    return (
        model in get_snippet_models()
        or issubclass(model, BaseSiteSetting | BaseGenericSetting)
        or model in (get_document_model(), get_image_model())
    )


def decides_serving(model) -> bool:
    """Sites, locales and view restrictions: which page answers a URL, in which
    language, and to whom (kept by `portal.serving`)."""
    return model in (Site, Locale, PageViewRestriction)


def model_saved_or_deleted(sender, instance, signal, **kwargs):
    # A page saved (a draft) changes nothing public: publishing is page_published.
    # A new alias takes its source's view restrictions.
    page_deleted_or_aliased = isinstance(instance, Page) and (
        signal is post_delete or (kwargs.get("created") and instance.alias_of_id)
    )
    if page_deleted_or_aliased or shown_on_every_page(sender) or decides_serving(sender):
        bump(SITE)


def connect():
    page_published.connect(page_changed, dispatch_uid="pagecache.published")
    page_unpublished.connect(page_changed, dispatch_uid="pagecache.unpublished")
    post_page_move.connect(site_changed, dispatch_uid="pagecache.moved")
    post_save.connect(model_saved_or_deleted, dispatch_uid="pagecache.saved")
    post_delete.connect(model_saved_or_deleted, dispatch_uid="pagecache.deleted")
