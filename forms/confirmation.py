"""Confirming the applicant's e-mail address with a one-time code, for forms that ask for it."""

import logging
import secrets

from django.conf import settings
from django.core.mail import send_mail
from django.utils.crypto import constant_time_compare, salted_hmac
from django.utils.translation import gettext as _

from core.mail import MAIL_ERRORS
from forms.constants import FieldType
from forms.schema import all_input_fields, text

logger = logging.getLogger(__name__)

SALT = "forms.email-confirmation"
MAX_ATTEMPTS = 5


def email_to_confirm(schema, answers) -> str:
    """The address to confirm: the e-mail field marked as the applicant's, else the first one."""
    fields = [f for f in all_input_fields(schema) if f["type"] == FieldType.EMAIL]
    fields.sort(key=lambda f: f.get("prefill") != "email")
    for field in fields:
        if answers.get(field["name"]):
            return answers[field["name"]]
    return ""


def _digest(email, code):
    return salted_hmac(SALT, f"{email.lower()}|{code}").hexdigest()


def send_code(extra: dict, email: str, schema) -> bool:
    """E-mail a new six-digit code and remember only its digest in the draft.

    False when the mail server did not take the e-mail: nothing is remembered, so
    the next view of the review page (or "Gửi lại mã") tries again.
    """
    code = f"{secrets.randbelow(10**6):06d}"
    try:
        send_mail(
            _("Mã xác nhận thư điện tử: %(code)s") % {"code": code},
            _(
                "Mã xác nhận địa chỉ thư điện tử cho hồ sơ “%(title)s” là %(code)s.\n"
                "Nếu bạn không khai hồ sơ này, vui lòng bỏ qua thư."
            )
            % {"title": text(schema["title"]), "code": code},
            settings.DEFAULT_FROM_EMAIL,
            [email],
        )
    except MAIL_ERRORS:
        logger.warning("confirmation code not sent: the mail server did not take it")
        return False
    extra["email_confirmation"] = {"email": email, "digest": _digest(email, code), "attempts": 0}
    return True


def needs_code(extra: dict, email: str) -> bool:
    """Whether a (new) code must be sent: none yet, or the address changed."""
    sent = extra.get("email_confirmation") or {}
    return sent.get("email") != email


def check_code(extra: dict, email: str, code: str) -> bool:
    sent = extra.get("email_confirmation") or {}
    if sent.get("email") != email or sent.get("attempts", 0) >= MAX_ATTEMPTS:
        return False
    sent["attempts"] = sent.get("attempts", 0) + 1
    ok = constant_time_compare(sent.get("digest", ""), _digest(email, (code or "").strip()))
    if ok:
        sent["confirmed"] = True
    return ok


def is_confirmed(extra: dict, email: str) -> bool:
    sent = extra.get("email_confirmation") or {}
    return sent.get("email") == email and bool(sent.get("confirmed"))
