import secrets
from functools import cached_property

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from newsroom import text_input
from newsroom.content import richtext
from newsroom.models import Article, Byline, Contributor, RecordedQuerySet

ANCHOR_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def new_anchor():
    """A short random id for a segment's link target. It is made once and never
    changes, so a shared link to one answer survives reordering and edits."""
    return "q-" + "".join(secrets.choice(ANCHOR_ALPHABET) for _ in range(6))


class Interviewee(models.Model):
    """The person questioned. Not a contributor: they are not credited with a byline.

    An anonymous interviewee is shown to readers only by their public description
    ("a resident of Daraa"): use ``public_name`` wherever a name reaches a page, a
    feed, a search result or structured data. ``__str__`` is public too, so that
    admin lists, autocomplete results and log entries never carry the real name;
    editors see it in its own field (interviews.anonymity says who may).
    """

    name = models.CharField(
        _("name"),
        max_length=150,
        validators=text_input.LINE,
        help_text=_(
            "The real name. For an anonymous interviewee only editors see it; it "
            "never appears on the site."
        ),
    )
    title = models.CharField(
        _("title"),
        max_length=150,
        blank=True,
        validators=text_input.LINE,
        help_text=_("Their role, e.g. “spokesperson”."),
    )
    organisation = models.CharField(
        _("organisation"), max_length=200, blank=True, validators=text_input.LINE
    )
    is_anonymous = models.BooleanField(
        _("anonymous"),
        default=False,
        help_text=_(
            "Readers see only the public description: never the name, title or "
            "organisation."
        ),
    )
    public_description = models.CharField(
        _("public description"),
        max_length=200,
        blank=True,
        validators=text_input.LINE,
        help_text=_(
            "Who readers are told this is, when anonymous: “a resident of Daraa”, "
            "“a commander who asked not to be named”."
        ),
    )
    articles = models.ManyToManyField(
        Article,
        verbose_name=_("articles"),
        through="ArticleInterviewee",
        related_name="interviewees",
        blank=True,
    )

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["name", "pk"]
        verbose_name = _("interviewee")
        verbose_name_plural = _("interviewees")
        permissions = [
            ("view_real_name", _("Can see the real names of anonymous interviewees"))
        ]
        # The anonymous few, which the admin's article search reads by real name
        # for those who may see them.
        indexes = [
            models.Index(
                fields=["name"],
                condition=Q(is_anonymous=True),
                name="interviewee_anonymous_name",
            )
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_anonymous=False) | ~Q(public_description=""),
                name="anonymous_interviewee_has_description",
                violation_error_message=_(
                    "An anonymous interviewee needs a public description."
                ),
            )
        ]

    def __str__(self):
        if self.is_anonymous:
            return _("%(description)s (anonymous #%(number)s)") % {
                "description": self.public_description,
                "number": self.pk or _("new"),
            }
        return self.real_label

    @property
    def real_label(self):
        """ "Name (title, organisation)": how the admin names someone who is not
        anonymous (and named them before they were made anonymous)."""
        details = ", ".join(part for part in (self.title, self.organisation) if part)
        return f"{self.name} ({details})" if details else self.name

    def clean(self):
        self.public_description = self.public_description.strip()
        if self.is_anonymous and not self.public_description:
            raise ValidationError(
                {
                    "public_description": _(
                        "Say who this is without naming them, e.g. “a resident of "
                        "Daraa”."
                    )
                }
            )

    @property
    def public_name(self):
        """What readers are told: the name, or for an anonymous interviewee the
        public description. The one property to use on every public surface."""
        return self.public_description if self.is_anonymous else self.name

    @property
    def description(self):
        """ "spokesperson, Ahrar al-Sham" — how readers are told who this is (empty
        for an anonymous interviewee: title and organisation stay internal)."""
        if self.is_anonymous:
            return ""
        return ", ".join(part for part in (self.title, self.organisation) if part)


class ArticleInterviewee(models.Model):
    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="interviewee_links",
    )
    interviewee = models.ForeignKey(
        Interviewee,
        verbose_name=_("interviewee"),
        on_delete=models.PROTECT,
        related_name="article_links",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("interviewee")
        verbose_name_plural = _("interviewees")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "interviewee"],
                name="article_interviewee_unique",
                violation_error_message=_(
                    "This interviewee is already on the article."
                ),
            )
        ]

    def __str__(self):
        return str(self.interviewee)


class Segment(models.Model):
    """One exchange of an interview: a question and its answer, in order."""

    article = models.ForeignKey(
        Article,
        verbose_name=_("article"),
        on_delete=models.CASCADE,
        related_name="segments",
    )
    position = models.PositiveSmallIntegerField(_("position"), default=0)
    anchor = models.CharField(max_length=20, default=new_anchor, editable=False)
    question = models.TextField(_("question"), validators=text_input.TEXT)
    question_html = models.TextField(blank=True, editable=False)
    answer = models.TextField(
        _("answer"),
        validators=text_input.TEXT,
        help_text=_(
            "Paragraphs separated by a blank line; numbered lines (1. or 1-) make a "
            "list; [words in brackets] mark the editor's insertions."
        ),
    )
    answer_html = models.TextField(blank=True, editable=False)
    question_speaker = models.ForeignKey(
        Contributor,
        verbose_name=_("asked by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        help_text=_("Empty means the article's interviewer."),
    )
    answer_speaker = models.ForeignKey(
        Interviewee,
        verbose_name=_("answered by"),
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="answers",
        help_text=_("Empty means the article's first interviewee."),
    )

    objects = RecordedQuerySet.as_manager()

    class Meta:
        ordering = ["article", "position", "pk"]
        verbose_name = _("question and answer")
        verbose_name_plural = _("questions and answers")
        constraints = [
            models.UniqueConstraint(
                fields=["article", "anchor"], name="segment_unique_anchor"
            )
        ]

    def __str__(self):
        return _("Question %(number)s: %(start)s") % {
            "number": self.position,
            "start": self.question[:60],
        }

    def save(self, *args, **kwargs):
        self.question_html = richtext.render(self.question)
        self.answer_html = richtext.render(self.answer)
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return f"{self.article.get_absolute_url()}#{self.anchor}"

    @cached_property
    def asker(self):
        """Who asked: the segment's own speaker, else the article's interviewer."""
        if self.question_speaker_id:
            return self.question_speaker
        for role in (Byline.Role.INTERVIEWER, Byline.Role.REPORTER):
            people = self.article.contributors_with_role(role)
            if people:
                return people[0]
        return None

    @cached_property
    def answerer(self):
        """Who answered: the segment's own speaker, else the first interviewee."""
        if self.answer_speaker_id:
            return self.answer_speaker
        links = self.article.interviewee_links.all()
        return links[0].interviewee if links else None
