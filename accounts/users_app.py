"""`wagtail.users` as the portal installs it: its list of users says who has turned on
two-step verification (`accounts.admin_users`). In INSTALLED_APPS instead of it."""

from wagtail.users.apps import WagtailUsersAppConfig


class UsersConfig(WagtailUsersAppConfig):
    user_viewset = "accounts.admin_users.UsersViewSet"
