"""The Content-Security-Policy: a script runs only from our origin or with the response's nonce."""

import re
from pathlib import Path

import pytest
from django.conf import settings

from tests.factories import ProcedureFactory
from tests.forms.factories import NEWSLETTER_SLUG, newsletter_form

pytestmark = pytest.mark.django_db

SCRIPT_TAG = re.compile(r"<script\b[^>]*>", re.IGNORECASE)
NONCE_ATTR = re.compile(r'\snonce="([^"]*)"')
HTML_TAG = re.compile(r"<[a-zA-Z][^<>]*>")
EVENT_HANDLER = re.compile(r"\son[a-z]+\s*=", re.IGNORECASE)
APPS = ("core", "portal", "services", "forms", "tracking", "payments", "accounts", "api")


def directives(response):
    header = response["Content-Security-Policy"]
    parts = (part.strip().split() for part in header.split(";") if part.strip())
    return {part[0]: part[1:] for part in parts}


def script_src(response):
    return directives(response)["script-src"]


def header_nonce(response):
    nonces = [s for s in script_src(response) if s.startswith("'nonce-")]
    assert len(nonces) == 1, script_src(response)
    return nonces[0][len("'nonce-") : -1]


def public_pages(client):
    """The home page, a procedure page, an online form's first step and the status page."""
    procedure = ProcedureFactory()
    newsletter_form()
    step = client.get(f"/bieu-mau/{NEWSLETTER_SLUG}/", follow=True)
    assert step.status_code == 200
    return {
        "home": client.get("/"),
        "procedure": client.get(procedure.url),
        "form step": step,
        "status": client.get("/tra-cuu-ho-so/"),
    }


def test_public_pages_allow_scripts_by_nonce_only(client):
    for name, response in public_pages(client).items():
        assert response.status_code == 200, name
        sources = script_src(response)
        assert sources[0] == "'self'", name
        assert "'unsafe-inline'" not in sources, name
        assert "'unsafe-eval'" not in sources, name
        assert header_nonce(response), name
        assert directives(response)["base-uri"] == ["'self'"], name


def test_every_script_of_a_public_page_carries_the_responses_nonce(client):
    for name, response in public_pages(client).items():
        nonce = header_nonce(response)
        tags = SCRIPT_TAG.findall(response.content.decode())
        assert tags, name  # the site's own script at least
        for tag in tags:
            match = NONCE_ATTR.search(tag)
            assert match and match.group(1) == nonce, (name, tag)


def test_each_response_has_its_own_nonce(client):
    first, second = client.get("/"), client.get("/")
    assert header_nonce(first) != header_nonce(second)
    assert f'nonce="{header_nonce(second)}"' in second.content.decode()


def test_english_pages_get_the_same_policy(client):
    response = client.get("/en/tra-cuu-ho-so/")
    assert response.status_code == 200
    assert "'unsafe-inline'" not in script_src(response)
    assert header_nonce(response)


def test_the_wagtail_admin_keeps_its_inline_scripts_but_no_eval(client):
    """Wagtail renders inline scripts without a nonce (page explorer, InlinePanel, date
    pickers): /admin/ allows inline scripts, and has no nonce, which would void that."""
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert script_src(response) == ["'self'", "'unsafe-inline'"]
    assert "'unsafe-eval'" not in response["Content-Security-Policy"]


def test_the_api_docs_run_their_own_static_scripts(client):
    response = client.get("/api/v1/docs")
    assert response.status_code == 200
    assert script_src(response) == ["'self'"]
    html = response.content.decode()
    for tag in SCRIPT_TAG.findall(html):
        # The Swagger UI's settings are a JSON data block, its code files under /static/.
        assert 'type="application/json"' in tag or 'src="/static/ninja/' in tag, tag


def template_files():
    roots = [Path(settings.BASE_DIR) / app for app in APPS]
    files = [path for root in roots for path in root.rglob("templates/**/*.html")]
    assert len(files) > 20
    return files


def test_no_template_has_an_inline_event_handler_or_javascript_url():
    offenders = []
    for path in template_files():
        text = path.read_text(encoding="utf-8")
        for tag in HTML_TAG.findall(text):
            if EVENT_HANDLER.search(tag):
                offenders.append(f"{path}: {tag}")
        if "javascript:" in text.lower():
            offenders.append(f"{path}: javascript: URL")
    assert offenders == []


def test_every_script_tag_of_the_templates_carries_the_nonce():
    offenders = []
    for path in template_files():
        for tag in SCRIPT_TAG.findall(path.read_text(encoding="utf-8")):
            if 'nonce="{{ request.csp_nonce }}"' not in tag:
                offenders.append(f"{path}: {tag}")
    assert offenders == []
