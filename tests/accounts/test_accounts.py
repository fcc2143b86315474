"""Applicants' accounts: sign-up with e-mail verification, sign-in, reset, profile, my applications."""

import re

import pytest
from django.contrib.auth import get_user_model
from django.core import mail

from accounts.models import ApplicantProfile
from accounts.selectors import PREFILL_FIELDS, prefill_values
from tests.tracking.factories import STEPS, ApplicationFactory
from tracking.constants import FileKind, State

PASSWORD = "Mat-khau-an-toan-2026"


def link_in(message):
    return re.search(r"http://testserver(/\S+)", message.body).group(1)


@pytest.fixture
def applicant(db):
    user = get_user_model().objects.create_user(
        "hoa.nguyen@example.vn", "hoa.nguyen@example.vn", PASSWORD
    )
    ApplicantProfile.objects.create(
        user=user,
        full_name="Nguyễn Thị Hoa",
        id_number="056190000123",
        phone="0905123456",
        address="12 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
    )
    return user


def test_sign_up_sends_a_verification_link_that_activates_the_account(client, db):
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "full_name": "Trần Văn Nam",
            "email": "Nam.Tran@Example.vn",
            "password1": PASSWORD,
            "password2": PASSWORD,
        },
    )
    assert response.status_code == 200
    assert "Kiểm tra hộp thư" in response.text
    user = get_user_model().objects.get(username="nam.tran@example.vn")
    assert not user.is_active
    assert user.applicant_profile.full_name == "Trần Văn Nam"
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["nam.tran@example.vn"]

    # Before verification the account cannot sign in.
    refused = client.post(
        "/tai-khoan/dang-nhap/", {"username": "nam.tran@example.vn", "password": PASSWORD}
    )
    assert refused.status_code == 200
    assert "_auth_user_id" not in client.session

    verified = client.get(link_in(mail.outbox[0]))
    assert verified.status_code == 302
    user.refresh_from_db()
    assert user.is_active
    assert user.applicant_profile.email_verified_at is not None
    assert client.session["_auth_user_id"] == str(user.pk)


def test_a_forged_verification_link_is_refused(client, db):
    assert client.get("/tai-khoan/xac-minh/not-a-token/").status_code == 400


def test_a_sign_up_whose_e_mail_cannot_leave_leaves_no_account_and_says_so(client, db, monkeypatch):
    import smtplib

    from django.core.mail import EmailMessage

    def mail_server_down(self, fail_silently=False):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")

    monkeypatch.setattr(EmailMessage, "send", mail_server_down)
    data = {
        "full_name": "Trần Văn Nam",
        "email": "nam.tran@example.vn",
        "password1": PASSWORD,
        "password2": PASSWORD,
    }
    response = client.post("/tai-khoan/dang-ky/", data)
    assert response.status_code == 200
    assert "Chưa gửi được thư xác minh tới nam.tran@example.vn" in response.text
    assert 'value="Trần Văn Nam"' in response.text
    assert not get_user_model().objects.filter(username="nam.tran@example.vn").exists()
    monkeypatch.undo()
    response = client.post("/tai-khoan/dang-ky/", data)
    assert "Kiểm tra hộp thư" in response.text
    assert get_user_model().objects.filter(username="nam.tran@example.vn").exists()


def test_sign_up_with_an_address_already_registered_tells_its_owner(client, applicant):
    # The page does not say the address has an account (tests/security/test_enumeration.py);
    # its owner learns of the attempt by e-mail, and the account stays as it was.
    response = client.post(
        "/tai-khoan/dang-ky/",
        {
            "full_name": "Ai đó",
            "email": "HOA.NGUYEN@example.vn",
            "password1": "Mat-khau-khac-2026",
            "password2": "Mat-khau-khac-2026",
        },
    )
    assert response.status_code == 200
    assert "Kiểm tra hộp thư" in response.text
    assert "đã có tài khoản" not in response.text
    assert len(mail.outbox) == 1
    assert mail.outbox[0].to == ["hoa.nguyen@example.vn"]
    assert get_user_model().objects.count() == 1
    applicant.refresh_from_db()
    assert applicant.check_password(PASSWORD)


def test_sign_in_and_sign_out(client, applicant):
    response = client.post(
        "/tai-khoan/dang-nhap/", {"username": "Hoa.Nguyen@example.vn", "password": PASSWORD}
    )
    assert response.status_code == 302
    assert response["Location"] == "/tai-khoan/ho-so-cua-toi/"
    assert client.session["_auth_user_id"] == str(applicant.pk)
    assert client.post("/tai-khoan/dang-xuat/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_repeated_wrong_passwords_lock_the_sign_in(client, applicant, settings):
    for _attempt in range(settings.AXES_FAILURE_LIMIT):
        client.post(
            "/tai-khoan/dang-nhap/", {"username": applicant.username, "password": "sai-mat-khau"}
        )
    locked = client.post(
        "/tai-khoan/dang-nhap/", {"username": applicant.username, "password": PASSWORD}
    )
    assert locked.status_code == 429
    assert "_auth_user_id" not in client.session


def test_password_reset_by_e_mail(client, applicant):
    client.post("/tai-khoan/quen-mat-khau/", {"email": "hoa.nguyen@example.vn"})
    assert len(mail.outbox) == 1
    confirm = client.get(link_in(mail.outbox[0]), follow=True)
    assert confirm.status_code == 200
    new_password = "Mat-khau-moi-2026-x"
    done = client.post(
        confirm.redirect_chain[-1][0],
        {"new_password1": new_password, "new_password2": new_password},
    )
    assert done.status_code == 302
    applicant.refresh_from_db()
    assert applicant.check_password(new_password)


def test_profile_is_edited_by_its_owner(client, applicant):
    client.force_login(applicant)
    response = client.post(
        "/tai-khoan/thong-tin-ca-nhan/",
        {
            "full_name": "Nguyễn Thị Hoa",
            "id_number": "123",
            "phone": "0905123456",
            "address": "12 Trần Phú",
        },
    )
    assert "12 chữ số" in response.text
    client.post(
        "/tai-khoan/thong-tin-ca-nhan/",
        {
            "full_name": "Nguyễn Thị Hoa",
            "id_number": "056190000999",
            "date_of_birth": "1990-05-17",
            "phone": "0905123456",
            "address": "12 Trần Phú",
            "tax_code": "4201234567",
            "company_name": "Công ty TNHH Hoa Biển",
        },
    )
    profile = ApplicantProfile.objects.get(user=applicant)
    assert profile.id_number == "056190000999"
    assert str(profile.date_of_birth) == "1990-05-17"


def test_profile_offers_every_prefill_field_by_its_attribute_name(applicant):
    for name in (
        "full_name",
        "id_number",
        "date_of_birth",
        "phone",
        "address",
        "tax_code",
        "company_name",
    ):
        assert name in PREFILL_FIELDS
        assert hasattr(applicant.applicant_profile, name)
    values = prefill_values(applicant)
    assert values["full_name"] == "Nguyễn Thị Hoa"
    assert values["id_number"] == "056190000123"
    assert values["email"] == "hoa.nguyen@example.vn"
    assert "tax_code" not in values  # empty values are not pre-filled


def test_anonymous_visitor_has_nothing_to_prefill():
    from django.contrib.auth.models import AnonymousUser

    assert prefill_values(AnonymousUser()) == {}


def test_my_applications_needs_sign_in(client, db):
    response = client.get("/tai-khoan/ho-so-cua-toi/")
    assert response.status_code == 302
    assert response["Location"].startswith("/tai-khoan/dang-nhap/?next=")


def test_my_applications_lists_own_applications_with_notices_and_results(client, applicant):
    mine = ApplicationFactory(user=applicant, decided=True)
    not_mine = ApplicationFactory(accepted=True)
    client.force_login(applicant)
    page = client.get("/tai-khoan/ho-so-cua-toi/")
    assert mine.dossier_code in page.text
    assert not_mine.dossier_code not in page.text
    assert "Đã có kết quả" in page.text
    notice = mine.files.get(kind=FileKind.NOTICE)
    result = mine.files.get(kind=FileKind.RESULT)
    assert f"/tai-khoan/ho-so-cua-toi/{mine.pk}/tep/{notice.pk}/" in page.text
    assert f"/tai-khoan/ho-so-cua-toi/{mine.pk}/tep/{result.pk}/" in page.text


def test_result_is_downloaded_by_its_owner_only(client, applicant, fixed_fee_procedure):
    from payments.demo import pay_in_sandbox

    mine = ApplicationFactory(user=applicant, procedure=fixed_fee_procedure)
    pay_in_sandbox(mine)
    STEPS["accept"](mine)
    STEPS["decide"](mine)
    result = mine.files.get(kind=FileKind.RESULT)
    url = f"/tai-khoan/ho-so-cua-toi/{mine.pk}/tep/{result.pk}/"

    stranger = get_user_model().objects.create_user("khac@example.vn", "khac@example.vn", PASSWORD)
    client.force_login(stranger)
    assert client.get(url).status_code == 404
    client.logout()
    assert client.get(url).status_code == 302  # to the sign-in page
    mine.refresh_from_db()
    assert mine.state == State.DECIDED

    client.force_login(applicant)
    assert client.get(url).status_code == 200
    mine.refresh_from_db()
    assert mine.state == State.DELIVERED


def test_uploads_are_not_offered_through_the_account(client, applicant):
    mine = ApplicationFactory(user=applicant)
    upload = mine.files.get(kind=FileKind.UPLOAD)
    client.force_login(applicant)
    assert client.get(f"/tai-khoan/ho-so-cua-toi/{mine.pk}/tep/{upload.pk}/").status_code == 404


def test_the_account_page_lists_the_drafts_with_their_resume_links(client, applicant, newsletter):
    from forms.links import draft_uuid_for_token
    from forms.models import Draft
    from tests.forms.conftest import Walker
    from tests.forms.test_wizard import ORGANISATION, SLUG

    client.force_login(applicant)
    Walker(client, SLUG).post("co-quan-to-chuc", ORGANISATION)
    html = client.get("/tai-khoan/ho-so-cua-toi/").text
    assert "Hồ sơ đang soạn" in html
    assert "Tờ khai đề nghị cấp giấy phép xuất bản bản tin" in html
    token = re.search(r'href="/bieu-mau/ban-nhap/([^/"]+)/"', html).group(1)
    assert draft_uuid_for_token(token) == str(Draft.objects.get().uuid)


def test_sign_ups_from_one_address_are_rate_limited(client, db, settings):
    settings.ACCOUNTS_EMAIL_RATE = "2/h"
    for number in range(2):
        client.post(
            "/tai-khoan/dang-ky/",
            {
                "full_name": "Người thử",
                "email": f"thu{number}@example.vn",
                "password1": PASSWORD,
                "password2": PASSWORD,
            },
        )
    third = client.post("/tai-khoan/dang-ky/", {"email": "thu9@example.vn"})
    assert third.status_code == 429
    assert len(mail.outbox) == 2
    assert client.get("/tai-khoan/dang-ky/").status_code == 200


def test_password_resets_are_rate_limited(client, applicant, settings):
    settings.ACCOUNTS_EMAIL_RATE = "1/h"
    client.post("/tai-khoan/quen-mat-khau/", {"email": applicant.email})
    again = client.post("/tai-khoan/quen-mat-khau/", {"email": applicant.email})
    assert again.status_code == 429
    assert len(mail.outbox) == 1
