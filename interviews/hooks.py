"""What interviews adds to newsroom's search and related articles, registered in
``InterviewsConfig.ready()`` (newsroom never imports interviews)."""

from django.db.models import Q

from .models import ArticleInterviewee, Segment


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
