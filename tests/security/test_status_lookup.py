"""Abuse: dossier codes are sequential, so the status lookup must not list a day's work.

A code alone answers only "found" or "not found"; the procedure, unit, state and
timeline need the last digits of a number the applicant gave, or the proof in the
status link of the receipt and the e-mails. Wrong digits are counted per code, so
guessing from many addresses locks that code's lookup, on the page and in the API.
"""

import pytest
from django.test import override_settings

from tests.tracking.factories import ApplicationFactory
from tracking.links import status_url

pytestmark = pytest.mark.django_db

PAGE = "/tra-cuu-ho-so/"
PHONE_DIGITS = "3456"  # the factory's applicant phone is 0905123456


def page(client, params, address="203.0.113.7"):
    return client.get(PAGE, params, REMOTE_ADDR=address).content.decode()


def api(client, code, address="203.0.113.7", **params):
    return client.get(f"/api/v1/applications/{code}/status", params, REMOTE_ADDR=address)


def test_the_status_link_of_receipts_and_e_mails_opens_the_details(client):
    application = ApplicationFactory(accepted=True)
    link = status_url(application).split("testserver", 1)[1]
    html = client.get(link).content.decode()
    assert application.procedure_name in html
    assert "Đã tiếp nhận" in html
    proof = link.rsplit("k=", 1)[1]
    other = ApplicationFactory()
    borrowed = page(client, {"ma": other.dossier_code, "k": proof})
    assert "Số xác minh không khớp" in borrowed
    assert other.procedure_name not in borrowed
    tampered = page(client, {"ma": application.dossier_code, "k": proof[:-2] + "xx"})
    assert "Số xác minh không khớp" in tampered


def test_the_api_asks_for_the_check_and_tells_nothing_more_without_it(client):
    application = ApplicationFactory(accepted=True)
    bare = api(client, application.dossier_code)
    assert bare.status_code == 403
    assert bare.json()["detail"] == "Hồ sơ có trong hệ thống; cần số xác minh để xem tình trạng."
    assert application.procedure_name not in bare.content.decode()
    wrong = api(client, application.dossier_code, check="0000")
    assert wrong.status_code == 403
    assert wrong.json()["detail"] == "Số xác minh không khớp với thông tin đã khai khi nộp hồ sơ."
    assert api(client, application.dossier_code, check=PHONE_DIGITS).json()["state"] == "accepted"
    proof = status_url(application).rsplit("k=", 1)[1]
    assert api(client, application.dossier_code, check=proof).status_code == 200
    assert api(client, "000.01.12.H34-200101-9999", check=PHONE_DIGITS).status_code == 404


@override_settings(TRACKING_CHECK_RATE="3/h", TRACKING_LOOKUP_RATE="1000/m")
def test_guessing_the_digits_from_many_addresses_locks_the_code(client):
    application = ApplicationFactory(accepted=True)
    code = application.dossier_code
    for n, guess in enumerate(("0000", "1111", "2222")):
        html = page(client, {"ma": code, "xac_minh": guess}, address=f"198.51.100.{n}")
        assert "Số xác minh không khớp" in html
    locked = page(client, {"ma": code, "xac_minh": PHONE_DIGITS}, address="198.51.100.9")
    assert "đã bị nhập sai quá nhiều lần" in locked
    assert application.procedure_name not in locked
    refused = api(client, code, address="198.51.100.10", check=PHONE_DIGITS)
    assert refused.status_code == 429
    assert refused["Retry-After"] == "3600"
    # The applicant's own link still opens it, and other codes are not locked.
    assert application.procedure_name in client.get(status_url(application)).content.decode()
    other = ApplicationFactory()
    assert other.procedure_name in page(client, {"ma": other.dossier_code, "xac_minh": "3456"})


def test_every_lookup_is_logged_with_its_code_address_and_outcome(client, caplog):
    application = ApplicationFactory(accepted=True)
    code = application.dossier_code
    with caplog.at_level("INFO", logger="tracking.lookups"):
        page(client, {"ma": code, "xac_minh": PHONE_DIGITS}, address="203.0.113.8")
        page(client, {"ma": code, "xac_minh": "0000"}, address="203.0.113.9")
        page(client, {"ma": "000.00.12.H34-991231-9999"})
        api(client, code, address="198.51.100.4")
    lines = [r.getMessage() for r in caplog.records if r.name == "tracking.lookups"]
    assert lines == [
        f"status lookup of {code} from 203.0.113.8: verified",
        f"status lookup of {code} from 203.0.113.9: wrong",
        "status lookup of 000.00.12.H34-991231-9999 from 203.0.113.7: not_found",
        f"status lookup of {code} from 198.51.100.4: missing",
    ]
