"""Staff are signed out after STAFF_IDLE_TIMEOUT_SECONDS without a request.

A clerk's session opens every applicant's personal data: one left open on a desk's
computer must not stay usable. The time of the last request is kept in the session,
written at most once a minute (a request that only reads pays no write); past the
timeout the session is ended and the clerk is sent to sign in again, back to where
they were.
"""

import time

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth.views import redirect_to_login
from django.utils.translation import gettext as _

LAST_SEEN = "staff_last_seen"
WRITE_EVERY_SECONDS = 60


class StaffIdleTimeoutMiddleware:
    """After the authentication and message middleware."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        user = getattr(request, "user", None)
        if user is not None and user.is_authenticated and user.is_staff:
            now = int(time.time())
            last_seen = request.session.get(LAST_SEEN)
            if last_seen is not None and now - last_seen > settings.STAFF_IDLE_TIMEOUT_SECONDS:
                logout(request)
                messages.warning(
                    request,
                    _("Phiên làm việc đã hết hạn vì không hoạt động. Vui lòng đăng nhập lại."),
                )
                return redirect_to_login(request.get_full_path(), "wagtailadmin_login")
            if last_seen is None or now - last_seen >= WRITE_EVERY_SECONDS:
                request.session[LAST_SEEN] = now
        return self.get_response(request)
