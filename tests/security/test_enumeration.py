"""Abuse: the sign-up page must not tell whether an address already has an account.

An address with an account gets the same page, status and text as a new one; the
owner is told by e-mail (links to sign in and to reset the password) and no second
account is made. The sign-up stays rate-limited per address.
"""

import re
import smtplib

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import ApplicantProfile

pytestmark = pytest.mark.django_db

SIGN_UP = "/tai-khoan/dang-ky/"
PASSWORD = "Mat-khau-an-toan-2026"
INTRUDER_PASSWORD = "Mat-khau-cua-ke-thu-2026"
EXISTING = "hoa.nguyen@example.vn"
NEW = "nam.tran@example.vn"


@pytest.fixture
def owner(db):
    user = get_user_model().objects.create_user(EXISTING, EXISTING, PASSWORD)
    ApplicantProfile.objects.create(user=user, full_name="Nguyễn Thị Hoa")
    return user


def sign_up(client, email, password=INTRUDER_PASSWORD):
    return client.post(
        SIGN_UP,
        {"full_name": "Ai đó", "email": email, "password1": password, "password2": password},
    )


def page_text(response, email):
    """The page with the address typed (which it repeats) and per-request tokens put aside."""
    text = response.content.decode().replace(email, "<address>")
    return re.sub(r'(name="csrfmiddlewaretoken" value=|nonce=)"[^"]*"', r"\1…", text)


def test_an_existing_address_gets_the_same_answer_as_a_new_one(client, owner):
    existing = sign_up(client, "Hoa.Nguyen@Example.vn")
    new = sign_up(client, NEW)
    assert existing.status_code == new.status_code == 200
    assert "accounts/verification_sent.html" in [t.name for t in existing.templates]
    assert "accounts/verification_sent.html" in [t.name for t in new.templates]
    assert page_text(existing, EXISTING) == page_text(new, NEW)
    assert "Kiểm tra hộp thư" in existing.text
    assert f"Cổng đã gửi thư xác minh tới {EXISTING}." in existing.text
    assert "đã có tài khoản" not in existing.text


def test_the_owner_is_told_by_e_mail_and_nothing_else_changes(client, owner):
    sign_up(client, EXISTING)
    assert get_user_model().objects.filter(email__iexact=EXISTING).count() == 1
    assert get_user_model().objects.count() == 1
    owner.refresh_from_db()
    assert owner.check_password(PASSWORD) and owner.is_active
    [message] = mail.outbox
    assert message.to == [EXISTING]
    assert message.subject == "Có người đăng ký tài khoản bằng địa chỉ thư điện tử của bạn"
    assert "vừa đăng ký tài khoản trên cổng dịch vụ công bằng địa chỉ thư điện tử này" in (
        message.body
    )
    assert "http://testserver/tai-khoan/dang-nhap/" in message.body
    assert "http://testserver/tai-khoan/quen-mat-khau/" in message.body
    assert "/tai-khoan/xac-minh/" not in message.body  # the account is active already


def test_an_owner_who_never_verified_gets_a_fresh_verification_link(client, db):
    sign_up(client, NEW, password=PASSWORD)
    mail.outbox.clear()
    sign_up(client, NEW)
    [message] = mail.outbox
    link = re.search(r"http://testserver(/tai-khoan/xac-minh/\S+)", message.body).group(1)
    assert client.get(link).status_code == 302
    user = get_user_model().objects.get(username=NEW)
    assert user.is_active
    assert user.check_password(PASSWORD)  # the second sign-up's password was not taken


def test_a_mail_failure_reads_the_same_for_both(client, owner, monkeypatch):
    from django.core.mail import EmailMessage

    def mail_server_down(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMessage, "send", mail_server_down)
    existing = sign_up(client, EXISTING)
    new = sign_up(client, NEW)
    assert existing.status_code == new.status_code == 200
    assert page_text(existing, EXISTING) == page_text(new, NEW)
    assert f"Chưa gửi được thư xác minh tới {EXISTING}" in existing.text
    assert get_user_model().objects.count() == 1


def test_sign_ups_with_existing_addresses_count_against_the_rate_limit(client, owner, settings):
    settings.ACCOUNTS_EMAIL_RATE = "2/h"
    assert sign_up(client, EXISTING).status_code == 200
    assert sign_up(client, EXISTING).status_code == 200
    third = sign_up(client, EXISTING)
    assert third.status_code == 429
    assert len(mail.outbox) == 2
