"""Writes that span several models of an interview, each all-or-nothing."""

from django.core.exceptions import ValidationError
from django.db import transaction

from newsroom.models import Article, Byline, Contributor
from newsroom.services import update_search_document
from newsroom.tagging import canonical_tag_names

from .models import ArticleInterviewee, Interviewee, Segment


def find_or_create_contributor(*, name, bio=""):
    """The contributor called ``name`` (case-insensitive), created if new. A bio is
    filled in only where the contributor has none: an import never overwrites a
    bio an editor or the contributor wrote."""
    name = " ".join(name.split())
    contributor = Contributor.objects.filter(name__iexact=name).order_by("pk").first()
    if contributor is None:
        return Contributor.objects.create(name=name, bio=bio)
    if bio and not contributor.bio.strip():
        contributor.bio = bio
        contributor.save()
    return contributor


@transaction.atomic
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
):
    """Create one article from a parsed transcript (``interviews.transcript``).

    ``interviewer`` and ``translator`` are Contributors, ``interviewee`` an
    Interviewee; ``extra_bylines`` holds more (contributor, role) pairs. Contributor
    bios found in the transcript update or create contributors by name. Raises
    ValidationError, saving nothing, when the result would not be a valid article.
    """
    if not (transcript.headline or "").strip():
        raise ValidationError("The transcript has no headline; add one before saving.")
    article = Article(
        headline=transcript.headline.strip(),
        slug=slug,
        series=series,
        dek=transcript.dek or "",
        intro="\n\n".join(transcript.intro),
        language=language,
        status=status,
        published_at=published_at,
    )
    article.full_clean(exclude=["slug"] if not slug else None)
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
        segment.full_clean(exclude=["article"])
        segments.append(segment)
    for segment in segments:
        segment.save()

    for bio in transcript.bios:
        find_or_create_contributor(name=bio.name, bio=bio.bio)

    article.update_reading_time()
    update_search_document(article=article)
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
