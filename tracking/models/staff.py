"""Which units' applications a member of staff works on."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _
from wagtail.admin.panels import FieldPanel


class DeskMember(models.Model):
    """A back-office clerk or officer and the receiving units they serve.

    Staff see and act on the applications of their units only; superusers and
    members with `all_units` see every unit's.
    """

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("tài khoản"),
        on_delete=models.CASCADE,
        related_name="desk_member",
    )
    units = models.ManyToManyField(
        "core.AgencyUnit", verbose_name=_("đơn vị"), blank=True, related_name="desk_members"
    )
    all_units = models.BooleanField(_("xem hồ sơ của mọi đơn vị"), default=False)

    panels = [FieldPanel("user"), FieldPanel("units"), FieldPanel("all_units")]

    class Meta:
        verbose_name = _("cán bộ xử lý hồ sơ")
        verbose_name_plural = _("cán bộ xử lý hồ sơ")

    def __str__(self):
        return self.user.get_full_name() or self.user.get_username()
