"""Demo agency for `make run`: a provincial Department of Science and Technology.

Everything here is fictional but shaped like the real thing. Loading is
idempotent: what already exists (matched by slug, identifier code or title) is
left as it is, so running it twice changes nothing and never overwrites an
editor's work.

The content itself is data in demo_data/: agency.json (identity, units, leaders),
news.json, legal_documents.json, pages.json (the home page and the page tree under
it), questions.json and english.json (the English versions). This module only loads
it. A page of pages.json is `{"model", "slug", "fields", "children"}`, created and
published under its parent when the parent has no child with that slug; its children
are then ensured in turn. A page may also have "orderables" (`{relation: [rows]}`),
"child_defaults" (merged into each child), "comments" (DraftComment rows of a new
draft), "articles" (ArticlePage children from [title, summary, text] rows, each with
the photograph of the same rank in "photos": demo_data/photos/, see CREDITS.md there), "legal_documents"
(LegalDocumentPage children, each with its PDF) or "leaders" (those of agency.json).

A value is converted for the model field it goes to: a list of paragraphs for rich
text; [block type, value] pairs for a StreamField; `{"days_ago": n}` or
`{"days_ahead": n}` for a date or a moment relative to today, `{"weekday": n}` for a day
of this week (0 is Monday); "HH:MM" for a time; `{"image": title, "draw": ...}`,
`{"image": title, "photo": file, "alt": ...}` or `{"document": title, "filename": ...,
"pdf": ...}` for a picture drawn, a photograph shipped in demo_data/photos/ or a PDF,
made when first needed. `{"format": template}` anywhere is filled in (str.format) from the agency,
the unit names and the other fields of the same page or row.
"""

import datetime

from django.apps import apps
from django.contrib.auth import get_user_model
from django.db import models, transaction
from django.utils import timezone
from wagtail import blocks
from wagtail.fields import RichTextField, StreamField
from wagtail.models import Collection, Locale, Page, Site

from core.datafiles import demo_data
from core.models import AgencyUnit
from portal import demo_media
from portal.models import (
    AgencySettings,
    DraftComment,
    HomePage,
    LegalDocumentPage,
    MandatedSection,
    Question,
)

_AGENCY_DATA = demo_data(__file__, "agency")
AGENCY = _AGENCY_DATA["agency"]
UNITS = _AGENCY_DATA["units"]
LEADERS = _AGENCY_DATA["leaders"]
NEWS = demo_data(__file__, "news")
LEGAL_DOCUMENTS = demo_data(__file__, "legal_documents")
PAGES = demo_data(__file__, "pages")
QUESTIONS = demo_data(__file__, "questions")
ENGLISH = demo_data(__file__, "english")
# The row files a page names by "file".
_ROW_FILES = {"news": NEWS, "legal_documents": LEGAL_DOCUMENTS}


def _today():
    return timezone.localdate()


def rich(*paragraphs):
    return "".join(f"<p>{p}</p>" for p in paragraphs)


def child(parent, model, slug, **fields):
    """The child page of `parent` with this slug, created and published if missing."""
    existing = parent.get_children().filter(slug=slug).first()
    if existing is not None:
        return existing.specific
    return _publish_under(parent, model(slug=slug, **fields))


def _publish_under(parent, page):
    parent.add_child(instance=page)
    page.save_revision().publish()
    return page


# Values: from their JSON form to what the model field takes.


def _has_template(value):
    if isinstance(value, dict):
        return set(value) == {"format"} or any(_has_template(v) for v in value.values())
    if isinstance(value, list):
        return any(_has_template(v) for v in value)
    return False


def _filled(value, context):
    """`value` with each `{"format": template}` in it filled in from `context`."""
    if isinstance(value, dict):
        if set(value) == {"format"}:
            return value["format"].format(**context)
        return {key: _filled(v, context) for key, v in value.items()}
    if isinstance(value, list):
        return [_filled(v, context) for v in value]
    return value


def _days(value):
    return datetime.timedelta(days=value.get("days_ahead", 0) - value.get("days_ago", 0))


_DRAWINGS = {
    "portrait": lambda spec, context: demo_media.portrait_png(spec["name"]),
    "structure_chart": lambda spec, context: demo_media.structure_chart_png(
        AGENCY["name"], spec["leaders"], [unit.name for unit in context["units"]]
    ),
}


def _value(model, name, value, context):
    field = model._meta.get_field(name)
    if isinstance(field, StreamField):
        return [
            (kind, _block_value(field.stream_block.child_blocks[kind], block_value))
            for kind, block_value in value
        ]
    if isinstance(field, RichTextField) and isinstance(value, list):
        return rich(*value)
    if isinstance(field, models.TimeField) and isinstance(value, str):
        return datetime.time.fromisoformat(value)
    if not isinstance(value, dict):
        return value
    if isinstance(field, models.DateTimeField):
        return timezone.now() + _days(value)
    if isinstance(field, models.DateField):
        today = _today()
        if "weekday" in value:
            return today + datetime.timedelta(days=value["weekday"] - today.weekday())
        return today + _days(value)
    if "image" in value and "photo" in value:
        return demo_media.get_or_create_photo(value["image"], value["photo"], value["alt"])
    if "image" in value:
        draw = _DRAWINGS[value["draw"]](value, context)
        return demo_media.get_or_create_image(value["image"], draw)
    if "document" in value:
        pdf = demo_media.legal_pdf(**value["pdf"])
        return demo_media.get_or_create_document(value["document"], pdf, value["filename"])
    return value


def _block_value(block, value):
    if isinstance(block, blocks.RichTextBlock) and isinstance(value, list):
        return rich(*value)
    return value


def _fields(model, fields, context):
    """`fields` converted for `model`; templates are filled in last, from the others."""
    values = {
        name: _value(model, name, value, context)
        for name, value in fields.items()
        if not _has_template(value)
    }
    context = {**context, **values}
    for name, value in fields.items():
        if name not in values:
            values[name] = _value(model, name, _filled(value, context), context)
    return values


# Pages.


def _article_specs(index):
    """The ArticlePage children of an index's "articles": rows inline or in a file."""
    articles = index.get("articles")
    if not articles:
        return []
    rows = articles["rows"] if "rows" in articles else _ROW_FILES[articles["file"]]
    days_apart, authors = PAGES["articles"]["days_apart"], PAGES["articles"]["authors"]
    photos = articles.get("photos", [])
    section = MandatedSection(index["fields"]["mandated_section"])
    return [
        {
            "model": "ArticlePage",
            "slug": f"{index['slug']}-{number + 1}",
            "fields": {
                "title": title,
                "summary": summary,
                "date": {"days_ago": number * days_apart},
                "author": authors[number % len(authors)],
                "source": AGENCY["name"],
                "image": {
                    "image": photos[number]["title"],
                    "photo": photos[number]["file"],
                    "alt": photos[number]["alt"],
                }
                if number < len(photos)
                else None,
                "body": [["paragraph", [summary]], ["paragraph", [text]]],
                "search_description": summary,
                "keywords": section.label,
            },
        }
        for number, (title, summary, text) in enumerate(rows)
    ]


def _legal_document_specs(index):
    """The LegalDocumentPage children of an index's "legal_documents", each with its PDF."""
    legal = index.get("legal_documents")
    if not legal:
        return []
    specs = []
    for doc_type, title, number, issuer, signer, issued, effective, summary in _ROW_FILES[
        legal["file"]
    ]:
        slug = number.lower().replace("/", "-").replace("đ", "d").replace("Đ", "d")
        type_label = LegalDocumentPage.DocumentType(doc_type).label
        pdf = {"issuer": issuer, "number": number, "doc_type": type_label, "title": title}
        pdf |= {"summary": summary, "date_text": legal["date_text"], "body": legal["body"]}
        fields = {
            "title": f"{type_label} {number}: {title}",
            "document_type": doc_type,
            "number_symbol": number,
            "issuer": issuer,
            "signer": signer,
            "issue_date": datetime.date(*issued),
            "effective_date": datetime.date(*effective),
            "summary": summary,
            "document": {
                "document": f"{type_label} {number}",
                "filename": f"{slug}.pdf",
                "pdf": pdf,
            },
            "search_description": summary,
        }
        specs.append({"model": "LegalDocumentPage", "slug": slug, "fields": fields})
    return specs


def _child_specs(spec):
    defaults = spec.get("child_defaults", {})
    for child_spec in [
        *_article_specs(spec),
        *_legal_document_specs(spec),
        *spec.get("children", ()),
    ]:
        fields = {**defaults.get("fields", {}), **child_spec.get("fields", {})}
        yield {**defaults, **child_spec, "fields": fields}


def _orderables(spec):
    orderables = dict(spec.get("orderables", {}))
    if "leaders" in spec:
        columns = ("name", "position", "duties", "phone", "email")
        orderables["leaders"] = [
            {**dict(zip(columns, leader, strict=True)), "photo": spec["leaders"]["photo"]}
            for leader in LEADERS
        ]
    return orderables


def ensure_page(parent, spec, context):
    """The child page of `parent` that `spec` describes, created and published if missing
    (what exists is left as it is); then its children, in turn."""
    page = parent.get_children().filter(slug=spec["slug"]).first()
    if page is not None:
        page = page.specific
    else:
        model = apps.get_model("portal", spec["model"])
        fields = _fields(model, spec["fields"], {**context, "slug": spec["slug"]})
        page = model(slug=spec["slug"], **fields)
        for relation, rows in _orderables(spec).items():
            row_model = model._meta.get_field(relation).related_model
            for order, row in enumerate(rows):
                row_fields = _fields(row_model, row, context)
                getattr(page, relation).add(row_model(sort_order=order, **row_fields))
        _publish_under(parent, page)
        for comment in spec.get("comments", ()):
            DraftComment.objects.create(draft=page, **_fields(DraftComment, comment, context))
    for child_spec in _child_specs(spec):
        ensure_page(page, child_spec, context)
    return page


def ensure_locales():
    # A database emptied by a flush also lost the root collection the migrations made.
    if Collection.get_first_root_node() is None:
        Collection.add_root(name="Root")
    vi, _ = Locale.objects.get_or_create(language_code="vi")
    en, _ = Locale.objects.get_or_create(language_code="en")
    return vi, en


def ensure_home(vi):
    root = Page.get_first_root_node()
    if root is None:  # a database emptied by a flush has no tree at all
        root = Page.add_root(title="Root", slug="root", locale=vi)
    home = HomePage.objects.filter(depth=2, locale=vi).first()
    if home is None:
        home = HomePage(locale=vi, **PAGES["home"])
        root.add_child(instance=home)
        home.save_revision().publish()
    site = Site.objects.filter(is_default_site=True).first()
    if site is None:
        Site.objects.create(
            hostname="localhost",
            port=80,
            root_page=home,
            is_default_site=True,
            site_name=AGENCY["name"],
        )
    elif site.root_page_id != home.pk:
        site.root_page = home
        site.site_name = AGENCY["name"]
        site.save()
    # Wagtail's own welcome page is no longer reachable once the site points to ours.
    Page.objects.filter(depth=2, slug="home").exclude(pk=home.pk).exclude(
        content_type__model="homepage"
    ).delete()
    return home


def ensure_settings():
    agency = AgencySettings.load()
    if not agency.identifier_code:
        for key, value in AGENCY.items():
            setattr(agency, key, value)
        agency.save()


def ensure_units():
    parent = None
    units = []
    for name, name_en, code, head, functions, phone, email in UNITS:
        unit, _ = AgencyUnit.objects.get_or_create(
            identifier_code=code,
            defaults={
                "name": name,
                "name_en": name_en,
                "head": head,
                "functions": functions,
                "phone": phone,
                "email": email,
                "parent": parent,
                "address": AGENCY["address"],
                "sort_order": len(units),
            },
        )
        units.append(unit)
    return units


def ensure_questions(context):
    if Question.objects.exists():
        return
    for question in QUESTIONS:
        Question.objects.create(**_fields(Question, question, context))


def ensure_english(home, en, context):
    """English versions of the pages english.json names by their path under the home
    page ("" for the home page itself), as the law asks (Nghị định 42/2022 Điều 4)."""
    for translation in ENGLISH:
        page = home
        for slug in filter(None, translation["page"].split("/")):
            page = page.get_children().get(slug=slug).specific
        if page.get_translation_or_none(en) is not None:
            continue
        copy = page.copy_for_translation(en)
        for name, value in _fields(type(copy), translation["fields"], context).items():
            setattr(copy, name, value)
        for relation, rows in translation.get("orderables", {}).items():
            for row, values in zip(getattr(copy, relation).all(), rows, strict=False):
                for name, value in values.items():
                    setattr(row, name, value)
        copy.save_revision().publish()


def ensure_admin():
    User = get_user_model()
    if not User.objects.filter(username="admin").exists():
        User.objects.create_superuser(
            "admin",
            "admin@example.gov.vn",
            DEMO_ADMIN_PASSWORD,
            first_name="Quản trị",
            last_name="Cổng",
        )


DEMO_ADMIN_PASSWORD = "demo-admin-2026"  # noqa: S105 — demo account of the embedded default


@transaction.atomic
def load():
    vi, en = ensure_locales()
    home = ensure_home(vi)
    ensure_settings()
    units = ensure_units()
    context = {"agency": AGENCY, "units": units, "unit_names": "; ".join(u.name for u in units)}
    for spec in PAGES["tree"]:
        ensure_page(home, spec, context)
    ensure_questions(context)
    ensure_english(home, en, context)
    ensure_admin()
    return home
