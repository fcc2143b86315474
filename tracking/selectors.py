"""Reads of tracking: what the status page, the desk and statistics show."""

import re
from datetime import timedelta

from django.conf import settings
from django.core.cache import cache
from django.db.models import Count, Exists, F, OuterRef, Q
from django.db.models.functions import TruncMonth
from django.utils import timezone, translation

from core.compiled import CompiledRead
from core.models import AgencyUnit
from forms.selectors import answer_rows as form_answer_rows
from portal import pagecache
from tracking.constants import ACT_ON_APPLICATIONS, VIEW_APPLICATIONS, Action, FileKind, State
from tracking.models import Application, ApplicationEvent, ApplicationFile, StatusWording
from tracking.models.wording import AWAITING_RESULT, AWAITING_RESULT_LABEL, AWAITING_RESULT_WORDING

# Timeline lines the public sees: the state changes and the apology, not internal flags.
PUBLIC_ACTIONS = [a for a in Action if a not in (Action.FLAG_OVERDUE,)]


def _normal_code(code: str) -> str | None:
    code = (code or "").strip().upper()
    return code if code and len(code) <= 64 else None


def application_by_code(code: str):
    code = _normal_code(code)
    if code is None:
        return None
    return Application.objects.select_related("receiving_unit").filter(dossier_code=code).first()


# What the public status (page and API) shows of an application, and what its check
# reads: not the answers, the uploads' metadata or the applicant's other particulars,
# which at a million applications are most of a row.
PUBLIC_STATUS_FIELDS = (
    "dossier_code",
    "state",
    "procedure_name",
    "receiving_unit",
    "submitted_at",
    "due_date",
    "new_due_date",
    "applicant_phone",
    "applicant_id_number",
    "applicant_tax_code",
)


def _result_file_of(**owner):
    """Whether the application or event `owner` names has a result file (an annotation)."""
    return Exists(ApplicationFile.objects.filter(**owner, kind=FileKind.RESULT))


# The lookup runs for every citizen who checks a receipt: its two reads are compiled
# once (`core.compiled`), and cost the query rather than the building of it.
_public_application = CompiledRead(
    lambda code: (
        Application.objects.filter(dossier_code=code)
        .annotate(
            receiving_unit_name=F("receiving_unit__name"),
            has_result_file=_result_file_of(application=OuterRef("pk")),
        )
        .only(*PUBLIC_STATUS_FIELDS)[:1]
    )
)
_public_events = CompiledRead(
    lambda application_id: (
        ApplicationEvent.objects.filter(application_id=application_id, action__in=PUBLIC_ACTIONS)
        .annotate(has_result=_result_file_of(event=OuterRef("pk")))
        .only("at", "action", "to_state")
    )
)


def public_application_by_code(code: str):
    """The application for the public status lookup, read as far as it shows it: the
    fields above, its unit's name and whether it has a result file, the rest deferred."""
    code = _normal_code(code)
    if code is None:
        return None
    application = next(iter(_public_application(code)), None)
    if application is not None:
        application.receiving_unit = AgencyUnit.from_db(
            application._state.db,
            ["id", "name"],
            [application.receiving_unit_id, application.receiving_unit_name],
        )
    return application


def _state_label(action, to_state, has_result) -> str:
    if not to_state:
        return ""
    if action == Action.DECIDE and not has_result:
        return str(AWAITING_RESULT_LABEL)
    return State(to_state).label


def public_timeline(application):
    """(time, action, state) lines without names, notes or files: labels, and codes. A
    decision recorded without its result file reads as awaiting it."""
    return [
        {
            "at": event.at,
            "action": Action(event.action).label,
            "state": _state_label(event.action, event.to_state, event.has_result),
            "action_code": event.action,
            "state_code": event.to_state,
        }
        for event in _public_events(application.pk)
    ]


def awaits_result_file(application) -> bool:
    """Decided (status 06 of the document exchange, say) while no result file exists yet."""
    if application.state != State.DECIDED:
        return False
    # The lookup's read brings the answer along (`has_result_file`); others ask.
    known = getattr(application, "has_result_file", None)
    if known is not None:
        return not known
    return not application.files.filter(kind=FileKind.RESULT).exists()


def public_status(application, language="vi") -> dict:
    """What the status pages say of the application's state: `code`, `label`,
    `description`, `next_step`. A decision without its result file (status 06 of the
    document exchange) is not shown as “Đã có kết quả” but as awaiting the file, with
    the built-in wording of that case."""
    if awaits_result_file(application):
        description, next_step = AWAITING_RESULT_WORDING
        return {
            "code": AWAITING_RESULT,
            "label": str(AWAITING_RESULT_LABEL),
            "description": str(description),
            "next_step": str(next_step),
        }
    description, next_step = _wording(application.state, language)
    return {
        "code": application.state,
        "label": str(State(application.state).label),
        "description": description,
        "next_step": next_step,
    }


def _wording(state, language):
    """The wording of a state, kept as a fragment of the page cache: the wordings are
    snippets, and saving one bumps the site's tag."""

    def build():
        with translation.override(language):
            return StatusWording.for_state(state, language), {pagecache.SITE}

    return pagecache.remember(f"wording:{state}:{language}", build)


def applicant_facts(application) -> dict:
    """Who filed an application, as the integrators' API and the applicant's own data
    export give it."""
    return {
        "full_name": application.applicant_name,
        "email": application.applicant_email,
        "phone": application.applicant_phone,
        "id_number": application.applicant_id_number,
        "address": application.applicant_address,
        "organisation": application.applicant_organisation,
        "tax_code": application.applicant_tax_code,
    }


def answer_rows(application, language="vi"):
    """Answers in the order of the form: (section, label, value) rows."""
    form_version = getattr(application, "form_version", None)
    if form_version is not None:
        return form_answer_rows(form_version, application.answers, language)
    return [("", key, value) for key, value in application.answers.items()]


def stored_files_in_use(names) -> set[str]:
    """The stored names among `names` that an application's files point at (the form
    engine asks before it deletes a draft's uploads)."""
    return set(ApplicationFile.objects.filter(file__in=list(names)).values_list("file", flat=True))


def applicant_files(application):
    return application.files.exclude(kind=FileKind.RESULT).order_by("created_at", "pk")


def result_files(application):
    """The result files, each with the signature checked when it was recorded."""
    return application.files.filter(kind=FileKind.RESULT).select_related("signature")


def supplement_reasons(application):
    event = application.events.filter(action=Action.REQUEST_SUPPLEMENT).last()
    return event.public_note if event else ""


def statistics_key(year) -> str:
    return f"tracking:statistics:{year}"


def monthly_statistics_cached(*, year=None):
    """`monthly_statistics`, kept in the cache for STATISTICS_CACHE_SECONDS and refreshed by
    beat before it expires, so that the public page never counts a year of applications
    while a visitor waits."""
    year = year or timezone.localdate().year
    return cache.get_or_set(
        statistics_key(year),
        lambda: monthly_statistics(year=year),
        settings.STATISTICS_CACHE_SECONDS,
    )


def refresh_statistics(*, year=None):
    year = year or timezone.localdate().year
    rows = monthly_statistics(year=year)
    cache.set(statistics_key(year), rows, settings.STATISTICS_CACHE_SECONDS)
    return rows


def monthly_statistics(*, year=None):
    """Applications received, resolved on time and late, per procedure and month.

    The law (Nghị định 61/2018 Điều 31, Thông tư 01/2018) asks agencies to
    publish how applications were handled; "on time" compares the date of the
    result with the due date promised at acceptance.
    """
    year = year or timezone.localdate().year
    return list(
        Application.objects.filter(submitted_at__year=year)
        .annotate(month=TruncMonth("submitted_at"))
        .values("month", "procedure_code", "procedure_name")
        .annotate(
            received=Count("pk"),
            accepted=Count("pk", filter=Q(accepted_at__isnull=False)),
            on_time=Count("pk", filter=Q(resolved_late=False)),
            late=Count("pk", filter=Q(resolved_late=True) | Q(is_overdue=True)),
            refused=Count("pk", filter=Q(state=State.REFUSED)),
            withdrawn=Count("pk", filter=Q(state=State.WITHDRAWN)),
        )
        .order_by("month", "procedure_name")
    )


# What `_staff_units` answers for the head office: every unit.
ALL_UNITS = "all"


def _staff_units(user):
    """The units whose applications `user` sees on the desk: ALL_UNITS, a queryset of
    units, or None (none at all)."""
    if not user.is_authenticated or not user.has_perm(VIEW_APPLICATIONS):
        return None
    if user.is_superuser:
        return ALL_UNITS
    member = getattr(user, "desk_member", None)
    if member is None:
        return None
    return ALL_UNITS if member.all_units else member.units.all()


def applications_for_staff(user):
    """The applications `user` may see on the desk: their units', or all for the head office."""
    applications = Application.objects.select_related("receiving_unit")
    units = _staff_units(user)
    if units is None:
        return applications.none()
    if units is ALL_UNITS:
        return applications
    return applications.filter(receiving_unit__in=units)


def may_act_on(user, application) -> bool:
    """What the desk asks before an action: the permission to act (which an inactive
    account never has), and the application in one of the user's units."""
    return (
        user.has_perm(ACT_ON_APPLICATIONS)
        and applications_for_staff(user).filter(pk=application.pk).exists()
    )


def desk_queue(user, *, state="", procedure="", unit="", overdue=False, query=""):
    """The desk's queue: open applications first, earliest due date first."""
    applications = applications_for_staff(user)
    if state:
        applications = applications.filter(state=state)
    if procedure:
        applications = applications.filter(procedure_code=procedure)
    if unit:
        applications = applications.filter(receiving_unit_id=unit)
    if overdue:
        applications = applications.filter(is_overdue=True)
    if query:
        applications = applications.filter(search_filter(query))
    return applications.order_by(F("due_date").asc(nulls_last=True), "submitted_at")


DOSSIER_CODE_START = re.compile(r"^[0-9]{3}\.[0-9A-Z.]*", re.IGNORECASE)


def search_filter(query: str) -> Q:
    """The beginning of a dossier code is matched by prefix, which its index answers;
    anything else (part of a code, a name, an organisation) by substring, on
    PostgreSQL through trigram indexes (`tracking` migration 0012)."""
    query = query.strip()
    if DOSSIER_CODE_START.match(query):
        return Q(dossier_code__startswith=query.upper())
    return (
        Q(dossier_code__icontains=query)
        | Q(applicant_name__icontains=query)
        | Q(applicant_organisation__icontains=query)
    )


def _staff_unit_pks(user):
    """`_staff_units` with the units as a tuple of keys, read once per request (the
    user object is the request's)."""
    if not hasattr(user, "_desk_unit_pks"):
        units = _staff_units(user)
        if units is not None and units is not ALL_UNITS:
            units = tuple(sorted(units.values_list("pk", flat=True)))
        user._desk_unit_pks = units
    return user._desk_unit_pks


def _units_key(user) -> str:
    """Who sees the same applications on the desk: one cache key per set of units."""
    units = _staff_unit_pks(user)
    if units is None or units is ALL_UNITS:
        return str(units)
    return "units:" + ",".join(str(pk) for pk in units)


def desk_units(user):
    """(key, name) of the units the desk's filter offers `user`: theirs, or every unit
    for the head office (the list of units is kept until a unit is saved)."""
    units = _staff_unit_pks(user)
    if units is None:
        return []
    every_unit = pagecache.remember(
        "agency-units",
        lambda: (list(AgencyUnit.objects.values_list("pk", "name")), {pagecache.SITE}),
    )
    return [(pk, name) for pk, name in every_unit if units is ALL_UNITS or pk in units]


def desk_counts(user, *, today=None):
    """Counts for the dashboard: by state, due this week, overdue.

    Counting a million applications takes a noticeable part of a second, and every
    page of the desk shows these; they are kept DESK_COUNTS_SECONDS (a minute) per
    set of units, and the page says when they were counted.
    """
    today = today or timezone.localdate()
    counts = cache.get_or_set(
        f"tracking:desk-counts:{_units_key(user)}:{today.isoformat()}",
        lambda: _count(user, today),
        settings.DESK_COUNTS_SECONDS,
    )
    return {**counts, "by_state": [(State(s), counts["states"].get(s, 0)) for s in State]}


def _count(user, today):
    week_end = today + timedelta(days=6 - today.weekday())
    applications = applications_for_staff(user)
    by_state = dict(applications.values_list("state").annotate(n=Count("pk")).order_by())
    running = applications.filter(state__in=[State.ACCEPTED, State.IN_PROGRESS])
    return {
        "counted_at": timezone.now(),
        "states": by_state,
        "waiting": by_state.get(State.SUBMITTED, 0),
        "due_this_week": running.filter(
            Q(new_due_date__isnull=True, due_date__range=(today, week_end))
            | Q(new_due_date__range=(today, week_end))
        ).count(),
        "overdue": running.filter(is_overdue=True).count(),
    }


def procedures_in_use(user):
    """The procedures the desk's filter offers: those of the applications `user` sees
    (read from their index, kept ten times as long as the counts: it changes with the
    catalogue)."""
    return cache.get_or_set(
        f"tracking:procedures-in-use:{_units_key(user)}",
        lambda: list(
            applications_for_staff(user)
            .values_list("procedure_code", "procedure_name")
            .distinct()
            .order_by("procedure_name")
        ),
        settings.DESK_COUNTS_SECONDS * 10,
    )
