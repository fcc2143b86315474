"""The public API: catalogue, status by code, errors; no key needed."""

import json

import pytest
from django.contrib.staticfiles import finders
from django.test import override_settings

from tests.factories import (
    DIVISION,
    ProcedureFactory,
    SectorFactory,
    english,
    online_procedure,
    unit,
)
from tests.tracking.factories import ApplicationFactory

from .conftest import problem

pytestmark = pytest.mark.django_db


@pytest.fixture
def catalogue():
    press = SectorFactory()
    posts = SectorFactory(code="G08-BC05", name="Bưu chính", name_en="Postal services")
    return {
        "newsletter": online_procedure(
            title="Cấp giấy phép xuất bản bản tin", level=4, fees=[("Lệ phí", 100_000)]
        ),
        "printing": ProcedureFactory(
            title="Đăng ký hoạt động cơ sở in", service_level=2, sector=press
        ),
        "postal": ProcedureFactory(
            title="Cấp giấy phép bưu chính nội tỉnh",
            service_level=3,
            sector=posts,
            receiving_unit=unit(DIVISION),
        ),
    }


def unique_keys(pairs):
    keys = [key for key, _value in pairs]
    assert len(keys) == len(set(keys)), keys
    return dict(pairs)


def names(response):
    assert response.status_code == 200, response.content
    return [item["name"] for item in response.json()["items"]]


def test_the_catalogue_filters_by_level_sector_and_unit(client, catalogue):
    assert names(client.get("/api/v1/procedures?level=4")) == ["Cấp giấy phép xuất bản bản tin"]
    assert names(client.get("/api/v1/procedures?sector=G08-BC05")) == [
        "Cấp giấy phép bưu chính nội tỉnh"
    ]
    assert names(client.get(f"/api/v1/procedures?unit={DIVISION}")) == [
        "Cấp giấy phép bưu chính nội tỉnh"
    ]
    assert names(client.get("/api/v1/procedures?sector=KHONG-CO")) == []


def test_the_catalogue_search_ignores_diacritics_and_word_order(client, catalogue):
    assert names(client.get("/api/v1/procedures?q=co so in dang ky")) == [
        "Đăng ký hoạt động cơ sở in"
    ]


def test_a_procedure_carries_the_national_fields_fees_and_forms(client, catalogue):
    newsletter = catalogue["newsletter"]
    body = client.get(f"/api/v1/procedures/{newsletter.code}").json()
    assert body["record"]["MaTTHC"] == newsletter.code
    assert body["record"]["MucDo"] == 4
    assert body["fees"] == [
        {"label": "Lệ phí", "kind": "co_dinh", "amount": 100_000, "unit_label": ""}
    ]
    assert body["online_form_url"].endswith(f"/bieu-mau/{newsletter.online_form.slug}/")
    assert {d["format"] for d in body["blank_forms"]} == {"pdf", "docx"}


def test_the_english_catalogue_lists_the_english_versions(client, catalogue):
    english(catalogue["printing"], title="Registration of a printing establishment")
    assert names(client.get("/api/v1/procedures?language=en")) == [
        "Registration of a printing establishment"
    ]


def test_an_unknown_procedure_is_a_problem_document(client, catalogue):
    response = client.get("/api/v1/procedures/9.999999.000.00.00.H34")
    assert response.status_code == 404
    assert problem(response)["detail"] == "Không có thủ tục mang mã này."


def test_a_wrong_parameter_names_the_field_in_the_callers_language(client):
    response = client.get("/api/v1/procedures?level=7", HTTP_ACCEPT_LANGUAGE="en")
    assert response.status_code == 422
    body = problem(response)
    assert body["title"] == "Invalid data"
    assert body["errors"] == [{"loc": ["query", "level"], "message": "Value too large."}]
    vietnamese = problem(client.get("/api/v1/procedures?level=7", HTTP_ACCEPT_LANGUAGE="vi"))
    assert vietnamese["errors"][0]["message"] == "Giá trị quá lớn."


def test_the_status_tells_the_same_facts_as_the_status_page_and_no_personal_data(client):
    application = ApplicationFactory(accepted=True)
    response = client.get(f"/api/v1/applications/{application.dossier_code}/status?check=3456")
    assert response.status_code == 200
    body = response.json()
    assert body["state"] == "accepted"
    assert body["due_date"] == "2026-12-07"
    assert [line["action"] for line in body["timeline"]] == ["submit", "accept"]
    text = response.content.decode()
    for private in ("Nguyễn Thị Hoa", "hoa.nguyen@example.vn", "056190000123", "0905123456"):
        assert private not in text
    page = client.get(f"/tra-cuu-ho-so/?ma={application.dossier_code}&xac_minh=3456")
    assert body["state_label"] in page.content.decode()


def test_an_unknown_code_is_404(client):
    response = client.get("/api/v1/applications/000.01.12.H34-261202-9999/status")
    assert response.status_code == 404
    assert problem(response)["status"] == 404


@override_settings(TRACKING_LOOKUP_RATE="3/m")
def test_the_status_shares_the_lookup_pages_rate_limit(client):
    code = ApplicationFactory().dossier_code
    client.get(f"/tra-cuu-ho-so/?ma={code}")
    client.get(f"/api/v1/applications/{code}/status")
    client.get(f"/tra-cuu-ho-so/?ma={code}")
    response = client.get(f"/api/v1/applications/{code}/status")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert problem(response)["status"] == 429


def test_sectors_units_and_statistics(client, catalogue):
    ApplicationFactory()
    sectors = client.get("/api/v1/sectors").json()
    assert {s["code"]: s["procedure_count"] for s in sectors} == {"G08-TT11": 2, "G08-BC05": 1}
    units = client.get("/api/v1/units").json()
    assert [u["code"] for u in units] == ["000.01.12.H34", "000.03.12.H34"]
    rows = client.get("/api/v1/statistics").json()
    assert sum(row["received"] for row in rows) == 1
    assert client.get("/api/v1/statistics?year=-1").status_code == 422


def test_the_schema_and_the_docs_are_published(client):
    raw = client.get("/api/v1/openapi.json").content
    # Every mapping has each key once (a YAML or strict JSON parser refuses duplicates).
    schema = json.loads(raw, object_pairs_hook=unique_keys)
    assert schema["openapi"].startswith("3.")
    assert "/api/v1/applications/{code}/accept" in schema["paths"]
    schemes = schema["components"]["securitySchemes"]
    assert schemes["IntegratorKey"] == {"type": "http", "scheme": "bearer"}
    assert schemes["PersonalToken"] == {"type": "http", "scheme": "bearer"}
    docs = client.get("/api/v1/docs")
    assert docs.status_code == 200
    # The interactive docs are served by the portal itself (no CDN: CSP and offline installs).
    for asset in ("ninja/swagger-ui-bundle.js", "ninja/swagger-ui.css"):
        assert asset in docs.content.decode()
        assert finders.find(asset), asset
