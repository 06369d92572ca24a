"""The rules about which articles someone may see, and how pages load them."""

from django.db import models
from django.db.models import Exists, OuterRef, Q
from django.db.models.functions import Coalesce
from django.utils import timezone
from taggit.models import Tag

from newsroom.content.parts import PARTS
from newsroom.infra.json_rows import RelatedRows, RelatedRowsQuerySetMixin

from .credits import Byline
from .history import Correction
from .recorded import RecordedQuerySet
from .tags import TaggedArticle

# Related articles are chosen among the newest this many of each reason (the same
# series, each shared tag, each hook's reason).
RELATED_CANDIDATES = 50


class ArticleQuerySet(RelatedRowsQuerySetMixin, RecordedQuerySet):
    def published(self, at=None):
        """The one rule for what the public may see."""
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__lte=at or timezone.now()
        )

    def scheduled(self, at=None):
        return self.filter(
            status=self.model.Status.PUBLISHED, published_at__gt=at or timezone.now()
        )

    def listed_under_tag(self, tag, at=None):
        """These articles tagged ``tag``, newest first, in the order of the tag's
        index (newsroom.content.listing), from the entries listed by ``at`` (now):
        a page reads its own rows only, not the scheduled ones above them."""
        return self.filter(
            tagged_items__tag=tag, tagged_items__listed_at__lte=at or timezone.now()
        ).order_by("-tagged_items__listed_at", "-tagged_items__content_object_id")

    def listed_under_contributor(self, contributor, at=None):
        """These articles crediting ``contributor``, each once, newest first, in
        the order of the contributor's index (newsroom.content.listing), from the
        entries listed by ``at`` (now)."""
        return self.filter(
            bylines__contributor=contributor,
            bylines__listed_at__lte=at or timezone.now(),
        ).order_by("-bylines__listed_at", "-bylines__article_id")

    def credited_to(self, user):
        """Articles on which ``user``'s contributor record has a byline."""
        return self.filter(
            Exists(
                Byline.objects.filter(article=OuterRef("pk"), contributor__user=user)
            )
        )

    def on_desk_for(self, user):
        """The articles ``user`` may see in the admin: editors everything; reporters
        their own and anything past draft; translators the articles in review or
        published that credit them. Other people's drafts stay private."""
        if user.has_perm("newsroom.change_any_article"):
            return self
        if user.has_perm("newsroom.change_article"):
            return self.filter(Q(created_by=user) | ~Q(status=self.model.Status.DRAFT))
        if user.has_perm("newsroom.credit_self"):
            return self.exclude(status=self.model.Status.DRAFT).credited_to(user)
        return self.none()

    def for_list(self):
        """What an article teaser shows: series label and bylines (whose credit line
        names the original's language)."""
        return self.select_related("series", "translation_of").prefetch_related(
            *PARTS.list_prefetches()
        )

    def for_page(self):
        """Everything an article page shows, in a fixed number of queries. The tags
        and corrections, only displayed, come inside the article's own query."""
        return (
            self.select_related("series", "translation_of")
            .prefetch_related(*PARTS.page_prefetches())
            .with_related_rows(*(rows() for rows in PARTS.page_rows()))
        )

    def editions_and_related(self, article, *, related=4):
        """Published editions of ``article`` and up to ``related`` articles sharing
        its series, a tag or (through RELATED_ARTICLE_FILTERS) an interviewee, in
        one query: ``(editions, related)``. Reads the article's prefetched tags."""
        editions = Q(translation_of=article)
        if article.translation_of_id:
            editions |= Q(pk=article.translation_of_id) | Q(
                translation_of=article.translation_of_id
            )
        # Each part's reason adds its points to the score (the same interviewee
        # 2, the same series 1), and each shared tag 1.
        reasons = [
            (part.related(article), part.related_points)
            for part in PARTS.with_("related")
        ]
        reasons = [(reason, points) for reason, points in reasons if reason]
        score = sum(
            (
                models.Case(
                    models.When(reason, then=points),
                    default=0,
                    output_field=models.IntegerField(),
                )
                for reason, points in reasons
            ),
            start=models.Value(0),
        )
        # Candidates: the newest few articles of each reason (each tag on its
        # own). A popular tag or series is shared by thousands of articles, too
        # many to score for every page view.
        sources = [reason for reason, _points in reasons]
        tag_ids = [tag.pk for tag in article.tags.all()]
        sources += [Q(tagged_items__tag=tag_id) for tag_id in tag_ids]
        if tag_ids:
            shared = TaggedArticle.objects.filter(tag__in=tag_ids)
            score += Coalesce(
                models.Subquery(
                    shared.filter(content_object=models.OuterRef("pk"))
                    .values("content_object")
                    .annotate(count=models.Count("pk"))
                    .values("count")
                ),
                0,
            )
        # The editions and those candidates as one list of ids (a UNION), so that
        # the database reads only their rows. Each window sits in a plain SELECT:
        # SQLite allows no ORDER BY or LIMIT in the parts of a UNION.
        ids = self.model.objects.order_by().values("pk")
        newest = (
            self.published()
            .filter(source)
            .exclude(pk=article.pk)
            .order_by("-published_at", "-pk")
            .values("pk")[:RELATED_CANDIDATES]
            for source in sources
        )
        candidates = ids.filter(editions).union(
            *(ids.filter(pk__in=window) for window in newest)
        )
        rows = list(
            self.published()
            .filter(pk__in=candidates)
            .exclude(pk=article.pk)
            .select_related("series")
            .annotate(
                is_edition=models.Case(
                    models.When(editions, then=True),
                    default=False,
                    output_field=models.BooleanField(),
                ),
                score=score,
            )
            .order_by("-is_edition", "-score", "-published_at", "-pk")[: related + 5]
        )
        return (
            [row for row in rows if row.is_edition],
            [row for row in rows if not row.is_edition][:related],
        )


def tag_rows():
    return RelatedRows(
        "tags",
        TaggedArticle.objects.filter(content_object=OuterRef("pk")),
        parent_field="content_object",
        model=Tag,
        fields={"id": "tag_id", "name": "tag__name", "slug": "tag__slug"},
        ordering=["name"],
    )


def correction_rows():
    fields = ["id", "article_id", "kind", "text", "created_at", "created_by_id"]
    return RelatedRows(
        "corrections",
        Correction.objects.filter(article=OuterRef("pk")),
        parent_field="article",
        model=Correction,
        fields={name: name for name in fields},
        ordering=Correction._meta.ordering,
    )
