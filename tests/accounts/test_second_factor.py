"""Staff second factor: turning it on with an authenticator app, the code asked after
the password, backup codes, throttling, turning it off, the requirement for all staff,
and the administrator's reset."""

import re
import time
from datetime import timedelta

import pyotp
import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.utils import timezone
from django_otp.plugins.otp_static.models import StaticDevice
from django_otp.plugins.otp_totp.models import TOTPDevice

from audit.constants import AuditAction
from audit.models import AuditEntry

PASSWORD = "Mat-khau-that-dai-2024!"
SETUP = "/admin/xac-thuc-hai-lop/"
VERIFY = "/admin/xac-thuc-hai-lop/nhap-ma/"

pytestmark = pytest.mark.django_db


def current_code(device, offset=0) -> str:
    """What an authenticator app shows now, or `offset` steps of 30 s later, computed
    by another implementation of RFC 6238 from the address the QR code carries. A code
    once accepted is not taken again (the one that turned it on is spent); the next is."""
    app = pyotp.parse_uri(device.config_url)
    return app.at(time.time() + offset * app.interval)


def wait_out_throttling(user):
    """As if the clerk waited the delay that wrong codes impose."""
    earlier = timezone.now() - timedelta(minutes=10)
    for model in (TOTPDevice, StaticDevice):
        model.objects.filter(user=user).update(throttling_failure_timestamp=earlier)


def sign_in(client, username="canbo"):
    response = client.post("/admin/login/", {"username": username, "password": PASSWORD})
    assert response.status_code == 302
    return response


@pytest.fixture
def clerk(db):
    return get_user_model().objects.create_superuser("canbo", "canbo@example.vn", PASSWORD)


def turn_on(client, user) -> list[str]:
    """Through the setup page, as the clerk does: the backup codes it shows."""
    page = client.get(SETUP).content.decode()
    assert "<svg" in page
    device = TOTPDevice.objects.get(user=user, confirmed=False)
    response = client.post(SETUP, {"action": "enable", "code": current_code(device)})
    assert response.status_code == 200
    codes = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(codes) == 10
    return codes


@pytest.fixture
def protected(client, clerk):
    """A clerk who turned the second factor on, then signed out: the backup codes."""
    sign_in(client)
    codes = turn_on(client, clerk)
    client.post("/admin/logout/")
    return codes


def test_staff_without_a_second_factor_work_as_before(client, clerk):
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    page = client.get("/admin/account/").content.decode()
    assert "Xác thực hai lớp" in page


def test_the_setup_page_shows_a_qr_code_and_the_key_and_keeps_it_across_reloads(client, clerk):
    sign_in(client)
    first = client.get(SETUP)
    assert first["Cache-Control"].startswith("no-store") or "no-store" in first["Cache-Control"]
    device = TOTPDevice.objects.get(user=clerk, confirmed=False)
    key = re.search(r"<code[^>]*>([A-Z2-7 ]+)</code>", first.content.decode()).group(1)
    assert key.replace(" ", "") in device.config_url
    assert "issuer=" in device.config_url
    client.get(SETUP)
    assert TOTPDevice.objects.get(user=clerk, confirmed=False).pk == device.pk


def test_a_wrong_code_does_not_turn_it_on_and_says_why(client, clerk):
    sign_in(client)
    client.get(SETUP)
    response = client.post(SETUP, {"action": "enable", "code": "000000"})
    assert response.status_code == 400
    assert "Mã xác thực không đúng" in response.content.decode()
    assert not TOTPDevice.objects.filter(user=clerk, confirmed=True).exists()
    # The same key is still shown: the app already scanned does not have to be redone.
    assert TOTPDevice.objects.filter(user=clerk, confirmed=False).count() == 1


def test_turning_it_on_is_in_the_audit_log(client, clerk, protected):
    entry = AuditEntry.objects.get(action=AuditAction.SECOND_FACTOR_CHANGED)
    assert entry.object_label == "canbo"
    assert entry.data == {"change": "enabled"}
    assert entry.actor_user_id == clerk.pk


def test_after_the_password_the_admin_asks_for_the_code(client, clerk, protected):
    sign_in(client)
    response = client.get("/admin/ho-so/?state=submitted")
    assert response.status_code == 302
    assert response["Location"] == f"{VERIFY}?next=%2Fadmin%2Fho-so%2F%3Fstate%3Dsubmitted"
    page = client.get(response["Location"]).content.decode()
    assert "nhập mã 6 chữ số" in page
    from tests.portal.test_admin_vietnamese import english_left

    assert english_left(page) == []
    device = TOTPDevice.objects.get(user=clerk)
    before = client.cookies["sessionid"].value
    response = client.post(
        VERIFY, {"code": current_code(device, 1), "next": "/admin/ho-so/?state=submitted"}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/ho-so/?state=submitted"
    assert client.cookies["sessionid"].value != before
    assert client.get("/admin/").status_code == 200


def test_a_wrong_code_is_refused_in_the_users_language_and_then_throttled(client, clerk, protected):
    sign_in(client)
    response = client.post(VERIFY, {"code": "123456"})
    assert response.status_code == 400
    assert "Mã xác thực không đúng hoặc đã hết hạn." in response.content.decode()
    # Right away, even the right code waits: wrong guesses slow down the next ones.
    device = TOTPDevice.objects.get(user=clerk)
    response = client.post(VERIFY, {"code": current_code(device, 1)})
    assert response.status_code == 400
    assert "Nhập sai mã quá nhiều lần" in response.content.decode()
    assert client.get("/admin/").status_code == 302
    wait_out_throttling(clerk)
    response = client.post(VERIFY, {"code": current_code(device, 1)}, HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 302


def test_the_messages_are_in_english_for_an_english_admin(client, clerk, protected):
    from wagtail.users.models import UserProfile

    profile = UserProfile.get_for_user(clerk)
    profile.preferred_language = "en"
    profile.save()
    sign_in(client)
    page = client.get(VERIFY).content.decode()
    assert "Two-step verification" in page
    response = client.post(VERIFY, {"code": "123456"})
    assert "The code is wrong or has expired." in response.content.decode()


def test_a_backup_code_works_once(client, clerk, protected):
    sign_in(client)
    response = client.post(VERIFY, {"code": protected[0].upper(), "next": "/admin/"})
    assert response.status_code == 302
    client.post("/admin/logout/")
    sign_in(client)
    response = client.post(VERIFY, {"code": protected[0]})
    assert response.status_code == 400
    wait_out_throttling(clerk)
    response = client.post(VERIFY, {"code": protected[1]}, follow=True)
    assert "còn 8 mã" in response.content.decode()


def test_an_unverified_session_reaches_only_the_code_page_and_signing_out(client, clerk, protected):
    sign_in(client)
    for path in ("/admin/", "/admin/account/", SETUP, "/admin/nhat-ky-kiem-tra/"):
        response = client.get(path)
        assert response.status_code == 302, path
        assert response["Location"].startswith(VERIFY)
    assert client.get(VERIFY).status_code == 200
    # What the code page itself loads: the icons (a redirect would put the code page
    # inside it, twice over) and the scripts' translations.
    sprite = client.get("/admin/sprite/")
    assert sprite.status_code == 200
    assert sprite["Content-Type"].startswith("image/svg+xml")
    assert client.get("/admin/jsi18n/").status_code == 200
    assert client.post("/admin/logout/").status_code == 302
    assert "_auth_user_id" not in client.session


def test_the_code_page_sends_only_within_the_site(client, clerk, protected):
    sign_in(client)
    device = TOTPDevice.objects.get(user=clerk)
    response = client.post(
        VERIFY, {"code": current_code(device, 1), "next": "https://evil.example/"}
    )
    assert response["Location"] == "/admin/"


def test_turning_it_off_needs_a_code(client, clerk, protected):
    sign_in(client)
    device = TOTPDevice.objects.get(user=clerk)
    client.post(VERIFY, {"code": current_code(device, 1)})
    response = client.post(SETUP, {"action": "disable", "code": "999999"})
    assert response.status_code == 400
    assert TOTPDevice.objects.filter(user=clerk, confirmed=True).exists()
    wait_out_throttling(clerk)
    response = client.post(SETUP, {"action": "disable", "code": protected[2]})
    assert response.status_code == 302
    assert not TOTPDevice.objects.filter(user=clerk).exists()
    client.post("/admin/logout/")
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    changes = AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR_CHANGED)
    assert [e.data["change"] for e in changes.order_by("sequence")] == ["enabled", "disabled"]


def test_new_backup_codes_replace_the_old_ones(client, clerk, protected):
    sign_in(client)
    device = TOTPDevice.objects.get(user=clerk)
    client.post(VERIFY, {"code": current_code(device, 1)})
    response = client.post(SETUP, {"action": "renew", "code": protected[0]})
    fresh = re.findall(r"<li>([a-z2-7]{8})</li>", response.content.decode())
    assert len(fresh) == 10
    client.post("/admin/logout/")
    sign_in(client)
    assert client.post(VERIFY, {"code": protected[3]}).status_code == 400
    wait_out_throttling(clerk)
    assert client.post(VERIFY, {"code": fresh[0]}).status_code == 302


def test_when_required_staff_without_one_are_sent_to_set_it_up(client, clerk, settings):
    settings.STAFF_SECOND_FACTOR_REQUIRED = True
    sign_in(client)
    response = client.get("/admin/ho-so/")
    assert response.status_code == 302
    assert response["Location"].startswith(SETUP)
    page = client.get(SETUP).content.decode()
    assert "Cơ quan yêu cầu mọi cán bộ dùng xác thực hai lớp" in page
    turn_on(client, clerk)
    assert client.get("/admin/ho-so/").status_code == 200
    # Once on, it cannot be turned off while required.
    response = client.post(SETUP, {"action": "disable", "code": "00000000"})
    assert TOTPDevice.objects.filter(user=clerk, confirmed=True).exists()


def test_one_turned_on_elsewhere_is_asked_for_within_minutes(client, clerk):
    from accounts import second_factor

    sign_in(client)
    assert client.get("/admin/").status_code == 200
    TOTPDevice.objects.create(user=clerk, name="app", confirmed=True)
    session = client.session
    session[second_factor.CHECKED_NONE] = int(time.time()) - second_factor.RECHECK_SECONDS
    session.save()
    assert client.get("/admin/").status_code == 302


def test_the_administrator_resets_a_lost_phone(client, clerk, protected, capsys):
    call_command("reset_second_factor", "canbo")
    assert "Đã đặt lại xác thực hai lớp" in capsys.readouterr().out
    sign_in(client)
    assert client.get("/admin/").status_code == 200
    entry = AuditEntry.objects.filter(action=AuditAction.SECOND_FACTOR_CHANGED).last()
    assert entry.data == {"change": "reset"}
    assert entry.actor_kind == "system"


def test_the_list_of_users_shows_who_has_turned_it_on(
    client, clerk, protected, django_assert_max_num_queries
):
    get_user_model().objects.create_user("chuabat", "chuabat@example.vn", PASSWORD)
    sign_in(client)
    client.post(VERIFY, {"code": protected[0]})
    page = client.get("/admin/users/").content.decode()
    assert "Xác thực hai lớp" in page
    rows = {
        username: re.search(r"<td[^>]*>\s*(Bật|Chưa bật)\s*</td>\s*</tr>", row).group(1)
        for row in re.findall(r"<tr.*?</tr>", page, re.S)
        for username in ("canbo", "chuabat")
        if re.search(rf'<td class="username">\s*{username}\s*</td>', row)
    }
    assert rows == {"canbo": "Bật", "chuabat": "Chưa bật"}
    # One query for the whole list, not one per user.
    get_user_model().objects.bulk_create(
        get_user_model()(username=f"nv{n}", email=f"nv{n}@example.vn") for n in range(20)
    )
    with django_assert_max_num_queries(20):
        assert client.get("/admin/users/").status_code == 200
