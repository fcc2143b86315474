"""The status lookup's second factor.

Dossier codes are national and sequential (unit, date, number), so anyone can
guess a day's codes. A code alone therefore only tells that an application
with it exists; its procedure, unit, state and timeline are shown once the
caller also proves a link to it: the last digits of the phone, identity or tax
number given at submission, or the proof carried by the status link of the
receipt's QR code and the applicant's e-mails. Wrong digits are counted per
code, so spreading guesses over many addresses does not help either.
"""

import enum
import logging
import re

from django.conf import settings
from django.core import signing
from django.utils.crypto import constant_time_compare
from django_ratelimit.core import get_usage

from core.http import client_ip

# One line per public lookup (the status page and the API): which code, from which
# address, with what outcome; the operations' log, not the hash-chained audit log of
# staff and system actions (a lookup shows no personal data, and a deadline day's
# lookups would queue on the chain's head).
audit_log = logging.getLogger("tracking.lookups")

PROOF_SALT = "tracking.status-proof"
CHECK_DIGITS = 4


class Check(enum.Enum):
    VERIFIED = "verified"
    MISSING = "missing"
    WRONG = "wrong"
    LOCKED = "locked"


def status_proof(application) -> str:
    """What the status links carry instead of the digits (stable, bound to the code)."""
    return signing.Signer(salt=PROOF_SALT).signature(application.dossier_code)


def _check_digits(application) -> list[str]:
    numbers = (
        application.applicant_phone,
        application.applicant_id_number,
        application.applicant_tax_code,
    )
    digits = (re.sub(r"\D", "", number or "") for number in numbers)
    return [number[-CHECK_DIGITS:] for number in digits if len(number) >= CHECK_DIGITS]


def _is_proof(application, check: str) -> bool:
    return len(check) > CHECK_DIGITS and constant_time_compare(check, status_proof(application))


def _digits_match(application, check: str) -> bool:
    digits = re.sub(r"\D", "", check)
    if len(digits) != CHECK_DIGITS:
        return False
    return any(constant_time_compare(digits, known) for known in _check_digits(application))


def verify(request, application, check: str) -> Check:
    """Whether ``check`` (digits or a link's proof) opens this application's status.

    The proof cannot be guessed, so it works even while guesses have locked the
    code: an intruder cannot lock the applicant out of their own receipt's link.
    """

    def per_code(group, request):
        return application.dossier_code

    def wrong_guesses(increment):
        usage = get_usage(
            request,
            group="tracking.status-check",
            key=per_code,
            rate=settings.TRACKING_CHECK_RATE,
            increment=increment,
        )
        return usage["count"] >= usage["limit"]

    check = check.strip()
    if not check:
        return Check.MISSING
    if _is_proof(application, check):
        return Check.VERIFIED
    if wrong_guesses(increment=False):
        return Check.LOCKED
    if _digits_match(application, check):
        return Check.VERIFIED
    wrong_guesses(increment=True)
    return Check.WRONG


def record(request, code: str, outcome) -> None:
    """Log one lookup: `outcome` is a `Check`, or "not_found" or "rate_limited"."""
    audit_log.info(
        "status lookup of %s from %s: %s",
        (code or "").strip().upper()[:64] or "-",
        client_ip(request),
        getattr(outcome, "value", outcome),
    )
