"""Enumerations of the procedure catalogue."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class ServiceLevel(models.IntegerChoices):
    """Mức độ dịch vụ công trực tuyến, Nghị định 43/2011/NĐ-CP Điều 3.

    Nghị định 42/2022/NĐ-CP Điều 11 regroups them: level 1 is information only,
    levels 2 and 3 are a "partial" online service, level 4 is "full" online.
    """

    INFORMATION = 1, _("Mức độ 1")
    DOWNLOADABLE_FORMS = 2, _("Mức độ 2")
    ONLINE_SUBMISSION = 3, _("Mức độ 3")
    FULL_ONLINE = 4, _("Mức độ 4")

    @property
    def decree_42_label(self):
        """The short name Nghị định 42/2022/NĐ-CP gives the level."""
        if self == ServiceLevel.INFORMATION:
            return _("thông tin")
        if self == ServiceLevel.FULL_ONLINE:
            return _("toàn trình")
        return _("một phần")

    @property
    def offers_downloads(self):
        return self >= ServiceLevel.DOWNLOADABLE_FORMS


class ImplementingLevel(models.TextChoices):
    """Cấp thực hiện: the level of government that carries out the procedure."""

    MINISTRY = "bo", _("Cấp Bộ")
    PROVINCE = "tinh", _("Cấp Tỉnh")
    COMMUNE = "xa", _("Cấp Xã")
    OTHER = "khac", _("Cơ quan khác")


class ApplicationMethod(models.TextChoices):
    """Cách thức thực hiện: how an application reaches the agency."""

    IN_PERSON = "truc_tiep", _("Trực tiếp")
    POST = "buu_chinh", _("Qua dịch vụ bưu chính")
    ONLINE = "truc_tuyen", _("Trực tuyến")


class FeeKind(models.TextChoices):
    """How a fee rule ("phí, lệ phí") computes its amount."""

    FIXED = "co_dinh", _("Số tiền cố định")
    PER_UNIT = "theo_don_vi", _("Theo đơn vị tính")
