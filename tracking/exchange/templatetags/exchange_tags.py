from django import template

from tracking.constants import ACT_ON_APPLICATIONS
from tracking.exchange import selectors

register = template.Library()


@register.inclusion_tag("exchange/desk/_panel.html", takes_context=True)
def exchange_panel(context, application):
    """The application's hand-off on the desk: messages sent, answers, statuses received."""
    user = context["request"].user
    return {
        "application": application,
        "exchange_messages": selectors.messages_for_application(application),
        "statuses": selectors.statuses_for_application(application),
        "can_retry": user.has_perm(ACT_ON_APPLICATIONS),
        "csrf_token": context.get("csrf_token"),
    }
