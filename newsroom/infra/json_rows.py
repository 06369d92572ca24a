"""Small relations fetched inside their parent's own query, as JSON.

A page that only displays a few rows of a relation (an article's tags, its
corrections) need not spend a query on each relation. ``RelatedRows`` adds the rows
to the parent's SELECT as a correlated subquery that aggregates them into one JSON
array — ``json_group_array(json_object(…))`` on SQLite, ``jsonb_agg(
jsonb_build_object(…))`` on PostgreSQL — and ``RelatedRowsQuerySetMixin`` turns each
array back into model instances, put where ``prefetch_related()`` would have put
them: ``article.tags.all()`` then reads them without a query, like any prefetched
relation, and the code that reads the relation does not change.
"""

from operator import attrgetter

from django.db import connections
from django.db.models import Aggregate, DateTimeField, JSONField, Subquery
from django.db.models.functions import JSONObject
from django.db.models.query import ModelIterable
from django.utils import timezone
from django.utils.dateparse import parse_datetime


class JSONArrayAgg(Aggregate):
    """The values of a group as a JSON array (SQL's JSON_ARRAYAGG)."""

    function = "JSON_ARRAYAGG"
    output_field = JSONField()

    def as_sqlite(self, compiler, connection, **extra_context):
        return super().as_sql(
            compiler, connection, function="JSON_GROUP_ARRAY", **extra_context
        )

    def as_postgresql(self, compiler, connection, **extra_context):
        # JSON_ARRAYAGG only exists from PostgreSQL 16.
        return super().as_sql(
            compiler, connection, function="JSONB_AGG", **extra_context
        )


class RelatedRows(Subquery):
    """The rows of ``queryset`` for one parent row, as a JSON array.

    ``queryset`` is narrowed to the parent with ``OuterRef`` through its foreign key
    ``parent_field``; ``fields`` maps each field (attname) of ``model`` that the page
    reads to the lookup giving it from ``queryset``. The rows come back as ``model``
    instances in ``ordering`` (field names, "-" for descending, as in
    ``Meta.ordering``), in the prefetch cache of the parent under ``relation``.
    """

    def __init__(self, relation, queryset, *, parent_field, model, fields, ordering=()):
        self.relation = relation
        self.model = model
        self.field_names = list(fields)
        self.ordering = list(ordering)
        # Rows of ``model`` itself (corrections, unlike tags read through
        # TaggedArticle) get their parent in their foreign key's cache, as
        # prefetch_related() does.
        self.parent_field = (
            model._meta.get_field(parent_field) if model is queryset.model else None
        )
        rows = (
            queryset.order_by()
            .values(parent_field)
            .annotate(rows=JSONArrayAgg(JSONObject(**fields)))
            .values("rows")
        )
        super().__init__(rows, output_field=JSONField())

    @property
    def annotation_name(self):
        return f"{self.relation}_json_rows"

    def instances(self, parent, rows, using):
        """``rows`` (decoded JSON, None when there are none) as model instances."""
        fields = [self.model._meta.get_field(name) for name in self.field_names]
        objects = []
        for row in rows or ():
            values = [_from_json(field, row[field.attname], using) for field in fields]
            obj = self.model.from_db(using, [f.attname for f in fields], values)
            if self.parent_field is not None:
                self.parent_field.set_cached_value(obj, parent)
            objects.append(obj)
        for name in reversed(self.ordering):
            descending = name.startswith("-")
            objects.sort(key=attrgetter(name.lstrip("-")), reverse=descending)
        return objects

    def attach(self, parent, rows, using):
        """Put the rows where ``parent.<relation>.all()`` finds them."""
        cached = getattr(parent, self.relation).all()
        cached._result_cache = self.instances(parent, rows, using)
        cached._prefetch_done = True
        # Django's own prefetch_related() fills the same cache the same way.
        parent.__dict__.setdefault("_prefetched_objects_cache", {})
        parent._prefetched_objects_cache[self.relation] = cached


def _from_json(field, value, using):
    """A value as JSON carries it, as the field's Python value. Datetimes come as
    text: SQLite's in UTC without an offset, PostgreSQL's with one."""
    if value is not None and isinstance(field, DateTimeField):
        value = parse_datetime(value)
        if timezone.is_naive(value):
            value = timezone.make_aware(value, connections[using].timezone)
    return field.to_python(value)


class RelatedRowsIterable(ModelIterable):
    def __iter__(self):
        related = [
            expression
            for expression in self.queryset.query.annotations.values()
            if isinstance(expression, RelatedRows)
        ]
        for obj in super().__iter__():
            for expression in related:
                rows = obj.__dict__.pop(expression.annotation_name)
                expression.attach(obj, rows, self.queryset.db)
            yield obj


class RelatedRowsQuerySetMixin:
    def with_related_rows(self, *related):
        """Fetch each ``RelatedRows`` in this query instead of a query of its own."""
        queryset = self.annotate(**{rows.annotation_name: rows for rows in related})
        # How values() and values_list() choose what a row becomes; the class is
        # kept by every clone of the queryset (filter(), get()…).
        queryset._iterable_class = RelatedRowsIterable
        return queryset
