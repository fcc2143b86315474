"""Retention of applications ("thời hạn lưu trữ hồ sơ") and the purge of their personal
data once it has passed.

A closed application (refused, withdrawn, stopped or delivered) is kept for its
procedure's retention, counted from the event that closed it: `Procedure.retention_months`,
or APPLICATION_RETENTION_MONTHS when the procedure sets none (0: kept permanently),
as the agency's list of records and retention periods sets them under the archives
law (Luật Lưu trữ 2024; Thông tư 10/2022/TT-BNV). Then its personal data is purged
(Luật Bảo vệ dữ liệu cá nhân 2025; Nghị định 13/2023/NĐ-CP Điều 16): the applicant's
fields, answers, notes and files go; the dossier code, the procedure, the states,
dates and fees stay, so that the statistics and the audit log still hold.
"""

import calendar
import logging
from dataclasses import dataclass

from django.conf import settings
from django.core.files.storage import storages
from django.db import transaction
from django.db.models import Exists, OuterRef, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from services.models import Procedure
from tracking import notifications, signals
from tracking.constants import FINAL_STATES, Action
from tracking.models import Application, ApplicationEvent, ApplicationFile, NoticeEmail, Rating
from tracking.models.application import new_access_secret
from tracking.operations import SYSTEM_ACTORS

logger = logging.getLogger(__name__)

# How the applicant's own events read once their name is gone.
APPLICANT_LABEL = _("Người nộp hồ sơ")
# The applicant's fields that are blanked, with what they become.
PERSONAL_FIELDS = {
    "applicant_name": "",
    "applicant_email": "",
    "applicant_phone": "",
    "applicant_id_number": "",
    "applicant_address": "",
    "applicant_organisation": "",
    "applicant_tax_code": "",
    "postal_address": "",
    "postal_tracking_number": "",
}
# Why a message about an application not sent by the time of its purge never will be:
# the notices, hand-offs and national portal requests still waiting carry its personal
# data, which must no longer be processed (`core.outbox.Outbox.withdraw`).
WITHDRAWN_AT_PURGE = _(
    "Không gửi: hồ sơ đã hết thời hạn lưu trữ và dữ liệu cá nhân của hồ sơ đã được xóa."
)
# Keys of an event's data that describe the applicant (the parcel sent to their address).
PERSONAL_EVENT_DATA = ("postal_tracking_number",)


def retention_months_for(procedure) -> int | None:
    """Months a closed application of `procedure` is kept (the procedure's own period,
    else the default), or None when it is kept permanently ("bảo quản vĩnh viễn")."""
    months = getattr(procedure, "retention_months", None) if procedure is not None else None
    if months is None:
        months = settings.APPLICATION_RETENTION_MONTHS
    return months or None


def months_before(moment, months: int):
    """`moment` moved back `months` calendar months (the 31st becomes the month's last day)."""
    total = moment.year * 12 + (moment.month - 1) - months
    year, month = divmod(total, 12)
    day = min(moment.day, calendar.monthrange(year, month + 1)[1])
    return moment.replace(year=year, month=month + 1, day=day)


def months_after(moment, months: int):
    return months_before(moment, -months)


def closing_event(application):
    """The event that closed the application (the first into a final state), or None."""
    return application.events.filter(to_state__in=FINAL_STATES).order_by("at", "pk").first()


def purge_date(application):
    """When the application's personal data will be purged: None while it is open or
    when its procedure keeps it permanently."""
    months = retention_months_for(application.procedure)
    closed = closing_event(application)
    if months is None or closed is None:
        return None
    return months_after(closed.at, months)


def applications_past_retention(*, now=None):
    """Keys of the closed applications whose retention has passed and whose personal
    data is still there, oldest first.

    Procedures are grouped by their retention (a handful of periods), and each group
    is one query: closed, not purged, and closed before the group's cut-off.
    """
    now = now or timezone.now()
    pending = Application.objects.filter(
        state__in=FINAL_STATES, personal_data_purged_at__isnull=True
    )
    closed = ApplicationEvent.objects.filter(application=OuterRef("pk"), to_state__in=FINAL_STATES)
    own = {}
    for months, pk in Procedure.objects.filter(retention_months__isnull=False).values_list(
        "retention_months", "pk"
    ):
        own.setdefault(months, []).append(pk)
    groups = [(months, pending.filter(procedure_id__in=pks)) for months, pks in own.items()]
    everything_with_own = [pk for pks in own.values() for pk in pks]
    groups.append(
        (
            settings.APPLICATION_RETENTION_MONTHS,
            pending.exclude(procedure_id__in=everything_with_own),
        )
    )
    found = set()
    for months, applications in groups:
        if not months:  # kept permanently
            continue
        cutoff = months_before(now, months)
        found.update(
            applications.filter(Exists(closed.filter(at__lt=cutoff))).values_list("pk", flat=True)
        )
    return sorted(found)


@dataclass(frozen=True)
class PurgeReport:
    applications: int
    files: int
    bytes: int


def purge_expired_applications(*, now=None, limit=None) -> PurgeReport:
    """Purge every application past its retention (beat, daily; `manage.py
    purge_expired_applications`), each in its own transaction."""
    applications = files = size = 0
    for pk in applications_past_retention(now=now)[:limit]:
        event = purge_personal_data(application=Application(pk=pk), now=now)
        if event is not None:
            applications += 1
            files += event.data["files_deleted"]
            size += event.data["bytes_deleted"]
    return PurgeReport(applications=applications, files=files, bytes=size)


def purge_personal_data(*, application, now=None) -> ApplicationEvent | None:
    """Blank the personal data of one closed application and delete its files; log it.

    The applicant's fields, answers, postal address, notes of the timeline (they may
    name people), the notices' addresses and the rating's comment are blanked; the
    applicant's own events read "Người nộp hồ sơ"; the signed links stop working; the
    files' rows go in this transaction and the stored files once it commits. What
    stays is what the statistics and the audit log need: dossier code, procedure,
    unit, states, dates and fees. The purge is logged as an event, with counts, and
    sent as `personal_data_purged` (the audit log chains it). Returns None when the
    application is open or already purged.

    Events are append-only; this is the one change made to them, by the law that asks
    personal data to be erased once its purpose and retention are over.
    """
    now = now or timezone.now()
    with transaction.atomic():
        locked = Application.objects.select_for_update().filter(pk=application.pk).first()
        if (
            locked is None
            or locked.personal_data_purged_at is not None
            or locked.state not in FINAL_STATES
        ):
            return None
        closed = closing_event(locked)
        files = ApplicationFile.objects.filter(application=locked)
        names = [name for name in files.values_list("file", flat=True) if name]
        size = files.aggregate(total=Sum("size"))["total"] or 0
        count = files.count()
        name_given = locked.applicant_name
        for field, blank in PERSONAL_FIELDS.items():
            setattr(locked, field, blank)
        locked.answers = {}
        locked.user = None
        locked.access_secret = new_access_secret()
        locked.personal_data_purged_at = now
        locked.save(
            update_fields=[
                *PERSONAL_FIELDS,
                "answers",
                "user",
                "access_secret",
                "personal_data_purged_at",
            ]
        )
        events = ApplicationEvent.objects.filter(application=locked)
        events.update(note="", public_note="")
        if name_given:
            events.filter(actor__isnull=True, actor_label=name_given).update(
                actor_label=str(APPLICANT_LABEL)
            )
        for key in PERSONAL_EVENT_DATA:
            for event in events.filter(data__has_key=key):
                data = {k: v for k, v in event.data.items() if k != key}
                ApplicationEvent.objects.filter(pk=event.pk).update(data=data)
        # A sent notice has no error left (a send that succeeds clears it); those not
        # sent are withdrawn, their error replaced by why.
        notifications.OUTBOX.erase(
            NoticeEmail.objects.filter(event__application=locked),
            reason=WITHDRAWN_AT_PURGE,
            recipient="",
        )
        Rating.objects.filter(application=locked).update(comment="")
        files.delete()
        months = retention_months_for(locked.procedure)
        event = ApplicationEvent.objects.create(
            application=locked,
            action=Action.PURGE_PERSONAL_DATA,
            from_state=locked.state,
            to_state=locked.state,
            actor_label=str(SYSTEM_ACTORS["system"]),
            at=now,
            data={
                "retention_months": months,
                "closed_at": closed.at.isoformat() if closed else None,
                "files_deleted": count,
                "bytes_deleted": size,
            },
        )
        signals.personal_data_purged.send(sender=ApplicationEvent, event=event)
        transaction.on_commit(lambda: delete_stored_files(names))
    return event


def delete_stored_files(names) -> int:
    """Delete purged files from the private storage, except one that another
    application's file still points at. Returns how many went."""
    names = set(names)
    shared = set(ApplicationFile.objects.filter(file__in=names).values_list("file", flat=True))
    storage = storages["private"]
    deleted = 0
    for name in sorted(names - shared):
        try:
            storage.delete(name)
            deleted += 1
        except OSError:
            logger.warning("could not delete the purged file %s", name)
    return deleted


def detach_from_account(*, user) -> list[str]:
    """The account of `user` is being deleted: its applications stay, without the
    account, until their retention ends (they are the agency's records, Luật Lưu trữ
    2024). Returns their dossier codes."""
    applications = Application.objects.filter(user=user)
    codes = list(applications.order_by("pk").values_list("dossier_code", flat=True))
    applications.update(user=None)
    return codes
