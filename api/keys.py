"""Making, recognising and revoking the API's bearer secrets."""

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from api.constants import KEY_PREFIX, PERSONAL_TOKEN_PREFIX
from api.models import ApiKey, PersonalAccessToken

# How many characters of a secret are kept in clear to tell keys apart.
SHOWN = 6


def digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


def _new_secret(prefix: str) -> str:
    return prefix + secrets.token_urlsafe(32)


def issue_secret(credential, prefix: str) -> str:
    """A new secret for an unsaved key or token: its hash and prefix set on it, the
    secret itself returned to be shown once."""
    secret = _new_secret(prefix)
    credential.prefix = secret[: len(prefix) + SHOWN]
    credential.secret_hash = digest(secret)
    return secret


def issue_api_key(*, name, units, scopes, organisation="", acting_user=None, created_by=None):
    """A new integrator key and its secret, which is shown once and never stored."""
    with transaction.atomic():
        key = ApiKey(
            name=name,
            organisation=organisation,
            scopes=list(scopes),
            acting_user=acting_user,
            created_by=created_by,
        )
        secret = issue_secret(key, KEY_PREFIX)
        key.save()
        key.units.set(units)
    return key, secret


def issue_personal_token(*, user, name):
    token = PersonalAccessToken(user=user, name=name)
    secret = issue_secret(token, PERSONAL_TOKEN_PREFIX)
    token.save()
    return token, secret


def find(secret: str):
    """The active key or personal token this secret belongs to, or None."""
    if secret.startswith(KEY_PREFIX):
        model = ApiKey
    elif secret.startswith(PERSONAL_TOKEN_PREFIX):
        model = PersonalAccessToken
    else:
        return None
    found = model.objects.filter(secret_hash=digest(secret), revoked_at__isnull=True).first()
    if found is not None:
        now = timezone.now()
        # At most one write a minute per credential, not one per call.
        if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 60:
            model.objects.filter(pk=found.pk).update(last_used_at=now)
    return found


def revoke(credential) -> None:
    if credential.revoked_at is None:
        credential.revoked_at = timezone.now()
        credential.save(update_fields=["revoked_at"])
