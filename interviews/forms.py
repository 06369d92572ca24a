from django import forms
from django.core.exceptions import ValidationError
from django.utils.text import format_lazy
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from newsroom.models import Article, Contributor, Series

from .transcript import (
    MAX_TRANSCRIPT_BYTES,
    TranscriptError,
    decode_transcript,
    parse_transcript,
)

UPLOAD_SUFFIXES = (".txt", ".md", ".text", ".markdown")


class TranscriptImportForm(forms.Form):
    """Step one of the import: the text, pasted or uploaded. Step two (the preview)
    posts the same form back with the decoded text and the editor's choices."""

    text = forms.CharField(
        label=_("Paste the transcript"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100, "dir": "auto"}),
    )
    upload = forms.FileField(
        label=_("…or upload a file"),
        required=False,
        help_text=format_lazy(
            _(
                "A .txt or .md file: UTF-8, Windows-1256 (Arabic) or Windows-1252, "
                "up to {megabytes} MB."
            ),
            megabytes=MAX_TRANSCRIPT_BYTES // 1_000_000,
        ),
    )
    series = forms.ModelChoiceField(
        queryset=Series.objects.all(),
        required=False,
        empty_label=_("(no series)"),
        label=_("Series"),
    )
    language = forms.ChoiceField(
        choices=Article.Language.choices,
        initial=Article.Language.ENGLISH,
        label=_("Language"),
    )
    interviewer = forms.CharField(
        required=False,
        max_length=150,
        label=_("Interviewer"),
        help_text=_("Found by name among the contributors, or created."),
    )
    translator = forms.CharField(
        required=False,
        max_length=150,
        label=_("Translator"),
        help_text=_("Found by name among the contributors, or created."),
    )
    interviewee = forms.CharField(
        required=False, max_length=150, label=_("Interviewee")
    )
    interviewee_title = forms.CharField(
        required=False, max_length=150, label=_("Interviewee's title")
    )
    interviewee_organisation = forms.CharField(
        required=False, max_length=200, label=_("Interviewee's organisation")
    )

    def clean_upload(self):
        upload = self.cleaned_data.get("upload")
        if not upload:
            return None
        if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
            raise ValidationError(
                _(
                    "Upload a plain-text transcript (.txt or .md); “%(name)s” is not "
                    "one."
                ),
                code="file_type",
                params={"name": upload.name},
            )
        if upload.size > MAX_TRANSCRIPT_BYTES:
            raise ValidationError(
                _("The file is %(size)s bytes; the limit is %(limit)s bytes."),
                code="too_big",
                params={
                    "size": f"{upload.size:,}",
                    "limit": f"{MAX_TRANSCRIPT_BYTES:,}",
                },
            )
        try:
            return decode_transcript(upload.read())
        except TranscriptError as error:
            raise ValidationError(str(error), code="unreadable") from error

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        text = cleaned.get("upload") or cleaned.get("text") or ""
        if not text.strip():
            raise ValidationError(
                _("Paste a transcript or upload a file."), code="empty"
            )
        try:
            self.transcript = parse_transcript(text)
        except TranscriptError as error:
            raise ValidationError(str(error), code="unparsable") from error
        if not self.transcript.headline:
            untitled = gettext("Untitled interview")
            self.transcript.warnings.insert(
                0,
                gettext("No headline was found; it will be “%(headline)s”.")
                % {"headline": untitled},
            )
            self.transcript.headline = untitled
        cleaned["text"] = text
        return cleaned

    def suggestions(self):
        """Initial values for the people and series, from what the parser found."""
        transcript = self.transcript
        values = {}
        if transcript.series and not self.cleaned_data.get("series"):
            series = Series.objects.filter(name__iexact=transcript.series).first()
            if series:
                values["series"] = series.pk
        if transcript.interviewer and not self.cleaned_data.get("interviewer"):
            known = Contributor.objects.filter(
                name__iexact=transcript.interviewer
            ).first()
            values["interviewer"] = known.name if known else transcript.interviewer
        person = transcript.interviewee
        if person and not self.cleaned_data.get("interviewee"):
            values["interviewee"] = person.name
            values["interviewee_title"] = person.title or ""
            values["interviewee_organisation"] = person.organisation or ""
        return values
