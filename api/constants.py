"""Names the API and its webhooks share with integrators: scopes and event types."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class Scope(models.TextChoices):
    READ = "read", _("Đọc hồ sơ")
    WRITE = "write", _("Xử lý hồ sơ (tiếp nhận, bổ sung, từ chối, trả kết quả)")


class WebhookEvent(models.TextChoices):
    """What a webhook endpoint may subscribe to."""

    SUBMITTED = "application.submitted", _("Hồ sơ được nộp")
    ACCEPTED = "application.accepted", _("Hồ sơ được tiếp nhận")
    STATE_CHANGED = "application.state_changed", _("Hồ sơ chuyển trạng thái")
    PAID = "application.paid", _("Phí, lệ phí đã được thanh toán")
    RESULT_READY = "application.result_ready", _("Đã có kết quả giải quyết")


# Bearer tokens say what they are by their prefix (so that a leaked one is easy to
# recognise and to scan for): an integrator's key or an applicant's personal token.
KEY_PREFIX = "dvc_key_"
PERSONAL_TOKEN_PREFIX = "dvc_pat_"  # noqa: S105 (a marker, not a secret)
