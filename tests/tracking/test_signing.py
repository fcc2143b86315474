import io
import os
import shutil
import subprocess

import pytest
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.serialization import pkcs12
from django.core.exceptions import ImproperlyConfigured
from django.core.management import CommandError, call_command
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import validate_pdf_signature
from pyhanko_certvalidator import ValidationContext

from core.pdf import simple_document_pdf
from tests.conftest import require_service
from tracking.signing import load_agency_credentials, sign_pdf


def pyhanko_status(pdf_bytes):
    """pyHanko's verdict on the first signature, with the agency certificate as trust root."""
    _, certificate, _ = load_agency_credentials()
    root = asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))
    signature = PdfFileReader(io.BytesIO(pdf_bytes)).embedded_signatures[0]
    status = validate_pdf_signature(signature, ValidationContext(trust_roots=[root]))
    return signature, status


def pdfsig_report(pdf_bytes, tmp_path):
    """What poppler's pdfsig, an independent validator, says about the file."""
    require_service(shutil.which("pdfsig"), "needs pdfsig (apt install poppler-utils)")
    path = tmp_path / "signed.pdf"
    path.write_bytes(pdf_bytes)
    result = subprocess.run(["pdfsig", str(path)], capture_output=True, text=True, check=False)
    return result.stdout + result.stderr


def tampered(pdf_bytes):
    """The PDF with one byte changed inside the first signed range."""
    signature = PdfFileReader(io.BytesIO(pdf_bytes)).embedded_signatures[0]
    first_range_end = signature.byte_range[1]
    position = pdf_bytes.index(b"ReportLab")
    assert position < first_range_end
    return pdf_bytes[:position] + b"X" + pdf_bytes[position + 1 :]


@pytest.fixture(scope="module")
def signed_pdf():
    pdf = simple_document_pdf(title="Giấy tiếp nhận hồ sơ", paragraphs=["Mã hồ sơ: H22-0001"])
    return sign_pdf(pdf, reason="Thông báo tiếp nhận hồ sơ", location="Khánh Hòa")


def test_signature_is_intact_valid_and_pades_for_pyhanko(signed_pdf):
    signature, status = pyhanko_status(signed_pdf)
    assert status.intact and status.valid and status.trusted
    assert status.bottom_line
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    assert signature.sig_object["/Reason"] == "Thông báo tiếp nhận hồ sơ"


def test_signature_is_valid_for_poppler(signed_pdf, tmp_path):
    report = pdfsig_report(signed_pdf, tmp_path)
    assert "Signature is Valid" in report
    assert "ETSI.CAdES.detached" in report


def test_a_changed_byte_breaks_the_signature_for_pyhanko(signed_pdf):
    _, status = pyhanko_status(tampered(signed_pdf))
    assert not status.intact  # the document digest no longer matches
    assert not status.bottom_line


def test_a_changed_byte_breaks_the_signature_for_poppler(signed_pdf, tmp_path):
    report = pdfsig_report(tampered(signed_pdf), tmp_path)
    assert "Signature is Valid" not in report
    assert "Digest Mismatch" in report or "Invalid" in report


def test_credentials_are_the_key_and_certificate_for_xml_signatures():
    key, certificate, chain = load_agency_credentials()
    assert key.public_key().public_numbers() == certificate.public_key().public_numbers()
    assert isinstance(certificate, x509.Certificate)
    assert chain == []


def test_development_certificate_is_fit_for_signing(tmp_path, settings):
    settings.AGENCY_CERTIFICATE_PATH = tmp_path / "agency.p12"
    settings.AGENCY_CERTIFICATE_PASSWORD = "secret"
    call_command("create_agency_certificate", stdout=io.StringIO())
    _, certificate, _ = pkcs12.load_key_and_certificates(
        settings.AGENCY_CERTIFICATE_PATH.read_bytes(), b"secret"
    )
    usage = certificate.extensions.get_extension_for_class(x509.KeyUsage).value
    assert usage.digital_signature and usage.content_commitment
    subject = certificate.subject.rfc4514_string()
    assert "C=VN" in subject and "CN=Sở Thông tin và Truyền thông" in subject
    assert certificate.public_key().key_size >= 2048
    lifetime = certificate.not_valid_after_utc - certificate.not_valid_before_utc
    assert 700 <= lifetime.days <= 740
    assert oct(os.stat(settings.AGENCY_CERTIFICATE_PATH).st_mode & 0o777) == "0o600"


def test_the_command_keeps_an_existing_certificate_unless_forced(tmp_path, settings):
    settings.AGENCY_CERTIFICATE_PATH = tmp_path / "agency.p12"
    call_command("create_agency_certificate", stdout=io.StringIO())
    first = settings.AGENCY_CERTIFICATE_PATH.read_bytes()
    call_command("create_agency_certificate", stdout=io.StringIO())
    assert settings.AGENCY_CERTIFICATE_PATH.read_bytes() == first
    call_command("create_agency_certificate", "--force", stdout=io.StringIO())
    assert settings.AGENCY_CERTIFICATE_PATH.read_bytes() != first


def test_the_certificate_is_created_on_first_use_outside_production(tmp_path, settings):
    settings.AGENCY_CERTIFICATE_PATH = tmp_path / "certs" / "agency.p12"
    sign_pdf(simple_document_pdf(title="Thử"), reason="Thử", location="Khánh Hòa")
    assert settings.AGENCY_CERTIFICATE_PATH.exists()


def test_missing_certificate_in_production_is_a_configuration_error(tmp_path, settings):
    settings.AGENCY_CERTIFICATE_PATH = tmp_path / "missing.p12"
    settings.AGENCY_CERTIFICATE_AUTOCREATE = False
    with pytest.raises(ImproperlyConfigured, match="AGENCY_CERTIFICATE_PATH"):
        sign_pdf(simple_document_pdf(title="Thử"), reason="Thử", location="Khánh Hòa")
    assert not settings.AGENCY_CERTIFICATE_PATH.exists()


def test_the_command_refuses_a_development_certificate_in_production(tmp_path, settings):
    settings.AGENCY_CERTIFICATE_PATH = tmp_path / "agency.p12"
    settings.AGENCY_CERTIFICATE_AUTOCREATE = False
    with pytest.raises(CommandError):
        call_command("create_agency_certificate", stdout=io.StringIO())


def test_production_settings_create_no_certificate_and_have_no_password(monkeypatch):
    monkeypatch.setenv("SECRET_KEY", "x" * 50)
    monkeypatch.setenv("ALLOWED_HOSTS", "portal.example.gov.vn")
    monkeypatch.setenv("SITE_URL", "https://portal.example.gov.vn")
    monkeypatch.delenv("AGENCY_CERTIFICATE_PASSWORD", raising=False)
    import importlib

    production = importlib.import_module("portal.settings.production")
    production = importlib.reload(production)
    assert production.AGENCY_CERTIFICATE_AUTOCREATE is False
    assert production.AGENCY_CERTIFICATE_PASSWORD is None


def test_a_wrong_password_is_a_configuration_error(tmp_path, settings):
    settings.AGENCY_CERTIFICATE_PATH = tmp_path / "agency.p12"
    call_command("create_agency_certificate", stdout=io.StringIO())
    settings.AGENCY_CERTIFICATE_PASSWORD = "not-the-password"
    with pytest.raises(ImproperlyConfigured, match="AGENCY_CERTIFICATE_PASSWORD"):
        load_agency_credentials()


@pytest.mark.django_db
def test_development_certificate_names_the_agency_of_the_site_settings(tmp_path, settings):
    from portal.models import AgencySettings

    agency = AgencySettings.load()
    settings.AGENCY_CERTIFICATE_COMMON_NAME = ""
    settings.AGENCY_CERTIFICATE_PATH = tmp_path / "agency.p12"
    _, certificate, _ = load_agency_credentials()
    common_name = certificate.subject.get_attributes_for_oid(x509.NameOID.COMMON_NAME)[0].value
    organization = certificate.subject.get_attributes_for_oid(x509.NameOID.ORGANIZATION_NAME)
    assert common_name == agency.name
    assert organization[0].value == (agency.governing_body or agency.name)
