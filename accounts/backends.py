"""Django's model backend, loading with the signed-in user what every staff page
reads of them: their admin profile (language, time zone) and their desk membership
(the units they serve): one query instead of three on each request."""

from django.contrib.auth import get_user_model
from django.contrib.auth.backends import ModelBackend


class AccountBackend(ModelBackend):
    def get_user(self, user_id):
        users = get_user_model()._default_manager.select_related(
            "wagtail_userprofile", "desk_member"
        )
        user = users.filter(pk=user_id).first()
        return user if user is not None and self.user_can_authenticate(user) else None
