from django.apps import AppConfig


class BenchFormConfig(AppConfig):
    """Wagtail's own form page, installed only by the benchmark as its yardstick."""

    name = "tests.bench.wagtailform"
    label = "bench_wagtailform"
    default_auto_field = "django.db.models.BigAutoField"
