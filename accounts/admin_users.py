"""Wagtail's list of users, with whether each has turned on two-step verification:
what an administrator looks at before requiring it (STAFF_SECOND_FACTOR_REQUIRED)."""

from django.db.models import Exists, OuterRef
from django.utils.functional import cached_property
from django.utils.translation import gettext_lazy as _
from django_otp.plugins.otp_totp.models import TOTPDevice
from wagtail.admin.ui.tables import Column
from wagtail.users.views.users import IndexView, UserViewSet


class UsersIndexView(IndexView):
    def get_base_queryset(self):
        confirmed = TOTPDevice.objects.filter(user=OuterRef("pk"), confirmed=True)
        return super().get_base_queryset().annotate(has_second_factor=Exists(confirmed))

    @cached_property
    def columns(self):
        return [
            *super().columns,
            Column(
                "has_second_factor",
                accessor=lambda user: _("Bật") if user.has_second_factor else _("Chưa bật"),
                label=_("Xác thực hai lớp"),
                sort_key="has_second_factor",
                width="12%",
            ),
        ]


class UsersViewSet(UserViewSet):
    index_view_class = UsersIndexView
