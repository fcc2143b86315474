import pytest

from tests.forms.factories import newsletter_procedure


@pytest.fixture
def newsletter(db):
    """The newsletter licence procedure and its published online form."""
    return newsletter_procedure()


@pytest.fixture
def fixed_fee_procedure(newsletter):
    """A level-4 procedure with a fixed fee of 100 000 đ: the newsletter licence."""
    return newsletter
