"""The privacy notice ("thông báo xử lý dữ liệu cá nhân") and the consent recorded with
each application.

Luật Bảo vệ dữ liệu cá nhân 2025 and Nghị định 13/2023/NĐ-CP (Điều 11, 13) ask that the
data subject be told, before processing, what is processed, why, by whom, for how
long and what their rights are, and that a consent be explicit and provable. The
notice is one template (`tracking/privacy/notice_body.html`), public at
/bao-ve-du-lieu-ca-nhan/ and, for one procedure, with its retention and recipients
(`?thu_tuc=<procedure code>`). The online form's review step shows its summary and
an unticked box (`consent_notice`, the form engine's FORMS_PRIVACY_NOTICE); the
consent is kept on the application's submission event with the SHA-256 of the
notice's text, and the text itself once (`PrivacyNoticeText`).
"""

import hashlib
import re

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.dateparse import parse_datetime
from django.utils.html import strip_tags
from django.utils.text import get_valid_filename
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from core.models import AgencyUnit
from forms.privacy import ConsentNotice
from portal import pagecache
from portal.models import AgencySettings
from services.constants import ServiceLevel
from services.models import Procedure
from tracking import selectors
from tracking.constants import Action, State
from tracking.models import PrivacyNoticeText
from tracking.models.rating import SCORES
from tracking.retention import purge_date, retention_months_for

NOTICE_BODY = "tracking/privacy/notice_body.html"


def retention_label(months: int | None) -> str:
    """ "10 năm", "18 tháng", or "vĩnh viễn" (None: kept permanently)."""
    if months is None:
        return _("vĩnh viễn")
    if months % 12 == 0:
        years = months // 12
        return ngettext("%(n)s năm", "%(n)s năm", years) % {"n": years}
    return ngettext("%(n)s tháng", "%(n)s tháng", months) % {"n": months}


def agency_name(agency, language=None) -> str:
    language = language or translation.get_language() or settings.LANGUAGE_CODE
    if language.startswith("en") and agency.name_en:
        return agency.name_en
    return agency.name


def procedure_of(form_version):
    """The procedure an online form files for (as `submit_application` finds it)."""
    return (
        Procedure.objects.filter(online_form_id=form_version.definition_id)
        .select_related("receiving_unit")
        .order_by("pk")
        .first()
    )


def notice_url(procedure=None) -> str:
    url = reverse("tracking:privacy_notice")
    return f"{url}?thu_tuc={procedure.code}" if procedure is not None else url


def notice_context(procedure=None) -> dict:
    """What the notice says, for one procedure or for the portal as a whole."""
    agency = AgencySettings.load()
    default_months = retention_months_for(None)
    months = retention_months_for(procedure) if procedure is not None else default_months
    language = (translation.get_language() or settings.LANGUAGE_CODE)[:2]
    units = (
        [procedure.receiving_unit]
        if procedure is not None
        else list(AgencyUnit.objects.order_by("name").only("name", "name_en"))
    )
    unit_names = [
        unit.name_en if language == "en" and unit.name_en else unit.name for unit in units
    ]
    return {
        "agency": agency,
        "agency_name": agency_name(agency),
        "procedure": procedure,
        "unit_names": unit_names,
        "version": settings.PRIVACY_NOTICE_VERSION,
        "retention": retention_label(months),
        "retention_permanent": months is None,
        "default_retention": retention_label(default_months),
        "draft_days": settings.FORMS_DRAFT_TTL_DAYS,
        "national_sync": bool(settings.NATIONAL_TRANSPORT),
        "online_payment": procedure is None or procedure.service_level == ServiceLevel.FULL_ONLINE,
        "contact_email": settings.PRIVACY_CONTACT_EMAIL or agency.email,
        "contact_phone": agency.phone,
        "contact_address": agency.address,
    }


def notice_text(procedure, language: str) -> str:
    """The notice as plain text, in `language`: what a consent's digest is taken of."""
    with translation.override(language):
        html = render_to_string(NOTICE_BODY, notice_context(procedure))
    lines = (re.sub(r"\s+", " ", line).strip() for line in strip_tags(html).splitlines())
    return "\n".join(line for line in lines if line)


def consent_notice(*, form_version, language: str) -> ConsentNotice:
    """The review step's summary and consent statement for this form's procedure
    (FORMS_PRIVACY_NOTICE). Kept as a fragment of the page cache, stale when the
    procedure or the agency's identity is published again, so that the review page
    costs no query for it."""
    key = (
        f"privacy-consent:{form_version.definition_id}:{language}:{settings.PRIVACY_NOTICE_VERSION}"
    )

    def build():
        procedure = procedure_of(form_version)
        with translation.override(language):
            notice = _consent_notice(procedure)
        tags = {pagecache.SITE} | ({pagecache.page_tag(procedure.pk)} if procedure else set())
        return notice, tags

    return pagecache.remember(key, build)


def _consent_notice(procedure) -> ConsentNotice:
    agency = agency_name(AgencySettings.load())
    months = retention_months_for(procedure)
    if procedure is not None:
        purpose = _("Mục đích: tiếp nhận, giải quyết và trả kết quả thủ tục “%(name)s”.") % {
            "name": procedure.title
        }
    else:
        purpose = _("Mục đích: tiếp nhận, giải quyết và trả kết quả thủ tục hành chính.")
    if months is None:
        keeping = _(
            "Thời gian lưu: hồ sơ được lưu trữ vĩnh viễn theo quy định của pháp luật về lưu trữ."
        )
    else:
        keeping = _(
            "Thời gian lưu: trong thời gian giải quyết và %(period)s sau khi hồ sơ kết thúc, "
            "theo quy định về lưu trữ; sau đó dữ liệu cá nhân và tệp của hồ sơ được xóa."
        ) % {"period": retention_label(months)}
    return ConsentNotice(
        version=settings.PRIVACY_NOTICE_VERSION,
        url=notice_url(procedure),
        statement=_(
            "Tôi đã đọc Thông báo xử lý dữ liệu cá nhân và đồng ý để %(agency)s xử lý dữ liệu "
            "cá nhân của tôi trong hồ sơ này nhằm giải quyết thủ tục hành chính, như thông "
            "báo đã nêu."
        )
        % {"agency": agency},
        summary=(
            _(
                "Dữ liệu được xử lý: thông tin bạn khai trong biểu mẫu (họ tên, số định danh cá "
                "nhân, ngày sinh, địa chỉ, điện thoại, thư điện tử…) và giấy tờ bạn tải lên."
            ),
            purpose,
            _(
                "Bên xử lý: %(agency)s và đơn vị tiếp nhận, giải quyết hồ sơ; hồ sơ được chuyển "
                "tới hệ thống quản lý văn bản của cơ quan và các hệ thống khác chỉ khi việc "
                "giải quyết cần."
            )
            % {"agency": agency},
            keeping,
            _("Bạn có quyền xem, tải về, yêu cầu chỉnh sửa, xóa dữ liệu và rút lại sự đồng ý."),
        ),
    )


def consent_record(consent: dict, *, form_version, language: str) -> dict:
    """The consent given on the review step as the application keeps it: with the
    SHA-256 of the notice's text as it reads now for this procedure and language, the
    text itself kept once, and the retention it announced."""
    if not consent:
        return {}
    procedure = procedure_of(form_version)
    language = consent.get("language") or language
    text = notice_text(procedure, language)
    digest = hashlib.sha256(text.encode()).hexdigest()
    PrivacyNoticeText.objects.get_or_create(
        sha256=digest,
        defaults={"version": consent.get("notice_version", ""), "language": language, "text": text},
    )
    return {
        **consent,
        "notice_sha256": digest,
        "retention_months": retention_months_for(procedure),
    }


def consent_of(application) -> dict | None:
    """The consent recorded with the application's submission, with `given_at` as a
    time, or None (filed before consent was asked, or through another channel)."""
    event = application.events.filter(action=Action.SUBMIT).order_by("at", "pk").first()
    consent = (event.data or {}).get("consent") if event is not None else None
    if not consent:
        return None
    given_at = parse_datetime(consent.get("given_at") or "")
    return {**consent, "given_at": given_at}


# Digits of an identity or phone number the desk's lists show; the public status
# lookup asks for the last four, so the lists never show four.
MASK_VISIBLE = 3


def masked(value: str, visible: int = MASK_VISIBLE) -> str:
    """An identity or phone number with all but its last `visible` characters hidden:
    "0905123456" → "•••••••456"; a value that short is hidden whole."""
    characters = [c for c in (value or "") if c.isalnum()]
    if not characters:
        return ""
    shown = characters[-visible:] if len(characters) > visible else []
    return "•" * (len(characters) - len(shown)) + "".join(shown)


def archive_name(attachment) -> str:
    """Where a file of the application sits in the applicant's export (a ZIP)."""
    name = get_valid_filename(attachment.original_name) or f"tep-{attachment.pk}"
    return f"tep/{attachment.application.dossier_code}/{attachment.pk}-{name}"


def application_data(application, language="vi") -> dict:
    """Everything the portal holds about one application, for its applicant's export of
    their personal data: who applied, the answers (as given and as the form shows
    them), the timeline they see, the files, the rating, the consent and retention."""
    files = list(application.files.select_related("application").order_by("created_at", "pk"))
    rating = getattr(application, "rating", None)
    purge_on = purge_date(application)
    return {
        "dossier_code": application.dossier_code,
        "procedure": {"code": application.procedure_code, "name": application.procedure_name},
        "receiving_unit": application.receiving_unit.name,
        "state": application.state,
        "state_label": str(State(application.state).label),
        "submitted_at": application.submitted_at,
        "accepted_at": application.accepted_at,
        "due_date": application.effective_due_date,
        "decided_at": application.decided_at,
        "delivered_at": application.delivered_at,
        "applicant": selectors.applicant_facts(application),
        "answers": application.answers,
        "answers_as_shown": [
            {"section": str(section), "label": str(label), "value": str(value)}
            for section, label, value in selectors.answer_rows(application, language)
        ],
        "delivery": {
            "method": application.delivery_method,
            "postal_address": application.postal_address,
            "postal_tracking_number": application.postal_tracking_number,
        },
        "fees": application.fee_lines,
        "language": application.language,
        "consent": consent_of(application),
        "timeline": [
            {
                "at": event.at,
                "action": event.action,
                "action_label": str(Action(event.action).label),
                "state": event.to_state,
                "message": event.public_note,
            }
            for event in application.events.filter(action__in=selectors.PUBLIC_ACTIONS)
        ],
        "files": [
            {
                "id": item.pk,
                "kind": item.kind,
                "label": item.label,
                "name": item.original_name,
                "content_type": item.content_type,
                "size": item.size,
                "sha256": item.sha256,
                "created_at": item.created_at,
                "in_archive": archive_name(item),
            }
            for item in files
        ],
        "rating": {
            **{name: getattr(rating, name) for name in SCORES},
            "comment": rating.comment,
            "created_at": rating.created_at,
        }
        if rating is not None
        else None,
        "retention": {
            "months": retention_months_for(application.procedure),
            "purge_on": purge_on.date() if purge_on else None,
        },
    }
