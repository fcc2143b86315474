"""`manage.py fill_applications N`: N realistic applications, for benchmarks at scale.

Spread over the agency's units and live procedures, the last `--days` days and
the states of the state machine, each with the events its state implies (who,
when, which transition), one uploaded file's metadata (no bytes are stored), a
due date and, for the closed ones, whether they were late. Rows are written with
bulk inserts in batches (10⁶ in minutes on PostgreSQL), bypassing the state
machine on purpose: the events are those it would have written. The dossier
codes continue each unit's daily sequence, which is moved on, so the portal
keeps numbering after them. Never run it on a production database.
"""

import datetime
import hashlib
import random
import secrets

from django.core.management.base import BaseCommand, CommandError
from django.db import transaction
from django.utils import timezone

from core.models import AgencyUnit
from services.models import Procedure
from tracking.codes import format_dossier_code
from tracking.constants import Action, FileKind, State
from tracking.models import Application, ApplicationEvent, ApplicationFile, DossierSequence

FAMILY = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi"]
MIDDLE = ["Văn", "Thị", "Minh", "Ngọc", "Thanh", "Hữu", "Đức", "Thu", "Quốc", "Gia"]
GIVEN = ["An", "Bình", "Châu", "Dũng", "Giang", "Hà", "Hải", "Hoa", "Hùng", "Lan", "Long", "Mai"]
COMPANY = ["In Nha Trang", "Truyền thông Biển Xanh", "Quảng cáo Hòn Tre", "Xuất bản Cam Ranh"]
# How a year's applications end up, in shares that add up to 100.
STATE_SHARES = [
    (State.DELIVERED, 52),
    (State.DECIDED, 6),
    (State.IN_PROGRESS, 14),
    (State.ACCEPTED, 8),
    (State.SUBMITTED, 6),
    (State.SUPPLEMENT_REQUESTED, 4),
    (State.AWAITING_PAYMENT, 3),
    (State.REFUSED, 4),
    (State.WITHDRAWN, 2),
    (State.STOPPED, 1),
]
# The actions that lead to each state, after submission.
PATHS = {
    State.SUBMITTED: [],
    State.AWAITING_PAYMENT: [],
    State.REFUSED: [Action.REFUSE],
    State.SUPPLEMENT_REQUESTED: [Action.REQUEST_SUPPLEMENT],
    State.ACCEPTED: [Action.ACCEPT],
    State.IN_PROGRESS: [Action.ACCEPT, Action.START],
    State.STOPPED: [Action.ACCEPT, Action.START, Action.STOP],
    State.WITHDRAWN: [Action.WITHDRAW],
    State.DECIDED: [Action.ACCEPT, Action.START, Action.DECIDE],
    State.DELIVERED: [Action.ACCEPT, Action.START, Action.DECIDE, Action.DELIVER],
}
TARGET = {
    Action.REFUSE: State.REFUSED,
    Action.REQUEST_SUPPLEMENT: State.SUPPLEMENT_REQUESTED,
    Action.ACCEPT: State.ACCEPTED,
    Action.START: State.IN_PROGRESS,
    Action.STOP: State.STOPPED,
    Action.WITHDRAW: State.WITHDRAWN,
    Action.DECIDE: State.DECIDED,
    Action.DELIVER: State.DELIVERED,
}


class Command(BaseCommand):
    help = "Fill the database with N realistic applications (for benchmarks; never in production)."

    def add_arguments(self, parser):
        parser.add_argument("count", type=int)
        parser.add_argument("--days", type=int, default=365, help="spread over the last DAYS days")
        parser.add_argument("--batch", type=int, default=5000)
        parser.add_argument("--seed", type=int, default=2026)

    def handle(self, count, days, batch, seed, **options):
        units = list(AgencyUnit.objects.all())
        procedures = list(
            Procedure.objects.live()
            .filter(locale__language_code="vi")
            .values("pk", "code", "title", "processing_days", "receiving_unit_id")
        )
        if not units:
            raise CommandError(
                "Chưa có đơn vị nào (AgencyUnit): hãy nạp dữ liệu trước (make demo)."
            )
        if count < 1:
            raise CommandError("Số hồ sơ phải lớn hơn 0.")
        if count > 9999 * days * len(units):
            raise CommandError("Quá nhiều hồ sơ cho số ngày và số đơn vị: tăng --days.")
        rng = random.Random(seed)  # noqa: S311 (test data, repeatable by its seed)
        self.next_number = {}
        self.marker = secrets.token_hex(4)
        made = 0
        while made < count:
            size = min(batch, count - made)
            with transaction.atomic():
                self.write_batch(rng, size, made, units, procedures, days)
            made += size
            self.stdout.write(f"{made}/{count}")
        with transaction.atomic():
            self.move_sequences_on()
        self.stdout.write(self.style.SUCCESS(f"Đã tạo {count} hồ sơ."))

    def code_for(self, unit, day):
        key = (unit.identifier_code, day)
        if key not in self.next_number:
            taken = DossierSequence.objects.filter(unit_code=key[0], day=day).values_list(
                "last", flat=True
            )
            self.next_number[key] = (taken.first() or 0) + 1
        number = self.next_number[key]
        self.next_number[key] = number + 1
        return format_dossier_code(unit.identifier_code, day, number)

    def move_sequences_on(self):
        for (unit_code, day), following in self.next_number.items():
            sequence, _ = DossierSequence.objects.get_or_create(unit_code=unit_code, day=day)
            if sequence.last < following - 1:
                DossierSequence.objects.filter(pk=sequence.pk).update(last=following - 1)

    def write_batch(self, rng, size, offset, units, procedures, days):
        now = timezone.now()
        states = [state for state, share in STATE_SHARES for _ in range(share)]
        applications, paths = [], []
        for n in range(size):
            procedure = rng.choice(procedures) if procedures else None
            unit = next(
                (u for u in units if procedure and u.pk == procedure["receiving_unit_id"]),
                rng.choice(units),
            )
            submitted = now - datetime.timedelta(seconds=rng.randrange(days * 86400))
            day = timezone.localdate(submitted)
            state = rng.choice(states)
            path = PATHS[state]
            processing_days = procedure["processing_days"] if procedure else 10
            accepted = submitted + datetime.timedelta(hours=rng.randrange(2, 48))
            due = timezone.localdate(accepted) + datetime.timedelta(days=processing_days + 4)
            decided = accepted + datetime.timedelta(days=rng.randrange(1, processing_days + 8))
            organisation = rng.random() < 0.4
            name = f"{rng.choice(FAMILY)} {rng.choice(MIDDLE)} {rng.choice(GIVEN)}"
            serial = offset + n
            application = Application(
                dossier_code=self.code_for(unit, day),
                state=state,
                receiving_unit=unit,
                procedure_id=procedure["pk"] if procedure else None,
                procedure_code=procedure["code"] if procedure else "1.000000.000.00.00.H34",
                procedure_name=procedure["title"] if procedure else "Thủ tục thử tải",
                processing_days=processing_days,
                applicant_name=name,
                applicant_email=f"nguoinop{serial}@example.vn",
                applicant_phone=f"09{rng.randrange(10**8):08d}",
                applicant_id_number="" if organisation else f"0561{rng.randrange(10**8):08d}",
                applicant_address=f"{rng.randrange(1, 300)} Trần Phú, Nha Trang, Khánh Hòa",
                applicant_organisation=f"Công ty TNHH {rng.choice(COMPANY)}"
                if organisation
                else "",
                applicant_tax_code=f"42{rng.randrange(10**8):08d}" if organisation else "",
                answers={"ghi_chu": "Hồ sơ thử tải"},
                idempotency_key=f"fill-{self.marker}-{serial}",
                access_secret=secrets.token_urlsafe(24),
                submitted_at=submitted,
                accepted_at=accepted if Action.ACCEPT in path else None,
                due_date=due if Action.ACCEPT in path else None,
                decided_at=decided if Action.DECIDE in path else None,
                delivered_at=decided + datetime.timedelta(days=1)
                if Action.DELIVER in path
                else None,
                resolved_late=(timezone.localdate(decided) > due)
                if Action.DECIDE in path
                else None,
                is_overdue=Action.ACCEPT in path
                and Action.DECIDE not in path
                and due < timezone.localdate(now),
            )
            applications.append(application)
            paths.append(path)
        Application.objects.bulk_create(applications, batch_size=1000)
        events, submit_events = [], []
        for application, path in zip(applications, paths, strict=True):
            first = (
                State.AWAITING_PAYMENT
                if application.state == State.AWAITING_PAYMENT
                else State.SUBMITTED
            )
            submit = ApplicationEvent(
                application=application,
                action=Action.SUBMIT,
                from_state="",
                to_state=first,
                at=application.submitted_at,
            )
            events.append(submit)
            submit_events.append(submit)
            previous, at = first, application.accepted_at or application.submitted_at
            for action in path:
                at = {
                    Action.DECIDE: application.decided_at,
                    Action.DELIVER: application.delivered_at,
                }.get(action) or at + datetime.timedelta(hours=2)
                events.append(
                    ApplicationEvent(
                        application=application,
                        action=action,
                        from_state=previous,
                        to_state=TARGET[action],
                        actor_label="Cán bộ một cửa",
                        at=at,
                    )
                )
                previous = TARGET[action]
        ApplicationEvent.objects.bulk_create(events, batch_size=2000)
        ApplicationFile.objects.bulk_create(
            [
                ApplicationFile(
                    application=event.application,
                    event=event,
                    kind=FileKind.UPLOAD,
                    field_name="giay_to",
                    label="Bản sao giấy tờ",
                    file=f"fill/{event.application.idempotency_key}.pdf",
                    original_name="ban-sao.pdf",
                    content_type="application/pdf",
                    size=48_213,
                    sha256=hashlib.sha256(event.application.idempotency_key.encode()).hexdigest(),
                    created_at=event.at,
                )
                for event in submit_events
            ],
            batch_size=2000,
        )
