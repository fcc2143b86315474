"""Signals accounts sends about the requests of data subjects, for the apps that keep
a record of them (the audit log) without accounts knowing them.

Each is sent inside the transaction of the request: a receiver that raises undoes it.
"""

from django.dispatch import Signal

# The applicant downloaded all data the portal holds about them; sent with `user`
# and `data` (the format, how many applications and files).
personal_data_exported = Signal()

# An applicant deleted their account; sent with `user_id` (the account is gone or
# anonymised) and `data` (the dossier codes of the applications kept without it).
account_deleted = Signal()

# A member of staff's second factor changed: `user`, `change` ("enabled",
# "disabled", "backup_codes_renewed", "reset" by an administrator) and `by` (who did
# it; None for a command run on the server).
second_factor_changed = Signal()
