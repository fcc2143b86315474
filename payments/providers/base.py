"""What every payment provider offers the portal."""

from abc import ABC, abstractmethod
from collections.abc import Mapping
from dataclasses import dataclass


@dataclass(frozen=True)
class ProviderReply:
    """What a provider says about one order, on the return URL or by IPN."""

    order_ref: str
    # In the provider's unit (VNPay: đồng × 100), compared as is with what was asked.
    amount_minor: int
    succeeded: bool
    response_code: str
    transaction_no: str = ""
    bank_code: str = ""


class PaymentProvider(ABC):
    name: str
    # Amounts travel in the provider's smallest unit: whole đồng × this.
    amount_factor: int = 1
    # An outside gateway needs the portal's full addresses (SITE_URL); one
    # served by the portal itself follows whatever host the browser used.
    is_local: bool = False

    @classmethod
    @abstractmethod
    def from_settings(cls) -> "PaymentProvider": ...

    @abstractmethod
    def payment_url(self, payment, *, return_url: str, client_ip: str, language: str) -> str:
        """Where to send the applicant's browser to pay `payment`."""

    @abstractmethod
    def is_authentic(self, params: Mapping[str, str]) -> bool:
        """Whether a return or notification really comes from the provider."""

    @abstractmethod
    def read_reply(self, params: Mapping[str, str]) -> ProviderReply:
        """The reply in the provider's `params`; only call it on authentic ones."""
