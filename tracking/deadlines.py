"""Due dates of applications, counted in working days."""

from django.utils import timezone

from tracking.workdays import add_working_days


def due_date_for(application, *, accepted_on=None):
    """The date the result is promised: `processing_days` working days after acceptance."""
    accepted_on = accepted_on or timezone.localdate()
    return add_working_days(accepted_on, application.processing_days)
