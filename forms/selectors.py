"""Reads of the form engine, for views, the catalogue and tracking."""

from dataclasses import dataclass

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from forms import schema as form_schema
from forms.models import Draft


def session_draft(request, slug):
    """The unexpired draft of this form the browser's session is filling, or None."""
    from forms.wizard_storage import session_key

    uuid = request.session.get(session_key(slug))
    if not uuid:
        return None
    return (
        Draft.objects.select_related("version", "application")
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


def confirmation_url(application) -> str:
    """The applicant's signed page of the application, which shows its dossier code."""
    from tracking.links import detail_token

    return reverse("tracking:detail", args=[detail_token(application)])


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
