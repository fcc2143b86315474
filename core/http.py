"""Request helpers shared by the apps."""

from django.conf import settings
from django.views.decorators.cache import cache_control

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
