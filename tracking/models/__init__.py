from .application import Application, ApplicationEvent, ApplicationFile, DossierSequence
from .calendar import WorkingDayAdjustment
from .notice_email import NoticeEmail
from .privacy import PrivacyNoticeText
from .rating import Rating
from .result import ResultSignature
from .staff import DeskMember
from .wording import StatusWording

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationFile",
    "DeskMember",
    "DossierSequence",
    "NoticeEmail",
    "PrivacyNoticeText",
    "Rating",
    "ResultSignature",
    "StatusWording",
    "WorkingDayAdjustment",
]
