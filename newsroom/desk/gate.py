"""The one gate between members of staff and what articles contain.

Every staff-facing surface that shows an article's content — the change form, its
history, the export, the revisions and their diffs, "see what changed", the
preview of an unpublished page, autocomplete, the admin's search, "My
translations", any API — gets the article through ``Desk``, which applies:

(a) who may see which article: ``ArticleQuerySet.on_desk_for`` (editors every
    article; reporters their own drafts and anything past draft; translators the
    articles in review or published that credit them), and who may change it
    (``Article.can_be_changed_by``);
(b) whose identity is withheld from this user: each article part says which
    identities a user may not see (newsroom.content.parts.Withheld — the real
    names of anonymous interviewees, by interviews.anonymity's rule), and the
    ``Redaction`` built from them shows such a person by the label readers see,
    in structured places (``label``) and in free text (``text``, ``data``).

``desk_for(request)`` gives the request's Desk. A new surface that shows an
article to staff takes it from ``desk.article(pk)`` (or ``desk.articles()`` for a
list) and passes what it renders through ``desk.redaction(...)``; the staff canary
sweep (tests/test_staff_canary_sweep.py) requests every admin URL as every role
and fails when content or a withheld name reaches someone who may not see it.
"""

import re

from django.core.exceptions import PermissionDenied
from django.http import Http404

from newsroom.content.parts import PARTS
from newsroom.models import Article, Revision


class Redaction:
    """The identities withheld from one user, and how to show them instead."""

    def __init__(self, withheld=()):
        self.withheld = {person.key: person for person in withheld}
        # Spellings of three letters or more, longest first (so that "Abu Khaled
        # Hamdan (commander, …)" is replaced whole before "Abu Khaled Hamdan").
        self._labels = {}
        for person in self.withheld.values():
            for spelling in person.spellings:
                if len(spelling.strip()) >= 3:
                    self._labels[spelling.strip().casefold()] = person.label
        spellings = sorted(self._labels, key=len, reverse=True)
        self._pattern = (
            re.compile(
                r"(?<!\w)(" + "|".join(re.escape(s) for s in spellings) + r")(?!\w)",
                re.IGNORECASE,
            )
            if spellings
            else None
        )

    def __bool__(self):
        return bool(self.withheld)

    def is_withheld(self, key):
        return key in self.withheld

    def label(self, key, real):
        """What to show for the person ``key`` (model label, pk), really ``real``."""
        person = self.withheld.get(key)
        return person.label if person is not None else real

    def text(self, value):
        """``value`` with every withheld name replaced by its public label."""
        if self._pattern is None or not value:
            return value
        return self._pattern.sub(
            lambda match: self._labels[match.group(1).casefold()], value
        )

    def data(self, value):
        """JSON-ready ``value`` with ``text()`` applied to every string in it."""
        if isinstance(value, str):
            return self.text(value)
        if isinstance(value, list | tuple):
            return [self.data(item) for item in value]
        if isinstance(value, dict):
            return {key: self.data(item) for key, item in value.items()}
        return value


class Desk:
    """What one member of staff may see of the articles, and how."""

    def __init__(self, user):
        self.user = user

    # -- which articles ---------------------------------------------------------

    def articles(self):
        """The articles this user may open (and find) in the admin."""
        return Article.objects.on_desk_for(self.user)

    def article(self, pk, *, for_change=False, queryset=None):
        """The article ``pk`` if this user may see it (else Http404: an article
        one may not see is not said to exist); with ``for_change``, only if they
        may change it (else PermissionDenied)."""
        queryset = self.articles() if queryset is None else queryset
        try:
            article = queryset.get(pk=pk)
        except (Article.DoesNotExist, ValueError, TypeError) as error:
            raise Http404("No such article.") from error
        if for_change and not self.may_change(article):
            raise PermissionDenied
        return article

    def may_change(self, article):
        return article.can_be_changed_by(self.user)

    def pages(self):
        """What this user may open at articles' public addresses: staff preview
        what they may see here; everyone else reads what is published."""
        if self.user.has_perm("newsroom.change_article"):
            return self.articles()
        return Article.objects.published()

    def offered_for_translation(self):
        """The articles a translator may credit themselves on ("My
        translations"): their headlines only, in review or published."""
        if not self.user.has_perm("newsroom.credit_self"):
            return Article.objects.none()
        return Article.objects.exclude(status=Article.Status.DRAFT)

    # -- their history ------------------------------------------------------------

    def revisions(self):
        """Revisions of the articles this user may see, and of deleted articles
        for those who may bring them back."""
        visible = Revision.objects.filter(article__in=self.articles())
        if self.may_restore_deleted():
            visible |= Revision.objects.filter(article=None)
        return visible

    def may_restore_deleted(self):
        return self.user.has_perm("newsroom.add_article") and self.user.has_perm(
            "newsroom.delete_article"
        )

    # -- whose names --------------------------------------------------------------

    def redaction(self, *, articles=(), snapshots=()):
        """The identities withheld from this user among those shown by
        ``articles`` (instances or pks) and revision ``snapshots``."""
        pks = [getattr(article, "pk", article) for article in articles]
        withheld = []
        for part in PARTS.with_("withheld"):
            withheld += part.withheld(self.user, pks, list(snapshots))
        return Redaction(withheld)


def desk_for(request):
    """The Desk of the request's user (made once per request)."""
    desk = getattr(request, "_desk", None)
    if desk is None or desk.user is not request.user:
        desk = request._desk = Desk(request.user)
    return desk
