"""What interviews adds to newsroom's search, related articles and page cache,
registered in ``InterviewsConfig.ready()`` (newsroom never imports interviews)."""

from django.db.models import Q

from newsroom.models import Article, Contributor
from newsroom.public.page_cache import Subject

from .models import ArticleInterviewee, Interviewee, Segment


def search_pieces(article):
    """The interviewees' public names and organisations (weight B) and each
    question and answer (weight D, with the segment's anchor so that a result links
    to it). An anonymous interviewee is indexed by the public description only:
    finding an article by searching a real name would confirm who spoke."""
    links = ArticleInterviewee.objects.filter(article=article).select_related(
        "interviewee"
    )
    for link in links:
        yield "B", link.interviewee.public_name
        if link.interviewee.description:
            yield "B", link.interviewee.organisation
    for anchor, question, answer in Segment.objects.filter(article=article).values_list(
        "anchor", "question", "answer"
    ):
        yield "D", question, anchor
        yield "D", answer, anchor


def same_interviewee(article):
    """Articles questioning one of this article's interviewees (reads the page's
    prefetched interviewee links; no query of its own)."""
    ids = [link.interviewee_id for link in article.interviewee_links.all()]
    if not ids:
        return None
    return Q(
        pk__in=ArticleInterviewee.objects.filter(interviewee__in=ids).values("article")
    )


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


PAGE_SUBJECTS = [
    # An interviewee's name (or public description) is shown on the articles
    # questioning them, which are related to each other.
    Subject(
        model=Interviewee,
        on_page=lambda article: list(_interviewees_on_page(article)),
        of_articles=_interviewees_of,
        articles=lambda pk: Article.objects.filter(
            Q(interviewee_links__interviewee=pk) | Q(segments__answer_speaker=pk)
        ),
        relates=True,
    ),
    # Whoever asks a question is named above it (when not the interviewer).
    Subject(
        model=Contributor,
        on_page=lambda article: [s.question_speaker_id for s in article.segments.all()],
        of_articles=lambda articles: Segment.objects.filter(
            article__in=articles
        ).values_list("question_speaker", flat=True),
        articles=lambda pk: Article.objects.filter(segments__question_speaker=pk),
    ),
]
