"""The second factor of staff accounts ("xác thực hai lớp"): a code from an
authenticator app (TOTP, RFC 6238), with single-use backup codes for a lost phone.

Optional for each member of staff, required of all who may enter the admin when
STAFF_SECOND_FACTOR_REQUIRED is set. The devices, the codes and the throttling of
wrong codes are django-otp's; this module decides who must give a code, and keeps
in the session that they did, so that a verified session costs no query.
"""

import time
from base64 import b32encode
from urllib.parse import urlencode

from django.conf import settings
from django.db import transaction
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import timezone
from django.utils.functional import cached_property
from django.utils.translation import gettext as _
from django_otp.plugins.otp_static.models import StaticDevice, StaticToken
from django_otp.plugins.otp_totp.models import TOTPDevice

from accounts.signals import second_factor_changed

BACKUP_CODE_COUNT = 10
# The session's proof that its user gave a code (the device's persistent id).
VERIFIED = "second_factor_verified"
# When the session last found that its user has no second factor (epoch seconds):
# looked at again after RECHECK_SECONDS, so that one enabled elsewhere is asked for.
CHECKED_NONE = "second_factor_none_at"
RECHECK_SECONDS = 300


def active_device(user):
    """The user's confirmed authenticator, or None."""
    return TOTPDevice.objects.filter(user=user, confirmed=True).first()


def pending_device(user):
    """The authenticator being set up: kept between the page and its confirmation,
    so that reloading the page does not change the key already scanned."""
    device = TOTPDevice.objects.filter(user=user, confirmed=False).first()
    if device is None:
        device = TOTPDevice.objects.create(user=user, name=_("Ứng dụng xác thực"), confirmed=False)
    return device


def formatted_key(device) -> str:
    """The secret in base32 by groups of four, for typing into an app by hand."""
    text = b32encode(device.bin_key).decode().rstrip("=")
    return " ".join(text[i : i + 4] for i in range(0, len(text), 4))


def clean_code(code: str) -> str:
    return "".join((code or "").split()).replace("-", "").lower()


def refusal(device):
    """Why this device takes no code now (too many wrong ones), or None."""
    allowed, data = device.verify_is_allowed()
    if allowed:
        return None
    locked_until = (data or {}).get("locked_until")
    if locked_until is None:
        return _("Mã xác thực tạm thời không được nhận. Vui lòng thử lại sau.")
    seconds = max(1, int((locked_until - timezone.now()).total_seconds()) + 1)
    return _("Nhập sai mã quá nhiều lần. Vui lòng thử lại sau %(seconds)s giây.") % {
        "seconds": seconds
    }


def _backup_device(device):
    return StaticDevice.objects.filter(user_id=device.user_id, confirmed=True).first()


def check(device, code: str):
    """Which of the owner of `device` (their active authenticator) and their backup
    codes accepts ``code`` (the app's six digits or a backup code, used up), or an
    error message to show."""
    code = clean_code(code)
    if not code:
        return None, _("Vui lòng nhập mã xác thực.")
    # The app's code is its digits; a backup code is longer and has letters.
    candidate = device if code.isdigit() and len(code) == device.digits else _backup_device(device)
    if candidate is not None:
        refused = refusal(candidate)
        if refused:
            return None, refused
        if candidate.verify_token(code):
            return candidate, None
    return None, _("Mã xác thực không đúng hoặc đã hết hạn.")


def _new_backup_codes(user) -> list[str]:
    StaticDevice.objects.filter(user=user).delete()
    backup = StaticDevice.objects.create(user=user, name=_("Mã dự phòng"), confirmed=True)
    codes = [StaticToken.random_token() for _n in range(BACKUP_CODE_COUNT)]
    StaticToken.objects.bulk_create(StaticToken(device=backup, token=code) for code in codes)
    return codes


def confirm(user, device, code: str):
    """Turn on the authenticator being set up if ``code`` is its current one: the
    backup codes to show once, or an error message."""
    refused = refusal(device)
    if refused:
        return None, refused
    code = clean_code(code)
    if not code.isdigit() or not device.verify_token(code):
        return None, _("Mã xác thực không đúng. Kiểm tra giờ của điện thoại và nhập mã mới.")
    with transaction.atomic():
        TOTPDevice.objects.filter(user=user).exclude(pk=device.pk).delete()
        device.confirmed = True
        device.save(update_fields=["confirmed"])
        codes = _new_backup_codes(user)
        second_factor_changed.send(sender=TOTPDevice, user=user, change="enabled", by=user)
    return codes, None


def renew_backup_codes(user) -> list[str]:
    with transaction.atomic():
        codes = _new_backup_codes(user)
        second_factor_changed.send(
            sender=TOTPDevice, user=user, change="backup_codes_renewed", by=user
        )
    return codes


def remove(user, *, by=None, change="disabled") -> bool:
    """Turn the second factor off (by its owner, or reset by an administrator for a
    lost phone). Whether there was one."""
    with transaction.atomic():
        had = TOTPDevice.objects.filter(user=user, confirmed=True).exists()
        TOTPDevice.objects.filter(user=user).delete()
        StaticDevice.objects.filter(user=user).delete()
        if had:
            second_factor_changed.send(sender=TOTPDevice, user=user, change=change, by=by)
    return had


# The session


def mark_verified(request, device) -> None:
    """After a right code: a new session key (the session gained a privilege), and the
    proof kept in it."""
    request.session.cycle_key()
    request.session[VERIFIED] = device.persistent_id
    request.session.pop(CHECKED_NONE, None)


def is_verified(request) -> bool:
    return bool(request.session.get(VERIFIED))


def has_none(request, user) -> bool:
    """Whether the user has no second factor, looked up at most every RECHECK_SECONDS."""
    now = int(time.time())
    checked = request.session.get(CHECKED_NONE)
    if checked is not None and now - checked < RECHECK_SECONDS:
        return True
    if active_device(user) is not None:
        request.session.pop(CHECKED_NONE, None)
        return False
    request.session[CHECKED_NONE] = now
    return True


def required_of(user) -> bool:
    return settings.STAFF_SECOND_FACTOR_REQUIRED and user.has_perm("wagtailadmin.access_admin")


class SecondFactorMiddleware:
    """Sends a member of staff who has a second factor, and has not given its code in
    this session, to the code page before any page of the admin; with
    STAFF_SECOND_FACTOR_REQUIRED, one who has none to setting it up. After the
    authentication and idle-timeout middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    @cached_property
    def admin_prefix(self) -> str:
        return reverse("wagtailadmin_home")

    @cached_property
    def open_paths(self) -> frozenset:
        """What an unverified session may still reach: the code page, signing out, and
        what the code page loads (the admin's icons, its scripts' translations)."""
        names = (
            "second_factor_verify",
            "wagtailadmin_logout",
            "wagtailadmin_javascript_catalog",
            "wagtailadmin_sprite",
        )
        return frozenset(reverse(name) for name in names)

    def __call__(self, request):
        user = getattr(request, "user", None)
        if (
            user is not None
            and user.is_authenticated
            and request.path.startswith(self.admin_prefix)
            and request.path not in self.open_paths
        ):
            detour = self._detour(request, user)
            if detour and request.path != detour:
                return redirect(f"{detour}?{urlencode({'next': request.get_full_path()})}")
        return self.get_response(request)

    def _detour(self, request, user):
        if is_verified(request):
            return None
        if not has_none(request, user):
            return reverse("second_factor_verify")
        if required_of(user):
            return reverse("second_factor")
        return None
