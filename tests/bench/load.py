"""`make bench`: the hot pages through a real server under bounded load.

Starts gunicorn (the production WSGI stack and settings, DEBUG off, served over
loopback HTTP by `tests/bench/settings.py`) on a free local port, with a bare
Django view mounted beside the product's URLs, and drives each page with a fixed
number of connections for a fixed time: `wrk` when it is installed, else a
load generator on urllib3 threads. Prints, per page, requests per second, p50
and p99, and the ratio of its requests per second to the bare view's, measured
in the same run: ratios compare across machines, seconds do not.

The pages are driven in BENCH_ROUNDS rounds, the bare view first in each: a page's
ratio is the median of its rounds' ratios to the bare view of the same round, so
that a burst of other load on the machine moves one round, not the result; the
range of the rounds is printed beside it. Last, the form step's cost against
Wagtail's `FormPage` (the inverse ratio of their requests per second), the same way.

Environment: BENCH_SECONDS (4 per page and round), BENCH_ROUNDS (3),
BENCH_CONNECTIONS (8), BENCH_WORKERS (2), BENCH_LOAD=python to use the Python
generator even when wrk is there.
Reads the database `make run` uses (DATABASE_URL, else SQLite), with the demo.
"""

import os
import re
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
os.environ["DJANGO_SETTINGS_MODULE"] = "tests.bench.settings"

import django  # noqa: E402

django.setup()

import urllib3  # noqa: E402
from django.conf import settings  # noqa: E402
from django.contrib.auth import (  # noqa: E402
    BACKEND_SESSION_KEY,
    HASH_SESSION_KEY,
    SESSION_KEY,
    get_user_model,  # noqa: E402
)
from django.contrib.sessions.backends.db import SessionStore  # noqa: E402
from django.core.management import call_command  # noqa: E402
from wagtail.models import Site  # noqa: E402

from forms import divisions  # noqa: E402
from forms import schema as form_schema  # noqa: E402
from portal.models import IntroductionPage  # noqa: E402
from services.models import Procedure  # noqa: E402
from tests.bench.wagtailform.models import BenchFormField, BenchFormPage  # noqa: E402
from tracking.demo import DEMO_CLERK_USERNAME  # noqa: E402
from tracking.links import detail_url, status_url  # noqa: E402
from tracking.models import Application  # noqa: E402

SECONDS = int(os.environ.get("BENCH_SECONDS", "4"))
ROUNDS = int(os.environ.get("BENCH_ROUNDS", "3"))
CONNECTIONS = int(os.environ.get("BENCH_CONNECTIONS", "8"))
WORKERS = int(os.environ.get("BENCH_WORKERS", "2"))
# The lookup renders its answer afresh, so it is held to figures of its own rather
# than to a ratio of a view without a template (PERFORMANCE.md, Targets).
LOOKUP_LABEL = "tra cứu hồ sơ"
LOOKUP_TARGET_RATE = 300
LOOKUP_TARGET_P99_MS = 50


@dataclass
class Target:
    """One page; `visitors` (cookie, body) are rotated so that concurrent requests
    come from different people, as on a deadline day (one cookie-less visitor by default)."""

    label: str
    path: str
    method: str = "GET"
    visitors: list = field(default_factory=lambda: [("", "")])
    content_type: str = ""

    def headers(self, cookie):
        pairs = (("Cookie", cookie), ("Content-Type", self.content_type))
        return {name: value for name, value in pairs if value}


@dataclass
class Result:
    requests_per_second: float
    p50_ms: float
    p99_ms: float
    errors: int


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


# Preparing what the pages need


def wagtail_form_page(field_count: int):
    """A Wagtail FormPage with as many one-line fields as the online form's first step."""
    home = Site.objects.get(is_default_site=True).root_page
    page = BenchFormPage.objects.filter(slug="bieu-mau-wagtail-doi-chung").first()
    if page is None:
        page = BenchFormPage(
            title="Biểu mẫu Wagtail (đối chứng)", slug="bieu-mau-wagtail-doi-chung"
        )
        home.add_child(instance=page)
    page.form_fields.all().delete()
    for n in range(field_count):
        BenchFormField.objects.create(
            page=page, sort_order=n, label=f"Trường {n + 1}", field_type="singleline"
        )
    page.save_revision().publish()
    return page


def clerk_cookie() -> str:

    user = get_user_model().objects.get(username=DEMO_CLERK_USERNAME)
    session = SessionStore()
    session[SESSION_KEY] = str(user.pk)
    session[BACKEND_SESSION_KEY] = "accounts.backends.AccountBackend"
    session[HASH_SESSION_KEY] = user.get_session_auth_hash()
    session.create()
    return f"{settings.SESSION_COOKIE_NAME}={session.session_key}"


def first_step_answers(schema) -> tuple[str, dict]:
    """The first step's key and valid answers for its fields, by field type."""
    step = form_schema.steps(schema)[0]
    province = next(iter(divisions.provinces()))
    values = {
        "text": "Công ty TNHH In Khánh Hòa",
        "tax_code": "0100109106",
        "phone": "0912345678",
        "email": "lienhe@inkhanhhoa.vn",
        "textarea": "Nội dung thử tải.",
        "number": "3",
        "date": "2000-01-15",
        "id_number": "056190001234",
    }
    answers = {}
    for spec in form_schema.input_fields(step):
        kind, name = spec["type"], spec["name"]
        if kind == "address":
            answers[f"{name}__province"] = province
            answers[f"{name}__ward"] = next(iter(divisions.wards(province)))
            answers[f"{name}__street"] = "12 Trần Phú"
        elif kind in ("choice", "radio", "select"):
            answers[name] = spec["choices"][0]["value"]
        elif kind == "checkbox":
            answers[name] = "on"
        else:
            answers[name] = values.get(kind, "Giá trị thử tải")
    return step["key"], answers


class Browser:
    """Just enough of a browser to open a form and keep its cookies."""

    def __init__(self, base):
        self.base, self.cookies = base, {}
        self.http = urllib3.PoolManager()

    def request(self, method, path, fields=None):
        headers = {"Cookie": self.cookie_header()}
        if fields is not None:
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        response = self.http.request(
            method,
            self.base + path,
            body=urlencode(fields) if fields is not None else None,
            headers=headers,
            redirect=False,
        )
        for value in response.headers.get_all("Set-Cookie") or []:
            name, _, rest = value.partition("=")
            self.cookies[name] = rest.split(";", 1)[0]
        return response

    def cookie_header(self):
        return "; ".join(f"{k}={v}" for k, v in self.cookies.items())


def form_targets(base, procedure) -> tuple[list[Target], int]:
    """Step 1 of the procedure's online form, GET and a valid POST, each visitor in a
    session of their own (the wizard keeps a draft per session)."""
    form = procedure.online_form
    key, answers = first_step_answers(form.live_version.schema)
    prefix = f"bieu-mau-{form.slug}"
    start = f"/bieu-mau/{form.slug}/"
    getters, posters, step_path = [], [], start
    for _ in range(4 * CONNECTIONS):
        browser = Browser(base)
        step_path = browser.request("GET", start).headers.get("Location") or start
        page = browser.request("GET", step_path).data.decode()
        token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
        fields = {
            "csrfmiddlewaretoken": token,
            f"{prefix}-current_step": key,
            **{f"{key}-{name}": value for name, value in answers.items()},
        }
        check = browser.request("POST", step_path, fields)
        if check.status != 302:
            raise SystemExit(
                f"step 1 refused the benchmark's answers ({check.status}):\n{check.data[:800]}"
            )
        getters.append((browser.cookie_header(), ""))
        posters.append((browser.cookie_header(), urlencode(fields)))
    return [
        Target("bước 1 biểu mẫu trực tuyến (GET)", step_path, visitors=getters),
        Target(
            "bước 1 biểu mẫu trực tuyến (POST hợp lệ)",
            step_path,
            method="POST",
            visitors=posters,
            content_type="application/x-www-form-urlencoded",
        ),
    ], len(answers)


def targets(base) -> list[Target]:

    def path_of(url):
        return "/" + url.split("://", 1)[1].split("/", 1)[1]

    content = IntroductionPage.objects.live().filter(locale__language_code="vi").first()
    procedure = (
        Procedure.objects.live()
        .filter(locale__language_code="vi", online_form__isnull=False, service_level__gte=3)
        .first()
    )
    application = Application.objects.order_by("pk").first()
    if procedure is None or application is None or content is None:
        raise SystemExit("the demo content is missing: run `make demo` first")
    steps, field_count = form_targets(base, procedure)
    yardstick = wagtail_form_page(field_count)
    return [
        Target("trang chủ", "/"),
        Target("trang nội dung (giới thiệu)", content.url),
        Target("danh mục thủ tục", "/thu-tuc-hanh-chinh/"),
        Target("tìm thủ tục không dấu", "/thu-tuc-hanh-chinh/?q=cap+giay+phep"),
        Target("trang thủ tục", procedure.url),
        *steps,
        Target(f"FormPage của Wagtail ({field_count} trường, đối chứng)", yardstick.url),
        Target(LOOKUP_LABEL, path_of(status_url(application))),
        Target("trang hồ sơ của người nộp", path_of(detail_url(application))),
        Target(
            "hàng đợi một cửa (cán bộ)",
            "/admin/ho-so/",
            visitors=[(clerk_cookie(), "") for _ in range(CONNECTIONS)],
        ),
    ]


# Load


def unit_ms(text: str) -> float:
    number, unit = re.fullmatch(r"([\d.]+)(us|ms|s|m)", text).groups()
    return float(number) * {"us": 0.001, "ms": 1.0, "s": 1000.0, "m": 60000.0}[unit]


def lua_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def with_wrk(base, target: Target) -> Result:
    variants = ",\n".join(
        f"  {{cookie = {lua_string(cookie)}, body = {lua_string(body)}}}"
        for cookie, body in target.visitors
    )
    content_type = (
        f'wrk.headers["Content-Type"] = {lua_string(target.content_type)}\n'
        if target.content_type
        else ""
    )
    script = f"""local visitors = {{
{variants}
}}
local n = 0
{content_type}request = function()
  n = n % #visitors + 1
  local visitor = visitors[n]
  if visitor.cookie ~= "" then wrk.headers["Cookie"] = visitor.cookie end
  return wrk.format({lua_string(target.method)}, nil, wrk.headers, visitor.body ~= "" and visitor.body or nil)
end
"""
    with tempfile.NamedTemporaryFile("w", suffix=".lua", delete=False) as file:
        file.write(script)
    command = [
        "wrk",
        f"-t{min(2, CONNECTIONS)}",
        f"-c{CONNECTIONS}",
        f"-d{SECONDS}s",
        "--latency",
        "-s",
        file.name,
        base + target.path,
    ]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    os.unlink(file.name)
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p50 = unit_ms(re.search(r"\s50%\s+([\d.]+\w+)", output).group(1))
    p99 = unit_ms(re.search(r"\s99%\s+([\d.]+\w+)", output).group(1))
    bad = re.search(r"Non-2xx or 3xx responses: (\d+)", output)
    return Result(rps, p50, p99, int(bad.group(1)) if bad else 0)


def with_python(base, target: Target) -> Result:
    http = urllib3.PoolManager(maxsize=CONNECTIONS)
    latencies, errors, lock = [], [0], threading.Lock()
    deadline = time.perf_counter() + SECONDS

    def run(number):
        mine, bad = [], 0
        cookie, body = target.visitors[number % len(target.visitors)]
        while time.perf_counter() < deadline:
            start = time.perf_counter()
            response = http.request(
                target.method,
                base + target.path,
                body=body or None,
                headers=target.headers(cookie),
                redirect=False,
            )
            mine.append((time.perf_counter() - start) * 1000)
            bad += response.status >= 400
        with lock:
            latencies.extend(mine)
            errors[0] += bad

    threads = [threading.Thread(target=run, args=(n,)) for n in range(CONNECTIONS)]
    started = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    elapsed = time.perf_counter() - started
    latencies.sort()
    return Result(
        len(latencies) / elapsed,
        statistics.median(latencies),
        latencies[min(len(latencies) - 1, int(len(latencies) * 0.99))],
        errors[0],
    )


def settled(load, base, target) -> Result:
    """Load a page once the workers are idle: when the load of the page before stops,
    the requests it left queued (a second of the desk's) are still being answered."""
    time.sleep(1)
    return load(base, target)


def report(pages, rounds):
    """Per page: the medians of its rounds, and its ratio to the bare view (the first
    page) as the median of the rounds' ratios, with their range."""
    print(
        f"{'page':46} {'req/s':>9} {'p50 ms':>8} {'p99 ms':>8} {'errors':>7} {'× bare':>7}"
        f" {'rounds':>15}"
    )
    for index, target in enumerate(pages):
        results = [one_round[index] for one_round in rounds]
        ratios = sorted(
            one_round[index].requests_per_second / one_round[0].requests_per_second
            for one_round in rounds
        )
        print(
            f"{target.label:46} {statistics.median(r.requests_per_second for r in results):9.1f}"
            f" {statistics.median(r.p50_ms for r in results):8.1f}"
            f" {statistics.median(r.p99_ms for r in results):8.1f}"
            f" {sum(r.errors for r in results):7d} {statistics.median(ratios):7.1%}"
            f" {ratios[0]:7.1%}–{ratios[-1]:.1%}"
        )
    step = next(i for i, page in enumerate(pages) if page.label.endswith("(GET)"))
    yardstick = next(i for i, page in enumerate(pages) if page.label.startswith("FormPage"))
    costs = sorted(
        one_round[yardstick].requests_per_second / one_round[step].requests_per_second
        for one_round in rounds
    )
    print(
        f"bước 1 (GET) tốn {statistics.median(costs):.2f}× FormPage của Wagtail "
        f"(các vòng {costs[0]:.2f}–{costs[-1]:.2f}×)"
    )
    at = next(i for i, page in enumerate(pages) if page.label == LOOKUP_LABEL)
    lookup = [one_round[at] for one_round in rounds]
    rate = statistics.median(r.requests_per_second for r in lookup)
    p99 = statistics.median(r.p99_ms for r in lookup)
    met = rate >= LOOKUP_TARGET_RATE and p99 < LOOKUP_TARGET_P99_MS
    print(
        f"tra cứu hồ sơ: {rate:.0f} lượt/giây, p99 {p99:.1f} ms (mục tiêu ≥ "
        f"{LOOKUP_TARGET_RATE}/giây, p99 < {LOOKUP_TARGET_P99_MS} ms): "
        f"{'đạt' if met else 'CHƯA ĐẠT'}"
    )


def main():
    call_command("migrate", verbosity=0)  # Wagtail's FormPage of the yardstick
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "gunicorn",
            "portal.wsgi:application",
            "--bind",
            f"127.0.0.1:{port}",
            "--preload",
            "--workers",
            str(WORKERS),
            "--log-level",
            "warning",
        ],  # fmt: skip
        cwd=ROOT,
        env={**os.environ, "DJANGO_SETTINGS_MODULE": "tests.bench.settings"},
    )
    try:
        http = urllib3.PoolManager()
        for _ in range(100):
            try:
                if http.request("GET", base + "/__bench__/bare/").status == 200:
                    break
            except urllib3.exceptions.HTTPError:
                pass
            time.sleep(0.2)
        else:
            raise SystemExit("gunicorn did not start")
        load = (
            with_wrk
            if shutil.which("wrk") and os.environ.get("BENCH_LOAD") != "python"
            else with_python
        )
        pages = [Target("view trần (đối chứng)", "/__bench__/bare/"), *targets(base)]
        print(
            f"gunicorn {WORKERS} workers, {CONNECTIONS} connections, {ROUNDS} rounds of "
            f"{SECONDS}s per page, load by {'wrk' if load is with_wrk else 'Python (urllib3)'}, "
            f"database {settings.DATABASES['default']['ENGINE'].rsplit('.', 1)[-1]}, "
            f"cache {settings.CACHES['default']['BACKEND'].rsplit('.', 1)[-1]}"
        )
        for target in pages:
            for cookie, body in target.visitors[: 2 * WORKERS]:  # warm every worker
                http.request(
                    target.method,
                    base + target.path,
                    body=body or None,
                    headers=target.headers(cookie),
                    redirect=False,
                )
        rounds = []
        for number in range(1, ROUNDS + 1):
            print(f"… round {number} of {ROUNDS}", flush=True)
            rounds.append([settled(load, base, target) for target in pages])
        report(pages, rounds)
    finally:
        server.terminate()
        server.wait(15)


if __name__ == "__main__":
    main()
