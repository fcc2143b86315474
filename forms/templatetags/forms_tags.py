from django import template

from forms.schema import text

register = template.Library()


@register.filter
def localized(value):
    """The current language's text of a {"vi", "en"} pair from a form schema."""
    return text(value)
