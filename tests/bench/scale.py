"""`make bench-scale`: what many applications cost, on PostgreSQL.

For each size of BENCH_APPLICATIONS (comma-separated, default "10000,1000000"),
fills the database given by DATABASE_URL up to that many applications
(`manage.py fill_applications`, demo content first), then times, in process
with the production code paths, the operations that grow with the number of
applications: the status lookup by code, the desk queue's first page, a desk
search by dossier code and by applicant name, the desk dashboard, the public
statistics, the nightly overdue flagging and the exchange sweeper. Prints the
median and p95 of BENCH_ROUNDS runs per size, the ratio of the largest size to
the smallest (flat means within ±30%), and the plan PostgreSQL chooses for the
main queries (`EXPLAIN`), so that a sequential scan over the applications shows.
"""

import logging
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "portal.settings.dev")
os.environ.setdefault("DEBUG", "false")

import warnings  # noqa: E402

warnings.filterwarnings("ignore", message="No directory at")

from django.conf import settings  # noqa: E402
from django.contrib.auth import get_user_model  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connection  # noqa: E402
from django.db.models.query import RawQuerySet  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import setup_test_environment  # noqa: E402

# Set up as a production worker starts (the URLs loaded, the start frozen out of the
# garbage collector's way), so that a full collection does not land in the timings.
import portal.wsgi  # noqa: E402, F401
from tracking import operations, selectors  # noqa: E402
from tracking.constants import State  # noqa: E402
from tracking.demo import DEMO_CLERK_USERNAME  # noqa: E402
from tracking.exchange.operations import OUTBOX as EXCHANGE_OUTBOX  # noqa: E402
from tracking.links import status_url  # noqa: E402
from tracking.models import Application  # noqa: E402

ROUNDS = int(os.environ.get("BENCH_ROUNDS", "20"))
SIZES = [int(n) for n in os.environ.get("BENCH_APPLICATIONS", "10000,1000000").split(",")]


def timed(action, rounds=ROUNDS):
    action()  # warm
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        action()
        times.append((time.perf_counter() - start) * 1000)
    times.sort()
    return statistics.median(times), times[min(len(times) - 1, int(len(times) * 0.95))]


def get(client, path):
    def action():
        response = client.get(path, HTTP_HOST="127.0.0.1")
        if response.status_code != 200:
            raise SystemExit(f"{path} answered {response.status_code}")

    return action


def plan(queryset) -> str:
    """The scans of the plan PostgreSQL picks: for a queryset, or a compiled read's."""
    if isinstance(queryset, RawQuerySet):
        sql, params = queryset.raw_query, queryset.params
    else:
        sql, params = queryset.query.sql_with_params()
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN " + sql, params)
        lines = [row[0] for row in cursor.fetchall()]
    scans = [line.strip() for line in lines if "Scan" in line]
    return "; ".join(scans[:3])


def operations_at(size):
    rng = random.Random(size)  # noqa: S311 (picks test rows)
    clerk = get_user_model().objects.get(username=DEMO_CLERK_USERNAME)
    desk = Client()
    desk.force_login(clerk)
    public = Client()
    # An application being processed: the same length of timeline at every size, so
    # that the lookup's time compares across sizes.
    running = Application.objects.filter(state=State.IN_PROGRESS)
    last = running.order_by("-pk").values_list("pk", flat=True).first()
    sample = running.filter(pk__lte=rng.randrange(1, last + 1)).order_by("-pk").first()
    name = sample.applicant_name
    code = sample.dossier_code
    status = status_url(sample).split("://", 1)[1].split("/", 1)[1]
    return (
        {
            "tra cứu theo mã (trang)": get(public, "/" + status),
            "hàng đợi, trang đầu": get(desk, "/admin/ho-so/"),
            "tìm theo mã hồ sơ": get(desk, f"/admin/ho-so/?q={code}"),
            "tìm theo tên người nộp": get(desk, f"/admin/ho-so/?q={name}"),
            "tổng quan một cửa": get(desk, "/admin/ho-so/tong-quan/"),
            "thống kê công khai": get(public, "/thong-ke-ho-so/"),
            "gắn cờ quá hạn (đêm)": lambda: operations.flag_overdue_applications(),
            "quét hàng đợi liên thông": lambda: EXCHANGE_OUTBOX.sweep(),
        },
        clerk,
        code,
        name,
    )


def main():
    if connection.vendor != "postgresql":
        raise SystemExit("make bench-scale needs PostgreSQL: set DATABASE_URL=postgres://…")
    setup_test_environment()
    # The benchmark's own lookups are not worth a line each.
    logging.getLogger("tracking.lookups").setLevel(logging.WARNING)
    settings.TRACKING_LOOKUP_RATE = settings.TRACKING_CHECK_RATE = "100000000/m"
    settings.ALLOWED_HOSTS = ["127.0.0.1", "testserver"]
    call_command("migrate", verbosity=0)
    if not Application.objects.exists():
        call_command("load_demo", verbosity=0)
    results = {}
    for size in sorted(SIZES):
        have = Application.objects.count()
        if have < size:
            print(f"… filling to {size} applications (have {have})", flush=True)
            call_command("fill_applications", size - have, days=max(365, size // 5000))
        with connection.cursor() as cursor:
            cursor.execute("ANALYZE")
        actions, clerk, code, name = operations_at(size)
        print(f"\n{Application.objects.count()} applications")
        print(f"{'operation':34} {'median ms':>10} {'p95 ms':>9}")
        for label, action in actions.items():
            median, p95 = timed(action)
            results.setdefault(label, {})[size] = median
            print(f"{label:34} {median:10.1f} {p95:9.1f}")
        queue = selectors.desk_queue(clerk)
        print("EXPLAIN hàng đợi:", plan(queue[:20]))
        print("EXPLAIN tìm mã:", plan(selectors.desk_queue(clerk, query=code)[:20]))
        print("EXPLAIN tìm tên:", plan(selectors.desk_queue(clerk, query=name)[:20]))
        # The lookup's two compiled reads, as the page runs them.
        print("EXPLAIN tra cứu:", plan(selectors._public_application(code)))
        sample = selectors.public_application_by_code(code)
        print("EXPLAIN diễn biến:", plan(selectors._public_events(sample.pk)))
    if len(SIZES) > 1:
        small, large = min(SIZES), max(SIZES)
        print(f"\n{'operation':34} {'× ' + str(large) + ' / ' + str(small):>16}")
        for label, by_size in results.items():
            print(f"{label:34} {by_size[large] / by_size[small]:16.2f}")


if __name__ == "__main__":
    main()
