"""HTTPS JSON to the national portal's adapter, with the agency's credentials.

The guide's exchange: the agency signs in at the authentication endpoint with
its user name and password and receives a `session`; every request is then a
JSON POST of an envelope `{"session", "madonvi", "service", ...}` to the
integration endpoint (writes) or the sharing endpoint (reads), and every answer
carries `error_code` ("0" or "00": done). The session is kept in the cache and
renewed when the peer says it expired.
"""

import requests
from django.conf import settings
from django.core.cache import cache

from national.transports import (
    Answer,
    PermanentTransportError,
    TransportError,
    service_name,
)

SESSION_CACHE_KEY = "national:session"
OK_CODES = {"0", "00"}
# The peer's codes for a session it no longer knows (sign in again, then retry).
SESSION_EXPIRED_CODES = {"-401", "401", "session_expired"}
# 409: the peer already holds this request, which is what a re-send wants.
ALREADY_THERE = {409}
TRANSIENT_CLIENT_ERRORS = {408, 425, 429}
MAX_ANSWER_CHARS = 10_000


class HttpTransport:
    def __init__(self):
        self.base = settings.NATIONAL_URL.rstrip("/")

    def _request(self, path, body, headers=None):
        cert = None
        if settings.NATIONAL_CLIENT_CERT:
            cert = (
                (settings.NATIONAL_CLIENT_CERT, settings.NATIONAL_CLIENT_KEY)
                if settings.NATIONAL_CLIENT_KEY
                else settings.NATIONAL_CLIENT_CERT
            )
        try:
            response = requests.post(
                self.base + path,
                json=body,
                headers={"Accept": "application/json", **(headers or {})},
                timeout=(settings.NATIONAL_CONNECT_TIMEOUT, settings.NATIONAL_TIMEOUT),
                verify=settings.NATIONAL_VERIFY,
                cert=cert,
                allow_redirects=False,
            )
        except requests.RequestException as error:
            raise TransportError(f"{type(error).__name__}: {error}") from error
        text = response.text[:MAX_ANSWER_CHARS]
        status = response.status_code
        if not (200 <= status < 300 or status in ALREADY_THERE):
            message = f"HTTP {status}: {text[:500]}"
            if 400 <= status < 500 and status not in TRANSIENT_CLIENT_ERRORS:
                raise PermanentTransportError(message)
            raise TransportError(message)
        try:
            answer = response.json()
        except ValueError:
            raise TransportError(f"HTTP {status}: not JSON: {text[:200]}") from None
        if not isinstance(answer, dict):
            raise TransportError(f"HTTP {status}: not a JSON object: {text[:200]}")
        return Answer(status=status, body=answer, text=text)

    def session(self, *, renew=False) -> str:
        session = None if renew else cache.get(SESSION_CACHE_KEY)
        if session:
            return session
        answer = self._request(
            settings.NATIONAL_AUTH_PATH,
            {"username": settings.NATIONAL_USERNAME, "password": settings.NATIONAL_PASSWORD},
        )
        session = answer.body.get("session")
        if str(answer.body.get("error_code")) not in OK_CODES or not session:
            # Wrong credentials are an operator's matter: kept and retried, shown on the desk.
            raise TransportError(f"sign-in refused: {answer.text[:300]}")
        cache.set(SESSION_CACHE_KEY, session, settings.NATIONAL_SESSION_SECONDS)
        return session

    def _call(self, path, service, payload, headers=None):
        envelope = {"madonvi": settings.NATIONAL_AGENCY_CODE, "service": service_name(service)}
        for renew in (False, True):
            body = {"session": self.session(renew=renew), **envelope, **payload}
            answer = self._request(path, body, headers)
            code = str(answer.body.get("error_code", ""))
            if code in SESSION_EXPIRED_CODES:
                cache.delete(SESSION_CACHE_KEY)
                continue
            if answer.status in ALREADY_THERE or code in OK_CODES:
                return answer
            message = answer.body.get("message") or answer.body.get("error") or answer.text[:300]
            raise PermanentTransportError(f"error_code {code or '?'}: {message}")
        raise TransportError("the national portal keeps refusing the session")

    def post(self, service, payload: dict, *, key: str) -> Answer:
        return self._call(
            settings.NATIONAL_INTEGRATION_PATH, service, payload, {"Idempotency-Key": key}
        )

    def fetch(self, service, params: dict) -> dict:
        return self._call(settings.NATIONAL_SHARE_PATH, service, params).body
