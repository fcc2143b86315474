"""Public pages of the form engine: the step-by-step wizard, resume links, blank forms."""

from collections import OrderedDict
from datetime import timedelta

from django import forms as django_forms
from django.conf import settings
from django.contrib import messages
from django.http import FileResponse, Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.decorators import method_decorator
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.generic import View
from formtools.wizard.views import NamedUrlWizardView, StepsHelper, WizardView

from core.http import private_no_store
from forms import blank, confirmation, divisions, operations, privacy, selectors
from forms.constants import FieldType
from forms.dynamic import StepForm, initial_for
from forms.links import draft_uuid_for_token, resume_url
from forms.models import Draft, FormDefinition
from forms.schema import input_fields, resolve_answers, step_by_key, steps, text, visible_steps
from forms.submission import SubmissionRefused
from forms.wizard_storage import DraftStorage, session_key

REVIEW_STEP = "xem-lai"
DONE_STEP = "hoan-tat"


def code_not_sent(email):
    return _(
        "Chưa gửi được mã xác nhận tới %(email)s vì máy chủ thư đang bận. "
        "Thông tin đã khai vẫn được giữ; vui lòng bấm “Gửi lại mã” sau ít phút."
    ) % {"email": email}


class ReviewForm(django_forms.Form):
    """Check your answers: the applicant declares that they are true."""

    declaration = django_forms.BooleanField(
        label=gettext_lazy(
            "Tôi cam đoan những thông tin đã khai là đúng sự thật và chịu trách nhiệm trước "
            "pháp luật về nội dung đã khai."
        ),
        error_messages={"required": gettext_lazy("Vui lòng đánh dấu cam đoan để nộp hồ sơ.")},
    )

    def __init__(self, *args, email="", check_code=None, consent_notice=None, **kwargs):
        super().__init__(*args, **kwargs)
        self.check_code = check_code
        if email:
            self.fields["email_code"] = django_forms.CharField(
                label=gettext_lazy("Mã xác nhận gửi tới %(email)s") % {"email": email},
                max_length=6,
                error_messages={"required": gettext_lazy("Vui lòng nhập mã xác nhận.")},
            )
        # Explicit consent to the privacy notice (forms.privacy): a box left unticked.
        self.consent_notice = consent_notice
        if consent_notice is not None:
            self.fields["privacy_consent"] = django_forms.BooleanField(
                label=consent_notice.statement,
                error_messages={
                    "required": gettext_lazy(
                        "Vui lòng đánh dấu đồng ý cho cơ quan xử lý dữ liệu cá nhân để nộp hồ "
                        "sơ. Các thông tin bạn đã khai vẫn được giữ nguyên."
                    )
                },
            )

    def clean_email_code(self):
        code = self.cleaned_data["email_code"]
        if self.check_code is not None and not self.check_code(code):
            raise django_forms.ValidationError(
                _("Mã xác nhận không đúng hoặc đã hết lượt nhập. Bấm “Gửi lại mã” để nhận mã mới.")
            )
        return code


@method_decorator(private_no_store, name="dispatch")
class FormWizardView(NamedUrlWizardView):
    """One URL per step: /bieu-mau/<slug>/<step>/, then the review page, then submit."""

    template_name = "forms/step.html"

    def dispatch(self, request, *args, **kwargs):
        slug, step = kwargs["slug"], kwargs.get("step")
        self.definition = get_object_or_404(FormDefinition, slug=slug)
        draft = selectors.session_draft(request, slug)
        if draft is not None and draft.is_submitted:
            if step is not None and draft.submission_reference:
                return redirect(selectors.receipt_of(draft).url)
            request.session.pop(session_key(slug), None)
            draft = None
        reason = self.definition.closed_reason()
        if reason:
            return render(
                request,
                "forms/closed.html",
                {"definition": self.definition, "reason": reason},
                status=503 if self.definition.in_maintenance else 200,
            )
        self.version = draft.version if draft is not None else self.definition.live_version
        self.schema = self.version.schema
        self.form_list = OrderedDict(
            [(s["key"], StepForm) for s in steps(self.schema)] + [(REVIEW_STEP, ReviewForm)]
        )
        self.prefix = f"bieu-mau-{slug}"
        self.storage = DraftStorage(self.prefix, request, draft=draft, version=self.version)
        self.steps = StepsHelper(self)
        response = super(WizardView, self).dispatch(request, *args, **kwargs)
        self.storage.update_response(response)
        return response

    def get_step_url(self, step):
        return reverse("forms:step", kwargs={"slug": self.definition.slug, "step": step})

    def get_form_list(self):
        shown = set(visible_steps(self.schema, self.storage.answers_by_step()))
        form_list = OrderedDict(
            (key, form)
            for key, form in self.form_list.items()
            if key == REVIEW_STEP or key in shown
        )
        # formtools clears these caches after a valid step; ours is recomputed each time.
        self._resolved_form_list, self._cache_signature = form_list, None
        return form_list

    def earlier_answers(self, step):
        """Answers of the visible steps before `step`, which its conditions may read."""
        keys = list(self.get_form_list())
        before = keys[: keys.index(step)] if step in keys else keys
        stored = self.storage.answers_by_step()
        return resolve_answers(self.schema, {key: stored.get(key, {}) for key in before})

    def get_form_kwargs(self, step=None):
        if step == REVIEW_STEP:
            kwargs = {"consent_notice": self.consent_notice()}
            email = self.email_to_confirm()
            extra = self.storage.extra
            if email and not confirmation.is_confirmed(extra, email):
                kwargs.update(
                    email=email,
                    check_code=lambda code: confirmation.check_code(extra, email, code),
                )
            return kwargs
        return {
            "schema": self.schema,
            "step": step_by_key(self.schema, step),
            "earlier_answers": self.earlier_answers(step),
            "uploads": self.storage.uploads(),
        }

    def consent_notice(self):
        """What the review step shows before its consent checkbox (`forms.privacy`)."""
        if not hasattr(self, "_consent_notice"):
            self._consent_notice = privacy.consent_notice(self.version, get_language())
        return self._consent_notice

    def email_to_confirm(self):
        """The address the applicant must confirm, or "" when the form does not ask."""
        if not self.schema.get("confirm_email"):
            return ""
        stored = self.storage.answers_by_step()
        keys = [key for key in self.get_form_list() if key != REVIEW_STEP]
        answers = resolve_answers(self.schema, {key: stored.get(key, {}) for key in keys})
        return confirmation.email_to_confirm(self.schema, answers)

    def get_form_initial(self, step):
        if step == REVIEW_STEP or self.storage.get_step_data(step) is not None:
            return {}
        profile = operations.prefill_values(self.request.user)
        initial = {}
        for spec in input_fields(step_by_key(self.schema, step)):
            value = profile.get(spec.get("prefill") or "") or spec.get("default") or None
            if value and spec["type"] == FieldType.CHECKBOXES and isinstance(value, str):
                value = [v.strip() for v in value.split(",")]
            if value and spec["type"] == FieldType.ADDRESS and not isinstance(value, dict):
                value = None
            initial.update(initial_for(spec, value))
        return initial

    def get_form(self, step=None, data=None, files=None):
        form = super().get_form(step, data, files)
        if data is not None and data is self.request.POST:
            self._posted_form = form
        return form

    def process_step(self, form):
        if isinstance(form, StepForm):
            self.storage.answers_by_step()[self.steps.current] = form.answers
            self._keep_uploads(form)
        return self.get_form_step_data(form)

    def get_form_step_data(self, form):
        # The CSRF token has no business in a draft kept for weeks.
        return {k: v for k, v in form.data.lists() if k != "csrfmiddlewaretoken"}

    def process_step_files(self, form):
        # Files never go through formtools: StepForm stores them privately at once.
        return {}

    def _keep_uploads(self, form):
        self.storage.extra["uploads"] = form.uploads
        operations.delete_draft_files_after_commit(form.replaced)
        form.replaced = []

    def post(self, *args, **kwargs):
        if "wizard_save" in self.request.POST:
            return self.save_for_later()
        if "resend_code" in self.request.POST and self.email_to_confirm():
            email = self.email_to_confirm()
            if confirmation.send_code(self.storage.extra, email, self.schema):
                messages.info(self.request, _("Đã gửi lại mã xác nhận."))
            else:
                messages.error(self.request, code_not_sent(email))
            return redirect(self.get_step_url(REVIEW_STEP))
        response = super().post(*args, **kwargs)
        form = getattr(self, "_posted_form", None)
        if isinstance(form, StepForm) and form.errors:
            # A failed step keeps the files that were valid, and every other answer.
            self._keep_uploads(form)
        return response

    def save_for_later(self):
        """Keep what is typed on this step, unchecked, and show the resume link."""
        form = self.get_form(data=self.request.POST, files=self.request.FILES)
        if isinstance(form, StepForm):
            form.is_valid()
            self._keep_uploads(form)
        self.storage.set_step_data(self.steps.current, self.get_form_step_data(form))
        draft = self.storage.ensure_draft()
        return render(
            self.request,
            "forms/saved.html",
            {
                "definition": self.definition,
                "resume_url": self.request.build_absolute_uri(resume_url(draft)),
                "expires_at": timezone.now() + timedelta(days=settings.FORMS_DRAFT_TTL_DAYS),
            },
        )

    def render_done(self, form, **kwargs):
        # Submitting changes state: only a POST of the review step does it.
        if self.request.method != "POST":
            return redirect(self.get_step_url(REVIEW_STEP))
        try:
            return WizardView.render_done(self, form, **kwargs)
        except SubmissionRefused as error:
            # Raised from `done`, before formtools resets the storage: the draft keeps
            # every answer and upload, and the applicant is told what to do.
            messages.error(self.request, error.message)
            return redirect(self.get_step_url(REVIEW_STEP))

    def done(self, form_list, form_dict=None, **kwargs):
        answers = resolve_answers(
            self.schema,
            {key: f.answers for key, f in (form_dict or {}).items() if isinstance(f, StepForm)},
        )
        draft = self.storage.ensure_draft()
        notice = getattr((form_dict or {}).get(REVIEW_STEP), "consent_notice", None)
        receipt = operations.submit_draft(
            draft=draft,
            answers=answers,
            user=self.request.user,
            language=get_language(),
            consent=privacy.consent_given(notice, get_language()) if notice else None,
        )
        messages.success(
            self.request,
            _("Đã nộp hồ sơ thành công. Mã số hồ sơ của bạn: %(code)s.") % {"code": receipt.code},
        )
        return redirect(receipt.url)

    def get_context_data(self, form, **kwargs):
        context = super().get_context_data(form=form, **kwargs)
        current = self.steps.current
        keys = list(self.get_form_list())
        titles = {s["key"]: text(s["title"]) for s in steps(self.schema)}
        titles[REVIEW_STEP] = _("Xem lại và nộp")
        answered = set(self.storage.answers_by_step())
        # The steps a form has before any answer; an answer may add a step or take one
        # away, and the page says so, so that "Bước 1/5" becoming "Bước 5/6" is explained.
        baseline = visible_steps(self.schema, {})
        context["progress"] = [
            {
                "key": key,
                "number": number,
                "title": titles[key],
                "url": self.get_step_url(key),
                "state": "current"
                if key == current
                else "done"
                if key in answered and keys.index(key) < keys.index(current)
                else "todo",
                "added": key != REVIEW_STEP and key not in baseline,
            }
            for number, key in enumerate(keys, start=1)
        ]
        context["steps_added"] = [item["title"] for item in context["progress"] if item["added"]]
        context["steps_removed"] = [titles[key] for key in baseline if key not in keys]
        context.update(
            definition=self.definition,
            form_title=text(self.schema["title"]),
            step_spec=step_by_key(self.schema, current),
            is_review=current == REVIEW_STEP,
            previous_url=self.get_step_url(self.steps.prev) if self.steps.prev else "",
            resume_url=self.request.build_absolute_uri(resume_url(self.storage.draft))
            if self.storage.draft is not None
            else "",
        )
        if current == REVIEW_STEP:
            context["review"] = self.review_sections(keys)
            context["consent_notice"] = self.consent_notice()
            email = self.email_to_confirm()
            extra = self.storage.extra
            if email and not confirmation.is_confirmed(extra, email):
                if confirmation.needs_code(extra, email) and not confirmation.send_code(
                    extra, email, self.schema
                ):
                    context["code_not_sent"] = code_not_sent(email)
                context["confirm_email"] = email
        return context

    def review_sections(self, keys):
        stored = self.storage.answers_by_step()
        answers = resolve_answers(self.schema, {k: stored.get(k, {}) for k in keys})
        sections = []
        for step in steps(self.schema):
            if step["key"] not in keys:
                continue
            rows = [
                (text(field["label"]), selectors.format_answer(field, answers.get(field["name"])))
                for field in input_fields(step)
                if field["name"] in answers
            ]
            sections.append(
                {"title": text(step["title"]), "url": self.get_step_url(step["key"]), "rows": rows}
            )
        return sections


@private_no_store
def resume(request, token):
    """Open a saved draft in this browser, from the link the applicant kept."""
    uuid = draft_uuid_for_token(token)
    draft = (
        Draft.objects.select_related("version__definition")
        .filter(uuid=uuid, expires_at__gt=timezone.now())
        .first()
        if uuid
        else None
    )
    if draft is None:
        return render(request, "forms/resume_invalid.html", status=404)
    if draft.user_id and draft.user_id != request.user.pk:
        raise Http404
    slug = draft.version.definition.slug
    if draft.is_submitted and draft.submission_reference:
        return redirect(selectors.receipt_of(draft).url)
    request.session[session_key(slug)] = str(draft.uuid)
    step = draft.data.get("step")
    if step:
        return redirect("forms:step", slug=slug, step=step)
    return redirect("forms:start", slug=slug)


class BlankFormView(View):
    """The blank form of the published version, to print or fill in offline."""

    def get(self, request, slug, fmt):
        definition = get_object_or_404(FormDefinition, slug=slug)
        version = definition.live_version
        if version is None or fmt not in blank.FORMATS:
            raise Http404
        language = "en" if (get_language() or "vi").startswith("en") else "vi"
        name, content_type = blank.cached_blank_form(version, fmt, language)
        from django.core.files.storage import default_storage

        return FileResponse(
            default_storage.open(name, "rb"),
            as_attachment=True,
            filename=blank.download_name(version, fmt),
            content_type=content_type,
        )


def wards(request, province):
    """Communes and wards of a province, for the address field's second list."""
    found = divisions.wards(str(province))
    if not found:
        raise Http404
    return JsonResponse({"wards": [[code, name] for code, name in found.items()]})


@private_no_store
def my_drafts(request):
    """The signed-in applicant's unfinished applications, each with its resume link."""
    return render(request, "forms/my_drafts.html", {"drafts": selectors.draft_rows(request.user)})
