"""Applications in any state, made through the real operations."""

import datetime
import hashlib
import uuid

import factory
from django.core.files.base import ContentFile
from django.core.files.storage import storages

from core.models import AgencyUnit
from tests.factories import PDF
from tracking import operations
from tracking.models import Application

# A readable one-page PDF (a result made of it can be signed).
MINIMAL_PDF = PDF


def stored_file(name="ban-sao.pdf", content=MINIMAL_PDF, label="Bản sao giấy tờ"):
    storage_name = storages["private"].save(f"test/{uuid.uuid4().hex}.pdf", ContentFile(content))
    return operations.SubmittedFile(
        field_name="giay_to",
        label=label,
        storage_name=storage_name,
        original_name=name,
        content_type="application/pdf",
        size=len(content),
        sha256=hashlib.sha256(content).hexdigest(),
    )


class ApplicationFactory(factory.Factory):
    """`ApplicationFactory(accepted=True)`, `(supplement_requested=True)`, `(decided=True)`…"""

    class Meta:
        model = Application

    unit_code = "000.01.12.H34"
    procedure_code = "1.004227.000.00.00.H34"
    procedure_name = "Cấp giấy phép xuất bản bản tin (địa phương)"
    processing_days = 10
    applicant = factory.LazyFunction(
        lambda: operations.Applicant(
            full_name="Nguyễn Thị Hoa",
            email="hoa.nguyen@example.vn",
            phone="0905123456",
            id_number="056190000123",
            address="12 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
        )
    )
    answers = factory.LazyFunction(
        lambda: {"ten_ban_tin": "Bản tin Khoa học Khánh Hòa", "ky_han": "Hằng tháng"}
    )
    language = "vi"
    with_file = True
    # A catalogue procedure; a level-4 one with a fee starts the application awaiting payment.
    procedure = None
    user = None
    delivery_method = "online"
    postal_address = ""

    class Params:
        accepted = factory.Trait(path=["accept"])
        in_progress = factory.Trait(path=["accept", "start"])
        decided = factory.Trait(path=["accept", "start", "decide"])
        delivered = factory.Trait(path=["accept", "start", "decide", "deliver"])
        supplement_requested = factory.Trait(path=["supplement"])
        refused = factory.Trait(path=["refuse"])

    path = ()

    @classmethod
    def _create(cls, model_class, **kwargs):
        unit = AgencyUnit.objects.get(identifier_code=kwargs["unit_code"])
        facts = operations.ProcedureFacts(
            code=kwargs["procedure_code"],
            name=kwargs["procedure_name"],
            receiving_unit=unit,
            processing_days=kwargs["processing_days"],
        )
        if kwargs["procedure"] is not None:
            facts = operations.procedure_facts(kwargs["procedure"])
        application = operations.create_application(
            facts=facts,
            answers=kwargs["answers"],
            files=[stored_file()] if kwargs["with_file"] else [],
            applicant=kwargs["applicant"],
            idempotency_key=uuid.uuid4().hex,
            language=kwargs["language"],
            user=kwargs["user"],
            delivery_method=kwargs["delivery_method"],
            postal_address=kwargs["postal_address"],
            extra={"procedure": kwargs["procedure"]} if kwargs["procedure"] else None,
        )
        for step in kwargs["path"]:
            STEPS[step](application)
        return application

    @classmethod
    def _build(cls, model_class, **kwargs):
        raise NotImplementedError("Applications exist only once submitted; use create().")


STEPS = {
    "accept": lambda a: operations.accept_application(
        application=a, actor="Cán bộ một cửa", due_date=datetime.date(2026, 12, 7)
    ),
    "start": lambda a: operations.start_processing(application=a, actor="Phòng chuyên môn"),
    "decide": lambda a: operations.record_result(
        application=a,
        actor="Phòng chuyên môn",
        files=[stored_file("giay-phep.pdf", label="Giấy phép")],
    ),
    "deliver": lambda a: operations.deliver_result(application=a, actor="Cán bộ một cửa"),
    "supplement": lambda a: operations.request_supplement(
        application=a, actor="Cán bộ một cửa", reasons="Bổ sung bản sao quyết định thành lập."
    ),
    "refuse": lambda a: operations.refuse_application(
        application=a, actor="Cán bộ một cửa", reasons="Không thuộc thẩm quyền giải quyết."
    ),
}
