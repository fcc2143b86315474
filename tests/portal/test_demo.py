"""The demo loader that `make run` calls is idempotent."""

import pytest
from django.apps import apps
from django.core.management import call_command
from wagtail.models import Revision

pytestmark = [pytest.mark.demo, pytest.mark.django_db]


def counts():
    return {
        model._meta.label: model.objects.count()
        for model in apps.get_models()
        if not model._meta.label.startswith(("sessions.", "axes.", "admin."))
    }


def test_loading_the_demo_twice_changes_nothing():
    before = counts()
    revisions = Revision.objects.count()
    call_command("load_demo", verbosity=0)
    assert counts() == before
    assert Revision.objects.count() == revisions


def test_the_demo_keeps_an_editors_changes():
    from portal.models import AgencySettings

    agency = AgencySettings.load()
    agency.phone = "0258 999 999"
    agency.save()
    call_command("load_demo", verbosity=0)
    assert AgencySettings.load().phone == "0258 999 999"


def test_the_demo_admin_can_sign_in(client):
    from portal.demo import DEMO_ADMIN_PASSWORD

    response = client.post(
        "/admin/login/", {"username": "admin", "password": DEMO_ADMIN_PASSWORD}, follow=True
    )
    assert response.status_code == 200
    assert response.wsgi_request.user.username == "admin"
