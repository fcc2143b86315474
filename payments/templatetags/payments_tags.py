from django import template

from payments import selectors
from services.fees import format_vnd

register = template.Library()


@register.simple_tag
def fee_due(application):
    """The fee the applicant is asked to pay now, or None."""
    return selectors.fee_due(application)


@register.filter
def vnd(amount):
    return format_vnd(amount)
