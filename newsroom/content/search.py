"""Search over published articles: the document of an article, the query, ranking,
and the passage shown with each result.

An article's document is a list of pieces ``(weight, text, anchor)``: the headline
(A), the dek (B), the intro (C), and what each of its parts adds (newsroom.content.
parts: tags with their aliases, the contributors' and the series' names as B;
interviews adds interviewees' names as B, questions and answers as D, with the
segment's anchor). Pieces are stored folded (``transliteration.words``) in
``SearchDocument`` by ``update_search_document``, which the write path
(newsroom.desk.changes) calls once per changed article.

On PostgreSQL the query runs against a weighted ``tsvector`` with a GIN index and the
newest ``RANKED_MATCHES`` matches are ranked by ``ts_rank`` (ranking reads a whole
vector, too slow for every match of a common word in a large archive); elsewhere
(SQLite in development) the folded words are matched with ``LIKE`` and ranked here
by the same weights. Both take the query through the
same parser, which folds it like the documents and expands declared tag aliases, so
"Ahrar al-Sham", "Ahrar a-Sham" and an alias "Ahrar ash-Sham" find each other.
"""

import re
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import NamedTuple

from django.contrib.postgres.search import SearchQuery, SearchVector
from django.db import DatabaseError, connection, transaction
from django.db.models import Exists, OuterRef, Q
from django.utils import timezone
from django.utils.html import escape
from django.utils.safestring import mark_safe

from newsroom.content.parts import PARTS, SearchPiece
from newsroom.content.transliteration import folded_text, name_key, words
from newsroom.infra.background import background
from newsroom.models import Article, SearchDocument, TagAlias

MAX_QUERY_LENGTH = 200
MAX_CLAUSES = 12
MAX_RESULTS = 500
# PostgreSQL ranks the newest matches, this many, best first.
RANKED_MATCHES = 1000
# The PostgreSQL text search configuration: English stemming ("wells" finds "well")
# over words already folded by transliteration.words.
CONFIG = "english"
# PostgreSQL's default ts_rank weights, reused by the fallback ranking.
WEIGHTS = {"A": 1.0, "B": 0.4, "C": 0.2, "D": 0.1}
EXCERPT_WORDS = 36
# What a results page does not read of a search document.
DOCUMENT_INTERNALS = ("text_a", "text_b", "text_c", "text_d", "vector", "updated_at")

_TOKEN = re.compile(r'"([^"]*)"?|([^\s"]+)')
# A word of running text, with its Arabic harakat (combining marks, which \w
# does not match): "أحرارٌ" is one word to highlight, not two pieces.
_LETTERS = r"[\w\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed]+"
_WORD_IN_TEXT = re.compile(rf"{_LETTERS}(?:['’ʿʾ-]{_LETTERS})*")
_MARKUP = re.compile(r"\*\*|(?<!\w)[*_](?=\S)|(?<=\S)[*_](?!\w)")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\((?:https?://|mailto:)[^\s()]+\)")


def plain(text):
    """Editors' markup without its syntax: what a reader sees as text."""
    return _MARKUP.sub("", _LINK.sub(r"\1", text or ""))


def document_pieces(article):
    """Everything search knows about ``article``, as SearchPieces."""
    pieces = [
        SearchPiece("A", article.headline),
        SearchPiece("B", article.dek),
        SearchPiece("C", plain(article.intro)),
    ]
    for part in PARTS.with_("search"):
        pieces += [SearchPiece(*piece) for piece in part.search(article)]
    return [piece for piece in pieces if piece.text and piece.text.strip()]


def listed_time(article):
    """The ``published_at`` of ``article``'s search document: its publish time
    while its status is published (scheduled ones too: readers' search compares it
    with the time of the query, as ``Article.objects.published()`` does)."""
    if article.status != Article.Status.PUBLISHED:
        return None
    return article.published_at


def update_search_document(article):
    """Rebuild the search document of ``article`` from its text and parts. The
    write path calls it once for every article a transaction changed."""
    pieces = document_pieces(article)
    by_weight = {weight: [] for weight in "ABCD"}
    for piece in pieces:
        by_weight[piece.weight].append(piece.text)
    SearchDocument.objects.update_or_create(
        article=article,
        defaults={
            "text_a": folded(by_weight["A"]),
            "text_b": folded(by_weight["B"]),
            "text_c": folded(by_weight["C"]),
            "text_d": folded(by_weight["D"]),
            "pieces": [piece._asdict() for piece in pieces],
            "published_at": listed_time(article),
        },
    )
    if connection.vendor == "postgresql":
        SearchDocument.objects.filter(pk=article.pk).update(vector=vector_expression())


def update_search_documents(articles):
    """Rebuild the search documents of a queryset of articles, a few hundred rows
    at a time; returns how many. For the index command and the task worker."""
    count = 0
    for article in articles.select_related("series").iterator(chunk_size=500):
        update_search_document(article)
        count += 1
    return count


# How many articles one search task rebuilds: a whole archive is many small tasks,
# each retried on its own.
SEARCH_CHUNK = 500


@background(retry_on=(DatabaseError,))
def rebuild_search_documents(article_ids):
    """Rebuild the search documents of the articles ``article_ids`` (those deleted
    since are skipped) from their current state."""
    return update_search_documents(Article.objects.filter(pk__in=article_ids))


def queue_search_rebuild(article_ids):
    """Queue the rebuild of ``article_ids`` in tasks of ``SEARCH_CHUNK`` articles;
    returns the number of tasks."""
    ids = sorted(set(article_ids))
    chunks = [ids[i : i + SEARCH_CHUNK] for i in range(0, len(ids), SEARCH_CHUNK)]
    for chunk in chunks:
        rebuild_search_documents.enqueue(chunk)
    return len(chunks)


def folded(texts):
    """Folded words with a space on each side, so that ``LIKE '% word%'`` matches
    at the start of a word."""
    return " " + " ".join(w for text in texts for w in words(text)) + " "


def vector_expression():
    return (
        SearchVector("text_a", weight="A", config=CONFIG)
        + SearchVector("text_b", weight="B", config=CONFIG)
        + SearchVector("text_c", weight="C", config=CONFIG)
        + SearchVector("text_d", weight="D", config=CONFIG)
    )


@dataclass
class Query:
    """A parsed query: every clause must match; a clause matches when any of its
    phrases does (a phrase is a tuple of folded words)."""

    text: str
    clauses: list = field(default_factory=list)
    was_shortened: bool = False

    def __bool__(self):
        return bool(self.clauses)

    @property
    def terms(self):
        """Every folded word a match may show, for highlighting."""
        return {w for clause in self.clauses for phrase in clause for w in phrase}


def alias_groups():
    """Sets of phrases that name one tag: the tag's name and its aliases."""
    groups = {}
    for alias in TagAlias.objects.select_related("tag"):
        group = groups.setdefault(alias.tag_id, {tuple(words(alias.tag.name))})
        group.add(tuple(words(alias.name)))
    return [{p for p in group if p} for group in groups.values()]


def parse_query(text, groups=None):
    """Fold the reader's query like the documents and expand tag aliases. Never
    raises: anything that is not a word is ignored."""
    text = " ".join((text or "").split())
    query = Query(
        text=text[:MAX_QUERY_LENGTH], was_shortened=len(text) > MAX_QUERY_LENGTH
    )
    groups = alias_groups() if groups is None else groups
    sequence = []  # loose words in a row, where a multi-word alias may start
    for quoted, loose in [*_TOKEN.findall(query.text), ('"', "")]:
        if loose:
            sequence += words(loose)
            continue
        while sequence:
            clause, used = _expand_start(sequence, groups)
            query.clauses.append(clause)
            sequence = sequence[used:]
        phrase = tuple(words(quoted))
        if phrase:
            query.clauses.append(_expand_phrase(phrase, groups))
    del query.clauses[MAX_CLAUSES:]
    return query


def _expand_phrase(phrase, groups):
    for group in groups:
        if phrase in group:
            return sorted(group)
    return [phrase]


def _expand_start(sequence, groups):
    """The clause for the longest alias phrase starting the word sequence, or for
    its first word alone: (clause, number of words used)."""
    best = None
    for group in groups:
        for phrase in group:
            if tuple(sequence[: len(phrase)]) == phrase and (
                best is None or len(phrase) > len(best[1])
            ):
                best = (group, phrase)
    if best is None:
        return [(sequence[0],)], 1
    return sorted(best[0]), len(best[1])


def ranked_article_ids(query, *, limit=MAX_RESULTS):
    """Ids of the published articles matching ``query``, best first."""
    if not query:
        return []
    if connection.vendor == "postgresql":
        return _postgres_ranking(query, limit)
    documents = SearchDocument.objects.filter(article__in=Article.objects.published())
    return _fallback_ranking(documents, query, limit)


class Ranking:
    """The ids of the published articles matching ``query``, best first, ranked
    only as far as a slice reaches (a page of results, and one more to know
    whether another page follows)."""

    def __init__(self, query):
        self.query = query

    def __getitem__(self, window):
        return ranked_article_ids(self.query, limit=window.stop)[window]


def postgres_query(query, *, prefix=False):
    """The tsquery of a parsed query: every clause, each any of its phrases;
    with ``prefix``, each word also matches the words it begins (the admin's
    search, where a name or a word is often typed in part)."""
    combined = None
    for clause in query.clauses:
        alternatives = None
        for phrase in clause:
            if prefix:
                text = " <-> ".join(_prefix_term(word) for word in phrase)
                one = SearchQuery(text, search_type="raw", config=CONFIG)
            else:
                one = SearchQuery(" ".join(phrase), search_type="phrase", config=CONFIG)
            alternatives = one if alternatives is None else alternatives | one
        combined = alternatives if combined is None else combined & alternatives
    return combined


def _prefix_term(word):
    """A folded word as a prefix term of a raw tsquery: quoted (folded words hold
    no quote, but nothing typed reaches the query's syntax)."""
    return "'" + word.replace("'", "''").replace("\\", "\\\\") + "':*"


# The newest RANKED_MATCHES matches are found one of two ways, chosen by how
# common the query is among the newest SAMPLE documents (the sample itself costs
# SAMPLE reads of a vector): a common query walks the documents from the newest,
# reading each one's vector, and stops at RANKED_MATCHES matches (at most
# WALK_LIMIT documents); a rarer one takes every match from the GIN index and
# sorts them by date, without reading their vectors. Measured at 100,000 articles
# (docs/performance.md), each way is many times slower on the other's queries,
# and PostgreSQL's planner, which takes reading a vector for cheap, often picks
# the walk for a query matching 3–15% of the archive.
SAMPLE = 200
COMMON = 0.2
WALK_LIMIT = 20_000
_NEWEST_MATCHES = """
WITH sample AS MATERIALIZED (
    SELECT count(*) AS hits FROM (
        SELECT vector FROM newsroom_searchdocument
        WHERE published_at <= %(now)s
        ORDER BY published_at DESC, article_id DESC LIMIT %(sample)s
    ) recent WHERE recent.vector @@ {query}
), matches AS MATERIALIZED (
    SELECT article_id, published_at FROM newsroom_searchdocument
    WHERE vector @@ {query} AND published_at <= %(now)s
    AND (SELECT hits FROM sample) < %(common)s
), newest AS (
    (SELECT walked.article_id FROM (
        SELECT article_id, vector FROM newsroom_searchdocument
        WHERE published_at <= %(now)s
        ORDER BY published_at DESC, article_id DESC LIMIT %(walk)s
    ) walked
    WHERE (SELECT hits FROM sample) >= %(common)s AND walked.vector @@ {query}
    LIMIT %(ranked)s)
    UNION ALL
    (SELECT article_id FROM matches
    ORDER BY published_at DESC, article_id DESC LIMIT %(ranked)s)
)
SELECT article_id FROM newsroom_searchdocument
WHERE article_id IN (SELECT article_id FROM newest) AND {published}
ORDER BY ts_rank(vector, {query}) DESC, published_at DESC, article_id DESC
LIMIT %(limit)s
"""


def _postgres_ranking(query, limit):
    """The newest RANKED_MATCHES matches ranked by ``ts_rank``, in one query. Who
    may read an article is Article.objects.published(), applied to what is
    ranked; the documents' own publish times only find and order the matches."""
    tsquery, tsquery_params = _sql(postgres_query(query))
    published, published_params = _sql(
        Exists(Article.objects.published().filter(pk=OuterRef("pk")))
    )
    params = {
        "now": timezone.now(),
        "sample": SAMPLE,
        "common": int(SAMPLE * COMMON),
        "walk": WALK_LIMIT,
        "ranked": RANKED_MATCHES,
        "limit": limit,
    }
    # Django writes positional parameters: number them into named ones.
    for n, value in enumerate(tsquery_params):
        params[f"q{n}"] = value
    for n, value in enumerate(published_params):
        params[f"p{n}"] = value
    query_sql = tsquery % tuple(f"%(q{n})s" for n in range(len(tsquery_params)))
    published_sql = published % tuple(f"%(p{n})s" for n in range(len(published_params)))
    sql = _NEWEST_MATCHES.format(query=query_sql, published=published_sql)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [row[0] for row in cursor.fetchall()]


def _sql(expression):
    """The SQL and parameters of a query expression on the search documents."""
    query = SearchDocument.objects.all().query
    compiler = query.get_compiler(connection=connection)
    return compiler.compile(expression.resolve_expression(query))


@contextmanager
def index_scans():
    """A transaction in which PostgreSQL reads the search documents through their
    indexes rather than one by one (elsewhere, nothing changes). Its planner
    counts matching a document's vector as cheap, but reading each vector from
    TOAST storage is what a scan of the table costs: counting the 97,000 matches
    of a common word at 100,000 articles took 0.7 s that way, against a fraction
    of it from the GIN index, which never reads a vector."""
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL enable_seqscan = off")
        yield


def without_stop_words(query):
    """``query`` without the clauses PostgreSQL's text search drops whole ("the",
    "of": stop words, in no vector), which as a filter of their own would match
    nothing; one query on PostgreSQL, none elsewhere (the words are all there)."""
    if connection.vendor != "postgresql" or not query.clauses:
        return query
    parts = [
        _sql(postgres_query(Query(text=query.text, clauses=[clause]), prefix=True))
        for clause in query.clauses
    ]
    sql = ", ".join(f"numnode({fragment})" for fragment, _params in parts)
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {sql}", [p for _f, params in parts for p in params])
        sizes = cursor.fetchone()
    clauses = [c for c, size in zip(query.clauses, sizes, strict=True) if size]
    return Query(text=query.text, clauses=clauses, was_shortened=query.was_shortened)


def clause_filters(query, path="search_document__"):
    """One Q per clause of ``query`` on the search documents at ``path`` (from
    the articles: ``search_document__``): each word matches the words it begins,
    as in the admin's search, through the GIN index on PostgreSQL."""
    filters = []
    for clause in query.clauses:
        if connection.vendor == "postgresql":
            one = Query(text=query.text, clauses=[clause])
            filters.append(Q(**{f"{path}vector": postgres_query(one, prefix=True)}))
            continue
        match = Q()
        for phrase in clause:
            needle = " " + " ".join(phrase)
            for column in ("text_a", "text_b", "text_c", "text_d"):
                match |= Q(**{f"{path}{column}__contains": needle})
        filters.append(match)
    return filters


def _fallback_ranking(documents, query, limit):
    columns = {"A": "text_a", "B": "text_b", "C": "text_c", "D": "text_d"}
    for clause in query.clauses:
        match = Q()
        for phrase in clause:
            needle = " " + " ".join(phrase)
            for column in columns.values():
                match |= Q(**{f"{column}__contains": needle})
        documents = documents.filter(match)
    rows = documents.values_list(
        "article_id", "article__published_at", *columns.values()
    )
    scored = []
    for article_id, published_at, *texts in rows:
        score = 0.0
        for clause in query.clauses:
            score += max(
                sum(
                    WEIGHTS[weight] * min(text.count(" " + " ".join(phrase)), 3)
                    for weight, text in zip(columns, texts, strict=True)
                )
                for phrase in clause
            )
        scored.append((score, published_at, article_id))
    scored.sort(reverse=True)
    return [article_id for *_, article_id in scored[:limit]]


def _key_matches(key, term):
    """Whether a folded word is a query's folded term, or a longer form of it
    ("well" marks "wells")."""
    return (
        key == term
        or (len(term) >= 3 and key.startswith(term))
        or (len(key) >= 4 and term.startswith(key))
    )


def _any_key_matches(keys, term):
    """``any(_key_matches(key, term) for key in keys)``, without a call per key
    (a page of results tests thousands of words)."""
    if term in keys:
        return True
    if len(term) >= 3 and any(key.startswith(term) for key in keys):
        return True
    return any(len(key) >= 4 and term.startswith(key) for key in keys)


def _matches(word, terms):
    """Whether a word of running text is one of the query's folded terms."""
    return any(
        _key_matches(key, term) for key in name_key(word).split() for term in terms
    )


def highlight(text, terms):
    """``text`` escaped, with the words matching ``terms`` in ``<mark>``."""
    out, last = [], 0
    for match in _WORD_IN_TEXT.finditer(text):
        if _matches(match.group(), terms):
            out.append(escape(text[last : match.start()]))
            out.append(f"<mark>{escape(match.group())}</mark>")
            last = match.end()
    out.append(escape(text[last:]))
    return mark_safe("".join(out))  # every part is escaped above


def excerpt(text, terms, *, size=EXCERPT_WORDS):
    """A window of ``text`` around its first match, highlighted."""
    spans = list(_WORD_IN_TEXT.finditer(text))
    if not spans:
        return highlight(text, terms)
    first = next((i for i, m in enumerate(spans) if _matches(m.group(), terms)), 0)
    start = max(0, min(first - size // 3, len(spans) - size))
    end = min(len(spans), start + size)
    # Cut between words, except at the ends of the text (keep its punctuation).
    cut_start = spans[start].start() if start > 0 else 0
    cut_end = spans[end - 1].end() if end < len(spans) else len(text)
    window = text[cut_start:cut_end].strip()
    before = "… " if start > 0 else ""
    after = " …" if end < len(spans) else ""
    return mark_safe(f"{before}{highlight(window, terms)}{after}")


class SearchResult(NamedTuple):
    article: Article
    headline: str
    passage: str
    url: str


def best_passage(pieces, terms):
    """The stored piece that shows the match best: the most query words, then a
    question or answer (it has its own link), then the intro before tags and names.
    """
    best, best_key = None, None
    order = {"D": 3, "C": 2, "B": 1}
    # A word matching a term (``_key_matches``) holds the term's first four
    # letters (or the whole of a shorter term): pieces without any are skipped
    # before their words are folded.
    needles = {term[:4] for term in terms}
    for piece in pieces:
        if piece["weight"] == "A":
            continue
        text = folded_text(piece["text"])
        if not any(needle in text for needle in needles):
            continue
        # The piece's words, folded in one go (folding word by word is what made a
        # page of results slow).
        keys = set(words(piece["text"]))
        found = {term for term in terms if _any_key_matches(keys, term)}
        if not found:
            continue
        key = (len(found), bool(piece.get("anchor")), order.get(piece["weight"], 0))
        if best_key is None or key > best_key:
            best, best_key = piece, key
    return best


def results(article_ids, query):
    """SearchResults for ``article_ids`` (one page), in that order, in a fixed
    number of queries."""
    articles = (
        Article.objects.published()
        .filter(pk__in=article_ids)
        .for_list()
        .select_related("search_document")
        # Only the passages are shown: not the vector or the folded words.
        .defer(*(f"search_document__{name}" for name in DOCUMENT_INTERNALS))
    )
    by_id = {article.pk: article for article in articles}
    terms = query.terms
    found = []
    for article_id in article_ids:
        article = by_id.get(article_id)
        if article is None:
            continue
        pieces = getattr(article, "search_document", None)
        piece = best_passage(pieces.pieces if pieces else [], terms)
        url = article.get_absolute_url()
        if piece is None:
            passage = highlight(article.dek, terms) if article.dek else ""
        else:
            passage = excerpt(piece["text"], terms)
            if piece.get("anchor"):
                url = f"{url}#{piece['anchor']}"
        found.append(
            SearchResult(article, highlight(article.headline, terms), passage, url)
        )
    return found
