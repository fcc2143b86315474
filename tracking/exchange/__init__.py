"""Hand-off of accepted applications to the agency's internal document exchange
("liên thông văn bản", QCVN 102:2016/BTTTT amended 2022): edXML packages sent
from an outbox by Celery, and the status packages that come back."""
