"""The back-office desk: queue, per-unit permissions, actions, files, dashboard."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from core.models import AgencyUnit
from tests.factories import DIVISION, OFFICE
from tests.tracking.factories import MINIMAL_PDF, ApplicationFactory
from tracking.constants import State
from tracking.models import DeskMember

pytestmark = pytest.mark.django_db


def make_staff(username, *units, can_act=True, all_units=False):
    user = get_user_model().objects.create_user(username, f"{username}@so.example.vn", "x" * 12)
    group, _ = Group.objects.get_or_create(name=f"Một cửa {can_act}")
    codenames = ["access_admin", "view_application"] + (["change_application"] if can_act else [])
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    member = DeskMember.objects.create(user=user, all_units=all_units)
    member.units.set(AgencyUnit.objects.filter(identifier_code__in=units))
    return user


@pytest.fixture
def clerk(client):
    user = make_staff("mot-cua", "000.01.12.H34")
    client.force_login(user)
    return user


def test_queue_lists_only_the_staff_members_units(client, clerk):
    mine = ApplicationFactory(unit_code=OFFICE)
    other = ApplicationFactory(unit_code=DIVISION)
    html = client.get("/admin/ho-so/").content.decode()
    assert mine.dossier_code in html
    assert other.dossier_code not in html
    assert client.get(f"/admin/ho-so/{other.pk}/").status_code == 404
    assert client.get(f"/admin/ho-so/{mine.pk}/").status_code == 200


def test_queue_filters_by_state_and_overdue(client, clerk):
    waiting = ApplicationFactory()
    accepted = ApplicationFactory(accepted=True)
    html = client.get("/admin/ho-so/", {"state": "accepted"}).content.decode()
    assert accepted.dossier_code in html and waiting.dossier_code not in html
    from tracking.models import Application

    Application.objects.filter(pk=accepted.pk).update(is_overdue=True)
    html = client.get("/admin/ho-so/", {"overdue": "on"}).content.decode()
    assert accepted.dossier_code in html and waiting.dossier_code not in html


def test_clerk_accepts_and_the_due_date_counts_working_days(client, clerk):
    application = ApplicationFactory()
    response = client.post(
        f"/admin/ho-so/{application.pk}/", {"action": "accept", "accept-note": ""}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.ACCEPTED
    assert application.due_date is not None
    assert application.due_date.weekday() < 5
    event = application.events.last()
    assert event.actor == clerk


def test_refusal_without_reasons_shows_the_error_and_changes_nothing(client, clerk):
    application = ApplicationFactory()
    response = client.post(
        f"/admin/ho-so/{application.pk}/", {"action": "refuse", "refuse-reasons": ""}
    )
    assert response.status_code == 400
    assert "Vui lòng nêu rõ lý do." in response.content.decode()
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_only_allowed_actions_are_offered_and_accepted(client, clerk):
    application = ApplicationFactory(decided=True)
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert 'value="deliver"' in html
    assert 'value="accept"' not in html
    response = client.post(f"/admin/ho-so/{application.pk}/", {"action": "accept"})
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.DECIDED


def test_recording_the_result_needs_a_real_pdf(client, clerk):
    application = ApplicationFactory(in_progress=True)
    fake = io.BytesIO(b"not a pdf")
    fake.name = "ket-qua.pdf"
    response = client.post(
        f"/admin/ho-so/{application.pk}/", {"action": "decide", "decide-result": fake}
    )
    assert response.status_code == 400
    good = io.BytesIO(MINIMAL_PDF)
    good.name = "giay-phep.pdf"
    response = client.post(
        f"/admin/ho-so/{application.pk}/", {"action": "decide", "decide-result": good}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.DECIDED
    assert application.files.filter(kind="result", original_name="giay-phep.pdf").exists()


def test_staff_who_may_only_view_cannot_act(client):
    viewer = make_staff("chi-xem", "000.01.12.H34", can_act=False)
    client.force_login(viewer)
    application = ApplicationFactory()
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert 'value="accept"' not in html
    response = client.post(f"/admin/ho-so/{application.pk}/", {"action": "accept"})
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "no permission"
    application.refresh_from_db()
    assert application.state == State.SUBMITTED


def test_files_are_streamed_only_to_staff_of_the_unit(client, clerk):
    application = ApplicationFactory()
    upload = application.files.get()
    response = client.get(f"/admin/ho-so/{application.pk}/tep/{upload.pk}/")
    assert response.status_code == 200
    assert b"".join(response.streaming_content) == MINIMAL_PDF
    outsider = make_staff("don-vi-khac", "000.03.12.H34")
    client.force_login(outsider)
    assert client.get(f"/admin/ho-so/{application.pk}/tep/{upload.pk}/").status_code == 404


def test_an_editor_without_desk_permission_cannot_open_the_desk(client):
    editor = get_user_model().objects.create_user("bien-tap", "bt@so.example.vn", "x" * 12)
    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    client.force_login(editor)
    response = client.get("/admin/ho-so/")
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "no permission"


def test_dashboard_counts_waiting_due_and_overdue(client, clerk):
    ApplicationFactory()
    late = ApplicationFactory(accepted=True)
    from tracking.models import Application

    Application.objects.filter(pk=late.pk).update(is_overdue=True)
    html = client.get("/admin/ho-so/tong-quan/").content.decode()
    assert "chờ tiếp nhận" in html
    assert "quá hạn" in html


def test_queue_query_count_is_pinned(client, clerk, settings, django_assert_max_num_queries):
    settings.DESK_COUNTS_SECONDS = 60  # as deployed: the counts are kept a minute
    for _ in range(5):
        ApplicationFactory()
    client.get("/admin/ho-so/")
    # Seven are what any signed-in page of Wagtail's admin costs: the session, the user
    # (with their profile and desk membership), their permissions (their own and their
    # groups', one query), the locales, the page and collection permissions and the
    # explorer's root page (the menu). The desk's own: the clerk's units, the count
    # (capped) and the page of applications.
    with django_assert_max_num_queries(10):
        assert client.get("/admin/ho-so/").status_code == 200
