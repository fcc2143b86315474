"""Checks of a package's XML-DSig that do not go through signxml."""

import base64
import hashlib
import shutil
import subprocess

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding
from lxml import etree

from tests.conftest import require_service

DS = "{http://www.w3.org/2000/09/xmldsig#}"


def xmlsec1_verify(package: bytes, certificate, tmp_path) -> subprocess.CompletedProcess:
    """Debian's xmlsec1 command line, trusting the agency's (self-signed) certificate."""
    require_service(shutil.which("xmlsec1"), "needs xmlsec1 (apt install xmlsec1)")
    cert = tmp_path / "agency.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    document = tmp_path / "package.xml"
    document.write_bytes(package)
    return subprocess.run(
        ["xmlsec1", "--verify", "--trusted-pem", str(cert), str(document)],
        capture_output=True,
        text=True,
        check=False,
    )


def canonical_check(package: bytes, certificate) -> None:
    """Recompute the enveloped reference digest (exclusive C14N) and check the RSA
    signature over the canonical SignedInfo, with lxml and cryptography only."""
    root = etree.fromstring(package)
    signature = root.find(f".//{DS}Signature")
    signed_info = signature.find(f"{DS}SignedInfo")
    reference = signed_info.find(f"{DS}Reference")
    assert reference.get("URI") == ""
    transforms = [t.get("Algorithm") for t in reference.iterfind(f"{DS}Transforms/{DS}Transform")]
    assert transforms == [
        "http://www.w3.org/2000/09/xmldsig#enveloped-signature",
        "http://www.w3.org/2001/10/xml-exc-c14n#",
    ]
    unsigned = etree.fromstring(package)
    placeholder = unsigned.find(f".//{DS}Signature")
    placeholder.getparent().remove(placeholder)
    digest = hashlib.sha256(etree.tostring(unsigned, method="c14n", exclusive=True)).digest()
    assert base64.b64encode(digest).decode() == reference.findtext(f"{DS}DigestValue").strip()
    certificate.public_key().verify(
        base64.b64decode(signature.findtext(f"{DS}SignatureValue")),
        etree.tostring(signed_info, method="c14n", exclusive=True),
        padding.PKCS1v15(),
        hashes.SHA256(),
    )
