"""A webhook over HTTPS connects to the checked address and still verifies the
certificate of the host's name (not of the address it connected to)."""

import datetime
import http.server
import ssl
import threading

import pytest
import urllib3
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

from api import webhooks
from core.outbox import TransientError


@pytest.fixture
def tls_receiver(tmp_path):
    """An HTTPS receiver on this machine whose certificate names hooks.example.vn."""
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "hooks.example.vn")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(now - datetime.timedelta(minutes=5))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.DNSName("hooks.example.vn")]), False)
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), True)
        .sign(key, hashes.SHA256())
    )
    cert = tmp_path / "cert.pem"
    cert.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    private = tmp_path / "key.pem"
    private.write_bytes(
        key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        )
    )
    hosts = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_POST(self):
            self.rfile.read(int(self.headers.get("Content-Length", 0)))
            hosts.append(self.headers["Host"])
            self.send_response(204)
            self.end_headers()

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
    context.load_cert_chain(cert, private)
    server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield server.server_port, cert, hosts
    server.shutdown()
    server.server_close()


@pytest.fixture
def checked_here(settings, monkeypatch):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    # This machine's receiver stands for the public address the check found.
    monkeypatch.setattr(webhooks, "public_address", lambda host, port: "127.0.0.1")


def test_the_certificate_of_the_name_is_verified_on_the_checked_address(
    tls_receiver, checked_here, monkeypatch
):
    port, cert, hosts = tls_receiver
    monkeypatch.setenv("REQUESTS_CA_BUNDLE", str(cert))
    assert webhooks._post(f"https://hooks.example.vn:{port}/hook", b"{}", {})[0] == 204
    assert hosts == [f"hooks.example.vn:{port}"]
    with pytest.raises(urllib3.exceptions.SSLError, match="doesn't match"):
        webhooks._post(f"https://other.example.vn:{port}/hook", b"{}", {})


def test_an_untrusted_certificate_is_refused(tls_receiver, checked_here, monkeypatch):
    port, _cert, hosts = tls_receiver
    monkeypatch.delenv("REQUESTS_CA_BUNDLE", raising=False)
    with pytest.raises(urllib3.exceptions.SSLError, match="CERTIFICATE_VERIFY_FAILED"):
        webhooks._post(f"https://hooks.example.vn:{port}/hook", b"{}", {})
    assert hosts == []


def test_a_name_that_resolves_inside_is_refused_before_connecting(settings, monkeypatch):
    settings.WEBHOOK_ALLOW_PRIVATE_HOSTS = False
    monkeypatch.setattr(
        webhooks.socket,
        "getaddrinfo",
        lambda host, port, *a, **k: [(2, 1, 6, "", ("10.0.0.5", port))],
    )
    with pytest.raises(TransientError, match=r"mạng nội bộ \(10.0.0.5\)"):
        webhooks._post("https://hooks.example.vn/hook", b"{}", {})
