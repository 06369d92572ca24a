from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class InterviewsConfig(AppConfig):
    name = "interviews"
    verbose_name = _("Interviews")

    def ready(self):
        # newsroom offers hooks and never imports interviews; interviews plugs in here.
        from django.db.models import Prefetch

        from newsroom import models as newsroom_models
        from newsroom.content import revisions as newsroom_revisions
        from newsroom.public import page_cache

        from . import hooks
        from .models import ArticleInterviewee, Segment
        from .revisions import PARTS

        newsroom_models.PAGE_PREFETCHES.extend(
            [
                Prefetch(
                    "segments",
                    queryset=Segment.objects.select_related(
                        "question_speaker", "answer_speaker"
                    ),
                ),
                Prefetch(
                    "interviewee_links",
                    queryset=ArticleInterviewee.objects.select_related("interviewee"),
                ),
            ]
        )
        newsroom_models.READING_TEXT_SOURCES.append(segment_texts)
        newsroom_models.SEARCH_TEXT_SOURCES.append(hooks.search_pieces)
        newsroom_models.RELATED_ARTICLE_FILTERS.append(hooks.same_interviewee)
        # Revisions keep, and restore, the segments and interviewees too.
        newsroom_revisions.REVISION_PARTS.extend(PARTS)
        # Article pages show interviewees and the people asking the questions.
        page_cache.SUBJECTS.extend(hooks.PAGE_SUBJECTS)


def segment_texts(article):
    for question, answer in article.segments.values_list("question", "answer"):
        yield question
        yield answer
