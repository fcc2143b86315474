"""Demo content of tracking: a one-stop clerk and applications in several states. Idempotent."""

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission
from django.core.files.base import ContentFile
from django.core.files.storage import storages
from django.test.utils import override_settings
from django.utils import timezone

from core.datafiles import demo_data
from core.pdf import simple_document_pdf
from services.models import Procedure
from tracking import operations
from tracking.constants import Action, State
from tracking.deadlines import due_date_for
from tracking.models import Application, DeskMember

DEMO_CLERK_USERNAME = "motcua"
DEMO_CLERK_PASSWORD = "demo-motcua-2026"  # noqa: S105 — demo account of the embedded default
DESK_GROUP = "Bộ phận một cửa"
LOGIN_HINT = f"Cán bộ một cửa: tài khoản {DEMO_CLERK_USERNAME}  mật khẩu: {DEMO_CLERK_PASSWORD}"

# The content itself is data: demo_data/applications.json.
_APPLICATIONS_DATA = demo_data(__file__, "applications")
APPLICANTS = [operations.Applicant(**applicant) for applicant in _APPLICATIONS_DATA["applicants"]]
DEMO_APPLICATIONS = _APPLICATIONS_DATA["applications"]


def load(home=None):
    clerk = ensure_clerk()
    procedures = list(
        Procedure.objects.live()
        .filter(locale__language_code="vi", service_level__gte=3)
        .select_related("receiving_unit")
        .order_by("code")
    )
    if not procedures:
        return
    # The demo applicants are fictional: their notices are not e-mailed anywhere.
    with override_settings(EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend"):
        for index, (key, applicant_index, path) in enumerate(DEMO_APPLICATIONS):
            if Application.objects.filter(idempotency_key=key).exists():
                continue
            procedure = procedures[index % len(procedures)]
            create_demo_application(key, procedure, APPLICANTS[applicant_index], path, clerk)


def ensure_clerk():
    User = get_user_model()
    clerk = User.objects.filter(username=DEMO_CLERK_USERNAME).first()
    if clerk is None:
        clerk = User.objects.create_user(
            DEMO_CLERK_USERNAME,
            "motcua@example.gov.vn",
            DEMO_CLERK_PASSWORD,
            first_name="Lê Thị",
            last_name="Thu",
        )
    group, _ = Group.objects.get_or_create(name=DESK_GROUP)
    group.permissions.add(
        *Permission.objects.filter(
            codename__in=["access_admin", "view_application", "change_application"]
        )
    )
    clerk.groups.add(group)
    member, _ = DeskMember.objects.get_or_create(user=clerk, defaults={"all_units": True})
    return clerk


def demo_upload(title):
    pdf = simple_document_pdf(title=title, paragraphs=[f"Bản chụp minh họa: {title}."])
    name = storages["private"].save(f"demo/{hashlib.sha256(pdf).hexdigest()}.pdf", ContentFile(pdf))
    return operations.SubmittedFile(
        field_name="giay_to",
        label=title,
        storage_name=name,
        original_name=f"{title.lower().replace(' ', '-')}.pdf",
        content_type="application/pdf",
        size=len(pdf),
        sha256=hashlib.sha256(pdf).hexdigest(),
    )


def create_demo_application(key, procedure, applicant, path, clerk):
    application = operations.create_application(
        facts=operations.procedure_facts(procedure),
        answers={
            "Tên tổ chức, cá nhân đề nghị": applicant.full_name,
            "Địa chỉ": applicant.address,
            "Điện thoại": applicant.phone,
            "Nội dung đề nghị": procedure.title,
        },
        files=[demo_upload("Đơn đề nghị"), demo_upload("Bản sao quyết định thành lập")],
        applicant=applicant,
        idempotency_key=key,
        extra={"procedure": procedure},
    )
    if path and application.state == State.AWAITING_PAYMENT:
        # A level-4 fee is paid before the desk sees the application.
        from payments.demo import pay_in_sandbox

        pay_in_sandbox(application)
        application.refresh_from_db()
    for step in path:
        if step == "accept":
            operations.accept_application(
                application=application,
                actor=clerk,
                due_date=due_date_for(application, accepted_on=timezone.localdate()),
            )
        elif step == "supplement":
            operations.request_supplement(
                application=application,
                actor=clerk,
                reasons="Bổ sung bản sao có chứng thực quyết định thành lập tổ chức.",
            )
        elif step == "start":
            operations.transition(application=application, action=Action.START, actor=clerk)
        elif step == "decide":
            operations.record_result(
                application=application,
                actor=clerk,
                files=[demo_upload("Giấy phép")],
            )
        elif step == "deliver":
            operations.deliver_result(application=application, actor=clerk)
    return application


__all__ = ["DEMO_CLERK_PASSWORD", "DEMO_CLERK_USERNAME", "load"]
