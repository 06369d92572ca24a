"""Rows that name a person (a byline's contributor, an article's interviewee),
filled in by typing a name: the person of that name if there is exactly one the
editor may know by it, else a new one, made when the article is saved. No popup
window; the autocomplete list beside it still finds people by part of a name.
The article form's bylines start filled in for a new article (the editor's own
contributor as the interviewer, an empty translator row)."""

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from newsroom import text_input
from newsroom.models import Byline, Contributor


class NewPersonRowForm(forms.ModelForm):
    """For an inline whose rows name a person in ``person_field``. Subclasses set
    ``person_field`` and implement ``find_people(name)`` and ``new_person(name)``
    (unsaved)."""

    person_field = ""
    new_name = forms.CharField(
        label=gettext_lazy("…or type a name"),
        required=False,
        max_length=150,
        validators=text_input.LINE,
        widget=forms.TextInput(attrs={"class": "new-person", "autocomplete": "off"}),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields[self.person_field].required = False
        self.person_to_create = None

    def has_changed(self):
        # A new row is saved when it names someone (prefilled, chosen or typed);
        # one that names no one (the translator row left empty) is left out.
        if self.instance.pk is None:
            return bool(self[self.person_field].data or self["new_name"].data)
        return super().has_changed()

    def clean(self):
        cleaned = super().clean()
        name = " ".join((cleaned.get("new_name") or "").split())
        if name:
            found = list(self.find_people(name)[:2])
            if len(found) > 1:
                self.add_error(
                    "new_name",
                    ValidationError(
                        _(
                            "Several people are called “%(name)s”: choose one in "
                            "the list instead."
                        ),
                        code="ambiguous",
                        params={"name": name},
                    ),
                )
                return cleaned
            if found:
                cleaned[self.person_field] = found[0]
                setattr(self.instance, self.person_field, found[0])
            else:
                self.person_to_create = self.new_person(name)
        elif not cleaned.get(self.person_field) and not self.has_error(
            self.person_field
        ):
            self.add_error(
                self.person_field,
                ValidationError(
                    _("Choose someone in the list, or type a name."), code="required"
                ),
            )
        return cleaned

    def save(self, commit=True):
        if self.person_to_create is not None:
            self.person_to_create.save()
            setattr(self.instance, self.person_field, self.person_to_create)
            self.person_to_create = None
        return super().save(commit)


class BylineForm(NewPersonRowForm):
    person_field = "contributor"

    class Meta:
        model = Byline
        fields = ["contributor", "new_name", "role", "position"]

    def find_people(self, name):
        return Contributor.objects.filter(name__iexact=name)

    def new_person(self, name):
        return Contributor(name=name)


def starting_bylines(user):
    """The bylines of a new article before the editor types anything: their own
    contributor as the interviewer (when their login has one), then a translator
    to fill in or leave empty."""
    own = getattr(user, "contributor", None)
    return [
        {
            "contributor": own.pk if own else None,
            "role": Byline.Role.INTERVIEWER,
        },
        {"role": Byline.Role.TRANSLATOR},
    ]
