"""What an audit entry records, and who did it."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class AuditAction(models.TextChoices):
    # An event of an application's timeline (tracking.signals.event_recorded), the
    # purge of its personal data included (tracking.signals.personal_data_purged).
    APPLICATION_EVENT = "application.event", _("Sự kiện hồ sơ")
    # A member of staff (or an integrator's key) read an application's personal data.
    PERSONAL_DATA_VIEWED = "personal_data.viewed", _("Xem dữ liệu cá nhân của hồ sơ")
    FILE_DOWNLOADED = "file.downloaded", _("Tải tệp của hồ sơ")
    # Requests of the data subject (accounts).
    ACCOUNT_DATA_EXPORTED = "account.exported", _("Người dùng tải dữ liệu cá nhân")
    ACCOUNT_DELETED = "account.deleted", _("Người dùng xóa tài khoản")
    # A member of staff's second factor turned on or off, its backup codes renewed, or
    # reset by an administrator (accounts.signals.second_factor_changed).
    SECOND_FACTOR_CHANGED = "account.second_factor", _("Thay đổi xác thực hai lớp")
    # The head of the chain was missing and was set again from its last entry.
    HEAD_RESTORED = "chain.head_restored", _("Khôi phục đầu chuỗi nhật ký")


class ActorKind(models.TextChoices):
    STAFF = "staff", _("Cán bộ")
    APPLICANT = "applicant", _("Người nộp hồ sơ")
    SYSTEM = "system", _("Hệ thống")
    INTEGRATOR = "integrator", _("Hệ thống kết nối (API)")


# Access actions: what the desk's access log of an application lists.
ACCESS_ACTIONS = (AuditAction.PERSONAL_DATA_VIEWED, AuditAction.FILE_DOWNLOADED)
