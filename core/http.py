"""Request helpers shared by the apps."""

from django.conf import settings
from django.views.decorators.cache import cache_control
from django_ratelimit.core import get_usage

# Pages and files with an applicant's personal data: neither a shared cache (proxy,
# CDN) nor the browser may store them. The one decorator for every such view (the API
# sends the same header with its personal answers).
private_no_store = cache_control(no_store=True, private=True)


def client_ip(request) -> str:
    """The client's address; behind PROXY_COUNT trusted proxies, the one they saw.

    X-Forwarded-For is read from the right: each trusted proxy appends the
    address it received from, so entries further left can be forged.
    """
    proxies = settings.PROXY_COUNT
    if proxies:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def seconds_to_wait(request, *, group: str, rate: str) -> int | None:
    """Count this request against `rate` for its client address; None while under it,
    else the seconds until the window ends (for a `Retry-After`). For the endpoints
    other systems post to, which answer in their own format."""
    usage = get_usage(request, group=group, key="ip", rate=rate, increment=True)
    if usage is None or not usage["should_limit"]:
        return None
    return max(1, usage["time_left"])
