"""The state machine of an application (`tracking.constants.TRANSITIONS`): only allowed transitions, each one logged."""

import datetime

import pytest

from tests.tracking.factories import ApplicationFactory, stored_file
from tracking import operations
from tracking.constants import TRANSITIONS, Action, State
from tracking.models import ApplicationEvent

pytestmark = pytest.mark.django_db

CLERK = "Cán bộ một cửa"

# How to bring a fresh application into each state through allowed steps.
ROUTES = {
    State.SUBMITTED: {},
    State.SUPPLEMENT_REQUESTED: {"supplement_requested": True},
    State.REFUSED: {"refused": True},
    State.ACCEPTED: {"accepted": True},
    State.IN_PROGRESS: {"in_progress": True},
    State.DECIDED: {"decided": True},
    State.DELIVERED: {"delivered": True},
}


def act(application, action):
    """Apply one action through the operation the desk or the applicant would use."""
    due = datetime.date(2026, 12, 7)
    operation = {
        Action.ACCEPT: lambda: operations.accept_application(
            application=application, actor=CLERK, due_date=due
        ),
        Action.REQUEST_SUPPLEMENT: lambda: operations.request_supplement(
            application=application, actor=CLERK, reasons="Bổ sung giấy tờ"
        ),
        Action.REFUSE: lambda: operations.refuse_application(
            application=application, actor=CLERK, reasons="Không đủ điều kiện"
        ),
        Action.STOP: lambda: operations.stop_processing(
            application=application, actor=CLERK, reasons="Người nộp đề nghị dừng"
        ),
        Action.DECIDE: lambda: operations.record_result(
            application=application, actor=CLERK, files=[stored_file()]
        ),
        Action.SUPPLEMENT: lambda: operations.answer_supplement(
            application=application, files=[stored_file()]
        ),
    }.get(action)
    if operation is not None:
        return operation()
    return operations.transition(application=application, action=action, actor=CLERK)


@pytest.mark.parametrize(
    ("state", "action"),
    [(s, a) for (s, a) in sorted(TRANSITIONS) if s in ROUTES],
    ids=lambda v: str(v),
)
def test_every_allowed_transition_moves_the_application_and_logs_it(state, action):
    application = ApplicationFactory(**ROUTES[state])
    assert application.state == state
    event = act(application, action)
    application.refresh_from_db()
    assert application.state == TRANSITIONS[(state, action)]
    assert (event.from_state, event.to_state, event.action) == (state, application.state, action)
    assert event.actor_label in (CLERK, application.applicant_name)


FORBIDDEN = [
    (state, action)
    for state in ROUTES
    for action in Action
    if (state, action) not in TRANSITIONS
    and action not in (Action.APOLOGISE, Action.EXCHANGE_STATUS, Action.FLAG_OVERDUE)
]


@pytest.mark.parametrize(("state", "action"), FORBIDDEN, ids=lambda v: str(v))
def test_every_other_transition_is_refused_and_changes_nothing(state, action):
    application = ApplicationFactory(**ROUTES[state])
    events_before = application.events.count()
    with pytest.raises(operations.InvalidTransition):
        act(application, action)
    application.refresh_from_db()
    assert application.state == state
    assert application.events.count() == events_before


def test_supplement_can_be_requested_only_once():
    application = ApplicationFactory(supplement_requested=True)
    operations.answer_supplement(application=application, files=[stored_file()])
    assert application.state == State.SUBMITTED
    with pytest.raises(operations.InvalidTransition, match="một lần"):
        operations.request_supplement(application=application, actor=CLERK, reasons="Lần hai")


def test_refusal_needs_reasons():
    application = ApplicationFactory()
    with pytest.raises(operations.TrackingError):
        operations.refuse_application(application=application, actor=CLERK, reasons="  ")
    assert application.state == State.SUBMITTED


def test_apology_sets_a_new_later_date_only_once():
    application = ApplicationFactory(in_progress=True)
    new_date = application.due_date + datetime.timedelta(days=5)
    event = operations.apologise(
        application=application, actor=CLERK, new_due_date=new_date, reasons="Cần thẩm định thêm."
    )
    assert application.new_due_date == new_date
    assert application.effective_due_date == new_date
    assert event.to_state == State.IN_PROGRESS
    with pytest.raises(operations.InvalidTransition):
        operations.apologise(
            application=application,
            actor=CLERK,
            new_due_date=new_date + datetime.timedelta(days=1),
            reasons="Lần hai",
        )


def test_apology_date_must_be_after_the_first_promise():
    application = ApplicationFactory(accepted=True)
    with pytest.raises(operations.TrackingError):
        operations.apologise(
            application=application,
            actor=CLERK,
            new_due_date=application.due_date,
            reasons="Chậm",
        )


@pytest.mark.parametrize("state", [State.DECIDED, State.DELIVERED, State.REFUSED])
def test_withdrawal_only_before_a_decision(state):
    application = ApplicationFactory(**ROUTES[state])
    with pytest.raises(operations.InvalidTransition):
        operations.withdraw_application(application=application, reason="Không cần nữa")


def test_withdrawal_records_the_reason():
    application = ApplicationFactory(accepted=True)
    event = operations.withdraw_application(application=application, reason="Đã đổi kế hoạch.")
    assert application.state == State.WITHDRAWN
    assert event.public_note == "Đã đổi kế hoạch."


def test_the_event_log_is_append_only():
    event = ApplicationFactory().events.get()
    event.note = "sửa"
    with pytest.raises(ValueError):
        event.save()
    with pytest.raises(ValueError):
        event.delete()
    assert ApplicationEvent.objects.filter(pk=event.pk, note="").exists()


def test_overdue_applications_are_flagged_once():
    late = ApplicationFactory(accepted=True)
    on_time = ApplicationFactory(accepted=True)
    day_after = late.due_date + datetime.timedelta(days=1)
    from tracking.models import Application

    Application.objects.filter(pk=on_time.pk).update(due_date=day_after)
    operations.flag_overdue_applications(today=day_after)
    assert operations.flag_overdue_applications(today=day_after) == 0
    late.refresh_from_db()
    on_time.refresh_from_db()
    assert late.is_overdue
    assert not on_time.is_overdue
    assert late.events.filter(action=Action.FLAG_OVERDUE).count() == 1


def test_a_result_after_the_due_date_counts_as_late():
    application = ApplicationFactory(in_progress=True)
    operations.record_result(application=application, actor=CLERK, files=[stored_file()])
    # The factory's due date (7 Dec 2026) is compared with today's date.
    from django.utils import timezone

    assert application.resolved_late == (timezone.localdate() > datetime.date(2026, 12, 7))
