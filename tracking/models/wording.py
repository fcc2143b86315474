"""What the public status page says about each state, adjustable by editors."""

from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from tracking.constants import State

DEFAULT_WORDING = {
    State.SUBMITTED: (
        _("Cơ quan đã nhận hồ sơ trực tuyến và đang kiểm tra thành phần hồ sơ."),
        _("Bộ phận một cửa sẽ tiếp nhận hoặc hướng dẫn bổ sung trong thời gian sớm nhất."),
    ),
    State.AWAITING_PAYMENT: (
        _("Hồ sơ đang chờ thanh toán phí, lệ phí."),
        _("Thanh toán trực tuyến để hồ sơ được chuyển đến bộ phận một cửa."),
    ),
    State.SUPPLEMENT_REQUESTED: (
        _("Hồ sơ cần được bổ sung, hoàn thiện."),
        _("Người nộp gửi giấy tờ bổ sung qua đường liên kết đã nhận trong thư điện tử."),
    ),
    State.REFUSED: (
        _("Cơ quan đã từ chối tiếp nhận, giải quyết hồ sơ."),
        _("Lý do đã được gửi tới người nộp trong phiếu từ chối."),
    ),
    State.ACCEPTED: (
        _("Hồ sơ đã được tiếp nhận và chuyển đến phòng chuyên môn."),
        _("Hồ sơ sẽ được giải quyết trước ngày hẹn trả kết quả."),
    ),
    State.IN_PROGRESS: (
        _("Hồ sơ đang được phòng chuyên môn giải quyết."),
        _("Kết quả sẽ được thông báo cho người nộp khi có."),
    ),
    State.WITHDRAWN: (
        _("Hồ sơ đã được rút theo đề nghị của người nộp."),
        _("Không còn bước nào tiếp theo."),
    ),
    State.STOPPED: (
        _("Việc giải quyết hồ sơ đã dừng."),
        _("Lý do đã được gửi tới người nộp."),
    ),
    State.DECIDED: (
        _("Hồ sơ đã có kết quả giải quyết."),
        _("Người nộp nhận kết quả trực tuyến hoặc tại bộ phận một cửa."),
    ),
    State.DELIVERED: (
        _("Kết quả đã được trả cho người nộp."),
        _("Mời bạn đánh giá mức độ hài lòng với dịch vụ."),
    ),
}


# A decided application whose result file is not attached yet (status 06 of the
# document exchange without the file): what the public pages say instead of "Đã có kết quả".
AWAITING_RESULT = "decided_awaiting_result"
AWAITING_RESULT_LABEL = _("Đã giải quyết, chờ tệp kết quả")
AWAITING_RESULT_WORDING = (
    _("Hồ sơ đã được giải quyết; tệp kết quả đang được hoàn thiện và ký số."),
    _("Người nộp nhận được thư thông báo khi tệp kết quả sẵn sàng để tải về."),
)


class StatusWording(models.Model):
    """Plain wording for one state on the public status page, in both languages."""

    state = models.CharField(_("trạng thái"), max_length=32, choices=State.choices, unique=True)
    description = models.TextField(_("mô tả"))
    description_en = models.TextField(_("mô tả (tiếng Anh)"), blank=True)
    next_step = models.TextField(pgettext_lazy("tracking", "bước tiếp theo"), blank=True)
    next_step_en = models.TextField(_("bước tiếp theo (tiếng Anh)"), blank=True)

    class Meta:
        ordering = ["state"]
        verbose_name = _("lời mô tả trạng thái")
        verbose_name_plural = _("lời mô tả trạng thái")

    def __str__(self):
        return State(self.state).label

    @classmethod
    def for_state(cls, state, language="vi"):
        """(description, next step) for the status page; the built-in wording if none is set."""
        row = cls.objects.filter(state=state).first()
        if row is None:
            description, next_step = DEFAULT_WORDING[State(state)]
            return str(description), str(next_step)
        if language == "en":
            return (row.description_en or row.description, row.next_step_en or row.next_step)
        return row.description, row.next_step
