"""The Content-Security-Policy header: one policy for the site, a looser one for some paths.

The site's policy (CONTENT_SECURITY_POLICY) lets a script run only from our own
origin or with the response's nonce. Wagtail's admin renders inline scripts of its
own without a nonce (the InlinePanel and date-picker widgets, the search promotions
forms), so under the prefixes of CONTENT_SECURITY_POLICY_PATH_OVERRIDES its
directives are replaced by the ones given there.
"""

from csp.middleware import CSPMiddleware as BaseCSPMiddleware
from django.conf import settings


class CSPMiddleware(BaseCSPMiddleware):
    def get_policy_parts(self, request, response, report_only=False):
        parts = super().get_policy_parts(request, response, report_only=report_only)
        if report_only or parts.replace is not None:
            return parts  # a view's own @csp_replace wins
        overrides = getattr(settings, "CONTENT_SECURITY_POLICY_PATH_OVERRIDES", {})
        for prefix, directives in overrides.items():
            if request.path_info.startswith(prefix):
                parts.replace = directives
                break
        return parts
