"""What an article is made of, declared once.

An article is its own row plus *parts*: rows of other tables that belong to it
(bylines, tags, corrections; interviewees and segments, which the interviews app
registers) and things stored on its row that have a life of their own (its
series). Each part is declared once, as an ``ArticlePart``, with everything it
contributes; the rest of newsroom reads the registry and never names a part:

- the write path (``newsroom.desk.changes``) watches saves and deletes of each
  part's ``model`` and refreshes what follows a change of the article;
- pages load ``page_prefetch`` and ``page_rows`` (an article page) and
  ``list_prefetch`` (teasers);
- reading time counts ``text``; search indexes ``search`` (SearchPieces);
- related articles score each part's ``related`` reason;
- revisions keep, restore and show each part through ``snapshot``, ``restore``
  and ``lines``;
- the page cache and the edge cache key pages by the ``subjects`` a part shows
  (a contributor, a tag, an interviewee), whose own changes refresh those pages;
- the staff gate (``newsroom.desk.gate``) asks each part's ``withheld`` which
  identities a user may not see (the real names of anonymous interviewees).

newsroom declares its own parts in ``newsroom.content.article_parts``; interviews
declares its parts in ``interviews.parts``. Both register in their AppConfig's
``ready()``. This module imports no model, so that models can read it.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class SearchPiece(NamedTuple):
    """One passage of an article's search document: weight "A" (headline) to "D"
    (the interview), the text as readers see it, and the anchor of the segment it
    belongs to (empty for the article as a whole)."""

    weight: str
    text: str
    anchor: str = ""


class Withheld(NamedTuple):
    """An identity one user may not see: a person shown to them as ``label``,
    whose real name is written in any of ``spellings`` (the name, and the name
    with title and organisation as the admin once printed it). ``key`` names the
    person, e.g. ("interviews.interviewee", 12)."""

    key: tuple[str, int]
    label: str
    spellings: tuple[str, ...]


class Companion(NamedTuple):
    """Rows of another table that belong to a subject (a tag's aliases):
    writing one is a change of the subject's ``field``."""

    model: type
    subject_of: Callable
    field: str


@dataclass(frozen=True)
class Subject:
    """Something with a life of its own that article pages show (a series, a
    contributor, a tag, an interviewee).

    ``on_page(article)`` reads its ids off an article loaded for its page, with no
    query; ``of_articles(queryset)`` gives the ids shown by a queryset of
    articles; ``articles(pk)`` the articles showing the subject ``pk``. The first
    two must agree: a test checks that every key a page depends on is moved when
    its article changes.
    """

    model: type
    on_page: Callable
    of_articles: Callable
    articles: Callable
    # Sharing it makes two articles related (their pages list each other).
    relates: bool = False
    # The fields that teasers and feed entries show: changing one changes the
    # lists of the subject's articles, not only the pages showing the subject.
    teaser_fields: frozenset = field(default_factory=frozenset)
    # The fields that articles' search documents hold (the contributor's name,
    # the tag's name): changing one rebuilds its articles' documents.
    searched_fields: frozenset = field(default_factory=frozenset)
    companions: tuple[Companion, ...] = ()
    # (pk, changed field names or None for "any") -> None: what else follows a
    # change of the subject, once, with the rest of the write path.
    on_change: Callable | None = None


@dataclass(frozen=True)
class ArticlePart:
    """One part of an article and everything it contributes (see the module's
    docstring). Every contribution is optional."""

    name: str
    label: str
    # The rows of the part, with a foreign key ``article_field`` to the article;
    # None for a part stored on the article's own row (its series).
    model: type | None = None
    article_field: str = "article"
    page_prefetch: tuple = ()
    list_prefetch: tuple = ()
    # Callables making ``json_rows.RelatedRows``: relations an article page reads
    # inside the article's own query (its tags, its corrections).
    page_rows: tuple = ()
    # article -> plain-text strings counted for the reading time.
    text: Callable[[Any], Iterable[str]] | None = None
    # article -> SearchPieces (reads the database).
    search: Callable[[Any], Iterable[SearchPiece]] | None = None
    # article (loaded for its page) -> a Q over Article, or None; no query.
    related: Callable[[Any], Any] | None = None
    related_points: int = 1
    # Revisions: article -> JSON-ready data; (article, data) -> None, making the
    # part exactly ``data`` again; (data, redaction) -> text lines for the diff.
    snapshot: Callable | None = None
    restore: Callable | None = None
    lines: Callable | None = None
    subjects: tuple[Subject, ...] = ()
    # (user, article_pks, snapshots) -> Withheld identities (see desk.gate).
    withheld: Callable | None = None


class Registry:
    """The article's parts, in the order they were registered (the order of
    their sections in revisions and diffs)."""

    def __init__(self):
        self._parts = {}
        self._watchers = []

    def register(self, *parts):
        for part in parts:
            if part.name in self._parts:
                raise ValueError(f"An article part named {part.name!r} exists.")
            self._parts[part.name] = part
            for watcher in self._watchers:
                watcher(part)

    def on_register(self, watcher):
        """Call ``watcher(part)`` for every part, registered now or later (the
        write path starts watching each part's rows this way)."""
        self._watchers.append(watcher)
        for part in self._parts.values():
            watcher(part)

    def __iter__(self):
        return iter(self._parts.values())

    def with_(self, attribute):
        """The parts that contribute ``attribute``."""
        return [part for part in self if getattr(part, attribute)]

    def page_prefetches(self):
        return [prefetch for part in self for prefetch in part.page_prefetch]

    def page_rows(self):
        return [rows for part in self for rows in part.page_rows]

    def list_prefetches(self):
        return [prefetch for part in self for prefetch in part.list_prefetch]

    def subjects(self):
        return [subject for part in self for subject in part.subjects]

    def subject_models(self):
        return {subject.model for subject in self.subjects()}

    def part_models(self):
        """{model: article field} for every part stored in a table of its own."""
        return {part.model: part.article_field for part in self if part.model}


PARTS = Registry()
