"""The public privacy notice page (/bao-ve-du-lieu-ca-nhan/)."""

from django.shortcuts import render
from django.utils import translation
from wagtail.models import Locale

from services.models import Procedure
from tracking import privacy


def privacy_notice(request):
    """The notice for the portal, or for one procedure (`?thu_tuc=<code>`): its
    retention, its receiving unit and, for level 4, the payment gateway."""
    code = request.GET.get("thu_tuc", "").strip()[:50]
    procedure = None
    if code:
        procedures = Procedure.objects.live().filter(code=code).select_related("receiving_unit")
        language = (translation.get_language() or "vi").split("-")[0]
        procedure = (
            procedures.filter(locale__language_code=language).first()
            or procedures.filter(locale=Locale.get_default()).first()
        )
    return render(request, "tracking/privacy/notice.html", privacy.notice_context(procedure))
