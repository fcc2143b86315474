"""Public tracking pages: status by dossier code, and the applicant's signed pages."""

import logging

from django.conf import settings
from django.contrib import messages
from django.core.mail import send_mail
from django.db import transaction
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.template.loader import render_to_string
from django.utils import timezone, translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from django_ratelimit.core import is_ratelimited

from core.http import private_no_store
from core.mail import MAIL_ERRORS
from core.uploads import store_private_upload
from tracking import lookup, operations, selectors
from tracking.constants import FileKind
from tracking.links import application_for_token, detail_url
from tracking.public_forms import (
    RatingForm,
    SendLinkForm,
    StatusLookupForm,
    SupplementForm,
    WithdrawForm,
)

logger = logging.getLogger(__name__)


def _too_many(request, group):
    return is_ratelimited(
        request, group=group, key="ip", rate=settings.TRACKING_LOOKUP_RATE, increment=True
    )


def _rate_limited_response(request):
    return render(request, "tracking/rate_limited.html", status=429)


def status(request):
    """Tra cứu hồ sơ: state, timeline, next step and due dates; no personal data.

    A code alone tells only whether an application with it exists (codes are
    sequential, so that much can be guessed anyway); the details need the check
    digits or the proof of the status link (see ``tracking.lookup``).
    """
    form = StatusLookupForm(request.GET or None)
    context = {"form": form, "link_form": SendLinkForm(initial={"ma": request.GET.get("ma")})}
    if form.is_bound:
        if _too_many(request, "tracking.status"):
            lookup.record(request, request.GET.get("ma", ""), "rate_limited")
            return _rate_limited_response(request)
        if form.is_valid():
            application = selectors.public_application_by_code(form.cleaned_data["ma"])
            context["searched"] = form.cleaned_data["ma"].strip().upper()
            if application is None:
                lookup.record(request, context["searched"], "not_found")
            else:
                check = form.cleaned_data["xac_minh"] or request.GET.get("k", "")[:64]
                outcome = lookup.verify(request, application, check)
                lookup.record(request, context["searched"], outcome)
                _show_status(request, context, application, outcome)
    return render(request, "tracking/status.html", context)


def _show_status(request, context, application, check):
    context["found"] = True
    if check is not lookup.Check.VERIFIED:
        context["form"].refuse_check(check)
        return
    status = selectors.public_status(application, translation.get_language())
    context.update(
        application=application,
        state_code=status["code"],
        state_label=status["label"],
        description=status["description"],
        next_step=status["next_step"],
        timeline=selectors.public_timeline(application),
    )


@require_POST
@private_no_store
def send_link(request):
    """E-mail the signed detail link to the address given at submission, if it matches.

    The answer is the same whether or not code and address match.
    """
    if _too_many(request, "tracking.send_link"):
        return _rate_limited_response(request)
    form = SendLinkForm(request.POST)
    if not form.is_valid():
        return render(
            request,
            "tracking/status.html",
            {"form": StatusLookupForm(), "link_form": form},
            status=400,
        )
    application = selectors.application_by_code(form.cleaned_data["ma"])
    email = form.cleaned_data["email"].strip().lower()
    if application is not None and application.applicant_email.lower() == email:
        with translation.override(application.language):
            body = render_to_string(
                "tracking/email/link_body.txt",
                {"application": application, "detail_url": detail_url(application)},
            )
            subject = _("[%(code)s] Đường liên kết xem chi tiết hồ sơ") % {
                "code": application.dossier_code
            }
        try:
            send_mail(subject, body, None, [application.applicant_email])
        except MAIL_ERRORS:
            # The same answer either way (it must not tell whether code and address
            # match); the applicant may ask again once the mail server is back.
            logger.warning("signed link for %s not sent: mail server", application.dossier_code)
    return render(request, "tracking/link_sent.html", {"email": email})


def _application_or_404(token):
    application = application_for_token(token)
    if application is None:
        raise Http404
    return application


@private_no_store
def detail(request, token):
    """The applicant's own page, opened by the signed link: answers, files, result, actions."""
    application = _application_or_404(token)
    return render(request, "tracking/detail.html", _detail_context(request, application, token))


def _detail_context(request, application, token, **forms):
    status = selectors.public_status(application, translation.get_language())
    return {
        "application": application,
        "token": token,
        "state_code": status["code"],
        "state_label": status["label"],
        "description": status["description"],
        "next_step": status["next_step"],
        "timeline": selectors.public_timeline(application),
        "answers": selectors.answer_rows(application, translation.get_language()),
        "files": selectors.applicant_files(application),
        "results": selectors.result_files(application),
        "supplement_reasons": selectors.supplement_reasons(application),
        "withdraw_form": forms.get("withdraw_form") or WithdrawForm(),
        "supplement_form": forms.get("supplement_form") or SupplementForm(),
        "rating": getattr(application, "rating", None),
        "rating_form": forms.get("rating_form") or RatingForm(),
    }


@private_no_store
def download(request, token, file_id):
    """One file of the application, only through a valid signed link.

    Downloading the result of a level-4 procedure ("toàn trình", Nghị định 42/2022/NĐ-CP Điều 11) delivers it.
    """
    application = _application_or_404(token)
    attachment = application.files.filter(pk=file_id).first()
    if attachment is None:
        raise Http404
    if attachment.kind == FileKind.RESULT:
        operations.deliver_result_online(application=application)
    return file_response(attachment)


def file_response(attachment, *, as_attachment=True):
    """Stream one of an application's files under its original name; the caller
    has already checked that the requester may have it."""
    return FileResponse(
        attachment.file.open("rb"),
        as_attachment=as_attachment,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )


@require_POST
@private_no_store
def withdraw(request, token):
    application = _application_or_404(token)
    form = WithdrawForm(request.POST)
    if form.is_valid():
        try:
            operations.withdraw_application(
                application=application, reason=form.cleaned_data["reason"]
            )
        except operations.TrackingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("tracking:detail", token=token)
    context = _detail_context(request, application, token, withdraw_form=form)
    return render(request, "tracking/detail.html", context, status=400)


@require_POST
@private_no_store
def supplement(request, token):
    """Answer a supplement request: upload the documents asked for."""
    application = _application_or_404(token)
    form = SupplementForm(request.POST, request.FILES)
    if form.is_valid():
        try:
            with transaction.atomic():
                files = [
                    operations.SubmittedFile.from_stored(
                        store_private_upload(upload, folder="supplements"),
                        field_name="supplement",
                        label=_("Giấy tờ bổ sung"),
                    )
                    for upload in form.cleaned_data["documents"]
                ]
                operations.answer_supplement(
                    application=application, files=files, note=form.cleaned_data["note"]
                )
        except operations.TrackingError as error:
            form.add_error(None, error.message)
        else:
            return redirect("tracking:detail", token=token)
    context = _detail_context(request, application, token, supplement_form=form)
    return render(request, "tracking/detail.html", context, status=400)


@require_POST
@private_no_store
def rate(request, token):
    """Rate the service once the result is delivered; once per application."""
    application = _application_or_404(token)
    form = RatingForm(request.POST)
    if form.is_valid():
        try:
            operations.rate_application(application=application, answers=form.cleaned_data)
        except operations.TrackingError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Cảm ơn bạn đã đánh giá chất lượng phục vụ."))
        return redirect("tracking:detail", token=token)
    context = _detail_context(request, application, token, rating_form=form)
    return render(request, "tracking/detail.html", context, status=400)


# The years the statistics page offers (the API's /statistics takes the same range).
STATISTICS_YEARS = range(2000, 2101)


def statistics(request):
    """Public statistics of applications handled, per procedure and month.

    A year that is not a number between 2000 and 2100 answers 400 with the
    current year's figures and a message saying which years there are.
    """
    current_year = timezone.localdate().year
    year, status = current_year, 200
    asked = request.GET.get("nam", "").strip()
    if asked:
        try:
            year = int(asked)  # a string of over 4300 digits is a ValueError too
        except ValueError:
            year = None
        if year not in STATISTICS_YEARS:
            year, status = current_year, 400
            messages.error(
                request,
                _("Năm thống kê phải là một số từ %(first)s đến %(last)s.")
                % {"first": STATISTICS_YEARS[0], "last": STATISTICS_YEARS[-1]},
            )
    rows = selectors.monthly_statistics_cached(year=year)
    totals = {
        key: sum(row[key] for row in rows)
        for key in ("received", "accepted", "on_time", "late", "refused", "withdrawn")
    }
    return render(
        request,
        "tracking/statistics.html",
        {"rows": rows, "totals": totals, "year": year},
        status=status,
    )
