"""Links the portal sends follow the port `make run PORT=…` serves on (issue 12, item 1).

The live server runs on a port of its own, never 8000: SITE_URL is what the Makefile
passes to `runserver` for `HOST=127.0.0.1 PORT=<that port>`, and the clerk's
acceptance e-mails the applicant links (and the receipt's QR address) that must lead
back to this server.
"""

import io
import re
import subprocess
import time
from pathlib import Path

import pytest

pytestmark = [pytest.mark.demo, pytest.mark.browser, pytest.mark.django_db(transaction=True)]
expect = pytest.importorskip("playwright.sync_api").expect

from tests.e2e.desk import accept_on_the_desk, sign_in_as_clerk  # noqa: E402

ROOT = Path(__file__).resolve().parents[2]


def site_url_of_make_run(port):
    """The SITE_URL `make run HOST=127.0.0.1 PORT=<port>` gives the server it starts."""
    commands = subprocess.run(
        ["make", "-s", "-n", "run", "HOST=127.0.0.1", f"PORT={port}"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    serve = next(line for line in commands.splitlines() if "runserver" in line)
    assert serve.rstrip().endswith(f"runserver 127.0.0.1:{port}")
    return re.search(r"SITE_URL=(\S+)", serve).group(1)


def wait_for_mail(to, subject_part, timeout=15):
    from django.core import mail

    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        for message in mail.outbox:
            if to in message.to and subject_part in message.subject:
                return message
        time.sleep(0.2)
    raise AssertionError(f"no e-mail “{subject_part}” to {to}")


def test_the_links_of_an_acceptance_lead_back_to_the_port_served(page, live_server, settings):
    from pypdf import PdfReader

    from tracking.models import Application

    port = int(live_server.url.rsplit(":", 1)[1])
    assert port != 8000
    site_url = site_url_of_make_run(port)
    assert site_url == f"http://127.0.0.1:{port}"
    settings.SITE_URL = settings.WAGTAILADMIN_BASE_URL = site_url

    application = Application.objects.get(idempotency_key="demo-1")
    sign_in_as_clerk(page)
    accept_on_the_desk(page, application)

    message = wait_for_mail(application.applicant_email, application.dossier_code)
    links = re.findall(r"https?://[^\s\"'<>]+", message.body)
    assert links and all(link.startswith(f"{site_url}/") for link in links), links
    receipt = next(name for name, _content, _type in message.attachments if "mau-01" in name)
    pdf = dict((name, content) for name, content, _type in message.attachments)[receipt]
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(pdf)).pages).replace("\n", "")
    assert f"{site_url}/tra-cuu-ho-so/" in text  # beside the QR code, which holds the same

    # The applicant follows the e-mailed link: it opens on this server.
    page.goto(links[0])
    expect(page.get_by_text(application.dossier_code).first).to_be_visible()
    expect(page.get_by_text("Đã tiếp nhận").first).to_be_visible()
