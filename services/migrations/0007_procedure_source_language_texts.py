"""A translated procedure knows which of its texts are still Vietnamese (shown with
lang="vi" and marked), computed here for the translations that already exist."""

from django.conf import settings
from django.db import migrations, models

from services import untranslated


def mark_untranslated_texts(apps, schema_editor):
    Procedure = apps.get_model("services", "Procedure")
    Locale = apps.get_model("wagtailcore", "Locale")
    default = Locale.objects.filter(language_code=settings.LANGUAGE_CODE).first()
    if default is None:
        return
    sources = {
        page.translation_key: page for page in Procedure.objects.filter(locale=default)
    }
    for page in Procedure.objects.exclude(locale=default):
        source = sources.get(page.translation_key)
        if source is None:
            continue
        texts = untranslated.untranslated_texts(page, source)
        Procedure.objects.filter(pk=page.pk).update(source_language_texts=texts)


class Migration(migrations.Migration):
    dependencies = [
        ("services", "0006_procedure_rows_from_national"),
    ]

    operations = [
        migrations.AddField(
            model_name="procedure",
            name="source_language_texts",
            field=models.JSONField(blank=True, default=list, editable=False),
        ),
        migrations.RunPython(mark_untranslated_texts, migrations.RunPython.noop),
    ]
