"""Everything that changes form definitions, versions and drafts."""

import logging

from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from core.uploads import SubmittedFile
from forms import schema as form_schema
from forms import submission
from forms.dynamic import UPLOAD_FOLDER
from forms.models import Draft, FormDefinition, FormVersion, schema_errors
from forms.submission import Receipt

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "portal.forms/1"
DEFINITION_FIELDS = (
    "slug",
    "title",
    "title_en",
    "intro",
    "intro_en",
    "opens_at",
    "closes_at",
    "in_maintenance",
    "maintenance_message",
    "max_submissions",
    "confirm_email",
)


class FormsError(Exception):
    """A request the form engine refuses; `message` is for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def publish_definition(*, definition: FormDefinition, user=None) -> FormVersion:
    """Freeze the definition as it is now into a new version (or return the latest
    version when nothing changed). Drafts and applications keep their own version."""
    schema = definition.build_schema()
    errors = schema_errors(schema)
    if errors:
        raise ValidationError(errors)
    with transaction.atomic():
        FormDefinition.objects.select_for_update().filter(pk=definition.pk).first()
        latest = definition.versions.order_by("-number").first()
        if latest is not None and latest.schema == schema:
            return latest
        number = (definition.versions.aggregate(n=Max("number"))["n"] or 0) + 1
        version = FormVersion.objects.create(
            definition=definition,
            number=number,
            schema=schema,
            published_by=user if getattr(user, "is_authenticated", False) else None,
        )
    definition.__dict__.pop("_live_version", None)
    return version


def export_definition(definition: FormDefinition) -> dict:
    """The definition as JSON that `import_definition` reads back (on this or another portal)."""
    data = {"format": EXPORT_FORMAT}
    for name in DEFINITION_FIELDS:
        value = getattr(definition, name)
        data[name] = value.isoformat() if hasattr(value, "isoformat") else value
    data["steps"] = list(definition.steps.raw_data)
    return data


def import_definition(data: dict, *, publish=False, user=None) -> FormDefinition:
    """Create or update (by slug) a definition from exported JSON."""
    if not isinstance(data, dict) or data.get("format") != EXPORT_FORMAT:
        raise FormsError(
            _("Tệp không phải là biểu mẫu xuất từ cổng (thiếu định dạng %(f)s).")
            % {"f": EXPORT_FORMAT}
        )
    if not data.get("slug") or not data.get("title"):
        raise FormsError(_("Tệp thiếu đường dẫn hoặc tên biểu mẫu."))
    definition = FormDefinition.objects.filter(slug=data["slug"]).first() or FormDefinition()
    for name in DEFINITION_FIELDS:
        if name in data:
            setattr(definition, name, data[name])
    definition.steps = data.get("steps") or []
    try:
        definition.full_clean()
    except ValidationError as error:
        raise FormsError("; ".join(error.messages)) from error
    with transaction.atomic():
        definition.save()
        if publish:
            publish_definition(definition=definition, user=user)
    return definition


# Drafts


def prefill_values(user) -> dict:
    """What is known of the signed-in applicant, by prefill source, as form values.

    Asked of the handler named in `FORMS_PREFILL_HANDLER` (this portal's:
    `accounts.selectors.prefill_values`, the applicant's profile); dates become
    ISO strings and empty values are left out. Nothing for anonymous users.
    """
    if user is None or not getattr(user, "is_authenticated", False):
        return {}
    prefill = submission.hook("FORMS_PREFILL_HANDLER")
    values = prefill(user) if prefill else {}
    return {
        source: value.isoformat() if hasattr(value, "isoformat") else str(value)
        for source, value in values.items()
        if value not in (None, "")
    }


def files_in_use(names: set[str]) -> set[str]:
    """Which of these stored names something outside the form engine still points at,
    asked of the handler named in `FORMS_FILES_IN_USE` (tracking: its applications)."""
    in_use = submission.hook("FORMS_FILES_IN_USE")
    return set(in_use(names)) if in_use and names else set()


def delete_draft_files(items) -> int:
    """Delete uploads the form engine stored for drafts, and only those: a name outside
    the drafts' folder, or one that an application still points at, is never touched.
    Returns how many files went."""
    names = set()
    for item in items:
        name = item.get("storage_name") if isinstance(item, dict) else item
        if name and name.startswith(f"{UPLOAD_FOLDER}/"):
            names.add(name)
    storage = storages["private"]
    deleted = 0
    for name in sorted(names - files_in_use(names)):
        try:
            storage.delete(name)
            deleted += 1
        except OSError:
            logger.warning("could not delete draft upload %s", name)
    return deleted


def delete_draft_files_after_commit(items) -> None:
    """Delete draft uploads once the current transaction has committed (at once outside one)."""
    items = list(items)
    transaction.on_commit(lambda: delete_draft_files(items))


def draft_files(draft: Draft):
    return [item for items in draft.uploads().values() for item in items]


def purge_expired_drafts(*, now=None) -> int:
    """Delete drafts past their expiry with the files they hold (a file an
    application points at stays). Returns how many drafts went."""
    now = now or timezone.now()
    count = 0
    for draft in Draft.objects.filter(expires_at__lt=now).iterator():
        with transaction.atomic():
            draft.delete()
            delete_draft_files_after_commit(draft_files(draft))
        count += 1
    return count


def delete_drafts_of(*, user) -> int:
    """Delete every draft of `user` with its uploads (the account is being deleted).
    Returns how many drafts went."""
    count = 0
    for draft in Draft.objects.filter(user=user).iterator():
        with transaction.atomic():
            draft.delete()
            delete_draft_files_after_commit(draft_files(draft))
        count += 1
    return count


def submit_draft(
    *, draft: Draft, answers: dict, user=None, language="vi", consent: dict | None = None
) -> Receipt:
    """Hand a completed draft to the submission handler, exactly once, with the
    applicant's `consent` to the privacy notice (`forms.privacy.consent_given`).

    Runs in one transaction with the draft row locked; a second call for the
    same draft (double click, resent POST) answers with the receipt of the
    first. Raises `SubmissionRefused` with the handler's message.
    """
    handler = submission.handler()
    with transaction.atomic():
        locked = Draft.objects.select_for_update().get(pk=draft.pk)
        if locked.is_submitted:
            # Another request (a double click) submitted this draft first: this one
            # answers with the same receipt and must not clean up anything.
            draft.submission_reference = locked.submission_reference
            draft.submitted_at = locked.submitted_at
            return handler.receipt(locked.submission_reference)
        version = locked.version
        schema = version.schema
        files = tuple(
            SubmittedFile(
                field_name=field["name"],
                label=form_schema.text(field["label"], "vi"),
                storage_name=item["storage_name"],
                original_name=item["original_name"],
                content_type=item["content_type"],
                size=item["size"],
                sha256=item["sha256"],
            )
            for field, item in form_schema.uploaded_files(schema, answers)
        )
        reference = handler.submit(
            submission.Submission(
                version=version,
                answers=answers,
                files=files,
                applicant=form_schema.prefilled_answers(schema, answers),
                user=user,
                language=language,
                idempotency_key=locked.idempotency_key,
                consent=consent or {},
            )
        )
        locked.submission_reference = str(reference)
        locked.submitted_at = timezone.now()
        locked.save(update_fields=["submission_reference", "submitted_at", "updated_at"])
        draft.submission_reference, draft.submitted_at = (
            locked.submission_reference,
            locked.submitted_at,
        )
        # The handler keeps its own copies; the draft's go once that is committed.
        delete_draft_files_after_commit(draft_files(locked))
        return handler.receipt(locked.submission_reference)
