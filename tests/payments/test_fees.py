"""Fees from the procedure's fee rules and the answers; who waits for payment."""

from services.fees import compute_fee, format_vnd, quantity_from_answers
from tests.factories import online_procedure
from tests.tracking.factories import ApplicationFactory
from tracking.constants import State


def test_fixed_fee_is_charged_once(fixed_fee_procedure):
    fee = compute_fee(fixed_fee_procedure, {"so_ban": "7"})
    assert fee.total == 100_000
    assert [line.quantity for line in fee.lines] == [1]


def test_per_unit_fee_multiplies_the_declared_quantity(per_unit_procedure):
    fee = compute_fee(per_unit_procedure, {"so_ten_mien": "3"})
    assert fee.total == 1_500_000
    assert fee.lines[0].unit_label == "tên miền"


def test_quantity_is_found_inside_a_step_of_the_answers():
    assert quantity_from_answers({"buoc_2": {"so_ban": 4}}, "so_ban") == 4


def test_missing_or_unreadable_quantity_counts_as_one():
    assert quantity_from_answers({}, "so_ban") == 1
    assert quantity_from_answers({"so_ban": "nhiều"}, "so_ban") == 1
    assert quantity_from_answers({"so_ban": "-2"}, "so_ban") == 1


def test_amounts_print_in_vietnamese_style():
    assert format_vnd(1_500_000) == "1.500.000 đ"


def test_level_4_procedure_with_a_fee_starts_awaiting_payment(per_unit_procedure):
    application = ApplicationFactory(procedure=per_unit_procedure, answers={"so_ten_mien": 2})
    assert application.state == State.AWAITING_PAYMENT
    assert application.events.get().to_state == State.AWAITING_PAYMENT


def test_procedure_below_level_4_starts_submitted(db):
    # Even with a fee: below level 4 the fee is paid at the desk, not online.
    level_3 = online_procedure(level=3, fees=[("Lệ phí cấp giấy xác nhận", 100_000)])
    assert ApplicationFactory(procedure=level_3).state == State.SUBMITTED


def test_level_4_procedure_without_fee_starts_submitted(fixed_fee_procedure):
    fixed_fee_procedure.fee_rules.all().delete()
    assert ApplicationFactory(procedure=fixed_fee_procedure).state == State.SUBMITTED
