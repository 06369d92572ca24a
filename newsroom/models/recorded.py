"""QuerySet writes that Django sends no model signal for, made visible.

``update()`` and ``bulk_create()`` write rows without ``pre_save``/``post_save``
(``bulk_update()`` goes through ``update()``). The write path
(``newsroom.desk.changes``) must see every write of an article and of its
parts, so the querysets of those models
announce these writes with the two signals below: ``rows_changing`` before an
``update()`` (with the queryset about to change, so the rows can be read as they
were), ``rows_changed`` after either (with the objects created, or None).
"""

from django.db import models
from django.dispatch import Signal

rows_changing = Signal()
rows_changed = Signal()


class RecordedQuerySet(models.QuerySet):
    def update(self, **kwargs):
        rows_changing.send(sender=self.model, queryset=self, fields=set(kwargs))
        count = super().update(**kwargs)
        rows_changed.send(sender=self.model, queryset=self, objs=None)
        return count

    update.alters_data = True

    def bulk_create(self, objs, *args, **kwargs):
        created = super().bulk_create(objs, *args, **kwargs)
        rows_changed.send(sender=self.model, queryset=None, objs=created)
        return created

    bulk_create.alters_data = True
