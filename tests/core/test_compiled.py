"""A compiled read answers as its queryset would, and builds that queryset once."""

import datetime

import pytest
from django.core.exceptions import ImproperlyConfigured
from django.db.models import F

from core.compiled import CompiledRead
from tests.tracking.factories import ApplicationFactory
from tracking.models import Application, ApplicationEvent

pytestmark = pytest.mark.django_db


def test_it_reads_what_its_queryset_reads_building_the_sql_once(django_assert_num_queries):
    first, second = ApplicationFactory(), ApplicationFactory(accepted=True)
    built = []

    def build(code):
        built.append(code)
        return (
            Application.objects.filter(dossier_code=code)
            .annotate(unit_name=F("receiving_unit__name"))
            .only("dossier_code", "state", "submitted_at")
        )

    read = CompiledRead(build)
    for application in (first, second, first):
        with django_assert_num_queries(1):
            (row,) = read(application.dossier_code)
        assert (row.pk, row.dossier_code, row.state) == (
            application.pk,
            application.dossier_code,
            application.state,
        )
        assert row.unit_name == application.receiving_unit.name
        # The field's own conversion: an aware datetime, whatever the database.
        assert isinstance(row.submitted_at, datetime.datetime)
        assert row.submitted_at == Application.objects.get(pk=application.pk).submitted_at
        # What it did not select is deferred, and still there when asked for.
        assert row.get_deferred_fields() >= {"answers", "applicant_email"}
        assert row.applicant_email == application.applicant_email
    assert len(built) == 1
    assert list(read("000.00.00.H00-000000-0000")) == []


def test_an_integer_value_binds_as_well():
    application = ApplicationFactory(accepted=True)
    read = CompiledRead(
        lambda application_id: ApplicationEvent.objects.filter(application_id=application_id)
    )
    assert [event.pk for event in read(application.pk)] == list(
        application.events.values_list("pk", flat=True)
    )
    assert list(read(application.pk + 1000)) == []


def test_a_value_that_is_not_one_parameter_is_refused_before_any_wrong_answer():
    ApplicationFactory()
    unused = CompiledRead(lambda code: Application.objects.all())
    with pytest.raises(ImproperlyConfigured, match="one parameter"):
        unused("anything")
    twice = CompiledRead(
        lambda code: (
            Application.objects.filter(dossier_code=code)
            | Application.objects.filter(applicant_id_number=code)
        )
    )
    with pytest.raises(ImproperlyConfigured, match="one parameter"):
        twice("anything")
    with pytest.raises(TypeError, match="texts and integers"):
        CompiledRead(lambda when: Application.objects.filter(submitted_at__lt=when))(
            datetime.datetime(2026, 1, 1, tzinfo=datetime.UTC)
        )
