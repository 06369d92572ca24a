"""The people chosen on the rows of an inline, looked up once for all the rows.

An interview has dozens of question-and-answer rows, each with two speakers chosen
through autocomplete widgets. Left alone, Django looks each chosen person up once
per row to show the selected option, once more per row to clean the posted value,
and once per row for the row's own id: the change form of a 60-segment interview
then costs hundreds of queries. Here an inline's formset reads every row's value of
each such field first, fetches those objects in one query per field, and hands them
to the rows' fields (which still ask the database for a value they were not given,
and refuse it if it names no one) and widgets.
"""

from functools import cached_property

from django import forms
from django.contrib.admin.widgets import AutocompleteSelect
from django.core.exceptions import ValidationError


class RowChoiceField(forms.ModelChoiceField):
    """A ModelChoiceField that first looks for its value among ``fetched``
    ({str(value): object}, filled by its formset from the field's own queryset)."""

    fetched = None

    def to_python(self, value):
        if self.fetched is not None and value not in self.empty_values:
            found = self.fetched.get(str(value))
            if found is not None:
                return found
        return super().to_python(value)


class RowAutocompleteSelect(AutocompleteSelect):
    """The admin's autocomplete widget, showing its selected option from the
    objects its RowChoiceField was given."""

    def optgroups(self, name, value, attr=None):
        fetched = getattr(self.choices.field, "fetched", None)
        if fetched is None:
            return super().optgroups(name, value, attr)
        # As AutocompleteSelect.optgroups(), with the objects already at hand: a
        # value that is not among them names no one (the field says so).
        selected = {str(v) for v in value if str(v) in fetched}
        options = []
        if not self.is_required and not self.allow_multiple_selected:
            options.append(self.create_option(name, "", "", False, 0))
        label = self.choices.field.label_from_instance
        for key in sorted(selected):
            option = self.create_option(
                name, key, label(fetched[key]), selected, len(options)
            )
            options.append(option)
        return [(None, options, 0)]


class RowChoicesInlineMixin:
    """For an InlineModelAdmin: foreign keys as RowChoiceFields, autocomplete ones
    with RowAutocompleteSelect. Use with a RowChoicesFormSet."""

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if "widget" not in kwargs and db_field.name in self.get_autocomplete_fields(
            request
        ):
            kwargs["widget"] = RowAutocompleteSelect(
                db_field, self.admin_site, using=kwargs.get("using")
            )
        kwargs.setdefault("form_class", RowChoiceField)
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


class RowChoicesFormSet(forms.BaseInlineFormSet):
    """Fetches, once per field, the objects chosen on all the rows (the posted
    values, or those of the stored rows), and the rows themselves for their ids."""

    def _row_choice_fields(self):
        return [
            name
            for name, field in self.form.base_fields.items()
            if isinstance(field, RowChoiceField)
        ]

    def _row_values(self, name):
        if self.is_bound:
            return {
                self.data.get(f"{self.add_prefix(i)}-{name}")
                for i in range(self.total_form_count())
            }
        attname = self.model._meta.get_field(name).attname
        # The stored rows' values, and those new rows start with (initial).
        return {getattr(row, attname) for row in self.get_queryset()} | {
            row.get(name) for row in self.initial_extra or []
        }

    @cached_property
    def _fetched_choices(self):
        fetched = {}
        for name in self._row_choice_fields():
            field = self.form.base_fields[name]
            key = field.to_field_name or "pk"
            opts = field.queryset.model._meta
            target = opts.get_field(key) if field.to_field_name else opts.pk
            values = set()
            for value in self._row_values(name):
                if value in field.empty_values:
                    continue
                try:
                    values.add(target.to_python(value))
                except ValidationError:
                    pass  # not an id at all: its row's field says so
            objects = field.queryset.filter(**{f"{key}__in": values}) if values else []
            fetched[name] = {str(getattr(obj, key)): obj for obj in objects}
        return fetched

    @cached_property
    def _rows_by_pk(self):
        return {str(row.pk): row for row in self.get_queryset()}

    def add_fields(self, form, index):
        super().add_fields(form, index)
        for name, objects in self._fetched_choices.items():
            if name in form.fields:
                form.fields[name].fetched = objects
        pk = form.fields.get(self._pk_field.name)
        if pk is not None and type(pk) is forms.ModelChoiceField:
            # The id of an existing row: one of the rows this formset has read.
            row_id = RowChoiceField(
                pk.queryset, initial=pk.initial, required=False, widget=pk.widget
            )
            row_id.fetched = self._rows_by_pk
            form.fields[self._pk_field.name] = row_id
