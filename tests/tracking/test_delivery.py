"""Result delivery: online download for level 4, or by post with a tracking number."""

import pytest
from django.urls import reverse

from payments.demo import pay_in_sandbox
from tests.payments.factories import newsletter_licence
from tests.tracking.factories import STEPS, ApplicationFactory
from tracking import operations
from tracking.constants import Action, DeliveryMethod, FileKind, State
from tracking.links import detail_token

POSTAL_ADDRESS = "25 Lê Thánh Tôn, phường Nha Trang, tỉnh Khánh Hòa"


@pytest.fixture
def level_4(db):
    """A level-4 procedure with a 100 000 đ fee: its result can be downloaded online."""
    return newsletter_licence()


def decided(procedure, **kwargs):
    application = ApplicationFactory(procedure=procedure, **kwargs)
    pay_in_sandbox(application)
    STEPS["accept"](application)
    STEPS["decide"](application)
    application.refresh_from_db()
    return application


def test_postal_delivery_needs_an_address(level_4):
    with pytest.raises(operations.TrackingError):
        ApplicationFactory(procedure=level_4, delivery_method=DeliveryMethod.POST)


def test_download_of_a_result_sent_by_post_does_not_deliver_it(client, level_4):
    application = decided(
        level_4, delivery_method=DeliveryMethod.POST, postal_address=POSTAL_ADDRESS
    )
    result = application.files.get(kind=FileKind.RESULT)
    token = detail_token(application)
    assert client.get(f"/ho-so/{token}/tep/{result.pk}/").status_code == 200
    application.refresh_from_db()
    assert application.state == State.DECIDED
    assert "Nhận kết quả qua dịch vụ bưu chính" in client.get(f"/ho-so/{token}/").text


def test_staff_record_the_postal_tracking_number(client, level_4, admin_user):
    application = decided(
        level_4, delivery_method=DeliveryMethod.POST, postal_address=POSTAL_ADDRESS
    )
    client.force_login(admin_user)
    page = client.get(reverse("tracking_desk:detail", args=[application.pk]))
    assert "Gửi kết quả qua bưu chính" in page.text
    assert POSTAL_ADDRESS in page.text
    response = client.post(
        reverse("tracking_desk:detail", args=[application.pk]),
        {"action": "send_by_post", "send_by_post-tracking_number": "EB123456789VN"},
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.DELIVERED
    assert application.postal_tracking_number == "EB123456789VN"
    event = application.events.get(action=Action.SEND_BY_POST)
    assert "EB123456789VN" in event.public_note


def test_postal_dispatch_is_not_offered_for_online_delivery(level_4):
    from tracking.desk import available_actions

    application = decided(level_4)
    assert Action.SEND_BY_POST not in available_actions(application)
    with pytest.raises(operations.InvalidTransition):
        operations.send_result_by_post(
            application=application, actor="Cán bộ", tracking_number="EB1VN"
        )


def test_result_of_a_lower_level_is_not_delivered_by_download(client, db):
    application = ApplicationFactory(decided=True)
    result = application.files.get(kind=FileKind.RESULT)
    client.get(f"/ho-so/{detail_token(application)}/tep/{result.pk}/")
    application.refresh_from_db()
    assert application.state == State.DECIDED
