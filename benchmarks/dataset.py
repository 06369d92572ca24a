"""Build the benchmark archive and insert it in bulk (``benchmarks/generate.py`` is the
command that calls ``generate``).

Rows are what the app itself would store: the same slugs (``unique_slug``'s rule),
HTML rendered by ``richtext.render``, reading times by ``content.reading``'s rule,
and search documents with the pieces, folded words and (on PostgreSQL) vector that
``search.update_search_document`` writes. tests/benchmarks checks this against the
app's own functions. Only the text is made differently: from ``benchmarks/prose.py``,
and questions with their answers come from a pool (rendered once each) that the
articles share, which is what lets 100,000 articles load in minutes.
"""

import bisect
import functools
import itertools
import math
import operator
import random
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from django.apps import apps
from django.core.management.color import no_style
from django.db import connection, connections, transaction
from django.db.models import F
from django.utils import timezone
from django.utils.text import slugify
from taggit.models import Tag

from benchmarks import prose
from interviews.models import ANCHOR_ALPHABET, ArticleInterviewee, Interviewee, Segment
from newsroom import text_input
from newsroom.content import richtext, search
from newsroom.content.reading import WORDS_PER_MINUTE
from newsroom.content.transliteration import name_key, words
from newsroom.models import (
    Article,
    Byline,
    Contributor,
    Correction,
    SearchDocument,
    Series,
    TagAlias,
    TaggedArticle,
)

DEFAULT_ARTICLES = 2000
DEFAULT_SEED = 6
BATCH = 1000
SEGMENTS = 12
TAGS_PER_ARTICLE = 3
YEARS = 10
MAX_CONTRIBUTORS = 300
MAX_PAIRS = 20_000
# Questions with their answers made per article (articles share them, 12 each).
PAIRS_PER_ARTICLE = 3
# Of 1,000 articles: drafts, in review, scheduled; the rest published in the past.
DRAFTS, IN_REVIEW, SCHEDULED = 15, 5, 10
CORRECTED = 0.02
APPS = ("newsroom", "interviews", "taggit")
SQLITE_CACHE_KB = 256 * 1024


class NotEmpty(Exception):
    """The database already holds content (pass flush=True to replace it)."""


class Slugs:
    """``newsroom.models.unique_slug`` over rows made in this process: the base slug,
    then ``-2``, ``-3``… for the next rows with the same base."""

    def __init__(self, *, fallback, max_length):
        self.fallback, self.max_length = fallback, max_length
        self.taken, self.next_number = set(), {}

    def allocate(self, value):
        base = slugify(text_input.slug_source(value), allow_unicode=True)
        base = base[: self.max_length - 8].strip("-") or self.fallback
        slug = base
        if slug in self.taken:
            # Every number below the hint is taken already: start there.
            n = self.next_number.get(base, 2)
            while f"{base}-{n}" in self.taken:
                n += 1
            slug, self.next_number[base] = f"{base}-{n}", n + 1
        self.taken.add(slug)
        return slug


class Text:
    """A text with what the app derives from it, computed once."""

    __slots__ = ("text", "html", "folded", "word_count")

    def __init__(self, text, *, html=True):
        self.text = text
        self.html = richtext.render(text) if html else ""
        self.folded = " ".join(words(text))
        self.word_count = richtext.word_count(text)


@functools.cache
def fold(name):
    """The folded words of a name (contributors, tags, series recur: fold once)."""
    return " ".join(words(name))


def folded(parts):
    """``search.folded`` over Text objects' precomputed words."""
    return " " + " ".join(part for part in parts if part) + " "


class Zipf:
    """Picks items with a popularity that falls with their rank (1/rank**s)."""

    def __init__(self, items, s=1.0):
        self.items = list(items)
        weights = [1 / (rank**s) for rank in range(1, len(self.items) + 1)]
        self.cumulative = list(itertools.accumulate(weights))

    def pick(self, rng):
        x = rng.random() * self.cumulative[-1]
        return self.items[bisect.bisect_left(self.cumulative, x)]

    def distinct(self, rng, count, first=()):
        chosen = [item for item in first if item is not None]
        for _ in range(count * 50):
            if len(chosen) >= count:
                break
            item = self.pick(rng)
            if item not in chosen:
                chosen.append(item)
        return chosen


@dataclass
class Pools:
    series: list
    contributors: list
    interviewers: Zipf
    translators: Zipf
    tags: list
    tag_by_name: dict
    popular_tags: Zipf
    aliases_by_tag: dict
    interviewees: list
    frequent_interviewees: Zipf
    pairs: dict  # topic -> [(question Text, answer Text)]


def _unique_names(rng, count, seen=None):
    seen = set() if seen is None else seen
    names = []
    while len(names) < count:
        name = (
            f"{prose.pick(rng, prose.FIRST_NAMES)} {prose.pick(rng, prose.LAST_NAMES)}"
        )
        if len(seen) >= len(prose.FIRST_NAMES) * len(prose.LAST_NAMES):
            name = f"{name} {len(names)}"
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _make_series():
    slugs = Slugs(fallback="series", max_length=140)
    rows = [
        Series(name=name, slug=slugs.allocate(name), description=description)
        for name, description in prose.SERIES
    ]
    return Series.objects.bulk_create(rows)


def _make_contributors(rng, count):
    slugs = Slugs(fallback="contributor", max_length=170)
    rows = []
    for n, name in enumerate(_unique_names(rng, count)):
        city = prose.pick(rng, prose.PLACES)
        is_translator = n >= count * 0.6
        kind = (
            "Translator"
            if is_translator
            else rng.choice(("Reporter", "Correspondent", "Reporter", "Editor"))
        )
        bio = prose.bio(rng, name.split()[0], city)
        rows.append(
            Contributor(
                name=name,
                slug=slugs.allocate(name),
                title=f"{kind}, {city}",
                bio=bio,
                bio_html=richtext.render(bio),
                bio_ar="",
                bio_ar_html=richtext.render(""),
            )
        )
    return Contributor.objects.bulk_create(rows)


def _make_tags(rng, count):
    names = sorted(
        {*prose.TOPICS, *prose.PLACES, *prose.THEMES, *prose.GROUPS, *prose.BODIES}
    )
    rng.shuffle(names)
    # The topics and the places are what most articles are tagged with.
    names.sort(key=lambda name: 0 if name in prose.TOPICS else 1)
    names = names[:count]
    tags = [Tag(name=name, slug=Tag().slugify(name)) for name in names]
    assert len({tag.slug for tag in tags}) == len(tags)
    return Tag.objects.bulk_create(tags)


def _make_aliases(tags):
    slugs = Slugs(fallback="alias", max_length=100)
    rows = []
    for tag in tags:
        for name in prose.ALIASES.get(tag.name, ()):
            rows.append(
                TagAlias(
                    name=name, slug=slugs.allocate(name), key=name_key(name), tag=tag
                )
            )
    aliases = TagAlias.objects.bulk_create(rows)
    by_tag = {}
    for alias in sorted(aliases, key=lambda alias: alias.name):
        by_tag.setdefault(alias.tag_id, []).append(alias.name)
    return by_tag


def _make_interviewees(rng, count):
    rows = []
    for name in _unique_names(rng, count):
        place = prose.pick(rng, prose.PLACES)
        if rng.random() < 0.05:
            rows.append(
                Interviewee(
                    name=name,
                    is_anonymous=True,
                    public_description=rng.choice(
                        (
                            f"a resident of {place}",
                            f"a teacher in {place} who asked not to be named",
                            f"a commander in {place}",
                            f"a doctor in {place}",
                        )
                    ),
                )
            )
            continue
        organisation = rng.choice(
            (
                f"{place} {prose.pick(rng, prose.BODIES)}",
                prose.pick(rng, prose.GROUPS),
                "",
            )
        )
        rows.append(
            Interviewee(
                name=name, title=prose.pick(rng, prose.ROLES), organisation=organisation
            )
        )
    return Interviewee.objects.bulk_create(rows)


def _make_pairs(rng, total):
    topics = sorted(prose.TOPICS)
    per_topic = max(SEGMENTS, total // len(topics))
    pairs = {}
    for topic in topics:
        pairs[topic] = []
        for _ in range(per_topic):
            place = prose.pick(rng, prose.PLACES)
            pairs[topic].append(
                (
                    Text(prose.question(rng, topic, place)),
                    Text(prose.answer(rng, topic, place)),
                )
            )
    return pairs


def pool_rng(seed, pool):
    """The random choices of one pool (contributors, tags, interviewees), seeded
    with the seed and the pool's name but not the archive's size: archives of any
    size made with one seed share their series, tags and (from 1,764 articles, where
    their number stops growing) contributors: the same names and slugs."""
    return random.Random(f"{seed}:{pool}")


def make_pools(rng, articles, seed=DEFAULT_SEED):
    series = _make_series()
    contributors = _make_contributors(
        pool_rng(seed, "contributors"),
        min(MAX_CONTRIBUTORS, max(6, 6 + articles // 6)),
    )
    split = math.ceil(len(contributors) * 0.6)
    tags = _make_tags(pool_rng(seed, "tags"), 10 + articles // 4)
    interviewees = _make_interviewees(
        pool_rng(seed, "interviewees"), max(8, articles // 3)
    )
    return Pools(
        series=series,
        contributors=contributors,
        interviewers=Zipf(contributors[:split], s=0.8),
        translators=Zipf(contributors[split:], s=0.8),
        tags=tags,
        tag_by_name={tag.name: tag for tag in tags},
        popular_tags=Zipf(tags),
        aliases_by_tag=_make_aliases(tags),
        interviewees=interviewees,
        frequent_interviewees=Zipf(interviewees[:100]),
        pairs=_make_pairs(rng, min(MAX_PAIRS, articles * PAIRS_PER_ARTICLE)),
    )


def _status(rng, reference, published_at):
    """(status, published_at) for one article: mostly published in the past."""
    roll = rng.randrange(1000)
    if roll < DRAFTS:
        return Article.Status.DRAFT, None
    if roll < DRAFTS + IN_REVIEW:
        return Article.Status.IN_REVIEW, None
    if roll < DRAFTS + IN_REVIEW + SCHEDULED:
        later = timedelta(days=rng.randrange(1, 30), hours=rng.randrange(24))
        return Article.Status.PUBLISHED, reference + later
    return Article.Status.PUBLISHED, published_at


def _anchors(rng):
    """Segment anchors like ``interviews.models.new_anchor``'s, from ``rng``."""
    anchors = []
    while len(anchors) < SEGMENTS:
        anchor = "q-" + "".join(rng.choices(ANCHOR_ALPHABET, k=6))
        if anchor not in anchors:
            anchors.append(anchor)
    return anchors


class Draft:
    """One article and its parts before insertion."""

    def __init__(self, article, *, texts, bylines, tags, links, segments, correction):
        self.article, self.texts = article, texts
        self.bylines, self.tags, self.links = bylines, tags, links
        self.segments, self.correction = segments, correction


def build_article(rng, pools, slugs, *, published_at, reference):
    topic = prose.pick(rng, sorted(prose.TOPICS))
    place = prose.pick(rng, prose.PLACES)
    interviewer = pools.interviewers.pick(rng)
    translator = pools.translators.pick(rng)
    count = 2 if rng.random() < 0.15 else 1
    people = []
    while len(people) < count:
        person = (
            pools.frequent_interviewees.pick(rng)
            if rng.random() < 0.25
            else prose.pick(rng, pools.interviewees)
        )
        if person not in people:
            people.append(person)
    main = people[0]
    headline = prose.headline(rng, topic, place, main.public_name)[:250]
    dek = prose.dek(rng, topic, place, main.public_name, main.description)
    intro = prose.intro(
        rng, topic, place, main.public_name, main.description, interviewer.name
    )
    status, published_at = _status(rng, reference, published_at)
    series = (
        pools.series[rng.randrange(len(pools.series))] if rng.random() < 0.92 else None
    )
    article = Article(
        headline=headline,
        slug=slugs.allocate(headline),
        series=series,
        dek=dek,
        intro=intro,
        intro_html=richtext.render(intro),
        status=status,
        published_at=published_at,
        language=Article.Language.ENGLISH,
    )
    own = pools.pairs[topic]
    others = pools.pairs[prose.pick(rng, sorted(prose.TOPICS))]
    pairs = rng.sample(own, 9) + rng.sample(others, SEGMENTS - 9)
    anchors = _anchors(rng)
    segments = []
    for position, ((q, a), anchor) in enumerate(zip(pairs, anchors, strict=True), 1):
        speaker = people[1] if len(people) > 1 and rng.random() < 0.3 else None
        segments.append(
            (
                Segment(
                    position=position,
                    anchor=anchor,
                    question=q.text,
                    question_html=q.html,
                    answer=a.text,
                    answer_html=a.html,
                    answer_speaker=speaker,
                ),
                q,
                a,
            )
        )
    topic_tag = pools.tag_by_name.get(topic) if rng.random() < 0.6 else None
    tags = pools.popular_tags.distinct(rng, TAGS_PER_ARTICLE, first=[topic_tag])
    correction = None
    if published_at and published_at <= reference and rng.random() < CORRECTED:
        at = min(reference, published_at + timedelta(days=rng.randrange(1, 20)))
        correction = Correction(
            kind=rng.choice(list(Correction.Kind)),
            text=f"An earlier version of this interview misspelled {place}.",
            created_at=at,
        )
        article.modified_at = at
    texts = [Text(headline, html=False), Text(dek, html=False), Text(intro, html=False)]
    return Draft(
        article,
        texts=texts,
        bylines=[
            (interviewer, Byline.Role.INTERVIEWER),
            (translator, Byline.Role.TRANSLATOR),
        ],
        tags=tags,
        links=people,
        segments=segments,
        correction=correction,
    )


def reading_minutes(draft):
    total = sum(text.word_count for text in draft.texts)
    total += sum(q.word_count + a.word_count for _, q, a in draft.segments)
    return max(1, math.ceil(total / WORDS_PER_MINUTE))


def search_document(draft, pools):
    """What ``search.update_search_document`` stores, from ``search.document_pieces``'
    list of pieces: (weight, text, anchor, folded words)."""
    article = draft.article
    headline, dek, intro = draft.texts
    plain_intro = search.plain(article.intro)
    plain_folded = intro.folded if plain_intro == intro.text else fold(plain_intro)
    pieces = [
        ("A", headline.text, "", headline.folded),
        ("B", dek.text, "", dek.folded),
    ]
    for tag in draft.tags:
        pieces.append(("B", tag.name, "", fold(tag.name)))
    for tag in draft.tags:
        for name in pools.aliases_by_tag.get(tag.pk, ()):
            pieces.append(("B", name, "", fold(name)))
    for contributor, _role in draft.bylines:
        pieces.append(("B", contributor.name, "", fold(contributor.name)))
    if article.series is not None:
        pieces.append(("B", article.series.name, "", fold(article.series.name)))
    pieces.append(("C", plain_intro, "", plain_folded))
    for person in draft.links:
        pieces.append(("B", person.public_name, "", fold(person.public_name)))
        if person.description:
            pieces.append(("B", person.organisation, "", fold(person.organisation)))
    for segment, q, a in draft.segments:
        pieces.append(("D", q.text, segment.anchor, q.folded))
        pieces.append(("D", a.text, segment.anchor, a.folded))
    pieces = [piece for piece in pieces if piece[1] and piece[1].strip()]
    by_weight = {weight: [] for weight in "ABCD"}
    for weight, _text, _anchor, folded_words in pieces:
        by_weight[weight].append(folded_words)
    return SearchDocument(
        article=article,
        published_at=search.listed_time(article),
        text_a=folded(by_weight["A"]),
        text_b=folded(by_weight["B"]),
        text_c=folded(by_weight["C"]),
        text_d=folded(by_weight["D"]),
        pieces=[
            {"weight": weight, "text": text, "anchor": anchor}
            for weight, text, anchor, _ in pieces
        ],
    )


def store(model, rows):
    """Insert ``rows`` (unsaved instances) with the values ``bulk_create`` would
    send (each field's ``pre_save`` and ``get_db_prep_save``), without reading back
    their primary keys: on PostgreSQL through COPY, elsewhere with one
    ``executemany``. For the tables of an article's parts this takes less than half
    the time ``bulk_create`` takes, in this process and in the database (12,000
    questions and answers on PostgreSQL: 0.85 s instead of 1.97 s)."""
    fields = [
        field
        for field in model._meta.concrete_fields
        if not (field.primary_key and field.get_internal_type() == "BigAutoField")
    ]
    columns = ", ".join(connection.ops.quote_name(field.column) for field in fields)
    table = connection.ops.quote_name(model._meta.db_table)
    values = [_database_value(field) for field in fields]
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # The driver's own cursor: COPY is psycopg's, not part of the DB-API.
            with cursor.cursor.copy(f"COPY {table} ({columns}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row([value(row) for value in values])
        elif rows:
            placeholders = ", ".join(["%s"] * len(fields))
            cursor.executemany(
                f"INSERT INTO {table} ({columns}) VALUES ({placeholders})",
                [[value(row) for value in values] for row in rows],
            )


# Fields whose value reaches the database as the instance holds it (their
# get_db_prep_save returns it unchanged): read directly, it is a third of the time.
PLAIN_FIELDS = {
    "BooleanField",
    "CharField",
    "ForeignKey",
    "OneToOneField",
    "PositiveSmallIntegerField",
    "SlugField",
    "TextField",
}


def _database_value(field):
    """A function ``instance -> the value bulk_create would send`` for ``field``."""
    if field.get_internal_type() in PLAIN_FIELDS:
        return operator.attrgetter(field.attname)
    return lambda row: field.get_db_prep_save(field.pre_save(row, True), connection)


def insert(drafts, pools):
    """Insert a batch of articles with all their parts, in one transaction."""
    articles = [draft.article for draft in drafts]
    for draft in drafts:
        draft.article.reading_minutes = reading_minutes(draft)
    if connection.vendor == "sqlite":
        # This connection's page cache (SQLite's default is 2 MB): the indexes of a
        # large archive stay in memory while it loads. Nothing else changes.
        with connection.cursor() as cursor:
            cursor.execute(f"PRAGMA cache_size = -{SQLITE_CACHE_KB}")
    with transaction.atomic():
        Article.objects.bulk_create(articles, batch_size=500)
        bylines, tagged, links, segments, corrections, documents = (
            [],
            [],
            [],
            [],
            [],
            [],
        )
        for draft in drafts:
            article = draft.article
            for position, (contributor, role) in enumerate(draft.bylines, 1):
                bylines.append(
                    Byline(
                        article=article,
                        contributor=contributor,
                        role=role,
                        position=position,
                        # newsroom.content.listing: an interviewer is never the
                        # translator, so each byline lists the article.
                        listed_at=article.published_at,
                    )
                )
            tagged += [
                TaggedArticle(
                    content_object=article, tag=tag, listed_at=article.published_at
                )
                for tag in draft.tags
            ]
            links += [
                ArticleInterviewee(
                    article=article, interviewee=person, position=position
                )
                for position, person in enumerate(draft.links, 1)
            ]
            for segment, _q, _a in draft.segments:
                segment.article = article
                segments.append(segment)
            if draft.correction is not None:
                draft.correction.article = article
                corrections.append(draft.correction)
            documents.append(search_document(draft, pools))
        store(Byline, bylines)
        store(TaggedArticle, tagged)
        store(ArticleInterviewee, links)
        store(Segment, segments)
        store(Correction, corrections)
        store(SearchDocument, documents)
        ids = (articles[0].pk, articles[-1].pk)
        # auto_now(_add) stamped the insertion time: a published article was
        # written, and last saved, when it was published.
        Article.objects.filter(
            pk__range=ids, published_at__isnull=False, published_at__lte=F("created_at")
        ).update(
            created_at=F("published_at") - timedelta(hours=3),
            updated_at=F("published_at"),
        )
    return ids


def fill_vectors(ids):
    """Fill the PostgreSQL ``vector`` of the search documents of articles ``ids`` (a
    range), from their text columns: the expression ``update_search_document`` uses."""
    first, last = ids
    SearchDocument.objects.filter(pk__gte=first, pk__lte=last).update(
        vector=search.vector_expression()
    )


class Loader:
    """Inserts the batches (and on PostgreSQL fills their vectors) in two threads of
    their own, each with its own connection, while the caller builds the next batch:
    Python builds, the database stores and computes the vectors, at the same time.

    Inside a transaction (a test) other connections would not see the rows, so
    everything then runs in the caller's thread."""

    def __init__(self, pools):
        self.pools = pools
        self.vectors = connection.vendor == "postgresql"
        self.threaded = not connection.in_atomic_block
        self.inserting, self.filling = [], []
        if self.threaded:
            self.inserter = ThreadPoolExecutor(max_workers=1)
            self.filler = ThreadPoolExecutor(max_workers=1)

    def add(self, drafts):
        if not self.threaded:
            return self._insert(drafts)
        self.inserting.append(self.inserter.submit(self._insert, drafts))
        while len(self.inserting) > 1:  # at most one batch waiting
            self.inserting.pop(0).result()

    def _insert(self, drafts):
        ids = insert(drafts, self.pools)
        if not self.vectors:
            return
        if not self.threaded:
            return fill_vectors(ids)
        self.filling.append(self.filler.submit(fill_vectors, ids))
        while len(self.filling) > 2:
            self.filling.pop(0).result()

    def finish(self):
        if not self.threaded:
            return
        for future in self.inserting:
            future.result()
        for future in self.filling:
            future.result()
        for executor in (self.inserter, self.filler):
            executor.submit(connections.close_all).result()
            executor.shutdown()


def flush():
    """Empty the content tables (articles, people, tags, search, revisions) and
    restart their ids; users, groups and sessions stay."""
    models = [
        model
        for label in APPS
        for model in apps.get_app_config(label).get_models(include_auto_created=True)
        if model._meta.managed and not model._meta.proxy
    ]
    tables = [model._meta.db_table for model in models]
    sql = connection.ops.sql_flush(no_style(), tables, reset_sequences=True)
    deferred = connection.vendor == "postgresql" and connection.in_atomic_block
    if deferred:  # PostgreSQL truncates no table with foreign key checks pending
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
    connection.ops.execute_sql_flush(sql)
    if deferred:
        with connection.cursor() as cursor:
            cursor.execute("SET CONSTRAINTS ALL DEFERRED")


def content_count():
    return sum(model.objects.count() for model in (Article, Series, Contributor, Tag))


def generate(
    *,
    articles=DEFAULT_ARTICLES,
    seed=DEFAULT_SEED,
    reference=None,
    replace=False,
    log=None,
):
    """Fill the database with ``articles`` interviews; returns the row counts.
    Refuses a database with content unless ``replace`` (then empties it first).
    ``log`` is called with a line of progress now and then."""
    log = log or (lambda line: None)
    if content_count():
        if not replace:
            raise NotEmpty(
                f"The database already holds {Article.objects.count()} articles."
            )
        flush()
    reference = reference or timezone.now().replace(
        hour=0, minute=0, second=0, microsecond=0
    )
    rng = random.Random(f"{seed}:{articles}")
    started = time.monotonic()
    pools = make_pools(rng, articles, seed)
    pairs = sum(len(pairs) for pairs in pools.pairs.values())
    log(
        f"pools: {len(pools.contributors)} contributors, {len(pools.tags)} tags, "
        f"{len(pools.interviewees)} interviewees, {pairs:,} questions with answers "
        f"({time.monotonic() - started:.1f} s)"
    )
    span = timedelta(days=365 * YEARS).total_seconds()
    start = reference - timedelta(seconds=span)
    # Publish times spread over ten years, oldest first (ids grow with time).
    times = sorted(
        start + timedelta(seconds=rng.random() * (span - 3600)) for _ in range(articles)
    )
    slugs = Slugs(fallback="article", max_length=250)
    started = time.monotonic()
    loader = Loader(pools)
    for offset in range(0, articles, BATCH):
        loader.add(
            [
                build_article(rng, pools, slugs, published_at=at, reference=reference)
                for at in times[offset : offset + BATCH]
            ]
        )
        if (offset + BATCH) % 10_000 == 0:
            log(f"{offset + BATCH:>9,} articles ({time.monotonic() - started:.1f} s)")
    loader.finish()
    log(f"{articles:,} articles inserted ({time.monotonic() - started:.1f} s)")
    if connection.vendor == "postgresql" and not connection.in_atomic_block:
        # What autovacuum would do after a load this size: planner statistics and
        # the visibility map (index-only scans).
        started = time.monotonic()
        with connection.cursor() as cursor:
            for model in (
                Article,
                Byline,
                TaggedArticle,
                SearchDocument,
                Segment,
                ArticleInterviewee,
            ):
                cursor.execute(f"VACUUM ANALYZE {model._meta.db_table}")
        log(f"vacuum analyze ({time.monotonic() - started:.1f} s)")
    return counts()


def counts():
    by_status = {
        "published (past)": Article.objects.published().count(),
        "scheduled": Article.objects.scheduled().count(),
        "in review": Article.objects.filter(status=Article.Status.IN_REVIEW).count(),
        "drafts": Article.objects.filter(status=Article.Status.DRAFT).count(),
    }
    return {
        "articles": Article.objects.count(),
        **by_status,
        "series": Series.objects.count(),
        "contributors": Contributor.objects.count(),
        "bylines": Byline.objects.count(),
        "tags": Tag.objects.count(),
        "tag aliases": TagAlias.objects.count(),
        "tagged items": TaggedArticle.objects.count(),
        "interviewees": Interviewee.objects.count(),
        "interviewee links": ArticleInterviewee.objects.count(),
        "segments": Segment.objects.count(),
        "corrections": Correction.objects.count(),
        "search documents": SearchDocument.objects.count(),
    }


def parse_reference(value):
    """A ``YYYY-MM-DD`` date as the midnight (UTC) the archive is dated from."""
    return datetime.fromisoformat(value).replace(tzinfo=UTC)
