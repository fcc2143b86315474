"""XML-DSig signatures of packages and the hardened parsing of what comes in."""

import hashlib
import hmac

from cryptography.hazmat.primitives import serialization
from defusedxml import DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden
from defusedxml.ElementTree import fromstring as defused_fromstring
from lxml import etree
from signxml import InvalidInput, InvalidSignature, XMLSigner, XMLVerifier
from signxml.algorithms import (
    CanonicalizationMethod,
    DigestAlgorithm,
    SignatureConstructionMethod,
    SignatureMethod,
)

from tracking.exchange.constants import RejectionCode
from tracking.exchange.edxml import to_bytes

# Header carrying `sha256=<hex HMAC of the body>` for peers with a shared secret.
HMAC_HEADER = "X-Edxml-Hmac"


class InboundRejected(Exception):
    """An inbound package refused at the door; `code` goes back to the sender."""

    def __init__(self, code: RejectionCode, detail=""):
        self.code = RejectionCode(code)
        self.detail = str(detail or self.code.label)
        super().__init__(f"{self.code}: {self.detail}")


def _parser():
    # No DTD, no entity expansion, no network, no huge trees.
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        dtd_validation=False,
        huge_tree=False,
        remove_comments=True,
        remove_pis=True,
    )


def parse_hardened(raw: bytes, *, max_bytes: int):
    """Parse an untrusted package: size-limited, and refused if it holds a DTD or entities."""
    if len(raw) > max_bytes:
        raise InboundRejected(RejectionCode.TOO_LARGE)
    try:
        # defusedxml's scan refuses any DOCTYPE, hence billion laughs and external entities.
        defused_fromstring(raw, forbid_dtd=True, forbid_entities=True, forbid_external=True)
    except (DTDForbidden, EntitiesForbidden, ExternalReferenceForbidden) as error:
        raise InboundRejected(RejectionCode.FORBIDDEN_XML, repr(error)) from error
    except Exception as error:  # ParseError of any kind: not XML.
        raise InboundRejected(RejectionCode.MALFORMED, str(error)) from error
    try:
        return etree.fromstring(raw, parser=_parser())
    except etree.XMLSyntaxError as error:
        raise InboundRejected(RejectionCode.MALFORMED, str(error)) from error


def _signer():
    return XMLSigner(
        method=SignatureConstructionMethod.enveloped,
        signature_algorithm=SignatureMethod.RSA_SHA256,
        digest_algorithm=DigestAlgorithm.SHA256,
        c14n_algorithm=CanonicalizationMethod.EXCLUSIVE_XML_CANONICALIZATION_1_0,
    )


def sign_envelope(root, *, key, certificate, chain=()) -> bytes:
    """The envelope with an enveloped XML-DSig signature (RSA-SHA256, exclusive C14N,
    Reference URI="" over the whole document) in place of its `ds:Signature` placeholder."""
    certs = [
        c.public_bytes(serialization.Encoding.PEM).decode("ascii") for c in (certificate, *chain)
    ]
    signed = _signer().sign(root, key=key, cert=certs)
    return to_bytes(signed)


def sign_with_agency(root) -> bytes:
    from tracking.signing import load_agency_credentials

    key, certificate, chain = load_agency_credentials()
    return sign_envelope(root, key=key, certificate=certificate, chain=chain)


def verify_signature(root, *, certificate_pem: bytes | str):
    """The signed content of `root` if its signature verifies with the peer's certificate.

    Only the whole document may be signed (one Reference, URI=""), so that what
    is read afterwards is exactly what was signed.
    """
    if isinstance(certificate_pem, bytes):
        certificate_pem = certificate_pem.decode("ascii")
    try:
        result = XMLVerifier().verify(root, x509_cert=certificate_pem, expect_references=1)
    except (InvalidSignature, InvalidInput) as error:
        raise InboundRejected(RejectionCode.BAD_SIGNATURE, str(error)) from error
    signed = result.signed_xml
    if signed is None or etree.QName(signed).localname != etree.QName(root).localname:
        raise InboundRejected(RejectionCode.BAD_SIGNATURE, "signature must cover the envelope")
    return signed


def hmac_header_value(raw: bytes, secret: str) -> str:
    return "sha256=" + hmac.new(secret.encode(), raw, hashlib.sha256).hexdigest()


def verify_hmac(raw: bytes, *, secret: str, header_value: str) -> None:
    if not header_value or not hmac.compare_digest(hmac_header_value(raw, secret), header_value):
        raise InboundRejected(RejectionCode.BAD_SIGNATURE, "HMAC mismatch")
