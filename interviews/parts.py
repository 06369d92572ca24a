"""The interview's parts of an article — its interviewees and its questions and
answers — declared with everything they contribute (newsroom.content.parts) and
registered in InterviewsConfig.ready(). newsroom never imports interviews."""

from django.db.models import Prefetch, Q

from newsroom.content.parts import ArticlePart, SearchPiece, Subject
from newsroom.models import Article, Contributor

from . import anonymity
from .models import ArticleInterviewee, Interviewee, Segment

# -- interviewees ---------------------------------------------------------------------


def _interviewees_on_page(article):
    yield from (link.interviewee_id for link in article.interviewee_links.all())
    yield from (segment.answer_speaker_id for segment in article.segments.all())


def _interviewees_of(articles):
    yield from ArticleInterviewee.objects.filter(article__in=articles).values_list(
        "interviewee", flat=True
    )
    yield from Segment.objects.filter(article__in=articles).values_list(
        "answer_speaker", flat=True
    )


# An interviewee's name (or public description) is shown on the articles
# questioning them, which are related to each other.
INTERVIEWEES = Subject(
    model=Interviewee,
    on_page=lambda article: list(_interviewees_on_page(article)),
    of_articles=_interviewees_of,
    articles=lambda pk: Article.objects.filter(
        Q(interviewee_links__interviewee=pk) | Q(segments__answer_speaker=pk)
    ).distinct(),
    relates=True,
    searched_fields=frozenset(
        {"name", "public_description", "is_anonymous", "organisation"}
    ),
    on_change=anonymity.forget_real_name_in_admin_log,
)


def _interviewee_search(article):
    """The interviewees' public names and organisations (weight B). An anonymous
    interviewee is indexed by the public description only: finding an article by
    searching a real name would confirm who spoke."""
    links = ArticleInterviewee.objects.filter(article=article).select_related(
        "interviewee"
    )
    for link in links:
        yield SearchPiece("B", link.interviewee.public_name)
        if link.interviewee.description:
            yield SearchPiece("B", link.interviewee.organisation)


def _same_interviewee(article):
    """Articles questioning one of this article's interviewees (reads the page's
    prefetched interviewee links; no query of its own)."""
    ids = [link.interviewee_id for link in article.interviewee_links.all()]
    if not ids:
        return None
    return Q(
        pk__in=ArticleInterviewee.objects.filter(interviewee__in=ids).values("article")
    )


def _snapshot_interviewees(article):
    return [
        {
            "interviewee": link.interviewee_id,
            "name": link.interviewee.name,
            "position": link.position,
        }
        for link in ArticleInterviewee.objects.filter(article=article)
        .select_related("interviewee")
        .order_by("position", "pk")
    ]


def _restore_interviewees(article, rows):
    ArticleInterviewee.objects.filter(article=article).delete()
    people = Interviewee.objects.in_bulk([row["interviewee"] for row in rows])
    ArticleInterviewee.objects.bulk_create(
        ArticleInterviewee(
            article=article,
            interviewee=people[row["interviewee"]],
            position=row["position"],
        )
        for row in rows
        if row["interviewee"] in people
    )


def _interviewee_lines(rows, redaction):
    for row in rows:
        key = (Interviewee._meta.label_lower, row["interviewee"])
        yield f"{row['position']}. {redaction.label(key, row['name'])}"


def _withheld(user, article_pks, snapshots):
    """The anonymous interviewees of these articles (and of these revisions)
    whose real names ``user`` may not see (interviews.anonymity)."""
    ids = set(
        ArticleInterviewee.objects.filter(article__in=article_pks).values_list(
            "interviewee", flat=True
        )
    )
    ids |= set(
        Segment.objects.filter(article__in=article_pks)
        .exclude(answer_speaker=None)
        .values_list("answer_speaker", flat=True)
    )
    for data in snapshots:
        ids |= {row["interviewee"] for row in data.get("interviewees", [])}
        ids |= {
            row["answer_speaker"]
            for row in data.get("segments", [])
            if row.get("answer_speaker")
        }
    return anonymity.withheld(user, ids)


# -- segments -------------------------------------------------------------------------

# Whoever asks a question is named above it (when not the interviewer).
ASKERS = Subject(
    model=Contributor,
    on_page=lambda article: [s.question_speaker_id for s in article.segments.all()],
    of_articles=lambda articles: Segment.objects.filter(
        article__in=articles
    ).values_list("question_speaker", flat=True),
    articles=lambda pk: Article.objects.filter(segments__question_speaker=pk),
)


def _segment_text(article):
    for question, answer in Segment.objects.filter(article=article).values_list(
        "question", "answer"
    ):
        yield question
        yield answer


def _segment_search(article):
    """Each question and answer (weight D), with the segment's anchor so that a
    result links to it."""
    for anchor, question, answer in Segment.objects.filter(article=article).values_list(
        "anchor", "question", "answer"
    ):
        yield SearchPiece("D", question, anchor)
        yield SearchPiece("D", answer, anchor)


def _snapshot_segments(article):
    return [
        {
            "anchor": s.anchor,
            "position": s.position,
            "question": s.question,
            "answer": s.answer,
            "question_speaker": s.question_speaker_id,
            "answer_speaker": s.answer_speaker_id,
        }
        for s in Segment.objects.filter(article=article).order_by("position", "pk")
    ]


def _restore_segments(article, rows):
    """Segments exactly as in ``rows``. A segment keeps its row (and its anchor, so
    shared links to an answer still work); segments not in ``rows`` go."""
    existing = {s.anchor: s for s in Segment.objects.filter(article=article)}
    Segment.objects.filter(article=article).exclude(
        anchor__in=[row["anchor"] for row in rows]
    ).delete()
    askers = set(
        Contributor.objects.filter(
            pk__in=[row["question_speaker"] for row in rows]
        ).values_list("pk", flat=True)
    )
    answerers = set(
        Interviewee.objects.filter(
            pk__in=[row["answer_speaker"] for row in rows]
        ).values_list("pk", flat=True)
    )
    for row in rows:
        segment = existing.get(row["anchor"]) or Segment(
            article=article, anchor=row["anchor"]
        )
        segment.position = row["position"]
        segment.question = row["question"]
        segment.answer = row["answer"]
        segment.question_speaker_id = (
            row["question_speaker"] if row["question_speaker"] in askers else None
        )
        segment.answer_speaker_id = (
            row["answer_speaker"] if row["answer_speaker"] in answerers else None
        )
        segment.save()


def _segment_lines(rows, redaction):
    for row in rows:
        yield f"Q{row['position']} ({row['anchor']}): {row['question']}"
        for line in row["answer"].splitlines() or [""]:
            yield f"A{row['position']}: {line}"


PARTS = [
    ArticlePart(
        name="interviewees",
        label="Interviewees",
        model=ArticleInterviewee,
        page_prefetch=(
            Prefetch(
                "interviewee_links",
                queryset=ArticleInterviewee.objects.select_related("interviewee"),
            ),
        ),
        search=_interviewee_search,
        related=_same_interviewee,
        related_points=2,
        snapshot=_snapshot_interviewees,
        restore=_restore_interviewees,
        lines=_interviewee_lines,
        subjects=(INTERVIEWEES,),
        withheld=_withheld,
    ),
    ArticlePart(
        name="segments",
        label="Segments",
        model=Segment,
        page_prefetch=(
            Prefetch(
                "segments",
                queryset=Segment.objects.select_related(
                    "question_speaker", "answer_speaker"
                ),
            ),
        ),
        text=_segment_text,
        search=_segment_search,
        snapshot=_snapshot_segments,
        restore=_restore_segments,
        lines=_segment_lines,
        subjects=(ASKERS,),
    ),
]
