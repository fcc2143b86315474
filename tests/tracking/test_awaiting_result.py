"""A decision recorded without its result file (status 06 of the document exchange) is
shown as awaiting the file until one is attached, once."""

import pytest

from tests.tracking.factories import ApplicationFactory, stored_file
from tests.tracking.pdf_signers import result_pdf
from tracking import operations, selectors
from tracking.constants import Action, FileKind, State

pytestmark = pytest.mark.django_db

AWAITING = "Đã giải quyết, chờ tệp kết quả"


@pytest.fixture
def awaiting():
    application = ApplicationFactory(in_progress=True)
    operations.record_result(application=application, actor="exchange", files=[])
    application.refresh_from_db()
    return application


def attach(application):
    return operations.attach_result(
        application=application,
        actor="Phòng chuyên môn",
        files=[stored_file("giay-phep.pdf", content=result_pdf(), label="Giấy phép")],
    )


def test_the_public_status_of_a_decision_without_file_awaits_it(awaiting):
    status = selectors.public_status(awaiting)
    assert (status["code"], status["label"]) == ("decided_awaiting_result", AWAITING)
    assert "đang được hoàn thiện" in status["description"]
    decided = selectors.public_timeline(awaiting)[-1]
    assert (decided["action_code"], decided["state_code"]) == (Action.DECIDE, State.DECIDED)
    assert decided["state"] == AWAITING


def test_with_its_file_a_decision_reads_as_decided():
    application = ApplicationFactory(decided=True)
    status = selectors.public_status(application)
    assert (status["code"], status["label"]) == (State.DECIDED, "Đã có kết quả")
    assert selectors.public_timeline(application)[-1]["state"] == "Đã có kết quả"


def test_attaching_the_file_ends_the_wait_and_keeps_the_history(awaiting):
    event = attach(awaiting)
    assert (event.action, event.from_state, event.to_state) == (
        Action.ATTACH_RESULT,
        State.DECIDED,
        State.DECIDED,
    )
    assert selectors.public_status(awaiting)["label"] == "Đã có kết quả"
    lines = selectors.public_timeline(awaiting)
    assert [line["state"] for line in lines[-2:]] == [AWAITING, "Đã có kết quả"]
    assert awaiting.files.get(kind=FileKind.RESULT).signature.by_agency


def test_a_result_file_is_attached_once(awaiting):
    attach(awaiting)
    assert not operations.is_allowed(awaiting, Action.ATTACH_RESULT)
    with pytest.raises(operations.InvalidTransition):
        attach(awaiting)
    assert awaiting.files.filter(kind=FileKind.RESULT).count() == 1


def test_a_result_file_is_attached_only_to_a_decision(awaiting):
    running = ApplicationFactory(in_progress=True)
    assert not operations.is_allowed(running, Action.ATTACH_RESULT)
    assert not operations.is_allowed(ApplicationFactory(decided=True), Action.ATTACH_RESULT)
    assert operations.is_allowed(awaiting, Action.ATTACH_RESULT)
    with pytest.raises(operations.InvalidTransition):
        attach(running)


def test_attaching_nothing_is_refused_with_a_message(awaiting):
    with pytest.raises(operations.TrackingError) as caught:
        operations.attach_result(application=awaiting, actor="x", files=[])
    assert caught.value.message == "Vui lòng đính kèm tệp kết quả."


def test_the_lookup_tells_a_waiting_decision_from_a_delivered_file_in_two_queries(
    client, awaiting, django_assert_max_num_queries
):
    def lookup():
        # The factory's applicant gave a phone ending in 3456.
        query = {"ma": awaiting.dossier_code, "xac_minh": "3456"}
        return client.get("/tra-cuu-ho-so/", query).content.decode()

    lookup()  # the site, its menu and the wordings are kept from here on
    # The application (with its unit and whether a result file exists), its timeline.
    with django_assert_max_num_queries(2):
        assert AWAITING in lookup()
    attach(awaiting)
    lookup()  # the wording of a decision with its result, kept from here on
    with django_assert_max_num_queries(2):
        page = lookup()
    assert "Đã có kết quả" in page
    assert AWAITING in page  # the decision's own line in the timeline still waited
