"""The access log of an application on the desk, and the log itself in the admin,
for staff allowed to read it (`audit.view_auditentry`)."""

import pytest

from tests.privacy.conftest import make_staff
from tests.tracking.factories import ApplicationFactory

pytestmark = pytest.mark.django_db


def test_staff_allowed_to_read_the_log_see_who_opened_the_application(client):
    application = ApplicationFactory()
    client.force_login(make_staff("mot-cua"))
    client.get(f"/admin/ho-so/{application.pk}/")
    client.force_login(make_staff("kiem-tra", read_audit=True))
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Nhật ký truy cập dữ liệu cá nhân" in html
    assert "mot-cua" in html and "kiem-tra" in html  # this opening is logged before it is shown


def test_other_staff_do_not_see_the_access_log(client):
    application = ApplicationFactory()
    client.force_login(make_staff("mot-cua"))
    html = client.get(f"/admin/ho-so/{application.pk}/").content.decode()
    assert "Nhật ký truy cập dữ liệu cá nhân" not in html


def test_the_log_page_lists_entries_for_those_allowed(client):
    application = ApplicationFactory()
    client.force_login(make_staff("mot-cua"))
    response = client.get("/admin/nhat-ky-kiem-tra/")
    assert (response.status_code, response.url) == (302, "/admin/")  # Wagtail's "no permission"
    client.force_login(make_staff("kiem-tra", read_audit=True))
    html = client.get("/admin/nhat-ky-kiem-tra/", {"q": application.dossier_code}).content.decode()
    assert application.dossier_code in html
    assert "verify_audit_chain" in html
    assert "Sự kiện hồ sơ" in html


def test_the_permission_is_offered_in_wagtails_group_editor():
    from wagtail import hooks

    permissions = [p for fn in hooks.get_hooks("register_permissions") for p in fn()]
    assert "view_auditentry" in {p.codename for p in permissions}
