"""Everything that changes an applicant's account."""

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.mail import send_mail
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.models import ApplicantProfile
from core.links import absolute
from core.mail import MAIL_ERRORS

VERIFY_SALT = "accounts.verify-email"
VERIFY_MAX_AGE = 3 * 24 * 3600


def verification_token(user) -> str:
    return signing.dumps({"u": user.pk, "e": user.email}, salt=VERIFY_SALT)


class AccountsError(Exception):
    """A request about an account that cannot be done now; `message` is for the user."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


def sign_up(*, email: str, full_name: str, password: str):
    """Create an inactive account and send the link that verifies its e-mail address.

    The e-mail goes out inside the transaction: if the mail server does not take
    it, no account is left behind without its link, and the applicant may try again.
    """
    User = get_user_model()
    with transaction.atomic():
        user = User.objects.create_user(
            username=email, email=email, password=password, is_active=False
        )
        ApplicantProfile.objects.create(user=user, full_name=full_name)
        link = absolute(reverse("accounts:verify", args=[verification_token(user)]))
        body = render_to_string(
            "accounts/email/verify_body.txt", {"full_name": full_name, "link": link}
        )
        try:
            send_mail(_("Xác minh địa chỉ thư điện tử"), body, settings.DEFAULT_FROM_EMAIL, [email])
        except MAIL_ERRORS as error:
            raise AccountsError(
                _(
                    "Chưa gửi được thư xác minh tới %(email)s vì máy chủ thư đang bận. "
                    "Vui lòng thử lại sau ít phút."
                )
                % {"email": email}
            ) from error
    return user


def verify_email(*, token: str):
    """Activate the account of a valid, unexpired link; None if the link is bad."""
    try:
        payload = signing.loads(token, salt=VERIFY_SALT, max_age=VERIFY_MAX_AGE)
    except signing.BadSignature:
        return None
    User = get_user_model()
    user = User.objects.filter(pk=payload.get("u"), email=payload.get("e")).first()
    if user is None:
        return None
    with transaction.atomic():
        profile, _created = ApplicantProfile.objects.get_or_create(
            user=user, defaults={"full_name": user.get_full_name() or user.email}
        )
        # Only the first use activates: a later click must not undo a deactivation.
        if profile.email_verified_at is None:
            profile.email_verified_at = timezone.now()
            profile.save(update_fields=["email_verified_at"])
            user.is_active = True
            user.save(update_fields=["is_active"])
    return user if user.is_active else None
