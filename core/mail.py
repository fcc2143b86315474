"""What a failed hand-over of an e-mail to the mail server looks like."""

import smtplib

# The mail server refused, dropped or never answered: the e-mail did not leave.
MAIL_ERRORS = (smtplib.SMTPException, OSError)
