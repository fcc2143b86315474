"""Fixtures of the personal-data tests: a procedure with a small online form asking who
applies, a walker that fills it, applicants with accounts and desk staff."""

import pytest
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group, Permission

from accounts.models import ApplicantProfile
from core.models import AgencyUnit
from tests.factories import OFFICE, field, make_definition, online_procedure, pdf, single_step
from tracking.models import DeskMember

SLUG = "dang-ky-thong-tin"
PASSWORD = "Mat-khau-an-toan-2026"
ANSWERS = {
    "ho_ten": "Nguyễn Thị Hoa",
    "so_cccd": "056190001234",
    "dien_thoai": "0905123456",
    "thu_dien_tu": "hoa.nguyen@example.vn",
    "noi_dung": "Đăng ký thông tin hoạt động",
}


class Walker:
    """Fills the one-step form of `consent_procedure` as a browser posts it."""

    def __init__(self, client):
        self.client = client

    def post(self, step, data=None):
        payload = {f"bieu-mau-{SLUG}-current_step": step}
        payload.update({f"{step}-{key}": value for key, value in (data or {}).items()})
        return self.client.post(f"/bieu-mau/{SLUG}/{step}/", payload)

    def fill(self, **changes):
        response = self.post("buoc-1", {**ANSWERS, "giay_to": pdf("cccd.pdf"), **changes})
        assert response.status_code == 302, response.content.decode()[:2000]
        return response

    def review(self):
        return self.client.get(f"/bieu-mau/{SLUG}/xem-lai/")

    def submit(self, **data):
        return self.post("xem-lai", {"declaration": "on", **data})


@pytest.fixture
def consent_procedure(db):
    """A level-3 procedure kept two years after closing, whose form asks the applicant's
    name, identity and phone numbers, e-mail and a document."""
    form = make_definition(
        single_step(
            field("text", "ho_ten", "Họ và tên", "Full name", prefill="full_name"),
            field(
                "cccd", "so_cccd", "Số định danh cá nhân", "Identity number", prefill="id_number"
            ),
            field("phone", "dien_thoai", "Số điện thoại", "Phone", prefill="phone"),
            field("email", "thu_dien_tu", "Thư điện tử", "E-mail", prefill="email"),
            field("text", "noi_dung", "Nội dung đề nghị", "Request"),
            field("file", "giay_to", "Bản sao căn cước", "Copy of the identity card"),
        ),
        slug=SLUG,
    )
    return online_procedure(
        form=form,
        title="Đăng ký thông tin hoạt động",
        code="1.009999.000.00.00.H34",
        receiving_unit=AgencyUnit.objects.get(identifier_code=OFFICE),
        retention_months=24,
    )


@pytest.fixture
def walker(client, consent_procedure):
    return Walker(client)


def make_applicant(email="hoa.nguyen@example.vn", password=PASSWORD):
    user = get_user_model().objects.create_user(email, email, password)
    ApplicantProfile.objects.create(
        user=user,
        full_name="Nguyễn Thị Hoa",
        id_number="056190001234",
        phone="0905123456",
        address="12 Trần Phú, phường Nha Trang, tỉnh Khánh Hòa",
    )
    return user


@pytest.fixture
def applicant(db):
    return make_applicant()


def make_staff(username, *units, can_act=True, read_audit=False):
    user = get_user_model().objects.create_user(username, f"{username}@so.example.vn", "x" * 12)
    codenames = ["access_admin", "view_application"]
    codenames += ["change_application"] if can_act else []
    codenames += ["view_auditentry"] if read_audit else []
    group, _created = Group.objects.get_or_create(name=f"Một cửa {can_act} {read_audit}")
    group.permissions.set(Permission.objects.filter(codename__in=codenames))
    user.groups.add(group)
    member = DeskMember.objects.create(user=user)
    member.units.set(AgencyUnit.objects.filter(identifier_code__in=units or [OFFICE]))
    return user


@pytest.fixture
def clerk(client):
    user = make_staff("mot-cua", OFFICE)
    client.force_login(user)
    return user
