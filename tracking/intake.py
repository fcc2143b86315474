"""Intake: a submitted online form becomes an application ("tiếp nhận hồ sơ trực tuyến").

The form engine hands each submission to the handler named in
`FORMS_SUBMISSION_HANDLER`; this is that handler. It files the application
through `tracking.operations.submit_application` (which copies the uploads
into the application's own storage) and tells the engine what to show.
"""

from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils.translation import gettext as _

from forms import schema as form_schema
from forms.constants import FieldType
from forms.submission import Receipt, Submission, SubmissionRefused
from tracking import privacy
from tracking.links import detail_token
from tracking.models import Application
from tracking.operations import Applicant, TrackingError, submit_application


def applicant_of(submission: Submission) -> Applicant:
    """Who applies, read from the fields marked with a prefill source."""
    found = dict(submission.applicant)
    if "address" not in found:
        # Without a field marked as the applicant's address, the first address given.
        for field in form_schema.all_input_fields(submission.version.schema):
            if field["type"] == FieldType.ADDRESS and submission.answers.get(field["name"]):
                found["address"] = form_schema.format_value(
                    field, submission.answers[field["name"]], "vi"
                )
                break
    full_name = found.get("full_name") or found.get("company_name") or ""
    user = submission.user
    if not full_name and user is not None and getattr(user, "is_authenticated", False):
        full_name = user.get_full_name() or user.get_username()
    return Applicant(
        full_name=full_name or _("Người nộp hồ sơ"),
        email=found.get("email", ""),
        phone=found.get("phone", ""),
        id_number=found.get("id_number", ""),
        address=found.get("address", ""),
        organisation=found.get("company_name", ""),
        tax_code=found.get("tax_code", ""),
    )


class FormSubmissionHandler:
    """`forms.submission.SubmissionHandler` for this portal: one application per draft."""

    def submit(self, submission: Submission) -> str:
        try:
            with transaction.atomic():
                consent = privacy.consent_record(
                    submission.consent,
                    form_version=submission.version,
                    language=submission.language,
                )
                application = submit_application(
                    form_version=submission.version,
                    answers=submission.answers,
                    files=list(submission.files),
                    applicant=applicant_of(submission),
                    idempotency_key=submission.idempotency_key,
                    user=submission.user,
                    language=submission.language,
                    consent=consent,
                )
        except IntegrityError:
            # Filed meanwhile under the same key: that application is the answer.
            application = Application.objects.get(idempotency_key=submission.idempotency_key)
        except TrackingError as error:
            raise SubmissionRefused(error.message) from error
        return str(application.pk)

    def receipt(self, reference: str) -> Receipt:
        application = Application.objects.get(pk=reference)
        return Receipt(
            code=application.dossier_code,
            url=reverse("tracking:detail", args=[detail_token(application)]),
        )
