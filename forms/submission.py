"""What the form engine hands over when an applicant submits, and to whom.

The engine stands alone: it does not know what an application is. When a draft
is submitted it builds a `Submission` and gives it to the handler named in the
`FORMS_SUBMISSION_HANDLER` setting (as Wagtail's form pages hand theirs to
`process_form_submission`); this portal's handler is `tracking.intake`, which
files the application. The handler answers with a reference the draft keeps,
and later tells the engine what to show for it (`Receipt`).
"""

from dataclasses import dataclass, field
from typing import Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

from core.uploads import SubmittedFile


@dataclass(frozen=True)
class Submission:
    version: object  # forms.models.FormVersion
    answers: dict
    # Checked files in the private storage (under `forms/drafts/`): the handler must
    # copy what it keeps, since the engine deletes a draft's uploads after commit.
    files: tuple[SubmittedFile, ...]
    # Answers of the fields marked with a prefill source (full_name, email, …): who applies.
    applicant: dict = field(default_factory=dict)
    user: object = None
    language: str = "vi"
    # The same key for every submission of one draft: a handler files it once.
    idempotency_key: str = ""
    # The consent to the privacy notice given on the review step (`forms.privacy`), or {}.
    consent: dict = field(default_factory=dict)


@dataclass(frozen=True)
class Receipt:
    """What the applicant is shown for a submission: its code and the page to follow it."""

    code: str
    url: str


class SubmissionRefused(Exception):
    """The handler cannot take the submission; `message` tells the applicant what to do."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


class SubmissionHandler(Protocol):
    def submit(self, submission: Submission) -> str:
        """File `submission` (inside the caller's transaction) and return its reference."""

    def receipt(self, reference: str) -> Receipt:
        """What to show the applicant for a submission filed earlier."""


def hook(setting: str):
    """The callable a setting names by dotted path (the form engine's seams to the
    rest of the portal), or None when the setting is empty or absent."""
    path = getattr(settings, setting, "")
    return import_string(path) if path else None


def handler() -> SubmissionHandler:
    handler_class = hook("FORMS_SUBMISSION_HANDLER")
    if handler_class is None:
        raise ImproperlyConfigured("FORMS_SUBMISSION_HANDLER names no submission handler.")
    return handler_class()
