"""PDFs signed as a competent person's USB token or remote signing service would sign
them: a test certification authority, a person's certificate it issues, a PAdES
signature made with pyHanko outside the portal's own signer."""

import datetime
import io
from dataclasses import dataclass
from pathlib import Path

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.x509.oid import NameOID
from pyhanko.pdf_utils.generic import NumberObject, pdf_string
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore

from core.pdf import simple_document_pdf
from tracking.signing import SIGNER_KEY_USAGE


@dataclass(frozen=True)
class Authority:
    key: object
    certificate: object
    pem_path: Path


def _name(common_name, organization):
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, common_name),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, organization),
            x509.NameAttribute(NameOID.COUNTRY_NAME, "VN"),
        ]
    )


def make_authority(folder: Path) -> Authority:
    """A root CA standing for the government's certification authority."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    name = _name("CA thử nghiệm chuyên dùng Chính phủ", "Ban Cơ yếu Chính phủ (thử nghiệm)")
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=365))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(
            x509.KeyUsage(
                digital_signature=False,
                content_commitment=False,
                key_encipherment=False,
                data_encipherment=False,
                key_agreement=False,
                key_cert_sign=True,
                crl_sign=True,
                encipher_only=False,
                decipher_only=False,
            ),
            critical=True,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "ca.pem"
    path.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return Authority(key=key, certificate=certificate, pem_path=path)


def person_signer(authority: Authority, common_name="Trần Văn Giám Đốc"):
    """A pyHanko signer with a person's certificate issued by `authority`."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(_name(common_name, "Sở Thông tin và Truyền thông"))
        .issuer_name(authority.certificate.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(hours=1))
        .not_valid_after(now + datetime.timedelta(days=90))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(
            SIGNER_KEY_USAGE,
            critical=True,
        )
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(authority.key.public_key()),
            critical=False,
        )
        .sign(authority.key, hashes.SHA256())
    )

    def asn1(cert):
        return asn1_x509.Certificate.load(cert.public_bytes(serialization.Encoding.DER))

    der_key = key.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    return signers.SimpleSigner(
        signing_cert=asn1(certificate),
        signing_key=asn1_keys.PrivateKeyInfo.load(der_key),
        cert_registry=SimpleCertificateStore.from_certs(
            [asn1(certificate), asn1(authority.certificate)]
        ),
    )


def result_pdf(title="Giấy phép xuất bản bản tin số 12/GP-STTTT") -> bytes:
    return simple_document_pdf(title=title, paragraphs=["Cấp cho Nguyễn Thị Hoa."])


def signed_by_person(pdf: bytes, signer) -> bytes:
    """`pdf` with a PAdES signature of `signer` (as a USB token would add it)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    metadata = signers.PdfSignatureMetadata(
        field_name="NguoiCoThamQuyen",
        md_algorithm="sha256",
        subfilter=fields.SigSeedSubFilter.PADES,
        reason="Ký ban hành",
    )
    return signers.sign_pdf(writer, metadata, signer=signer).getvalue()


def changed_inside_the_signature(pdf: bytes) -> bytes:
    """One byte changed inside the signed range: the digest no longer matches."""
    signature = PdfFileReader(io.BytesIO(pdf)).embedded_signatures[-1]
    position = pdf.index(b"ReportLab")
    assert position < signature.byte_range[1]
    return pdf[:position] + b"X" + pdf[position + 1 :]


def changed_after_signing(pdf: bytes) -> bytes:
    """An unsigned revision appended after the signature that changes the document."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf))
    page = writer.root["/Pages"]["/Kids"][0].get_object()
    page["/Rotate"] = NumberObject(90)
    writer.update_container(page)
    writer.root["/Lang"] = pdf_string("en")
    writer.update_root()
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()
