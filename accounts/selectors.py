"""Reads of accounts: pre-fill values, the user's applications and drafts."""

from forms import selectors as form_selectors
from tracking.models import Application

# Attribute names of `ApplicantProfile` a form field may name as its prefill source.
PREFILL_FIELDS = (
    "full_name",
    "id_number",
    "date_of_birth",
    "phone",
    "address",
    "tax_code",
    "company_name",
)


def profile_of(user):
    """The applicant's profile, or None (anonymous users, staff without one)."""
    if user is None or not user.is_authenticated:
        return None
    from accounts.models import ApplicantProfile

    return ApplicantProfile.objects.filter(user=user).first()


def prefill_values(user) -> dict:
    """{prefill source: value} of the applicant: the profile, the account's e-mail, and
    the account's name where the profile has none; empty ones left out. The form
    engine asks this (`FORMS_PREFILL_HANDLER`)."""
    profile = profile_of(user)
    values = {}
    if profile is not None:
        values = {name: getattr(profile, name) for name in PREFILL_FIELDS}
    if user is not None and user.is_authenticated:
        if user.email:
            values["email"] = user.email
        if not values.get("full_name") and user.get_full_name():
            values["full_name"] = user.get_full_name()
    return {name: value for name, value in values.items() if value not in ("", None)}


def applications_of(user):
    return (
        Application.objects.filter(user=user)
        .select_related("receiving_unit")
        .prefetch_related("files")
        .order_by("-submitted_at")
    )


def drafts_of(user) -> list[dict]:
    """The user's unfinished online forms, as the form engine lists them."""
    return form_selectors.draft_rows(user)
