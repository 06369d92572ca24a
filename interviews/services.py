"""Writes that span several models of an interview, each all-or-nothing."""

import datetime
import json

from django.core.exceptions import (
    NON_FIELD_ERRORS,
    FieldDoesNotExist,
    ValidationError,
)
from django.utils import timezone
from django.utils.translation import gettext as _

from newsroom.content import richtext
from newsroom.content.tagging import canonical_tag_names
from newsroom.desk import changes
from newsroom.desk.gate import Redaction
from newsroom.models import Article, Byline, Contributor, Series

from . import transcript as parser
from .models import ArticleInterviewee, Interviewee, Segment


def validate(instance, where, **options):
    """``instance.full_clean(**options)``, its errors turned into messages that say
    where the problem is ("Question 3 (line 40), answer: …"), for the import page
    (whose form has none of the model's fields) and the command line."""
    try:
        instance.full_clean(**options)
    except ValidationError as error:
        if not hasattr(error, "error_dict"):
            raise ValidationError(
                [
                    _("%(where)s: %(message)s") % {"where": where, "message": m}
                    for m in error.messages
                ]
            ) from error
        raise ValidationError(
            [
                _("%(where)s: %(message)s")
                % {"where": _located(instance, where, field), "message": m}
                for field, messages in error.message_dict.items()
                for m in messages
            ]
        ) from error


def _located(instance, where, field):
    """ "Question 3 (line 40), answer": where, and the field by its label."""
    if field == NON_FIELD_ERRORS:
        return where
    try:
        label = instance._meta.get_field(field).verbose_name
    except FieldDoesNotExist:
        label = field
    return _("%(where)s, %(field)s") % {"where": where, "field": label}


def find_or_create_contributor(*, name, bio=""):
    """The contributor called ``name`` (case-insensitive), created if new. A bio is
    filled in only where the contributor has none: an import never overwrites a
    bio an editor or the contributor wrote."""
    name = " ".join(name.split())
    contributor = Contributor.objects.filter(name__iexact=name).order_by("pk").first()
    if contributor is None:
        contributor = Contributor(name=name, bio=bio)
        validate(
            contributor,
            _("The contributor “%(name)s”") % {"name": name},
            exclude=["slug"],
        )
        contributor.save()
        return contributor
    if bio and not contributor.bio.strip():
        contributor.bio = bio
        contributor.save()
    return contributor


def import_transcript(
    *,
    transcript,
    series=None,
    interviewer=None,
    translator=None,
    interviewee=None,
    language=Article.Language.ENGLISH,
    status=Article.Status.DRAFT,
    published_at=None,
    slug="",
    tags=(),
    extra_bylines=(),
    created_by=None,
):
    """Create one article from a parsed transcript (``interviews.transcript``).

    ``interviewer`` and ``translator`` are Contributors, ``interviewee`` an
    Interviewee; ``extra_bylines`` holds more (contributor, role) pairs. Contributor
    bios found in the transcript update or create contributors by name. Raises
    ValidationError, saving nothing, when the result would not be a valid article.
    ``created_by`` is the user importing it (the article's creator).
    """
    with changes.batch(by=created_by):
        return _import(
            transcript=transcript,
            series=series,
            interviewer=interviewer,
            translator=translator,
            interviewee=interviewee,
            language=language,
            status=status,
            published_at=published_at,
            slug=slug,
            tags=tags,
            extra_bylines=extra_bylines,
            created_by=created_by,
        )


def _import(
    *,
    transcript,
    series,
    interviewer,
    translator,
    interviewee,
    language,
    status,
    published_at,
    slug,
    tags,
    extra_bylines,
    created_by,
):
    if not (transcript.headline or "").strip():
        raise ValidationError(
            _("The transcript has no headline; add one before saving.")
        )
    article = Article(
        headline=transcript.headline.strip(),
        slug=slug,
        series=series,
        dek=transcript.dek or "",
        intro="\n\n".join(transcript.intro),
        language=language,
        status=status,
        published_at=published_at,
        created_by=created_by,
        updated_by=created_by,
    )
    validate(article, _("The article"), exclude=["slug"] if not slug else None)
    article.save()
    if tags:
        # An alias ("Ahrar a-Sham") attaches its tag ("Ahrar al-Sham").
        article.tags.add(*canonical_tag_names(tags))

    credits = [
        (interviewer, Byline.Role.INTERVIEWER),
        (translator, Byline.Role.TRANSLATOR),
    ]
    credits += list(extra_bylines)
    Byline.objects.bulk_create(
        Byline(article=article, contributor=person, role=role, position=number)
        for number, (person, role) in enumerate(
            [(p, r) for p, r in credits if p is not None], start=1
        )
    )

    speakers = {}
    if interviewee is not None:
        ArticleInterviewee.objects.create(
            article=article, interviewee=interviewee, position=1
        )
        speakers[interviewee.name.casefold()] = interviewee
    asker_names = {p.name.casefold() for p in (interviewer,) if p is not None}

    segments = []
    for number, part in enumerate(transcript.segments, start=1):
        if not part.question.strip() and not part.answer.strip():
            continue
        segment = Segment(
            article=article,
            position=number,
            question=part.question,
            answer=part.answer,
            answer_speaker=_answer_speaker(article, part.answer_speaker, speakers),
            question_speaker=_question_speaker(part.question_speaker, asker_names),
        )
        line = getattr(part, "line", 0)
        where = (
            _("Question %(number)s (line %(line)s)") % {"number": number, "line": line}
            if line
            else _("Question %(number)s") % {"number": number}
        )
        validate(segment, where, exclude=["article"])
        segments.append(segment)
    for segment in segments:
        segment.save()

    for bio in transcript.bios:
        find_or_create_contributor(name=bio.name, bio=bio.bio)
    return article


def _question_speaker(label, asker_names):
    """A question labelled with someone other than the interviewer is credited to
    that contributor, if one exists by that name; otherwise the default applies."""
    if not label or label.casefold() in asker_names:
        return None
    return Contributor.objects.filter(name__iexact=label).first()


def _answer_speaker(article, label, speakers):
    """Answers labelled with a second voice get their own interviewee."""
    if not label:
        return None
    key = label.casefold()
    if key not in speakers:
        if not speakers:
            # The first voice answering is the article's interviewee: the default.
            speakers[key] = Interviewee.objects.create(name=label)
            ArticleInterviewee.objects.create(
                article=article, interviewee=speakers[key], position=1
            )
            return None
        speakers[key] = Interviewee.objects.create(name=label)
        ArticleInterviewee.objects.create(
            article=article, interviewee=speakers[key], position=len(speakers)
        )
    first = next(iter(speakers.values()))
    return None if speakers[key] == first else speakers[key]


def find_series(name):
    """The series called ``name`` (by name or slug, case-insensitive), or None."""
    if not name:
        return None
    return (
        Series.objects.filter(name__iexact=name.strip()).first()
        or Series.objects.filter(slug__iexact=name.strip()).first()
    )


def find_or_create_interviewee(*, name, title="", organisation=""):
    """The interviewee of that name (and organisation, when given), or a new one."""
    name = " ".join(name.split())
    matches = Interviewee.objects.filter(name__iexact=name)
    if organisation:
        matches = matches.filter(organisation__iexact=organisation.strip())
    found = matches.order_by("pk").first()
    if found is None:
        found = Interviewee(
            name=name, title=title or "", organisation=organisation or ""
        )
        validate(found, _("The interviewee “%(name)s”") % {"name": name})
        found.save()
    return found


def publish_time_for(date):
    """An imported transcript's date as a publish time: noon UTC, so that the day
    reads the same in every time zone the newsroom works in."""
    if date is None:
        return None
    return datetime.datetime.combine(date, datetime.time(12), tzinfo=datetime.UTC)


def find_duplicates(transcript):
    """Articles that already have this transcript's headline and date."""
    if not transcript.headline:
        return Article.objects.none()
    matches = Article.objects.filter(headline__iexact=transcript.headline.strip())
    if transcript.date:
        matches = matches.filter(published_at__date=transcript.date)
    return matches


def transcript_from_article(article, redaction=None):
    """The article as a parser structure, for export, as the user of ``redaction``
    may see it: a person withheld from them is named by the label readers see,
    without title or organisation. Speakers are named only where a segment names
    its own; everywhere else the article's defaults apply."""
    redaction = redaction or Redaction()
    label = Interviewee._meta.label_lower
    segments = article.segments.select_related("question_speaker", "answer_speaker")
    interviewer = next(
        iter(article.contributors_with_role(Byline.Role.INTERVIEWER)), None
    )
    link = article.interviewee_links.select_related("interviewee").first()
    person = link.interviewee if link else None
    withheld = person is not None and redaction.is_withheld((label, person.pk))
    return parser.Transcript(
        headline=article.headline,
        dek=article.dek or None,
        series=article.series.name if article.series else None,
        date=(
            timezone.localtime(article.published_at).date()
            if article.published_at
            else None
        ),
        intro=richtext.paragraphs(article.intro),
        segments=[
            parser.Segment(
                question=segment.question.strip(),
                answer=segment.answer.strip(),
                question_speaker=(
                    segment.question_speaker.name if segment.question_speaker else None
                ),
                answer_speaker=(
                    redaction.label(
                        (label, segment.answer_speaker_id), segment.answer_speaker.name
                    )
                    if segment.answer_speaker
                    else None
                ),
            )
            for segment in segments
        ],
        bios=[
            parser.Bio(name=person.name, bio=person.bio.strip())
            for person in article.credited_contributors()
            if person.bio.strip()
        ],
        warnings=[],
        interviewer=interviewer.name if interviewer else None,
        interviewee=(
            parser.Interviewee(
                name=redaction.label((label, person.pk), person.name),
                title=None if withheld else person.title or None,
                organisation=None if withheld else person.organisation or None,
            )
            if person
            else None
        ),
    )


def people_from_names(
    *, interviewer="", translator="", interviewee="", title="", organisation=""
):
    """Contributors and the interviewee for an import, found by name or created.
    Call inside the import's transaction so that a failed import creates no one."""
    return {
        "interviewer": (
            find_or_create_contributor(name=interviewer) if interviewer else None
        ),
        "translator": find_or_create_contributor(name=translator)
        if translator
        else None,
        "interviewee": (
            find_or_create_interviewee(
                name=interviewee, title=title, organisation=organisation
            )
            if interviewee
            else None
        ),
    }


def export_article(*, article, as_json=False, redaction=None):
    """The article as a transcript in the export conventions, or as JSON in the
    shape of ``import_transcript --dry-run --json``, as the user of ``redaction``
    may see it (newsroom.desk.gate): withheld names appear nowhere in it."""
    redaction = redaction or Redaction()
    transcript = transcript_from_article(article, redaction)
    if as_json:
        data = redaction.data(transcript.to_json())
        return json.dumps(data, ensure_ascii=False, indent=2) + "\n"
    return redaction.text(parser.render_transcript(transcript))
