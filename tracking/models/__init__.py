from .application import Application, ApplicationEvent, ApplicationFile, DossierSequence
from .calendar import WorkingDayAdjustment
from .rating import Rating
from .staff import DeskMember
from .wording import StatusWording

__all__ = [
    "Application",
    "ApplicationEvent",
    "ApplicationFile",
    "DeskMember",
    "DossierSequence",
    "Rating",
    "StatusWording",
    "WorkingDayAdjustment",
]
