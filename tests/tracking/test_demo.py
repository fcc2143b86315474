"""The demo's clerk account sees the demo applications at several stages."""

import pytest
from django.contrib.auth import get_user_model

pytestmark = pytest.mark.demo


def test_the_demo_clerk_sees_demo_applications_in_several_states(client, db):
    from tracking.demo import DEMO_CLERK_PASSWORD, DEMO_CLERK_USERNAME

    clerk = get_user_model().objects.get(username=DEMO_CLERK_USERNAME)
    assert clerk.check_password(DEMO_CLERK_PASSWORD)
    client.force_login(clerk)
    html = client.get("/admin/ho-so/").content.decode()
    for label in ("Đã nộp, chờ tiếp nhận", "Đã tiếp nhận", "Đang giải quyết", "Đã trả kết quả"):
        assert label in html
