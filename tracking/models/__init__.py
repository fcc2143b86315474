from .application import Application, ApplicationEvent, ApplicationFile, DossierSequence
from .calendar import WorkingDayAdjustment
from .notice_email import NoticeEmail
from .rating import Rating
from .staff import DeskMember
from .wording import StatusWording

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationFile",
    "DeskMember",
    "DossierSequence",
    "NoticeEmail",
    "Rating",
    "StatusWording",
    "WorkingDayAdjustment",
]
