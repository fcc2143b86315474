"""The provider's configuration is checked at start-up, and the sandbox is flagged in production."""

import pytest

from payments.checks import payment_provider_configured, sandbox_not_in_production


def test_vnpay_without_its_secret_is_a_configuration_error(settings):
    settings.PAYMENT_PROVIDER = "vnpay"
    settings.VNPAY_TMN_CODE = "TESTTMN1"
    settings.VNPAY_HASH_SECRET = ""
    assert [e.id for e in payment_provider_configured(None)] == ["payments.E002"]


def test_unknown_provider_is_a_configuration_error(settings):
    settings.PAYMENT_PROVIDER = "cash"
    assert [e.id for e in payment_provider_configured(None)] == ["payments.E001"]


def test_sandbox_is_flagged_outside_debug(settings):
    settings.PAYMENT_PROVIDER = "sandbox"
    settings.DEBUG = False
    assert [w.id for w in sandbox_not_in_production(None)] == ["payments.W001"]


def test_production_defaults_to_the_real_gateway(monkeypatch):
    import importlib

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example.gov.vn")
    monkeypatch.setenv("SITE_URL", "https://portal.example.gov.vn")
    monkeypatch.delenv("PAYMENT_PROVIDER", raising=False)
    production = importlib.reload(importlib.import_module("portal.settings.production"))
    assert production.PAYMENT_PROVIDER == "vnpay"
    assert production.VNPAY_HASH_SECRET == ""


def test_production_requires_the_public_address(monkeypatch):
    import importlib

    from django.core.exceptions import ImproperlyConfigured

    monkeypatch.setenv("SECRET_KEY", "x" * 60)
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example.gov.vn")
    monkeypatch.delenv("SITE_URL", raising=False)
    with pytest.raises(ImproperlyConfigured, match="SITE_URL"):
        importlib.reload(importlib.import_module("portal.settings.production"))
    monkeypatch.setenv("SITE_URL", "https://portal.example.gov.vn")
    production = importlib.reload(importlib.import_module("portal.settings.production"))
    assert (
        production.SITE_URL == production.WAGTAILADMIN_BASE_URL == "https://portal.example.gov.vn"
    )
