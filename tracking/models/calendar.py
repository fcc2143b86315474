"""The agency's working calendar beyond weekends and public holidays."""

from django.db import models
from django.utils.translation import gettext_lazy as _


class WorkingDayAdjustment(models.Model):
    """A day the admin turns off or on ("điều chỉnh ngày làm việc").

    Public holidays and their compensatory days come from the `holidays`
    package; this covers what it cannot know: an extra day off decided by the
    province, or a Saturday worked to make up a bridge day.
    """

    class Kind(models.TextChoices):
        DAY_OFF = "day_off", _("Ngày nghỉ thêm")
        WORKING_DAY = "working_day", _("Ngày làm việc bù")

    date = models.DateField(_("ngày"), unique=True)
    kind = models.CharField(_("loại"), max_length=16, choices=Kind.choices)
    note = models.CharField(
        _("ghi chú"),
        max_length=255,
        blank=True,
        help_text=_("Ví dụ: số văn bản quyết định nghỉ hoặc làm bù."),
    )

    class Meta:
        ordering = ["-date"]
        verbose_name = _("ngày nghỉ, ngày làm bù")
        verbose_name_plural = _("ngày nghỉ, ngày làm bù")

    def __str__(self):
        return f"{self.date:%d/%m/%Y}: {self.get_kind_display()}"
