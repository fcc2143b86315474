"""The account backend: a staff user's permissions, their own and their groups', in one query."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from accounts.backends import AccountBackend


def permission(codename):
    return Permission.objects.get(codename=codename)


@pytest.fixture
def clerk(db):
    user = get_user_model().objects.create_user("can-bo", "can-bo@so.example.vn", "x" * 12)
    user.user_permissions.add(permission("access_admin"))
    group = Group.objects.create(name="Một cửa")
    group.permissions.add(permission("change_application"))
    user.groups.add(group)
    return AccountBackend().get_user(user.pk)


def test_own_and_group_permissions_in_one_query(clerk, django_assert_num_queries):
    with django_assert_num_queries(1):
        assert clerk.has_perm("wagtailadmin.access_admin")  # their own
        assert clerk.has_perm("tracking.change_application")  # their group's
        assert not clerk.has_perm("tracking.delete_application")
    assert clerk.get_all_permissions() == {
        "wagtailadmin.access_admin",
        "tracking.change_application",
    }


def test_the_same_permissions_as_djangos_own_backend(clerk):
    from django.contrib.auth.backends import ModelBackend

    assert AccountBackend().get_all_permissions(clerk) == ModelBackend().get_all_permissions(
        get_user_model().objects.get(pk=clerk.pk)
    )


def test_inactive_users_and_superusers(clerk):
    clerk.is_active = False
    assert AccountBackend().get_all_permissions(clerk) == set()
    chief = get_user_model().objects.create_superuser("chanh-vp", "cvp@so.example.vn", "x" * 12)
    assert "tracking.delete_application" in AccountBackend().get_all_permissions(chief)
