"""Demo online forms of the demo agency's level-3/4 procedures (slugs in
`services.demo.ONLINE_FORM_SLUGS`), kept as data in `demo_data/<slug>.json` in the
format `manage.py export_form` writes and `import_form` reads. Loading is
idempotent: a form that exists (by slug) is left as the editor made it."""

from django.db import transaction

from core.datafiles import demo_data
from forms.models import FormDefinition
from forms.operations import import_definition

DEMO_FORM_SLUGS = (
    "giay-phep-xuat-ban-ban-tin",
    "dang-ky-co-so-in",
    "giay-phep-trang-thong-tin-dien-tu",
)


@transaction.atomic
def load(home=None):
    """Create and publish the demo forms that do not exist yet."""
    existing = set(FormDefinition.objects.values_list("slug", flat=True))
    for slug in DEMO_FORM_SLUGS:
        if slug not in existing:
            import_definition(demo_data(__file__, slug), publish=True)
