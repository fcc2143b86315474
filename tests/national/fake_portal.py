"""A fake National Public Service Portal: a small HTTP server in the test process.

It speaks the guide's exchange (sign-in for a `session`, JSON envelopes with
`service`, answers with `error_code`), checks every request against the
schemas of `schemas.py`, keeps what it accepted once per `Idempotency-Key`, and
can be told to fail (HTTP 503), hang (longer than the client's timeout), answer
an error code, or forget the sessions it gave.
"""

import json
import secrets
import threading
import time
from collections import Counter, deque
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import jsonschema

from tests.national.schemas import SCHEMAS

USERNAME = "so-khcn-khanh-hoa"
PASSWORD = "mat-khau-ket-noi-thu-nghiem"
AGENCY_CODE = "000.00.12.H34"


class FakeNationalPortal:
    def __init__(self):
        self.lock = threading.Lock()
        self.sessions = set()
        self.accepted = {}  # Idempotency-Key → request body, first time seen
        self.order = []  # keys in the order they were accepted
        self.duplicates = Counter()
        self.refused = []  # (service, error) of requests that failed the schema
        self.faults = deque()  # ("fail", status) | ("hang", seconds) | ("error", code)
        self.catalogue = {}  # MATTHC → record, for LayDanhSachTTHC / LayThuTuc
        self.new_applications = []  # records for LayDanhSachHoSoMC
        self.sign_ins = 0
        portal = self

        class Handler(BaseHTTPRequestHandler):
            def log_message(self, *args):
                pass

            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                status, answer = portal.handle(self.path, raw, self.headers)
                if status is None:
                    return  # hung up on purpose
                body = json.dumps(answer, ensure_ascii=False).encode()
                self.send_response(status)
                self.send_header("Content-Type", "application/json; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self.thread.start()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.server.server_address[1]}"

    def settings(self):
        """The portal's settings that point the http transport here."""
        return {
            "NATIONAL_TRANSPORT": "http",
            "NATIONAL_URL": self.url,
            "NATIONAL_AUTH_PATH": "/auth",
            "NATIONAL_INTEGRATION_PATH": "/integration",
            "NATIONAL_SHARE_PATH": "/share",
            "NATIONAL_USERNAME": USERNAME,
            "NATIONAL_PASSWORD": PASSWORD,
            "NATIONAL_AGENCY_CODE": AGENCY_CODE,
        }

    # What the tests set up

    def fail_next(self, count=1, status=503):
        self.faults.extend([("fail", status)] * count)

    def hang_next(self, count=1, seconds=5.0):
        self.faults.extend([("hang", seconds)] * count)

    def error_next(self, count=1, code="99"):
        self.faults.extend([("error", code)] * count)

    def forget_sessions(self):
        with self.lock:
            self.sessions.clear()

    def reset(self):
        with self.lock:
            self.accepted.clear()
            self.order.clear()
            self.duplicates.clear()
            self.refused.clear()
            self.faults.clear()
            self.catalogue.clear()
            self.new_applications.clear()

    def received(self, service=None, code=None):
        """Accepted requests, in order, optionally of one service or one dossier code."""
        with self.lock:
            bodies = [self.accepted[key] for key in self.order]
        return [
            body
            for body in bodies
            if (service is None or body["service"] == service)
            and (code is None or any(item.get("MaHoSo") == code for item in body.get("data", [])))
        ]

    def close(self):
        self.server.shutdown()
        self.server.server_close()

    # The protocol

    def handle(self, path, raw, headers):
        try:
            body = json.loads(raw)
        except ValueError:
            return 400, {"error_code": "400", "message": "not JSON"}
        if path == "/auth":
            if body == {"username": USERNAME, "password": PASSWORD}:
                session = secrets.token_hex(8)
                with self.lock:
                    self.sessions.add(session)
                    self.sign_ins += 1
                return 200, {"error_code": "0", "session": session}
            return 200, {"error_code": "1", "message": "sai tên đăng nhập hoặc mật khẩu"}
        if self.faults:
            kind, value = self.faults.popleft()
            if kind == "fail":
                return value, {"error_code": str(value), "message": "lỗi máy chủ"}
            if kind == "hang":
                time.sleep(value)
                return None, None
            if kind == "error":
                return 200, {"error_code": value, "message": "lỗi nghiệp vụ"}
        if body.get("session") not in self.sessions:
            return 200, {"error_code": "-401", "message": "phiên làm việc hết hạn"}
        if body.get("madonvi") != AGENCY_CODE:
            return 200, {"error_code": "3", "message": "sai mã đơn vị"}
        service = body.get("service")
        if path == "/share":
            return 200, self.share(service, body)
        if path != "/integration":
            return 404, {"error_code": "404"}
        schema = SCHEMAS.get(service)
        if schema is None:
            return 200, {"error_code": "4", "message": f"không có dịch vụ {service}"}
        try:
            jsonschema.validate(body, schema)
        except jsonschema.ValidationError as error:
            with self.lock:
                self.refused.append((service, error.message))
            return 200, {"error_code": "2", "message": f"dữ liệu không hợp lệ: {error.message}"}
        key = headers.get("Idempotency-Key")
        if not key:
            return 400, {"error_code": "400", "message": "thiếu Idempotency-Key"}
        with self.lock:
            if key in self.accepted:
                self.duplicates[key] += 1
            else:
                self.accepted[key] = body
                self.order.append(key)
        return 200, {"error_code": "0", "message": "thành công"}

    def share(self, service, body):
        if service == "LayDanhSachTTHC":
            return {"error_code": "0", "result": [{"MATTHC": code} for code in self.catalogue]}
        if service == "LayThuTuc":
            record = self.catalogue.get(body.get("maTTHC"))
            return {"error_code": "0", "result": [record] if record else []}
        if service == "LayDanhSachHoSoMC":
            return {"error_code": "0", "result": list(self.new_applications)}
        return {"error_code": "4", "message": f"không có dịch vụ {service}"}
