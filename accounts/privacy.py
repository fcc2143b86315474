"""The data subject's requests about their account (Luật Bảo vệ dữ liệu cá nhân 2025;
Nghị định 13/2023/NĐ-CP Điều 9, 14, 16): download everything the portal holds about
them, and delete the account.

The export gathers the account, the profile, the applications filed with the
account (answers, timeline, files, rating, consent), the drafts, and what the apps
above accounts keep about the user (the settings' ACCOUNTS_PERSONAL_DATA_SECTIONS:
payments, personal access tokens), each a `fn(user) -> (name, data)`.

Deleting the account deletes it at once with its profile, drafts and tokens; its
applications stay, detached from it, until their retention ends
(`tracking.retention`), as the archives law asks of an agency's records.
"""

import json
import logging
import tempfile
import zipfile
from dataclasses import dataclass

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.core.serializers.json import DjangoJSONEncoder
from django.db import transaction
from django.db.models import ProtectedError
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.crypto import get_random_string
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from accounts import selectors, signals
from accounts.models import ApplicantProfile
from accounts.operations import AccountsError
from core.mail import MAIL_ERRORS
from forms import operations as form_operations
from forms import privacy as form_privacy
from tracking import privacy as tracking_privacy
from tracking import retention

logger = logging.getLogger(__name__)

EXPORT_FORMAT = "portal.personal-data/1"
DATA_FILE = "du-lieu-ca-nhan.json"


def personal_data(user) -> dict:
    """All the portal holds about `user`, as one JSON-ready dict."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    profile = ApplicantProfile.objects.filter(user=user).first()
    data = {
        "format": EXPORT_FORMAT,
        "exported_at": timezone.now(),
        "account": {
            "username": user.get_username(),
            "email": user.email,
            "first_name": user.first_name,
            "last_name": user.last_name,
            "date_joined": user.date_joined,
            "last_login": user.last_login,
            "is_active": user.is_active,
        },
        "profile": {
            "full_name": profile.full_name,
            "id_number": profile.id_number,
            "date_of_birth": profile.date_of_birth,
            "phone": profile.phone,
            "address": profile.address,
            "tax_code": profile.tax_code,
            "company_name": profile.company_name,
            "email_verified_at": profile.email_verified_at,
            "signed_in_with_vneid": bool(profile.identity_subject),
        }
        if profile is not None
        else None,
        "applications": [
            tracking_privacy.application_data(application, language)
            for application in selectors.applications_of(user)
        ],
        "drafts": form_privacy.drafts_data(user),
    }
    for path in settings.ACCOUNTS_PERSONAL_DATA_SECTIONS:
        name, section = import_string(path)(user)
        data[name] = section
    return data


def as_json(data: dict) -> bytes:
    return json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2).encode()


def export_json(*, user) -> bytes:
    """The export as JSON alone (the files listed, not included); recorded."""
    data = personal_data(user)
    _record_export(user, data, "json", files=0)
    return as_json(data)


def export_archive(*, user):
    """The export as a ZIP: the JSON and every file of the user's applications, at the
    place each file's `in_archive` names. Returns an open temporary file, rewound."""
    data = personal_data(user)
    archive = tempfile.TemporaryFile()  # noqa: SIM115 (handed to the response, which closes it)
    count = 0
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as bundle:
        bundle.writestr(DATA_FILE, as_json(data))
        for application in selectors.applications_of(user):
            for attachment in application.files.all():
                name = tracking_privacy.archive_name(attachment)
                try:
                    with attachment.file.open("rb") as source, bundle.open(name, "w") as target:
                        for chunk in source.chunks():
                            target.write(chunk)
                    count += 1
                except OSError:
                    logger.warning("export: file %s of %s unreadable", attachment.pk, application)
    _record_export(user, data, "zip", files=count)
    archive.seek(0)
    return archive


def _record_export(user, data, kind, *, files):
    with transaction.atomic():
        signals.personal_data_exported.send(
            sender=get_user_model(),
            user=user,
            data={"format": kind, "applications": len(data["applications"]), "files": files},
        )


def is_staff_account(user) -> bool:
    """Staff accounts are the agency's, managed by its administrators, not deleted here."""
    return user.is_staff or user.is_superuser or user.has_perm("wagtailadmin.access_admin")


@dataclass(frozen=True)
class DeletedAccount:
    applications_kept: list[str]
    drafts_deleted: int


def delete_account(*, user) -> DeletedAccount:
    """Delete the account now: the profile, drafts (with their uploads) and personal
    access tokens go with it; its applications stay without it until their retention
    ends. The owner is told by e-mail after commit. Staff accounts are refused."""
    if is_staff_account(user):
        raise AccountsError(
            _("Tài khoản cán bộ do quản trị viên của cơ quan quản lý, không tự xóa được tại đây.")
        )
    email, name, user_id = user.email, user.get_full_name(), user.pk
    with transaction.atomic():
        codes = retention.detach_from_account(user=user)
        drafts = form_operations.delete_drafts_of(user=user)
        signals.account_deleted.send(
            sender=get_user_model(),
            user_id=user_id,
            data={"applications_kept": codes, "drafts_deleted": drafts},
        )
        try:
            with transaction.atomic():
                get_user_model().objects.filter(pk=user_id).delete()
        except ProtectedError:
            # Something the agency must keep points at the account: it stays, emptied.
            _anonymise(user)
        if email:
            transaction.on_commit(lambda: _tell_owner(email, name))
    return DeletedAccount(applications_kept=codes, drafts_deleted=drafts)


def _anonymise(user) -> None:
    ApplicantProfile.objects.filter(user=user).delete()
    user.username = f"deleted-{user.pk}-{get_random_string(12)}"
    user.email = ""
    user.first_name = user.last_name = ""
    user.is_active = False
    user.set_unusable_password()
    user.save()


def _tell_owner(email, name):
    body = render_to_string(
        "accounts/email/account_deleted_body.txt",
        {
            "full_name": name,
            "retention": tracking_privacy.retention_label(retention.retention_months_for(None)),
        },
    )
    try:
        send_mail(
            _("Tài khoản của bạn trên cổng dịch vụ công đã được xóa"),
            body,
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    except MAIL_ERRORS:
        # The account is gone either way; the page said so already.
        logger.warning("account deletion notice not sent (mail server)")
