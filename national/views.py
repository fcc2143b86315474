"""The endpoint the national portal pushes applications filed there to (machine to machine).

`POST /lien-thong/dvcqg/ho-so/` with `Authorization: Bearer <NATIONAL_INBOUND_TOKEN>`
and a JSON body, `{"data": [records]}` or one record. Each record goes through
`intake.receive`; the answer is in the guide's style, one line per record:
`{"error_code": "0", "result": [{"MaHoSo", "KetQua", "LyDo"}]}`.
"""

import hmac
import json
import logging

from django.conf import settings
from django.db import DatabaseError
from django.http import JsonResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import client_ip, seconds_to_wait
from national import intake
from national.constants import ReceivedOutcome

logger = logging.getLogger(__name__)


def _error(status: int, message, **headers) -> JsonResponse:
    return JsonResponse(
        {"error_code": str(status), "message": str(message)},
        status=status,
        headers=headers or None,
        json_dumps_params={"ensure_ascii": False},
    )


def _rate_limited(request) -> JsonResponse | None:
    """The 429 answer once an address has pushed NATIONAL_INBOUND_RATE times, else None.

    Counted before anything else, the token included: guessing it costs a wait.
    """
    wait = seconds_to_wait(request, group="national.inbound", rate=settings.NATIONAL_INBOUND_RATE)
    if wait is None:
        return None
    logger.warning("national pushes rate-limited for %s", client_ip(request))
    return _error(
        429,
        _("Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ít phút."),
        **{"Retry-After": str(wait)},
    )


def _authorised(request) -> bool:
    """The bearer token matches NATIONAL_INBOUND_TOKEN (compared in constant time)."""
    scheme, _space, token = request.headers.get("Authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not token.strip():
        return False
    return hmac.compare_digest(token.strip().encode(), settings.NATIONAL_INBOUND_TOKEN.encode())


def _records(body) -> list | None:
    """The records of a body, `{"data": [...]}` or one record; None if it is neither."""
    if isinstance(body, dict) and "data" in body:
        data = body["data"]
        if isinstance(data, dict):
            return [data]
        return data if isinstance(data, list) else None
    if isinstance(body, dict):
        return [body]
    return None


def _line(received) -> dict:
    return {
        "MaHoSo": received.national_code,
        "KetQua": received.outcome,
        "LyDo": received.error if received.outcome == ReceivedOutcome.REFUSED else "",
    }


@csrf_exempt
@require_POST
def receive_applications(request):
    """Applications filed on the national portal, pushed to us; JSON in the guide's style.

    404 while NATIONAL_INBOUND_TOKEN is empty (push is off: there is no endpoint to
    find, and nothing tells a prober that a token would open it), 401 for a wrong
    token, 415 unless the body is JSON, 413 above NATIONAL_INBOUND_MAX_BYTES (not
    read), 400 for a body that is not the guide's JSON, 429 above
    NATIONAL_INBOUND_RATE per address, 503 when the database or the storage fails
    (the records answered before are in `result`; sending all again is safe). 200
    when every record was taken, each with its outcome: created, duplicate or
    refused with the reason (LyDo).
    """
    with translation.override("vi"):
        limited = _rate_limited(request)
        if limited is not None:
            return limited
        if not settings.NATIONAL_INBOUND_TOKEN:
            return _error(404, _("Không có dịch vụ nhận hồ sơ từ Cổng Dịch vụ công quốc gia."))
        if not _authorised(request):
            return _error(
                401,
                _("Thiếu hoặc sai mã xác thực (Authorization: Bearer …)."),
                **{"WWW-Authenticate": 'Bearer realm="dvcqg"'},
            )
        if request.content_type != "application/json":
            return _error(415, _("Nội dung gửi phải là JSON (Content-Type: application/json)."))
        limit = settings.NATIONAL_INBOUND_MAX_BYTES
        too_large = _error(
            413,
            _("Nội dung gửi vượt quá %(limit)s byte; vui lòng gửi từng hồ sơ.") % {"limit": limit},
        )
        try:
            declared = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            declared = 0
        if declared > limit:
            return too_large  # not read at all
        raw = request.read(limit + 1)
        if len(raw) > limit:
            return too_large
        try:
            records = _records(json.loads(raw.decode(request.encoding or "utf-8")))
        except (LookupError, ValueError, RecursionError):  # not text, not JSON, nested too deep
            records = None
        if records is None:
            return _error(
                400, _('Nội dung gửi không phải JSON dạng {"data": [hồ sơ, …]} hoặc một hồ sơ.')
            )
        result = []
        for record in records:
            try:
                received = intake.receive(record, channel=intake.PUSH)
            except (DatabaseError, OSError):
                logger.exception("national push: a record could not be taken now")
                return JsonResponse(
                    {
                        "error_code": "503",
                        "message": _(
                            "Hệ thống tạm thời không nhận được hồ sơ; vui lòng gửi lại sau."
                        ),
                        "result": result,
                    },
                    status=503,
                    headers={"Retry-After": "300"},
                    json_dumps_params={"ensure_ascii": False},
                )
            result.append(_line(received))
        return JsonResponse(
            {"error_code": "0", "result": result}, json_dumps_params={"ensure_ascii": False}
        )
