"""Reads of the CMS site."""

import datetime
from dataclasses import dataclass

from django.apps import apps
from django.conf import settings
from django.db.models import Max
from django.utils import timezone
from wagtail.models import Page

from portal.models import AgencySettings, MandatedSection, PortalPageMixin


@dataclass(frozen=True)
class SectionStatus:
    """How one mandated section stands: its pages, last update, and whether it needs work."""

    section: MandatedSection
    pages: list
    last_update: datetime.datetime | None
    is_missing: bool
    is_stale: bool

    @property
    def label(self):
        return self.section.label

    @property
    def days_since_update(self):
        if self.last_update is None:
            return None
        return (timezone.now() - self.last_update).days


def portal_page_models():
    """Every concrete page model that declares which mandated section it fulfils."""
    return [
        model
        for model in apps.get_models()
        if issubclass(model, Page) and issubclass(model, PortalPageMixin)
    ]


def stale_after_days():
    configured = AgencySettings.load().stale_after_days
    return configured or settings.MANDATED_INFO_STALE_DAYS


def mandated_information_status(*, now=None):
    """Each mandated section (Nghị định 42/2022 Điều 4) with its pages and freshness.

    A section is missing when no live page declares it; stale when neither its
    pages, their live descendants, nor their non-page content (answers, approved
    comments) changed for longer than the configured number of days.
    """
    now = now or timezone.now()
    limit = now - datetime.timedelta(days=stale_after_days())
    by_section = {section: [] for section in MandatedSection}
    for model in portal_page_models():
        for page in model.objects.live().exclude(mandated_section=""):
            by_section[MandatedSection(page.mandated_section)].append(page)

    statuses = []
    for section, pages in by_section.items():
        stamps = []
        for page in pages:
            stamps.append(page.last_published_at)
            stamps.append(
                Page.objects.live()
                .descendant_of(page)
                .aggregate(latest=Max("last_published_at"))["latest"]
            )
            stamps.append(page.mandated_last_update())
        stamps = [stamp for stamp in stamps if stamp]
        last_update = max(stamps) if stamps else None
        statuses.append(
            SectionStatus(
                section=section,
                pages=pages,
                last_update=last_update,
                is_missing=not pages,
                is_stale=bool(pages) and (last_update is None or last_update < limit),
            )
        )
    return statuses
