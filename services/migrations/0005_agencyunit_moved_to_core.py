"""AgencyUnit now lives in core (same table): only Django's view of it changes here."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("services", "0004_procedure_accept_on_payment"),
        # Every migration whose models point at the unit under its old name runs first.
        ("tracking", "0009_application_fee_lines"),
        ("exchange", "0001_initial"),
        ("payments", "0001_initial"),
        ("accounts", "0001_initial"),
        ("forms", "0002_draft_submission_reference"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="procedure",
                    name="receiving_unit",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="procedures", to="core.agencyunit", verbose_name="đơn vị tiếp nhận hồ sơ"),
                ),
                migrations.DeleteModel(name="AgencyUnit"),
            ],
            database_operations=[],
        ),
    ]
