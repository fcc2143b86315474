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

# A member of staff (or an integrator's key) read an application's personal data: its
# page on the desk, one of its files, a record holding it; sent with `application`,
# `actor` (the user, or the label of an integrator's key), `resource` ("application",
# "file", …) and `data` (which file).
# Sent before the data is shown: a receiver that raises (the audit log cannot be
# written) refuses the access.
personal_data_viewed = Signal()

# The personal data and files of a closed application past its retention were purged
# (`tracking.retention`); sent with `event` (the purge's ApplicationEvent) inside the
# purging transaction. Sent instead of `event_recorded`: the integrations have nothing
# to tell another system about it.
personal_data_purged = Signal()
