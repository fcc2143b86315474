"""AgencyUnit now lives in core (same table): only Django's view of it changes here."""

import django.db.models.deletion
from django.db import migrations, models


class Migration(migrations.Migration):
    dependencies = [
        ("core", "0001_initial"),
        ("services", "0005_agencyunit_moved_to_core"),
        ("tracking", "0009_application_fee_lines"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.AlterField(
                    model_name="application",
                    name="receiving_unit",
                    field=models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name="applications", to="core.agencyunit", verbose_name="đơn vị tiếp nhận"),
                ),
                migrations.AlterField(
                    model_name="deskmember",
                    name="units",
                    field=models.ManyToManyField(blank=True, related_name="desk_members", to="core.agencyunit", verbose_name="đơn vị"),
                ),
            ],
            database_operations=[],
        ),
    ]
