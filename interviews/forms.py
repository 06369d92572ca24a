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
MAX_FILES = 20


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    """Several files at once; cleans to a list (empty when none was chosen)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput())
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        files = data if isinstance(data, (list, tuple)) else [data] if data else []
        return [super(MultipleFileField, self).clean(f, initial) for f in files]


class TranscriptImportForm(forms.Form):
    """Step one of the import: the text, pasted or uploaded. Step two (the preview)
    posts the same form back with the decoded text and the editor's choices."""

    text = forms.CharField(
        label=_("Paste the transcript"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 18, "cols": 100, "dir": "auto"}),
    )
    upload = MultipleFileField(
        label=_("…or upload files"),
        required=False,
        help_text=format_lazy(
            _(
                "One or several .txt or .md files (up to {files}), each a draft: "
                "UTF-8, Windows-1256 (Arabic) or Windows-1252, up to {megabytes} MB "
                "each."
            ),
            files=MAX_FILES,
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
    question_speaker = forms.CharField(
        required=False,
        max_length=150,
        label=_("Every question asked by"),
        help_text=_("Leave empty to keep the speakers read in the text."),
    )
    answer_speaker = forms.CharField(
        required=False,
        max_length=150,
        label=_("Every answer given by"),
        help_text=_("Leave empty to keep the speakers read in the text."),
    )
    digest = forms.CharField(required=False, widget=forms.HiddenInput)

    def clean_upload(self):
        uploads = self.cleaned_data.get("upload") or []
        if len(uploads) > MAX_FILES:
            raise ValidationError(
                _("Upload at most %(limit)s files at once; you chose %(count)s."),
                code="too_many",
                params={"limit": MAX_FILES, "count": len(uploads)},
            )
        texts = []
        for upload in uploads:
            if not upload.name.lower().endswith(UPLOAD_SUFFIXES):
                raise ValidationError(
                    _(
                        "Upload a plain-text transcript (.txt or .md); “%(name)s” is "
                        "not one."
                    ),
                    code="file_type",
                    params={"name": upload.name},
                )
            if upload.size > MAX_TRANSCRIPT_BYTES:
                raise ValidationError(
                    _("“%(name)s” is %(size)s bytes; the limit is %(limit)s bytes."),
                    code="too_big",
                    params={
                        "name": upload.name,
                        "size": f"{upload.size:,}",
                        "limit": f"{MAX_TRANSCRIPT_BYTES:,}",
                    },
                )
            try:
                texts.append((upload.name, decode_transcript(upload.read())))
            except TranscriptError as error:
                raise ValidationError(
                    _("%(name)s: %(error)s"),
                    code="unreadable",
                    params={"name": upload.name, "error": error},
                ) from error
        return texts

    def clean(self):
        cleaned = super().clean()
        if self.errors:
            return cleaned
        files = cleaned.get("upload") or list(
            zip(
                self.data.getlist("bulk_name") if hasattr(self.data, "getlist") else [],
                self.data.getlist("bulk_text") if hasattr(self.data, "getlist") else [],
                strict=False,
            )
        )
        if len(files) > 1:
            self.files_read = [(name, self._parse(text, name)) for name, text in files]
            cleaned["text"] = ""
            return cleaned
        text = files[0][1] if files else cleaned.get("text") or ""
        if not text.strip():
            raise ValidationError(
                _("Paste a transcript or upload a file."), code="empty"
            )
        self.files_read = []
        self.transcript = self._parse(text)
        cleaned["text"] = text
        return cleaned

    def _parse(self, text, name=None):
        try:
            transcript = parse_transcript(text)
        except TranscriptError as error:
            if name:
                raise ValidationError(
                    _("%(name)s: %(error)s"),
                    code="unparsable",
                    params={"name": name, "error": error},
                ) from error
            raise ValidationError(str(error), code="unparsable") from error
        name_untitled(transcript)
        return transcript

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


def name_untitled(transcript):
    """A transcript without a headline gets "Untitled interview", and says so."""
    if transcript.headline:
        return
    untitled = gettext("Untitled interview")
    transcript.warnings.insert(
        0,
        gettext("No headline was found; it will be “%(headline)s”.")
        % {"headline": untitled},
    )
    transcript.headline = untitled
