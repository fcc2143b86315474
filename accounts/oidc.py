"""Sign-in with the national identity service (VNeID) by OpenID Connect.

Built on mozilla-django-oidc (authorization code flow with PKCE). Off unless
VNEID_ENABLED is set with the provider's endpoints and this portal's client
credentials; the portal then shows "Đăng nhập bằng VNeID" on its sign-in page.
An account is found by the identity's subject (`sub`), else by an e-mail
address the provider says is verified, else created; the profile takes the
identity's name, personal identification number, birth date and phone.
"""

import hashlib
import logging
import time

import requests
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core.exceptions import SuspiciousOperation
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _
from mozilla_django_oidc.auth import OIDCAuthenticationBackend
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from accounts.models import ApplicantProfile

logger = logging.getLogger(__name__)


def is_enabled() -> bool:
    return bool(getattr(settings, "VNEID_ENABLED", False))


def profile_values(claims: dict) -> dict:
    """Profile fields from the identity's claims, by the names VNEID_CLAIMS maps."""
    values = {}
    for field, claim in settings.VNEID_CLAIMS.items():
        value = claims.get(claim)
        if isinstance(value, dict):  # the standard "address" claim is an object
            value = value.get("formatted", "")
        if value:
            values[field] = str(value).strip()
    return values


class NationalIdentityBackend(OIDCAuthenticationBackend):
    def __init__(self, *args, **kwargs):
        if is_enabled():
            super().__init__(*args, **kwargs)
        else:
            # Sessions started while it was on still find their user.
            self.UserModel = get_user_model()

    def authenticate(self, request, **kwargs):
        if not is_enabled():
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token, **kwargs):
        """The signature and nonce (checked by the library), then issuer, audience and expiry."""
        payload = super().verify_token(token, **kwargs)
        audience = payload.get("aud")
        audiences = audience if isinstance(audience, list) else [audience]
        if settings.OIDC_RP_CLIENT_ID not in audiences:
            raise SuspiciousOperation("ID token is meant for another client.")
        if settings.VNEID_ISSUER and payload.get("iss") != settings.VNEID_ISSUER:
            raise SuspiciousOperation("ID token comes from another issuer.")
        if float(payload.get("exp", 0)) < time.time():
            raise SuspiciousOperation("ID token has expired.")
        return payload

    def verify_claims(self, claims):
        return bool(claims.get("sub"))

    def filter_users_by_claims(self, claims):
        by_subject = self.UserModel.objects.filter(
            applicant_profile__identity_subject=claims["sub"]
        )
        if by_subject.exists() or not (claims.get("email") and claims.get("email_verified")):
            return by_subject
        return self.UserModel.objects.filter(email__iexact=claims["email"])

    def get_username(self, claims):
        digest = hashlib.sha256(claims["sub"].encode()).hexdigest()[:40]
        return f"vneid-{digest}"

    def create_user(self, claims):
        with transaction.atomic():
            user = self.UserModel.objects.create_user(
                self.get_username(claims), email=(claims.get("email") or "").lower()
            )
            user.set_unusable_password()
            user.save(update_fields=["password"])
            self._update_profile(user, claims)
        return user

    def update_user(self, user, claims):
        self._update_profile(user, claims)
        return user

    def _update_profile(self, user, claims):
        values = profile_values(claims)
        profile, _created = ApplicantProfile.objects.get_or_create(
            user=user, defaults={"full_name": values.get("full_name", "")}
        )
        # The identity service is authoritative for who the person is.
        for field, value in values.items():
            setattr(profile, field, value)
        profile.identity_subject = claims["sub"]
        profile.full_clean(exclude=["user"])
        profile.save()


class EnabledOnlyMixin:
    def dispatch(self, request, *args, **kwargs):
        if not is_enabled():
            raise Http404
        return super().dispatch(request, *args, **kwargs)


class SignInView(EnabledOnlyMixin, OIDCAuthenticationRequestView):
    pass


class CallbackView(EnabledOnlyMixin, OIDCAuthenticationCallbackView):
    def get(self, request):
        """A provider that answers badly, or a token that fails a check, is a failed sign-in."""
        try:
            return super().get(request)
        except (requests.RequestException, SuspiciousOperation) as error:
            logger.warning("Sign-in with the identity service failed: %s", error)
            return self.login_failure()

    @property
    def failure_url(self):
        return reverse("accounts:login")

    def login_failure(self):
        messages.error(
            self.request,
            _("Không đăng nhập được bằng tài khoản định danh điện tử. Vui lòng thử lại."),
        )
        return super().login_failure()
