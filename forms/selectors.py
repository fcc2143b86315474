"""Reads of the form engine, for views, the catalogue and tracking."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms import schema as form_schema
from forms import submission
from forms.links import resume_url
from forms.models import Draft, FormDefinition, FormVersion


def session_draft(request, slug):
    """The unexpired draft of this form the browser's session is filling, or None."""
    from forms.wizard_storage import session_key

    uuid = request.session.get(session_key(slug))
    if not uuid:
        return None
    return (
        Draft.objects.select_related("version")
        .filter(uuid=uuid, expires_at__gt=timezone.now(), version__definition__slug=slug)
        .first()
    )


def drafts_for_user(user):
    """The signed-in applicant's unfinished applications, newest first."""
    if user is None or not getattr(user, "is_authenticated", False):
        return Draft.objects.none()
    return (
        Draft.objects.filter(user=user, submitted_at__isnull=True, expires_at__gt=timezone.now())
        .select_related("version__definition")
        .order_by("-updated_at")
    )


def draft_rows(user) -> list[dict]:
    """The signed-in applicant's drafts as shown in every list of them: title, last
    change, expiry and the resume link."""
    return [
        {
            "title": form_schema.text(draft.version.schema["title"]),
            "updated_at": draft.updated_at,
            "expires_at": draft.expires_at,
            "url": resume_url(draft),
        }
        for draft in drafts_for_user(user)
    ]


def receipt_of(draft):
    """What the applicant is shown for a submitted draft (its code and page)."""
    return submission.handler().receipt(draft.submission_reference)


def published_definition(definition_id):
    """The form definition with its latest published version loaded in one query
    (its `live_version`), or None when there is no such form."""
    if not definition_id:
        return None
    version = (
        FormVersion.objects.select_related("definition")
        .filter(definition_id=definition_id)
        .order_by("-number")
        .first()
    )
    if version is None:
        definition = FormDefinition.objects.filter(pk=definition_id).first()
        if definition is not None:
            definition._live_version = None
        return definition
    version.definition._live_version = version
    return version.definition


def start_url(definition) -> str:
    return reverse("forms:start", kwargs={"slug": definition.slug})


@dataclass(frozen=True)
class BlankFormDownload:
    label: str
    url: str
    format: str


def blank_form_downloads(definition) -> list[BlankFormDownload]:
    """Blank PDF and DOCX of the published version (none before the first publication)."""
    if definition is None or definition.live_version is None:
        return []
    from forms.blank import FORMATS

    title = form_schema.text(definition.live_version.schema["title"])
    return [
        BlankFormDownload(
            label=str(_("Mẫu %(title)s") % {"title": title}),
            url=reverse("forms:blank", kwargs={"slug": definition.slug, "fmt": fmt}),
            format=fmt,
        )
        for fmt in FORMATS
    ]


def files_in(schema, answers):
    return form_schema.uploaded_files(schema, answers)


def format_answer(field, value, language=None) -> str:
    return form_schema.format_value(field, value, language)


def answer_rows(form_version, answers, language="vi"):
    """(section, label, value) rows of an application's answers in the order of its form."""
    return form_schema.answer_rows(form_version.schema, answers or {}, language)
