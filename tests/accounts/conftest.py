from tests.payments.conftest import fixed_fee_procedure  # noqa: F401
