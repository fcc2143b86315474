"""`{% load privacy_tags %}`: identity and phone numbers masked on the desk's lists."""

from django import template

from tracking.privacy import masked as mask

register = template.Library()


@register.filter
def masked(value):
    """`{{ application.applicant_phone|masked }}` → "•••••••456"."""
    return mask(value)
