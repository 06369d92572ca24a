"""Read queries compiled to SQL once, then run many times with new values.

A reader's prepared page is one small query, but building and compiling its
queryset (the publishing rule, a join, the columns) costs more than PostgreSQL
takes to answer it. ``Compiled`` builds the queryset once, with a stand-in for
each value that changes between requests, keeps the compiler, and runs its SQL
with the request's values where the stand-ins were. The query is still written
with the ORM, through the same QuerySet methods (``published()`` stays the one
publishing rule); only its compilation is kept.

What may change between runs are values compared with a model field (a slug, a
publish time, a primary key): each is prepared for the database as that field
prepares it. Anything that changes the SQL itself (a slice's bounds, another
filter) is part of the ``shape``, and each shape is compiled once (the most
recent ``SHAPES`` kept per thread).

On PostgreSQL with prepared statements (``DATABASE_PREPARED_STATEMENTS``), each
run uses the statement's generic plan, made once per connection. PostgreSQL's
own choice kept planning these queries anew for every request at 100,000
articles (a quarter of a millisecond each, more than running them), because
it guessed a custom plan cheaper; a generic plan serves every value here, each
query being a walk of one index from a given point. The plan mode is set for
that query alone, in the same round trip (a pipeline: set, query, reset), so
every other query keeps PostgreSQL's choice.
"""

import datetime
import functools
import threading
from collections import OrderedDict

from django.db import connections

SHAPES = 32


def _stand_in(field, number):
    """A value no request sends, of the type ``field`` holds."""
    internal = field.get_internal_type()
    if internal == "DateTimeField":
        return datetime.datetime(1901, 1, 1, 0, 0, number, tzinfo=datetime.UTC)
    if internal in {"AutoField", "BigAutoField", "IntegerField", "ForeignKey"}:
        return -7_000_000 - number
    return f"\x1fstand-in-{number}\x1f"


def _for_database(field, value, connection):
    return field.get_db_prep_value(field.get_prep_value(value), connection, True)


class Compiled:
    """``build(shape, **values)`` returns a values_list queryset; ``fields`` names
    the model field each value is compared with."""

    def __init__(self, build, **fields):
        self.build, self.fields = build, fields
        self._local = threading.local()

    def _compiled(self, using, shape):
        kept = getattr(self._local, "kept", None)
        if kept is None:
            kept = self._local.kept = OrderedDict()
        connection = connections[using]
        key = (using, connection.vendor, shape)
        if key in kept:
            kept.move_to_end(key)
            return kept[key]
        stand_ins = {
            name: _stand_in(field, number)
            for number, (name, field) in enumerate(self.fields.items())
        }
        queryset = self.build(shape, **stand_ins)
        compiler = queryset.query.get_compiler(using=using)
        sql, params = compiler.as_sql()
        if not sql.lstrip().upper().startswith("SELECT"):
            raise ValueError("only reads are compiled")
        slots = {}
        for name, value in stand_ins.items():
            prepared = _for_database(self.fields[name], value, connection)
            found = [i for i, param in enumerate(params) if param == prepared]
            if not found:
                raise ValueError(f"{name!r} does not reach the query's parameters")
            slots[name] = found
        fields = [column[0] for column in compiler.select[: compiler.col_count]]
        kept[key] = (
            compiler,
            sql,
            list(params),
            slots,
            compiler.get_converters(fields),
        )
        if len(kept) > SHAPES:
            kept.popitem(last=False)
        return kept[key]

    def rows(self, shape=None, using="default", **values):
        """The rows of the query for ``values``, as the queryset's ``values_list``
        would give them."""
        compiler, sql, params, slots, converters = self._compiled(using, shape)
        connection = connections[using]
        params = list(params)
        for name, value in values.items():
            prepared = _for_database(self.fields[name], value, connection)
            for index in slots[name]:
                params[index] = prepared
        with connection.cursor() as cursor:
            if _plans_kept(connection):
                _run_with_generic_plan(connection, cursor, sql, params)
            else:
                cursor.execute(sql, params)
            rows = cursor.fetchall()
        if converters:
            rows = compiler.apply_converters(rows, converters)
        return [tuple(row) for row in rows]


def _plans_kept(connection):
    """PostgreSQL keeps this connection's statements prepared (newsroom/settings.py):
    only then does a statement have a plan to reuse (and with a libpq that can
    pipeline, 14 or later; psycopg's binary package brings one)."""
    return (
        connection.vendor == "postgresql"
        and bool(connection.settings_dict["OPTIONS"].get("server_side_binding"))
        and _pipelines_supported()
    )


@functools.cache
def _pipelines_supported():
    import psycopg

    return psycopg.Pipeline.is_supported()


def _run_with_generic_plan(connection, cursor, sql, params):
    """Run ``sql`` on ``cursor`` (Django's, so the query is seen and counted as
    any other) with ``plan_cache_mode`` forced to the generic plan, set and reset
    around it in one round trip. If the query fails, the three fail together (one
    implicit transaction, or the open one): the session keeps its own mode."""
    raw = connection.connection
    with connection.wrap_database_errors, raw.pipeline():
        raw.execute("SET plan_cache_mode = force_generic_plan")
        cursor.execute(sql, params)
        raw.execute("RESET plan_cache_mode")
