"""A draft keeps the version it started with; a form may ask to confirm the e-mail."""

import json
import re

import pytest
from django.core import mail

from forms.models import FormDefinition
from forms.operations import publish_definition
from tracking.models import Application

from .conftest import Walker
from .test_wizard import SLUG, fill_documents, fill_until_documents

pytestmark = [pytest.mark.django_db, pytest.mark.usefixtures("newsletter")]


def republish(**changes):
    definition = FormDefinition.objects.get(slug=SLUG)
    steps = definition.steps.raw_data
    for name, value in changes.pop("relabel", {}).items():
        for item in steps[0]["value"]["fields"]:
            if item["value"].get("name") == name:
                item["value"]["label"] = value
    definition.steps = json.dumps(list(steps), ensure_ascii=False)
    for key, value in changes.items():
        setattr(definition, key, value)
    definition.save()
    return publish_definition(definition=definition)


def test_a_draft_in_progress_keeps_its_version_when_the_form_is_republished(client):
    walker = Walker(client, SLUG)
    fill_until_documents(walker)
    version = republish(relabel={"ten_to_chuc": "Tên đầy đủ của tổ chức"})
    assert version.number == 2
    html = client.get(walker.url("co-quan-to-chuc")).content.decode()
    assert "Tên cơ quan, tổ chức" in html
    assert "Tên đầy đủ của tổ chức" not in html
    fill_documents(walker)
    response = walker.post("xem-lai", {"declaration": "on", "privacy_consent": "on"})
    assert response.status_code == 302
    application = Application.objects.get(form_version__definition__slug=SLUG)
    assert application.form_version.number == 1
    from django.test import Client

    fresh = Client().get(f"/bieu-mau/{SLUG}/", follow=True).content.decode()
    assert "Tên đầy đủ của tổ chức" in fresh


def test_the_applicant_confirms_the_e_mail_with_a_code_before_submitting(client):
    republish(confirm_email=True)
    walker = Walker(client, SLUG)
    fill_until_documents(walker)
    fill_documents(walker)
    html = client.get(walker.url("xem-lai")).content.decode()
    assert "Chúng tôi đã gửi mã xác nhận gồm 6 chữ số tới lienhe@bienxanh.vn" in html
    assert len(mail.outbox) == 1
    code = re.search(r"\d{6}", mail.outbox[0].subject).group()
    wrong = "000000" if code != "000000" else "111111"
    response = walker.post(
        "xem-lai", {"declaration": "on", "privacy_consent": "on", "email_code": wrong}
    )
    assert "Mã xác nhận không đúng" in response.content.decode()
    assert not Application.objects.filter(form_version__definition__slug=SLUG).exists()
    response = walker.post(
        "xem-lai", {"declaration": "on", "privacy_consent": "on", "email_code": code}
    )
    assert response.status_code == 302
    assert Application.objects.filter(form_version__definition__slug=SLUG).count() == 1


def test_a_code_the_mail_server_did_not_take_is_said_so_and_sent_again_later(client, monkeypatch):
    import smtplib

    from django.core.mail import EmailMessage

    republish(confirm_email=True)
    walker = Walker(client, SLUG)
    fill_until_documents(walker)
    fill_documents(walker)
    send = EmailMessage.send

    def mail_server_down(self, fail_silently=False):
        raise smtplib.SMTPConnectError(421, "Service not available")

    monkeypatch.setattr(EmailMessage, "send", mail_server_down)
    html = client.get(walker.url("xem-lai")).content.decode()
    assert "Chưa gửi được mã xác nhận tới lienhe@bienxanh.vn" in html
    assert "Thông tin đã khai vẫn được giữ" in html
    response = walker.post(
        "xem-lai", {"declaration": "on", "privacy_consent": "on"}, resend_code="1"
    )
    page = client.get(response["Location"]).content.decode()
    assert "Chưa gửi được mã xác nhận tới lienhe@bienxanh.vn" in page

    monkeypatch.setattr(EmailMessage, "send", send)  # the mail server is back
    html = client.get(walker.url("xem-lai")).content.decode()
    assert "Chúng tôi đã gửi mã xác nhận gồm 6 chữ số tới lienhe@bienxanh.vn" in html
    code = re.search(r"\d{6}", mail.outbox[-1].subject).group()
    response = walker.post(
        "xem-lai", {"declaration": "on", "privacy_consent": "on", "email_code": code}
    )
    assert response.status_code == 302
    assert Application.objects.filter(form_version__definition__slug=SLUG).count() == 1
