"""Benchmark of the hot public pages: `make bench`.

Each page is requested many times through the whole Django stack (middleware,
templates, database) with the test client against the demo database, and its
median time is printed as a ratio to a baseline measured in the same run: the
plain-text robots.txt view, which crosses the same middleware and does no
database or template work. Ratios compare across machines; seconds do not.
"""

import logging
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "false")

import warnings  # noqa: E402

import django  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

django.setup()

from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "60"))


def pages():
    from services.models import Procedure
    from tracking.links import status_url
    from tracking.models import Application

    procedure = Procedure.objects.live().filter(locale__language_code="vi").first()
    application = Application.objects.first()
    found = [
        ("trang chủ /", "/"),
        ("tin tức /tin-tuc/", "/tin-tuc/"),
        ("văn bản /van-ban/", "/van-ban/"),
        ("tìm kiếm /tim-kiem/", "/tim-kiem/?q=khoa+hoc"),
        ("danh mục thủ tục", "/thu-tuc-hanh-chinh/"),
        ("tìm thủ tục không dấu", "/thu-tuc-hanh-chinh/?q=cap+giay+phep"),
    ]
    if procedure is not None:
        found.append(("trang thủ tục", procedure.url))
    online = Procedure.objects.live().filter(online_form__isnull=False).first()
    if online is not None and online.online_application_url():
        found.append(("bước 1 biểu mẫu trực tuyến", online.online_application_url()))
    if application is not None:
        path = status_url(application).split("://", 1)[1].split("/", 1)[1]
        found.append(("tra cứu hồ sơ", f"/{path}"))
    return found


def median_seconds(client, url):
    # Warm up caches and template loading; a wizard's start redirects to its
    # first step (and opens a draft in this client's session): time that step.
    chain = client.get(url, follow=True, HTTP_HOST="127.0.0.1").redirect_chain
    if chain:
        url = chain[-1][0]
    times = []
    for _ in range(ROUNDS):
        start = time.perf_counter()
        response = client.get(url, HTTP_HOST="127.0.0.1", REMOTE_ADDR=f"10.0.{_ % 250}.1")
        times.append(time.perf_counter() - start)
        if response.status_code != 200:
            raise SystemExit(f"{url} answered {response.status_code}")
    return statistics.median(times)


def main():
    setup_test_environment()
    from django.conf import settings

    settings.TRACKING_LOOKUP_RATE = "100000/m"
    # The benchmark's own lookups, from made-up addresses, are not worth a line each.
    logging.getLogger("tracking.lookups").setLevel(logging.WARNING)
    client = Client()
    baseline = median_seconds(client, "/robots.txt")
    print(f"Baseline robots.txt: {baseline * 1000:.2f} ms median over {ROUNDS} requests")
    print(f"{'page':34} {'median ms':>10} {'× baseline':>11}")
    for label, url in pages():
        seconds = median_seconds(client, url)
        print(f"{label:34} {seconds * 1000:10.2f} {seconds / baseline:11.1f}")


if __name__ == "__main__":
    main()
