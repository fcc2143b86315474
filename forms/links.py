"""Signed links of the form engine: resuming a draft."""

from django.core import signing
from django.urls import reverse

RESUME_SALT = "forms.draft-resume"


def resume_token(draft) -> str:
    return signing.dumps(str(draft.uuid), salt=RESUME_SALT)


def resume_url(draft) -> str:
    """The link that opens this draft again in any browser, until the draft expires."""
    return reverse("forms:resume", args=[resume_token(draft)])


def draft_uuid_for_token(token: str):
    try:
        return signing.loads(token, salt=RESUME_SALT)
    except signing.BadSignature:
        return None
