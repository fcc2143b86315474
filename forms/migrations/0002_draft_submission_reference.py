"""Drafts keep the reference their submission handler gave, not a key into tracking's table."""

from django.db import migrations, models


def copy_references(apps, schema_editor):
    Draft = apps.get_model("forms", "Draft")
    for draft in Draft.objects.filter(application__isnull=False).only("pk", "application_id"):
        Draft.objects.filter(pk=draft.pk).update(submission_reference=str(draft.application_id))


class Migration(migrations.Migration):
    dependencies = [
        ("forms", "0001_initial"),
    ]

    operations = [
        migrations.AddField(
            model_name="draft",
            name="submission_reference",
            field=models.CharField(blank=True, max_length=64),
        ),
        migrations.RunPython(copy_references, migrations.RunPython.noop),
        migrations.RemoveField(
            model_name="draft",
            name="application",
        ),
    ]
