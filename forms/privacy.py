"""The consent to the processing of personal data asked on the review step.

The form engine does not write the privacy notice: it asks the provider named in
`FORMS_PRIVACY_NOTICE` (this portal's: `tracking.privacy.consent_notice`, which knows
the procedure, its retention and who receives the data) what to show before the
checkbox, and hands the consent given over with the submission. Without a
provider the review step asks no consent.
"""

from dataclasses import dataclass

from django.utils import timezone

from forms import submission
from forms.models import Draft
from forms.schema import text


@dataclass(frozen=True)
class ConsentNotice:
    """What the review step shows: a short summary (what, why, how long, by whom), a
    link to the whole notice and the statement the applicant ticks."""

    version: str
    url: str
    statement: str
    summary: tuple[str, ...] = ()


def consent_notice(version, language: str) -> ConsentNotice | None:
    """The notice for a form version, from the `FORMS_PRIVACY_NOTICE` provider, or None."""
    provider = submission.hook("FORMS_PRIVACY_NOTICE")
    return provider(form_version=version, language=language) if provider else None


def consent_given(notice: ConsentNotice, language: str) -> dict:
    """The record of the consent ticked now: what the submission carries to its handler."""
    return {
        "given_at": timezone.now().isoformat(),
        "notice_version": notice.version,
        "notice_url": notice.url,
        "statement": notice.statement,
        "language": language,
    }


def drafts_data(user) -> list[dict]:
    """The user's drafts (unfinished and submitted ones still kept) as the export of
    their personal data shows them: form, dates, answers by step, files uploaded."""
    rows = []
    drafts = Draft.objects.filter(user=user).select_related("version").order_by("created_at")
    for draft in drafts:
        extra = (draft.data or {}).get("extra_data", {})
        rows.append(
            {
                "form": text(draft.version.schema.get("title", "")),
                "created_at": draft.created_at,
                "updated_at": draft.updated_at,
                "expires_at": draft.expires_at,
                "submitted_at": draft.submitted_at,
                "answers": extra.get("answers", {}),
                "files": [
                    {"field": field, "name": item.get("original_name"), "size": item.get("size")}
                    for field, items in extra.get("uploads", {}).items()
                    for item in items
                ],
            }
        )
    return rows
