"""Anonymous interviewees: who may see a real name, and where it must never be.

Readers never see the real name: every public surface uses
``Interviewee.public_name``. In the admin, the real name of an anonymous interviewee
is shown only to editors (the permission ``interviews.view_real_name``; superusers
have it) and to the people credited as interviewer, reporter or editor on one of
the interviewee's articles, who met or edited them anyway. Translators and everyone
else see the public description.
"""

import re

from django.contrib.admin.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.db.models import Case, Exists, OuterRef, Q, Value, When
from django.utils.text import slugify
from django.utils.translation import gettext as _

from newsroom.content.parts import Withheld
from newsroom.models import Byline

from .models import Interviewee

REAL_NAME_PERMISSION = "interviews.view_real_name"
CREDITED_ROLES = [Byline.Role.INTERVIEWER, Byline.Role.REPORTER, Byline.Role.EDITOR]


def sees_all_real_names(user):
    return user.has_perm(REAL_NAME_PERMISSION)


def with_name_visibility(queryset, user):
    """Interviewees annotated with ``name_visible``: may ``user`` see the name?"""
    if sees_all_real_names(user):
        return queryset.annotate(name_visible=Value(True))
    credited = Byline.objects.filter(
        article__interviewee_links__interviewee=OuterRef("pk"),
        contributor__user_id=user.pk,
        role__in=CREDITED_ROLES,
    )
    return queryset.annotate(
        name_visible=Case(
            When(Q(is_anonymous=False) | Exists(credited), then=Value(True)),
            default=Value(False),
        )
    )


def name_visible(user, interviewee):
    if not interviewee.is_anonymous or sees_all_real_names(user):
        return True
    if hasattr(interviewee, "name_visible"):
        return interviewee.name_visible
    return Byline.objects.filter(
        article__interviewee_links__interviewee=interviewee,
        contributor__user_id=user.pk,
        role__in=CREDITED_ROLES,
    ).exists()


def withheld(user, interviewee_ids):
    """Withheld identities: the anonymous interviewees among ``interviewee_ids``
    whose real names ``user`` may not see, each shown by its public description.
    The staff gate (newsroom.desk.gate) redacts them from what it shows."""
    if sees_all_real_names(user) or not interviewee_ids:
        return []
    hidden = with_name_visibility(
        Interviewee.objects.filter(pk__in=interviewee_ids, is_anonymous=True), user
    ).filter(name_visible=False)
    return [
        Withheld(
            key=(Interviewee._meta.label_lower, person.pk),
            label=person.public_description,
            spellings=(person.real_label, person.name),
        )
        for person in hidden
    ]


def forget_real_name_in_admin_log(pk, fields):
    """Once an interviewee is anonymous, the admin's log names them as readers see
    them: entries written while they were named (the "Recent actions" of the
    admin's front page) no longer carry the real name. Runs with the write path
    whenever an interviewee changes."""
    if fields is not None and not fields & {"is_anonymous", "name", "title"}:
        return
    person = Interviewee.objects.filter(pk=pk, is_anonymous=True).first()
    if person is None:
        return
    LogEntry.objects.filter(
        content_type=ContentType.objects.get_for_model(Interviewee),
        object_id=str(pk),
    ).update(object_repr=str(person)[:200])


def real_name_leaks(article):
    """Where the public text of ``article`` names one of its anonymous
    interviewees: ["the headline", "answer 3", …]. Reads the saved rows."""
    names = [
        i.name
        for i in article.interviewees.filter(is_anonymous=True)
        if len(i.name.strip()) >= 3
    ]
    if not names:
        return []
    texts = [
        (_("the headline"), article.headline),
        (_("the dek"), article.dek),
        (_("the intro"), article.intro),
        (_("the lead image's alt text"), article.lead_image_alt),
        (_("the lead image's caption"), article.lead_image_caption),
        (_("the lead image's credit"), article.lead_image_credit),
        (_("a tag"), " · ".join(article.tags.names())),
    ]
    for segment in article.segments.all():
        number = {"number": segment.position}
        texts += [
            (_("question %(number)s") % number, segment.question),
            (_("answer %(number)s") % number, segment.answer),
        ]
    found = []
    for name in names:
        pattern = re.compile(rf"\b{re.escape(name)}\b", re.IGNORECASE)
        found += [where for where, text in texts if pattern.search(text or "")]
        if slugify(name, allow_unicode=True) in article.slug:
            found.append(_("the address (slug)"))
    return list(dict.fromkeys(found))
