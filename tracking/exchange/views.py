"""The inbound endpoint the document exchange posts status packages to."""

import logging

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from core.http import client_ip, seconds_to_wait
from tracking.exchange import operations
from tracking.exchange.constants import InboundOutcome, RejectionCode
from tracking.exchange.models import InboundPackage
from tracking.exchange.xmlsecurity import HMAC_HEADER

logger = logging.getLogger(__name__)

HTTP_STATUS = {
    RejectionCode.UNSUPPORTED_MEDIA_TYPE: 415,
    RejectionCode.TOO_LARGE: 413,
    RejectionCode.UNKNOWN_PEER: 403,
    RejectionCode.BAD_SIGNATURE: 403,
    RejectionCode.UNKNOWN_DOCUMENT: 404,
}


def _answer(record: InboundPackage) -> JsonResponse:
    if record.outcome == InboundOutcome.REJECTED:
        code = record.rejection_code
        return JsonResponse(
            {
                "ok": False,
                "code": code,
                "message": str(RejectionCode(code).label),
                "reference": record.pk,
            },
            status=HTTP_STATUS.get(code, 400),
        )
    return JsonResponse(
        {
            "ok": True,
            "code": record.outcome,
            "message": str(InboundOutcome(record.outcome).label),
            "reference": record.pk,
        }
    )


def _rate_limited(request) -> JsonResponse | None:
    """The 429 answer once an address has posted EXCHANGE_INBOUND_RATE packages, else None.

    Counted before the body is read, and nothing is stored for a package refused here.
    """
    wait = seconds_to_wait(request, group="exchange.inbound", rate=settings.EXCHANGE_INBOUND_RATE)
    if wait is None:
        return None
    logger.warning("exchange status packages rate-limited for %s", client_ip(request))
    return JsonResponse(
        {
            "ok": False,
            "code": "rate_limited",
            "message": _("Quá nhiều yêu cầu từ địa chỉ này; vui lòng thử lại sau ít phút."),
        },
        status=429,
        headers={"Retry-After": str(wait)},
    )


# The media types of an XML document (RFC 7303), and the one charset packages are written in.
XML_MEDIA_TYPES = frozenset({"application/xml", "text/xml"})
CHARSETS = frozenset({"", "utf-8", "utf8"})


def is_xml_content_type(request) -> bool:
    """`application/xml` or `text/xml`, with no charset or UTF-8."""
    charset = (request.content_params or {}).get("charset", "").strip().strip('"').lower()
    return (request.content_type or "").lower() in XML_MEDIA_TYPES and charset in CHARSETS


@csrf_exempt
@require_POST
def receive_status(request):
    """POST an edXML status package (`Content-Type: application/xml` or `text/xml`,
    UTF-8); answers JSON with a `code`. Any other Content-Type is answered 415, the body
    unread.

    Authenticated by the package's XML signature (peer certificate) or by the
    `X-Edxml-Hmac: sha256=<hex>` header (peer secret); see `operations`.
    At most EXCHANGE_INBOUND_RATE posts per client address (then 429, `Retry-After`).
    """
    limited = _rate_limited(request)
    if limited is not None:
        return limited
    limit = settings.EXCHANGE_INBOUND_MAX_BYTES
    remote_addr = request.META.get("REMOTE_ADDR") or None
    try:
        declared = int(request.META.get("CONTENT_LENGTH") or 0)
    except ValueError:
        declared = 0
    if not is_xml_content_type(request):
        return _answer(
            operations.refuse_media_type(
                content_type=request.META.get("CONTENT_TYPE", ""),
                size=declared,
                remote_addr=remote_addr,
            )
        )
    if declared > limit:
        # Not read at all: only the fact is kept.
        return _answer(operations.refuse_oversized(size=declared, remote_addr=remote_addr))
    raw = request.read(limit + 1)
    record = operations.receive_status_package(
        raw=raw, hmac_header=request.headers.get(HMAC_HEADER, ""), remote_addr=remote_addr
    )
    return _answer(record)
