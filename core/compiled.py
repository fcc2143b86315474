"""Reads whose SQL the ORM writes once per database, then only binds new values.

Django builds a queryset anew on every evaluation: each `filter`, `only` and
`annotate` clones the query and resolves its expressions, and the compiler turns
the result into SQL again. On a page that runs the same one-row read for every
request (the public status lookup, thousands of times a minute on a deadline day)
that building costs several times the query itself. A `CompiledRead` lets the ORM
build and compile the queryset once, with stand-in values for the parameters that
change, and afterwards runs that SQL as a raw queryset: the same columns, the same
conversions of the field values, model instances with the rest of the fields
deferred, and the annotations as attributes.

Only reads whose SQL depends on nothing but their parameters belong here (no
dates of today, no user, no language): the SQL is kept for the process's life.
"""

from collections.abc import Callable

from django.core.exceptions import ImproperlyConfigured
from django.db import router
from django.db.models import QuerySet
from django.db.models.query import RawQuerySet

# Stand-ins the built queryset carries where each call's values go; values no caller
# passes (a NUL in a text; a negative integer far below any key).
_TEXT_MARK = "\x00compiled-read-{}\x00"
_INT_MARK = -(2**62)


def _mark(position: int, value):
    if isinstance(value, str):
        return _TEXT_MARK.format(position)
    if isinstance(value, int) and not isinstance(value, bool):
        return _INT_MARK - position
    raise TypeError(f"a compiled read binds texts and integers, not {type(value).__name__}")


class CompiledRead:
    """`build(*values)` returns the queryset; calling the read with values returns a
    `RawQuerySet` of the SQL that `build` compiled to, bound to those values.

    Each value must reach the SQL exactly once as a parameter (a filter's value,
    say); a value the ORM would fold into the SQL text, or use twice, is refused
    when the read is first compiled rather than bound wrongly.
    """

    def __init__(self, build: Callable[..., QuerySet]):
        self._build = build
        self._model = None
        self._compiled: dict[tuple, tuple] = {}

    def __call__(self, *values) -> RawQuerySet:
        types = tuple(map(type, values))
        database = self._model and router.db_for_read(self._model)
        compiled = self._compiled.get((database, types))
        if compiled is None:
            marks = [_mark(position, value) for position, value in enumerate(values)]
            queryset = self._build(*marks)
            self._model, database = queryset.model, queryset.db
            compiled = self._compiled[(database, types)] = self._compile(queryset, marks)
        sql, params, slots = compiled
        bound = list(params)
        for slot, value in zip(slots, values, strict=True):
            bound[slot] = value
        return self._model._default_manager.db_manager(database).raw(sql, bound)

    @staticmethod
    def _compile(queryset: QuerySet, marks: list) -> tuple[str, tuple, list[int]]:
        sql, params = queryset.query.sql_with_params()
        slots = []
        for mark in marks:
            found = [slot for slot, param in enumerate(params) if param == mark]
            if len(found) != 1:
                raise ImproperlyConfigured(
                    f"a compiled read's value must be one parameter of its SQL: {sql}"
                )
            slots.append(found[0])
        return sql, tuple(params), slots
