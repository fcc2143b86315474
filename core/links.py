"""Absolute links to this portal, for e-mails, PDFs, QR codes and outside systems."""

from django.conf import settings


def absolute(path: str) -> str:
    """`path` on the public base URL (`SITE_URL`)."""
    return settings.SITE_URL.rstrip("/") + path
