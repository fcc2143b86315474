"""The outbox of e-mail notices to applicants ("thư báo"), one row per event."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from core.outbox import OutboxMessage


class NoticeEmail(OutboxMessage):
    """The e-mail that tells the applicant about one event of their application.

    Written in the transaction that logs the event, sent after commit through
    the portal's one outbox (`core.outbox`), so that a notice survives a broker
    or mail-server outage and its state shows on the desk's timeline.
    """

    event = models.OneToOneField(
        "tracking.ApplicationEvent",
        verbose_name=_("sự kiện"),
        on_delete=models.PROTECT,
        related_name="notice_email",
    )
    recipient = models.EmailField(_("người nhận"), max_length=254)

    class Meta(OutboxMessage.Meta):
        ordering = ["created_at", "pk"]
        verbose_name = _("thư báo")
        verbose_name_plural = _("thư báo")

    def __str__(self):
        return f"{self.event_id} → {self.recipient} ({self.state})"
