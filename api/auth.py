"""Who calls: an integrator's key, an applicant's personal token or session, or anyone.

A missing, unknown or revoked secret is 401; a key without the scope an
endpoint needs is 403; an application outside the key's units is 404, the
same as one that does not exist, so that no key learns of another unit's
applications. Every caller is rate-limited: per credential when it has one,
per address always.
"""

from django.conf import settings
from django.utils.translation import gettext as _
from django_ratelimit.core import is_ratelimited
from ninja.security import HttpBearer, SessionAuth

from api import keys
from api.constants import Scope
from api.models import ApiKey, PersonalAccessToken
from api.problems import Problem


def too_many(request, group, *, key, rate):
    return is_ratelimited(request, group=group, key=key, rate=rate, increment=True)


def limit_address(request, group="api.address"):
    if too_many(request, group, key="ip", rate=settings.API_RATE_PER_ADDRESS):
        raise Problem(
            429,
            _("Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ít phút."),
            headers={"Retry-After": "60"},
        )


def _limit_credential(request, credential):
    def identity(group, request):
        return f"{type(credential).__name__}:{credential.pk}"

    if too_many(request, "api.credential", key=identity, rate=settings.API_RATE_PER_KEY):
        raise Problem(
            429,
            _("Khóa này đã gọi quá số lần cho phép; vui lòng thử lại sau ít phút."),
            headers={"Retry-After": "60"},
        )


class _Bearer(HttpBearer):
    model = None

    def authenticate(self, request, token):
        credential = keys.find(token or "")
        if not isinstance(credential, self.model):
            return None
        limit_address(request)
        _limit_credential(request, credential)
        request.api_credential = credential  # the call log (api.middleware) records it
        return credential


class IntegratorKey(_Bearer):
    """`Authorization: Bearer dvc_key_…`: a key made in the admin."""

    model = ApiKey


class PersonalToken(_Bearer):
    """`Authorization: Bearer dvc_pat_…`: a token the applicant made in their account."""

    model = PersonalAccessToken


class ApplicantSession(SessionAuth):
    """The applicant signed in on the portal (the browser's session; CSRF on writes)."""

    def authenticate(self, request, key):
        user = super().authenticate(request, key)
        if user is not None:
            limit_address(request)
        return user


def applicant_of(request):
    """The user an applicant call is for, whichever way they signed in."""
    if isinstance(request.auth, PersonalAccessToken):
        return request.auth.user
    return request.auth


def require_scope(request, scope: Scope) -> ApiKey:
    key = request.auth
    if not key.allows(scope):
        raise Problem(
            403,
            _("Khóa này không có quyền “%(scope)s”.") % {"scope": Scope(scope).label},
        )
    return key
