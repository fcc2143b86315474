"""Fees ("phí, lệ phí") of an application, from its procedure's fee rules and its answers.

The catalogue owns the rules; tracking computes the fee once, at submission,
and keeps its lines on the application (`Application.fee_lines`), so that a
later change of the rules never changes what an applicant owes.
"""

from dataclasses import asdict, dataclass


def format_vnd(amount: int) -> str:
    """Vietnamese style: 1.500.000 đ."""
    return f"{int(amount):,} đ".replace(",", ".")


@dataclass(frozen=True)
class FeeLine:
    label: str
    unit_amount: int
    quantity: int
    unit_label: str = ""

    @property
    def amount(self) -> int:
        return self.unit_amount * self.quantity


@dataclass(frozen=True)
class Fee:
    lines: tuple[FeeLine, ...]

    @property
    def total(self) -> int:
        """Whole đồng (VND has no minor unit)."""
        return sum(line.amount for line in self.lines)

    def as_lines(self) -> list[dict]:
        return [asdict(line) for line in self.lines]

    @classmethod
    def from_lines(cls, lines) -> "Fee":
        return cls(lines=tuple(FeeLine(**line) for line in lines or ()))


def quantity_from_answers(answers: dict, field_name: str) -> int:
    """The number of units the applicant declared in `field_name`.

    The answer may sit at the top level or inside a step's section (the form
    engine keeps answers per step). A missing or unreadable answer counts as
    one unit, the least a per-unit fee can be charged for.
    """
    value = _find(answers or {}, field_name)
    try:
        quantity = int(str(value).strip())
    except (TypeError, ValueError):
        return 1
    return max(quantity, 1)


def _find(answers: dict, field_name: str):
    if field_name in answers:
        return answers[field_name]
    for value in answers.values():
        if isinstance(value, dict):
            found = _find(value, field_name)
            if found is not None:
                return found
    return None


def compute_fee(procedure, answers: dict) -> Fee:
    """The fee due: each fixed rule once, each per-unit rule times the declared quantity."""
    lines = []
    for rule in procedure.fee_rules.all():
        quantity = quantity_from_answers(answers, rule.quantity_field) if rule.is_per_unit else 1
        lines.append(
            FeeLine(
                label=rule.label,
                unit_amount=rule.amount,
                quantity=quantity,
                unit_label=rule.unit_label if rule.is_per_unit else "",
            )
        )
    return Fee(lines=tuple(lines))
