"""What editors see in the admin: the mandated-information report and moderation."""

import datetime

import pytest
from django.contrib.auth.models import Group, Permission, User
from django.utils import timezone
from wagtail.models import Page

from portal.models import AgencySettings, DraftComment, MandatedSection
from portal.selectors import mandated_information_status
from tests.portal.factories import DraftCommentFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(client):
    group = Group.objects.get(name="Editors")
    user = User.objects.create_user("bientap", "bt@example.gov.vn", "Mat-khau-dai-2026")
    user.groups.add(group)
    client.force_login(user)
    return user


def by_section():
    return {status.section: status for status in mandated_information_status()}


def test_a_portal_with_every_section_leaves_none_missing_or_stale(portal):
    statuses = by_section()
    for section in MandatedSection:
        assert not statuses[section].is_missing, section
        assert not statuses[section].is_stale, section


def test_a_section_without_pages_is_flagged_missing(portal):
    assert not by_section()[MandatedSection.DIRECTORY].is_missing
    Page.objects.get(slug="danh-ba").unpublish()
    assert by_section()[MandatedSection.DIRECTORY].is_missing


def test_a_section_not_updated_for_too_long_is_flagged_stale(portal):
    old = timezone.now() - datetime.timedelta(days=200)
    index = Page.objects.get(slug="khoa-hoc-cong-nghe")
    Page.objects.filter(pk=index.pk).update(last_published_at=old)
    Page.objects.descendant_of(index).update(last_published_at=old)
    status = by_section()[MandatedSection.SCIENCE]
    assert status.is_stale and status.days_since_update == 200


def test_the_stale_limit_is_configurable_in_the_agency_settings(portal):
    index = Page.objects.get(slug="khoa-hoc-cong-nghe")
    old = timezone.now() - datetime.timedelta(days=20)
    Page.objects.filter(pk=index.pk).update(last_published_at=old)
    Page.objects.descendant_of(index).update(last_published_at=old)
    assert not by_section()[MandatedSection.SCIENCE].is_stale
    agency = AgencySettings.load()
    agency.stale_after_days = 10
    agency.save()
    assert by_section()[MandatedSection.SCIENCE].is_stale


def test_an_answer_keeps_the_qa_section_fresh(portal):
    from portal.models import Question

    old = timezone.now() - datetime.timedelta(days=300)
    qa = Page.objects.get(slug="hoi-dap")
    Page.objects.filter(pk=qa.pk).update(last_published_at=old)
    Question.objects.update(answered_at=old)
    assert by_section()[MandatedSection.QA].is_stale
    Question.objects.filter(pk=Question.objects.published().last().pk).update(
        answered_at=timezone.now()
    )
    assert not by_section()[MandatedSection.QA].is_stale


def test_editors_see_the_report_in_the_admin(client, editor, portal):
    Page.objects.get(slug="danh-ba").unpublish()
    response = client.get("/admin/reports/mandated-information/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Thông tin bắt buộc phải công khai" in html
    assert "Danh bạ thư điện tử, đầu mối liên hệ" in html
    assert "Thiếu" in html


def test_the_report_needs_an_admin_account(client):
    response = client.get("/admin/reports/mandated-information/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_moderating_a_comment_records_who_and_when(client, editor):
    editor.user_permissions.add(
        *Permission.objects.filter(codename__in=["change_draftcomment", "view_draftcomment"])
    )
    comment = DraftCommentFactory()
    assert comment.status == DraftComment.Status.PENDING
    url = f"/admin/snippets/portal/draftcomment/edit/{comment.pk}/"
    response = client.post(url, {"status": DraftComment.Status.APPROVED})
    assert response.status_code == 302, response.content.decode()[:2000]
    comment.refresh_from_db()
    assert comment.status == DraftComment.Status.APPROVED
    assert comment.moderated_by == editor and comment.moderated_at is not None
