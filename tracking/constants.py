"""States, actions and codes of an application ("hồ sơ")."""

from django.db import models
from django.utils.translation import gettext_lazy as _

# The permissions of the desk: to see applications (of the clerk's units), and to act
# on them (accept, refuse, decide, send again…); given to groups in Wagtail's editor.
VIEW_APPLICATIONS = "tracking.view_application"
ACT_ON_APPLICATIONS = "tracking.change_application"


class State(models.TextChoices):
    """The states of an application (Nghị định 61/2018/NĐ-CP, Thông tư 01/2018/TT-VPCP),
    with the national portal's numeric codes below."""

    SUBMITTED = "submitted", _("Đã nộp, chờ tiếp nhận")
    AWAITING_PAYMENT = "awaiting_payment", _("Chờ thanh toán phí, lệ phí")
    SUPPLEMENT_REQUESTED = "supplement_requested", _("Yêu cầu bổ sung hồ sơ")
    REFUSED = "refused", _("Từ chối tiếp nhận")
    ACCEPTED = "accepted", _("Đã tiếp nhận")
    IN_PROGRESS = "in_progress", _("Đang giải quyết")
    WITHDRAWN = "withdrawn", _("Đã rút hồ sơ")
    STOPPED = "stopped", _("Dừng xử lý")
    DECIDED = "decided", _("Đã có kết quả")
    DELIVERED = "delivered", _("Đã trả kết quả")


# Status codes of the national public-service portal, used when syncing.
NATIONAL_CODES = {
    State.SUBMITTED: 1,
    State.ACCEPTED: 2,
    State.REFUSED: 3,
    State.IN_PROGRESS: 4,
    State.SUPPLEMENT_REQUESTED: 5,
    State.AWAITING_PAYMENT: 6,
    State.WITHDRAWN: 7,
    State.STOPPED: 8,
    State.DECIDED: 9,
    State.DELIVERED: 10,
}

# Before a decision: the applicant may still withdraw.
OPEN_STATES = frozenset(
    {
        State.SUBMITTED,
        State.AWAITING_PAYMENT,
        State.SUPPLEMENT_REQUESTED,
        State.ACCEPTED,
        State.IN_PROGRESS,
    }
)
FINAL_STATES = frozenset({State.REFUSED, State.WITHDRAWN, State.STOPPED, State.DELIVERED})
# States whose deadline runs: accepted and not yet decided.
RUNNING_STATES = frozenset({State.ACCEPTED, State.IN_PROGRESS})


class Action(models.TextChoices):
    """What happened, as written in the event log."""

    SUBMIT = "submit", _("Nộp hồ sơ")
    PAY = "pay", _("Thanh toán")
    ACCEPT = "accept", _("Tiếp nhận hồ sơ")
    REQUEST_SUPPLEMENT = "request_supplement", _("Yêu cầu bổ sung")
    SUPPLEMENT = "supplement", _("Bổ sung hồ sơ")
    REFUSE = "refuse", _("Từ chối tiếp nhận")
    START = "start", _("Bắt đầu giải quyết")
    STOP = "stop", _("Dừng xử lý")
    DECIDE = "decide", _("Ghi nhận kết quả")
    ATTACH_RESULT = "attach_result", _("Bổ sung tệp kết quả")
    DELIVER = "deliver", _("Trả kết quả")
    SEND_BY_POST = "send_by_post", _("Gửi kết quả qua bưu chính")
    WITHDRAW = "withdraw", _("Rút hồ sơ")
    APOLOGISE = "apologise", _("Xin lỗi, hẹn lại ngày trả kết quả")
    EXCHANGE_STATUS = "exchange_status", _("Trạng thái từ hệ thống quản lý văn bản")
    FLAG_OVERDUE = "flag_overdue", _("Quá hạn")
    # The application's retention ended: its personal data and files were erased.
    PURGE_PERSONAL_DATA = "purge_personal_data", _("Xóa dữ liệu cá nhân khi hết thời hạn lưu trữ")


# Allowed transitions: (from, action) → to. Anything else is refused.
TRANSITIONS = {
    (State.AWAITING_PAYMENT, Action.PAY): State.SUBMITTED,
    (State.SUBMITTED, Action.ACCEPT): State.ACCEPTED,
    (State.SUBMITTED, Action.REQUEST_SUPPLEMENT): State.SUPPLEMENT_REQUESTED,
    (State.SUBMITTED, Action.REFUSE): State.REFUSED,
    (State.SUPPLEMENT_REQUESTED, Action.SUPPLEMENT): State.SUBMITTED,
    (State.SUPPLEMENT_REQUESTED, Action.REFUSE): State.REFUSED,
    (State.ACCEPTED, Action.START): State.IN_PROGRESS,
    (State.ACCEPTED, Action.STOP): State.STOPPED,
    (State.ACCEPTED, Action.DECIDE): State.DECIDED,
    (State.IN_PROGRESS, Action.STOP): State.STOPPED,
    (State.IN_PROGRESS, Action.DECIDE): State.DECIDED,
    (State.DECIDED, Action.DELIVER): State.DELIVERED,
    (State.DECIDED, Action.SEND_BY_POST): State.DELIVERED,
    **{(state, Action.WITHDRAW): State.WITHDRAWN for state in OPEN_STATES},
}

# Actions that change no state, and the states they may be taken in. The result file
# of a decision recorded without one (status 06 of the document exchange) is attached
# later, once (`operations.attach_result`).
IN_PLACE_ACTIONS = {
    Action.APOLOGISE: frozenset({State.ACCEPTED, State.IN_PROGRESS}),
    Action.ATTACH_RESULT: frozenset({State.DECIDED}),
}
# Actions an application may have at most once (form 02, form 04).
ONCE_ONLY_ACTIONS = frozenset({Action.REQUEST_SUPPLEMENT, Action.APOLOGISE})


class DeliveryMethod(models.TextChoices):
    """How the applicant receives the result ("hình thức nhận kết quả")."""

    ONLINE = "online", _("Nhận kết quả trực tuyến")
    POST = "post", _("Nhận kết quả qua dịch vụ bưu chính")


class FileKind(models.TextChoices):
    UPLOAD = "upload", _("Giấy tờ nộp kèm")
    SUPPLEMENT = "supplement", _("Giấy tờ bổ sung")
    NOTICE = "notice", _("Phiếu, thông báo")
    RESULT = "result", _("Kết quả giải quyết")
    ATTACHMENT = "attachment", _("Tài liệu kèm theo")
