"""HTTP(S) POST of the package to the receiver's endpoint (`requests`)."""

import requests

from tracking.exchange.transports import Delivery, PermanentTransportError, TransportError
from tracking.exchange.xmlsecurity import HMAC_HEADER, hmac_header_value

# 409: the receiver already holds this DocumentId, which is what a re-send wants.
ALREADY_THERE = {409}
# Client errors worth trying again: timeouts and rate limits.
TRANSIENT_CLIENT_ERRORS = {408, 425, 429}
MAX_ANSWER_CHARS = 10_000


def send(peer, *, package: bytes, document_id: str) -> Delivery:
    headers = {
        "Content-Type": "application/xml; charset=utf-8",
        "X-Edxml-DocumentId": document_id,
    }
    if peer.secret:
        headers[HMAC_HEADER] = hmac_header_value(package, peer.secret)
    cert = None
    if peer.client_cert:
        cert = (peer.client_cert, peer.client_key) if peer.client_key else peer.client_cert
    try:
        response = requests.post(
            peer.url,
            data=package,
            headers=headers,
            timeout=(peer.connect_timeout, peer.timeout),
            verify=peer.verify,
            cert=cert,
        )
    except requests.RequestException as error:
        raise TransportError(f"{type(error).__name__}: {error}") from error
    answer = response.text[:MAX_ANSWER_CHARS]
    status = response.status_code
    if 200 <= status < 300 or status in ALREADY_THERE:
        return Delivery(status=status, body=answer)
    message = f"HTTP {status}: {answer[:500]}"
    if 400 <= status < 500 and status not in TRANSIENT_CLIENT_ERRORS:
        raise PermanentTransportError(message)
    raise TransportError(message)
