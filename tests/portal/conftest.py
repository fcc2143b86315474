import pytest


@pytest.fixture
def portal(db):
    """The agency's portal with a page for every mandated section (tests.portal.factories)."""
    from tests.portal.factories import build_portal

    return build_portal()
