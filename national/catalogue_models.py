"""The record of each inbound import from the national catalogue of procedures.

Kept apart from `national/models.py` (the outbox and the applications received),
which imports it so that Django registers it with the app's models.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class CatalogueImport(models.Model):
    """One run of the update from the CSDL quốc gia về TTHC, and what it changed.

    `report` holds, per procedure, what happened to it (`created`, `updated`
    with the fields changed, old and new in short form, `unchanged`, `refused`
    with the reasons) and the warnings an editor should act on; the counts say
    the same in figures, for the listing. `error` is set when the run itself
    could not be done (the national portal unreachable, no catalogue page):
    then nothing was written.
    """

    started_at = models.DateTimeField(_("bắt đầu"), default=timezone.now)
    finished_at = models.DateTimeField(_("kết thúc"), null=True, blank=True)
    source = models.CharField(
        _("nguồn"), max_length=255, help_text=_("http, folder, hoặc file:<tên tệp>.")
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("người thực hiện"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created = models.PositiveIntegerField(_("tạo mới"), default=0)
    updated = models.PositiveIntegerField(_("cập nhật"), default=0)
    unchanged = models.PositiveIntegerField(_("không đổi"), default=0)
    refused = models.PositiveIntegerField(_("không nhập"), default=0)
    report = models.JSONField(_("báo cáo"), default=dict, blank=True)
    error = models.TextField(_("lỗi"), blank=True)

    class Meta:
        ordering = ["-started_at", "-pk"]
        verbose_name = _("lần nhập danh mục TTHC quốc gia")
        verbose_name_plural = _("các lần nhập danh mục TTHC quốc gia")

    def __str__(self):
        when = timezone.localtime(self.started_at).strftime("%d/%m/%Y %H:%M")
        return f"{when} ({self.source})"

    @property
    def succeeded(self):
        return self.finished_at is not None and not self.error

    def procedures(self, outcome=None):
        """The report's lines, of one outcome or all."""
        lines = (self.report or {}).get("procedures", [])
        return [line for line in lines if outcome is None or line.get("outcome") == outcome]
