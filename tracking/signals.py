"""Signals tracking sends so that the apps built on it can act without tracking
knowing them (the exchange's hand-off, the integrations' outboxes).

Each is sent inside the transaction that made the change: a receiver that
writes an outbox row writes it in that same transaction, and a receiver that
raises undoes the change.
"""

from django.dispatch import Signal

# An application was just accepted ("tiếp nhận"); sent with `application`.
application_accepted = Signal()

# An event was logged in an application's timeline, with its files and notices
# attached; sent with `event` (an ApplicationEvent), for every action.
event_recorded = Signal()

# The applicant rated an application ("đánh giá sự hài lòng"); sent with `rating`.
application_rated = Signal()
