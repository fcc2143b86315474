"""AgencyUnit moves here from the catalogue app; its table and rows stay as they are."""

import django.core.validators
import django.db.models.deletion
import modelsearch.index
from django.db import migrations, models


def move_content_type(apps, schema_editor):
    """Keep the editors' permissions and the search index: the content type moves too."""
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="core", model="agencyunit").exists():
        ContentType.objects.filter(app_label="services", model="agencyunit").update(
            app_label="core"
        )


def move_content_type_back(apps, schema_editor):
    ContentType = apps.get_model("contenttypes", "ContentType")
    if not ContentType.objects.filter(app_label="services", model="agencyunit").exists():
        ContentType.objects.filter(app_label="core", model="agencyunit").update(
            app_label="services"
        )


class Migration(migrations.Migration):
    initial = True

    dependencies = [
        ("contenttypes", "0002_remove_content_type_name"),
        ("services", "0004_procedure_accept_on_payment"),
    ]

    operations = [
        migrations.SeparateDatabaseAndState(
            state_operations=[
                migrations.CreateModel(
                    name="AgencyUnit",
                    fields=[
                        ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                        ("name", models.CharField(max_length=255, verbose_name="tên đơn vị")),
                        ("name_en", models.CharField(blank=True, max_length=255, verbose_name="tên tiếng Anh")),
                        ("identifier_code", models.CharField(help_text="Theo Thông tư 10/2016/TT-BTTTT, ví dụ 000.00.12.H29.", max_length=35, unique=True, validators=[django.core.validators.RegexValidator("^[0-9A-Z]{3}\\.[0-9A-Z]{2}\\.[0-9A-Z]{2}\\.[A-Z][0-9]{2}$", "Mã định danh phải có dạng V1V2V3.Z1Z2.Y1Y2.MX1X2, ví dụ 000.00.12.H29.")], verbose_name="mã định danh")),
                        ("head", models.CharField(blank=True, max_length=255, verbose_name="người đứng đầu")),
                        ("functions", models.TextField(blank=True, verbose_name="chức năng, nhiệm vụ")),
                        ("address", models.CharField(blank=True, max_length=255, verbose_name="địa chỉ")),
                        ("phone", models.CharField(blank=True, max_length=50, verbose_name="điện thoại")),
                        ("email", models.EmailField(blank=True, max_length=254, verbose_name="thư điện tử công vụ")),
                        ("sort_order", models.PositiveIntegerField(default=0, verbose_name="thứ tự")),
                        ("parent", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name="children", to="core.agencyunit", verbose_name="đơn vị cấp trên")),
                    ],
                    options={
                        "verbose_name": "đơn vị",
                        "verbose_name_plural": "đơn vị",
                        "db_table": "services_agencyunit",
                        "ordering": ["sort_order", "name"],
                    },
                    bases=(modelsearch.index.Indexed, models.Model),
                ),
            ],
            database_operations=[],
        ),
        migrations.RunPython(move_content_type, move_content_type_back),
    ]
