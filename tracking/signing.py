"""The agency's signing certificate, and PAdES signatures on PDF notices.

The certificate and its private key live in one PKCS#12 file
(`AGENCY_CERTIFICATE_PATH`, protected by `AGENCY_CERTIFICATE_PASSWORD`). In
production it is the agency's certificate issued under the national digital
signature infrastructure (Nghị định 130/2018/NĐ-CP, now 23/2025/NĐ-CP); in
development and tests a self-signed certificate for the agency is created on
first use.
"""

import asyncio
import concurrent.futures
import contextlib
import datetime
import io
import os
import tempfile
from functools import lru_cache
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import DatabaseError
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from portal.models import AgencySettings

KEY_SIZE = 3072
VALIDITY = datetime.timedelta(days=2 * 365)
# What a signing certificate is for: signatures and non-repudiation, nothing else.
SIGNER_KEY_USAGE = x509.KeyUsage(
    digital_signature=True,
    content_commitment=True,
    key_encipherment=False,
    data_encipherment=False,
    key_agreement=False,
    key_cert_sign=False,
    crl_sign=False,
    encipher_only=False,
    decipher_only=False,
)


class CertificateExists(Exception):
    """The certificate file is already there (use `force=True` to replace it)."""


def _password_bytes(password: str | None) -> bytes | None:
    return password.encode() if password else None


def create_agency_certificate(
    path: Path,
    *,
    common_name: str,
    organization: str = "",
    password: str | None,
    force: bool = False,
) -> Path:
    """Write a self-signed development certificate and its RSA key to `path` (PKCS#12).

    Subject CN = the agency, O = its governing body, C = VN; key usage
    digitalSignature and nonRepudiation (content commitment), valid two years.
    Raises `CertificateExists` if `path` exists and `force` is false; two
    processes racing to create it end up using the same file.
    """
    path = Path(path)
    if path.exists() and not force:
        raise CertificateExists(str(path))
    key = rsa.generate_private_key(public_exponent=65537, key_size=KEY_SIZE)
    attributes = [x509.NameAttribute(NameOID.COMMON_NAME, common_name[:64])]
    if organization:
        attributes.append(x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization[:64]))
    attributes.append(x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"))
    name = x509.Name(attributes)
    now = datetime.datetime.now(datetime.UTC)
    public_key = key.public_key()
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(public_key)
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + VALIDITY)
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            SIGNER_KEY_USAGE,
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(public_key), critical=False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(public_key), critical=False
        )
        .sign(key, hashes.SHA256())
    )
    encryption = (
        serialization.BestAvailableEncryption(password.encode())
        if password
        else serialization.NoEncryption()
    )
    data = pkcs12.serialize_key_and_certificates(
        common_name.encode(), key, certificate, None, encryption
    )
    path.parent.mkdir(parents=True, exist_ok=True)
    # Written aside then moved into place, so that no reader sees half a file.
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=".agency-", suffix=".p12")
    try:
        with os.fdopen(descriptor, "wb") as file:
            file.write(data)
        os.chmod(temporary, 0o600)
        if force:
            os.replace(temporary, path)
        else:
            # Fails if another process won the race: then both use its file.
            with contextlib.suppress(FileExistsError):
                os.link(temporary, path)
    finally:
        if os.path.exists(temporary):
            os.unlink(temporary)
    return path


def development_subject() -> tuple[str, str]:
    """(common name, organization) of a development certificate for this agency."""
    name = settings.AGENCY_CERTIFICATE_COMMON_NAME
    organization = ""
    if not name:
        try:
            agency = AgencySettings.load()
        except DatabaseError:
            agency = AgencySettings()
        name = agency.name
        organization = agency.governing_body
    return name, organization or name


def _certificate_path() -> Path:
    path = Path(settings.AGENCY_CERTIFICATE_PATH)
    if path.exists():
        return path
    if not settings.AGENCY_CERTIFICATE_AUTOCREATE:
        raise ImproperlyConfigured(
            f"The agency's signing certificate is missing: put the agency's PKCS#12 file "
            f"at {path} or set AGENCY_CERTIFICATE_PATH (and AGENCY_CERTIFICATE_PASSWORD). "
            f"Development certificates are not created in production."
        )
    common_name, organization = development_subject()
    return create_agency_certificate(
        path,
        common_name=common_name,
        organization=organization,
        password=settings.AGENCY_CERTIFICATE_PASSWORD,
    )


@lru_cache(maxsize=4)
def _load(path: str, modified: int, password: str | None):
    try:
        key, certificate, chain = pkcs12.load_key_and_certificates(
            Path(path).read_bytes(), _password_bytes(password)
        )
    except ValueError as error:
        raise ImproperlyConfigured(
            f"Cannot open the agency's certificate {path}: wrong AGENCY_CERTIFICATE_PASSWORD "
            f"or not a PKCS#12 file ({error})."
        ) from error
    if key is None or certificate is None:
        raise ImproperlyConfigured(f"{path} holds no private key and certificate.")
    return key, certificate, tuple(chain)


def load_agency_credentials():
    """(private key, certificate, chain) of the agency, as `cryptography` objects.

    Creates the development certificate if it is missing outside production;
    raises ImproperlyConfigured in production when it is missing or unreadable.
    """
    path = _certificate_path()
    key, certificate, chain = _load(
        str(path), path.stat().st_mtime_ns, settings.AGENCY_CERTIFICATE_PASSWORD
    )
    return key, certificate, list(chain)


def _asn1_certificate(certificate):
    return asn1_x509.Certificate.load(certificate.public_bytes(serialization.Encoding.DER))


def agency_signer() -> signers.SimpleSigner:
    """pyHanko signer with the agency's key, embedding its certificate and chain."""
    key, certificate, chain = load_agency_credentials()
    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    signing_cert = _asn1_certificate(certificate)
    return signers.SimpleSigner(
        signing_cert=signing_cert,
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs(
            [signing_cert, *(_asn1_certificate(c) for c in chain)]
        ),
    )


def sign_pdf(pdf_bytes: bytes, *, reason: str, location: str) -> bytes:
    """The PDF with the agency's PAdES baseline B-B signature (ETSI.CAdES.detached, SHA-256)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf_bytes))
    metadata = signers.PdfSignatureMetadata(
        field_name="AgencySignature",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason=reason,
        location=location,
    )
    signer = agency_signer()

    def sign():
        return signers.sign_pdf(writer, metadata, signer=signer).getvalue()

    # The signing library drives its own event loop (asyncio.run); from a thread
    # that already runs one (an async view, a browser-test driver) it must run
    # in a thread of its own.
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return sign()
    with concurrent.futures.ThreadPoolExecutor(max_workers=1) as pool:
        return pool.submit(sign).result()
