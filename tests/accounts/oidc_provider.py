"""A minimal OpenID Connect provider for tests, served over HTTP from a thread.

Authorization code flow with PKCE (S256), RS256 ID tokens published in a JWKS,
a userinfo endpoint. Just enough to sign in through the real client library.
"""

import base64
import hashlib
import json
import secrets
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

import josepy
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_ID = "test-key-1"


class LocalProvider:
    def __init__(self, *, client_id, client_secret, claims):
        self.client_id = client_id
        self.client_secret = client_secret
        self.claims = claims
        self.key = josepy.JWKRSA(key=rsa.generate_private_key(public_exponent=65537, key_size=2048))
        self.audience = client_id
        self.codes = {}
        self.tokens = {}
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), self._handler())
        self.issuer = f"http://127.0.0.1:{self.server.server_port}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()

    def settings(self):
        return {
            "VNEID_ENABLED": True,
            "VNEID_ISSUER": self.issuer,
            "OIDC_RP_CLIENT_ID": self.client_id,
            "OIDC_RP_CLIENT_SECRET": self.client_secret,
            "OIDC_OP_AUTHORIZATION_ENDPOINT": f"{self.issuer}/authorize",
            "OIDC_OP_TOKEN_ENDPOINT": f"{self.issuer}/token",
            "OIDC_OP_USER_ENDPOINT": f"{self.issuer}/userinfo",
            "OIDC_OP_JWKS_ENDPOINT": f"{self.issuer}/jwks",
        }

    def id_token(self, nonce):
        now = int(time.time())
        payload = {
            "iss": self.issuer,
            "sub": self.claims["sub"],
            "aud": self.audience,
            "iat": now,
            "exp": now + 300,
            "nonce": nonce,
        }
        jws = josepy.JWS.sign(
            json.dumps(payload).encode(),
            key=self.key,
            alg=josepy.RS256,
            kid=KEY_ID,
            include_jwk=False,
            protect=frozenset(["alg", "kid"]),
        )
        return jws.to_compact().decode()

    def _handler(provider):  # noqa: N805 — the handler closes over the provider
        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def _json(self, status, body):
                data = json.dumps(body).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(data)))
                self.end_headers()
                self.wfile.write(data)

            def do_GET(self):
                url = urlsplit(self.path)
                query = {k: v[0] for k, v in parse_qs(url.query).items()}
                if url.path == "/authorize":
                    if query.get("client_id") != provider.client_id:
                        return self._json(400, {"error": "unauthorized_client"})
                    code = secrets.token_urlsafe(16)
                    provider.codes[code] = query
                    target = (
                        query["redirect_uri"]
                        + "?"
                        + urlencode({"code": code, "state": query["state"]})
                    )
                    self.send_response(302)
                    self.send_header("Location", target)
                    self.end_headers()
                elif url.path == "/jwks":
                    public = provider.key.public_key().to_json()
                    self._json(200, {"keys": [{**public, "kid": KEY_ID, "alg": "RS256"}]})
                elif url.path == "/userinfo":
                    token = self.headers.get("Authorization", "").removeprefix("Bearer ")
                    if token not in provider.tokens:
                        return self._json(401, {"error": "invalid_token"})
                    self._json(200, provider.claims)
                else:
                    self._json(404, {})

            def do_POST(self):
                length = int(self.headers.get("Content-Length", 0))
                form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
                if urlsplit(self.path).path != "/token":
                    return self._json(404, {})
                request = provider.codes.pop(form.get("code"), None)
                if (
                    request is None
                    or form.get("client_id") != provider.client_id
                    or form.get("client_secret") != provider.client_secret
                    or form.get("redirect_uri") != request["redirect_uri"]
                ):
                    return self._json(400, {"error": "invalid_grant"})
                challenge = (
                    base64.urlsafe_b64encode(
                        hashlib.sha256(form.get("code_verifier", "").encode()).digest()
                    )
                    .rstrip(b"=")
                    .decode()
                )
                if challenge != request.get("code_challenge"):
                    return self._json(400, {"error": "invalid_grant", "detail": "PKCE"})
                access = secrets.token_urlsafe(16)
                provider.tokens[access] = True
                self._json(
                    200,
                    {
                        "access_token": access,
                        "token_type": "Bearer",
                        "expires_in": 300,
                        "id_token": provider.id_token(request.get("nonce")),
                    },
                )

        return Handler
