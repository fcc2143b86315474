"""States of the outbox and the status codes of the document exchange."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.outbox import PENDING_STATES as OUTBOX_PENDING_STATES


class MessageState(models.TextChoices):
    """Internal hand-off states of an outbound package (never shown to applicants)."""

    QUEUED = "queued", _("Chờ gửi")
    SENDING = "sending", _("Đang gửi")
    SENT = "sent", _("Đã gửi")
    FAILED = "failed", _("Gửi thất bại")
    REFUSED = "refused", _("Bị từ chối")
    # Withdrawn at the application's purge, sent or refused or not (core.outbox).
    WITHDRAWN = "withdrawn", _("Đã hủy, không gửi")


# States the sweeper looks at: a message stays in one of these only while in flight.
PENDING_STATES = OUTBOX_PENDING_STATES


class StatusCode(models.TextChoices):
    """Status codes of edXML status packages (QCVN 102:2016, amended 2022)."""

    ARRIVED = "01", _("Đã đến")
    REFUSED = "02", _("Bị từ chối")
    REGISTERED = "03", _("Đã vào sổ")
    ASSIGNED = "04", _("Đã phân công")
    PROCESSING = "05", _("Đang xử lý")
    COMPLETED = "06", _("Đã hoàn thành")
    TAKE_BACK_REQUESTED = "13", _("Đề nghị lấy lại, cập nhật")
    TAKE_BACK_AGREED = "15", _("Đồng ý lấy lại, cập nhật")
    TAKE_BACK_REFUSED = "16", _("Từ chối lấy lại, cập nhật")


# Codes that mean the document system has started working on the application.
PROCESSING_CODES = frozenset({StatusCode.REGISTERED, StatusCode.ASSIGNED, StatusCode.PROCESSING})


class InboundOutcome(models.TextChoices):
    """What became of one inbound status package."""

    APPLIED = "applied", _("Đã cập nhật trạng thái hồ sơ")
    RECORDED = "recorded", _("Đã ghi nhận")
    DUPLICATE = "duplicate", _("Trùng, đã nhận trước đó")
    REJECTED = "rejected", _("Bị từ chối")


class RejectionCode(models.TextChoices):
    """Machine-readable reasons an inbound package is refused, sent back to the peer."""

    UNSUPPORTED_MEDIA_TYPE = (
        "unsupported_media_type",
        _("Gói tin phải được gửi với Content-Type application/xml hoặc text/xml (UTF-8)"),
    )
    TOO_LARGE = "too_large", _("Gói tin vượt quá dung lượng cho phép")
    MALFORMED = "malformed", _("Gói tin không phải XML hợp lệ")
    FORBIDDEN_XML = "forbidden_xml", _("Gói tin chứa DTD hoặc thực thể XML không được phép")
    INVALID = "invalid", _("Gói tin thiếu trường bắt buộc hoặc sai định dạng")
    UNKNOWN_PEER = "unknown_peer", _("Đơn vị gửi chưa được cấu hình liên thông")
    BAD_SIGNATURE = "bad_signature", _("Chữ ký số hoặc mã xác thực không hợp lệ")
    UNKNOWN_DOCUMENT = "unknown_document", _("Không tìm thấy văn bản được phản hồi")
