"""Import interview transcripts (plain text) as draft articles.

python manage.py import_transcript FILE [FILE ...] [--series NAME] [--language en]
    [--status draft] [--interviewer NAME] [--translator NAME] [--user USERNAME]
    [--force]
python manage.py import_transcript FILE --dry-run [--json]
"""

import json
from pathlib import Path

from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError

from interviews import services
from interviews.transcript import (
    MAX_TRANSCRIPT_BYTES,
    TranscriptError,
    decode_transcript,
    parse_transcript,
)
from newsroom.desk import changes
from newsroom.models import Article, Series


class Command(BaseCommand):
    help = "Import interview transcripts as draft articles (or preview them)."

    def add_arguments(self, parser):
        parser.add_argument("files", nargs="+", metavar="FILE")
        parser.add_argument(
            "--series",
            help="Series name or slug. Default: the series the transcript names.",
        )
        parser.add_argument(
            "--language", default=Article.Language.ENGLISH, choices=Article.Language
        )
        parser.add_argument(
            "--status",
            default=Article.Status.DRAFT,
            choices=Article.Status,
            help="Default: draft.",
        )
        parser.add_argument(
            "--interviewer", help="Default: the interviewer named in the intro."
        )
        parser.add_argument("--translator", help="The translator's name.")
        parser.add_argument(
            "--user",
            help="The username credited as the articles' creator and with the "
            "revision (default: none).",
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="Show the parsed structure only."
        )
        parser.add_argument(
            "--json",
            action="store_true",
            help="With --dry-run: print the structure as one JSON object.",
        )
        parser.add_argument(
            "--force",
            action="store_true",
            help="Import even if an article with the same headline and date exists.",
        )

    def handle(self, *args, files, **options):
        options["by"] = None
        if options["user"]:
            users = get_user_model().objects
            options["by"] = users.filter(username=options["user"]).first()
            if options["by"] is None:
                raise CommandError(f"No user is called “{options['user']}”.")
        if options["json"] and not options["dry_run"]:
            raise CommandError("--json only goes with --dry-run.")
        if options["json"] and len(files) != 1:
            raise CommandError("--json prints one JSON object: give exactly one FILE.")
        failures = 0
        for name in files:
            try:
                transcript = self.read(name)
                if options["dry_run"]:
                    self.show(name, transcript, as_json=options["json"])
                else:
                    self.save(name, transcript, options)
            except (TranscriptError, ValidationError) as error:
                failures += 1
                self.stderr.write(self.style.ERROR(f"{name}: {describe(error)}"))
        if failures:
            raise CommandError(
                f"{failures} of {len(files)} file(s) could not be imported; "
                "nothing was saved for them."
            )

    def read(self, name):
        path = Path(name)
        try:
            size = path.stat().st_size
            if size > MAX_TRANSCRIPT_BYTES:
                raise TranscriptError(
                    f"The file is {size:,} bytes; the limit is "
                    f"{MAX_TRANSCRIPT_BYTES:,} bytes."
                )
            data = path.read_bytes()
        except OSError as error:
            raise TranscriptError(
                f"cannot read the file ({error.strerror})."
            ) from error
        return parse_transcript(decode_transcript(data))

    def show(self, name, transcript, *, as_json):
        if as_json:
            self.stdout.write(json.dumps(transcript.to_json(), ensure_ascii=False))
            return
        write = self.stdout.write
        write(self.style.MIGRATE_HEADING(name))
        write(f"  Series:    {transcript.series or '—'}")
        write(f"  Headline:  {transcript.headline or '—'}")
        write(f"  Dek:       {transcript.dek or '—'}")
        write(f"  Date:      {transcript.date or '—'}")
        write(f"  Interviewer (suggested): {transcript.interviewer or '—'}")
        if transcript.interviewee:
            person = transcript.interviewee
            details = ", ".join(p for p in (person.title, person.organisation) if p)
            write(f"  Interviewee (suggested): {person.name} ({details or '—'})")
        write(f"  Intro: {len(transcript.intro)} paragraph(s)")
        for number, segment in enumerate(transcript.segments, start=1):
            write(f"  Q{number} (line {segment.line}): {first_words(segment.question)}")
            write(f"  A{number}: {first_words(segment.answer)}")
        for bio in transcript.bios:
            write(f"  Bio: {bio.name}: {first_words(bio.bio)}")
        for warning in transcript.warnings:
            write(self.style.WARNING(f"  Warning: {warning}"))

    def save(self, name, transcript, options):
        duplicates = services.find_duplicates(transcript)
        if duplicates.exists() and not options["force"]:
            existing = duplicates.first()
            raise ValidationError(
                f"an article with this headline and date already exists "
                f"(“{existing.headline}”, /admin/newsroom/article/{existing.pk}/). "
                "Use --force to import it again."
            )
        series_name = options["series"] or transcript.series
        with changes.batch(by=options["by"]):
            series = services.find_series(series_name)
            if series is None and series_name:
                series = Series(name=series_name.strip())
                services.validate(series, "The series", exclude=["slug"])
                series.save()
                self.stdout.write(f"{name}: new series “{series.name}” created.")
            suggested = transcript.interviewee
            article = services.import_transcript(
                transcript=transcript,
                series=series,
                language=options["language"],
                status=options["status"],
                published_at=services.publish_time_for(transcript.date),
                created_by=options["by"],
                **services.people_from_names(
                    interviewer=options["interviewer"] or transcript.interviewer or "",
                    translator=options["translator"] or "",
                    interviewee=suggested.name if suggested else "",
                    title=(suggested.title or "") if suggested else "",
                    organisation=(suggested.organisation or "") if suggested else "",
                ),
            )
        for warning in transcript.warnings:
            self.stdout.write(self.style.WARNING(f"{name}: {warning}"))
        state = article.get_status_display().lower()
        self.stdout.write(
            self.style.SUCCESS(
                f"{name}: imported “{article.headline}” as {state}"
                f" with {len(transcript.segments)} question(s) — "
                f"/admin/newsroom/article/{article.pk}/change/"
            )
        )


def first_words(text, limit=70):
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def describe(error):
    if isinstance(error, ValidationError):
        return "; ".join(error.messages)
    return str(error)
