"""A django-formtools storage that keeps the wizard's state in a `Draft` row,
so that an application in progress survives the session and can be resumed."""

import copy
from datetime import timedelta

from django.conf import settings
from django.utils import timezone
from formtools.wizard.storage.base import BaseStorage

from forms.models import Draft
from forms.operations import delete_draft_files_after_commit


def session_key(slug: str) -> str:
    return f"forms.draft.{slug}"


class DraftStorage(BaseStorage):
    """Wizard data in `draft.data`; the draft is created on the first answer saved."""

    def __init__(self, prefix, request=None, file_storage=None, *, draft=None, version=None):
        super().__init__(prefix, request, file_storage)
        self.draft = draft
        self.version = version
        self.init_data()
        if draft is not None and draft.data:
            self.data.update(copy.deepcopy(draft.data))
        self._saved = copy.deepcopy(self.data)

    @property
    def extra(self) -> dict:
        return self.data[self.extra_data_key]

    def answers_by_step(self) -> dict:
        return self.extra.setdefault("answers", {})

    def uploads(self) -> dict:
        return self.extra.setdefault("uploads", {})

    def reset(self):
        # A draft given up: its uploads go after commit. A submitted draft's uploads
        # were copied into the application, and `delete_draft_files` never deletes a
        # file an application points at.
        if self.draft is None or not self.draft.is_submitted:
            delete_draft_files_after_commit(
                item for items in self.uploads().values() for item in items
            )
        self.init_data()

    def _has_content(self):
        return bool(self.data[self.step_data_key] or self.uploads())

    def ensure_draft(self) -> Draft:
        """The draft row, created now if this is the applicant's first save."""
        if self.draft is None:
            user = getattr(self.request, "user", None)
            self.draft = Draft.objects.create(
                version=self.version,
                user=user if getattr(user, "is_authenticated", False) else None,
                data=self.data,
            )
            self._saved = copy.deepcopy(self.data)
            self.request.session[session_key(self.version.schema["slug"])] = str(self.draft.uuid)
        return self.draft

    def update_response(self, response):
        super().update_response(response)
        if self.draft is None:
            if self._has_content():
                self.ensure_draft()
            return
        if self.data == self._saved:
            return
        user = getattr(self.request, "user", None)
        fields = ["data", "expires_at", "updated_at"]
        self.draft.data = self.data
        self.draft.expires_at = timezone.now() + timedelta(days=settings.FORMS_DRAFT_TTL_DAYS)
        if self.draft.user_id is None and getattr(user, "is_authenticated", False):
            self.draft.user = user
            fields.append("user")
        self.draft.save(update_fields=fields)
        self._saved = copy.deepcopy(self.data)
