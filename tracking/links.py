"""Links the applicant receives: the public status page and signed detail links."""

from django.conf import settings
from django.core import signing
from django.urls import reverse
from django.utils.http import urlencode

from core.links import absolute
from tracking.lookup import status_proof

DETAIL_SALT = "tracking.application-detail"


def status_url(application) -> str:
    """Public status page of one dossier code, with the proof that shows its details.

    The page holds no personal data; the proof stands for the check digits a
    visitor who types the code must give (see ``tracking.lookup``).
    """
    query = {"ma": application.dossier_code, "k": status_proof(application)}
    return absolute(reverse("tracking:status") + "?" + urlencode(query))


def detail_token(application) -> str:
    return signing.dumps({"a": application.pk, "s": application.access_secret}, salt=DETAIL_SALT)


def detail_url(application) -> str:
    """Signed link to answers, files and result; valid for TRACKING_LINK_MAX_AGE_DAYS."""
    return absolute(reverse("tracking:detail", args=[detail_token(application)]))


def application_for_token(token: str):
    """The application a signed link opens, or None if the link is bad, old or revoked."""
    from tracking.models import Application

    max_age = settings.TRACKING_LINK_MAX_AGE_DAYS * 86400
    try:
        payload = signing.loads(token, salt=DETAIL_SALT, max_age=max_age)
    except signing.BadSignature:
        return None
    return Application.objects.filter(pk=payload.get("a"), access_secret=payload.get("s")).first()
