import django.db.models.deletion
import django.utils.timezone
from django.conf import settings
from django.db import migrations, models


class Migration(migrations.Migration):

    dependencies = [
        ("national", "0001_initial"),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name="CatalogueImport",
            fields=[
                ("id", models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name="ID")),
                ("started_at", models.DateTimeField(default=django.utils.timezone.now, verbose_name="bắt đầu")),
                ("finished_at", models.DateTimeField(blank=True, null=True, verbose_name="kết thúc")),
                ("source", models.CharField(help_text="http, folder, hoặc file:<tên tệp>.", max_length=255, verbose_name="nguồn")),
                ("created", models.PositiveIntegerField(default=0, verbose_name="tạo mới")),
                ("updated", models.PositiveIntegerField(default=0, verbose_name="cập nhật")),
                ("unchanged", models.PositiveIntegerField(default=0, verbose_name="không đổi")),
                ("refused", models.PositiveIntegerField(default=0, verbose_name="không nhập")),
                ("report", models.JSONField(blank=True, default=dict, verbose_name="báo cáo")),
                ("error", models.TextField(blank=True, verbose_name="lỗi")),
                ("user", models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name="+", to=settings.AUTH_USER_MODEL, verbose_name="người thực hiện")),
            ],
            options={
                "verbose_name": "lần nhập danh mục TTHC quốc gia",
                "verbose_name_plural": "các lần nhập danh mục TTHC quốc gia",
                "ordering": ["-started_at", "-pk"],
            },
        ),
    ]
