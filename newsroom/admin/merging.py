"""A save that meets someone else's: merged field by field (newsroom.desk.merge).

When the form was opened at a version older than the article's, the editor's
save goes through as usual, inside its unit of change; then the article as the
form made it ("mine") is merged with the article as it was when the form was
opened ("base", its revision) and as the other save left it ("theirs"). What
only one side changed is kept without asking and the merge is recorded as a
revision of its own ("Merged"). If both changed the same field or question
differently, the whole save is rolled back and the form comes back, with what
the editor typed, and the conflicts side by side to choose from; saving again
merges with the choices.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.formats import time_format
from django.utils.translation import gettext as _

from newsroom.content import revisions
from newsroom.content.parts import PARTS
from newsroom.desk import changes
from newsroom.desk import merge as merging
from newsroom.desk.gate import desk_for
from newsroom.models import Revision

CHOICE_PREFIX = "merge-"


class MergeConflicts(Exception):
    def __init__(self, merged):
        super().__init__("conflicting changes")
        self.merged = merged


class StaleForm:
    """What one request knows about the versions of the article it saves."""

    def __init__(self, *, article, loaded, base, theirs):
        self.article = article
        self.loaded = loaded
        self.base = base
        self.theirs = theirs
        self.version = article.version
        # Who saved the version merged with, and when (the form's save changes
        # the instance).
        self.saved_by = _who_and_when(article)
        self.result = None  # the Merge, once tried


def stale_form(request, article):
    """A StaleForm when ``request`` posts the form of ``article`` opened at an
    older version whose revision is known, else None."""
    if request.method != "POST" or article is None:
        return None
    loaded = request.POST.get("loaded_version", "")
    if not loaded.isdigit() or int(loaded) >= article.version:
        return None
    base = (
        article.revisions.filter(version__lte=int(loaded))
        .order_by("-version", "-created_at", "-pk")
        .values_list("data", flat=True)
        .first()
    )
    if base is None:
        return None
    return StaleForm(
        article=article,
        loaded=int(loaded),
        base=base,
        theirs=revisions.snapshot(article),
    )


def choices_from(post):
    return {
        key[len(CHOICE_PREFIX) :]: value
        for key, value in post.items()
        if key.startswith(CHOICE_PREFIX)
    }


class MergingMixin:
    """For ArticleAdmin (before Django's ModelAdmin in the bases)."""

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        stale = getattr(request, "_stale_form", None)
        if stale is None or stale.article.pk != getattr(obj, "pk", None):
            stale = request._stale_form = stale_form(request, obj)
        form.stale = stale
        form.merge_conflicts = getattr(request, "_merge_conflicts", None)
        return form

    def get_formset_kwargs(self, request, obj, inline, prefix):
        kwargs = super().get_formset_kwargs(request, obj, inline, prefix)
        stale = getattr(request, "_stale_form", None)
        if stale is not None and "data" in kwargs:
            part = next((p for p in PARTS if p.model is inline.model), None)
            base_rows = stale.base.get(part.name, []) if part else []
            existing = {
                str(pk)
                for pk in inline.model._default_manager.filter(
                    **{part.article_field if part else "article": obj}
                ).values_list("pk", flat=True)
            }
            kwargs["data"] = without_vanished_rows(
                kwargs["data"], prefix, inline.model._meta.pk.name, existing, base_rows
            )
        return kwargs

    def claimed_version(self, request, obj, loaded):
        """The version a save claims: the one it was merged with, or the one
        its form was opened at."""
        stale = getattr(request, "_stale_form", None)
        return stale.version if stale is not None else loaded

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        stale = getattr(request, "_stale_form", None)
        if stale is None or not change:
            return
        article = form.instance
        mine = revisions.snapshot(article)
        merged = merging.merge(
            stale.base, stale.theirs, mine, choices_from(request.POST)
        )
        stale.result = merged
        if not merged.clean:
            raise MergeConflicts(merged)
        if not revisions.same_content(mine, merged.result):
            revisions.restore(article, merged.result)
        changes.label(
            article,
            kind=Revision.Kind.MERGED,
            summary=_summary(stale, merged),
        )
        redaction = desk_for(request).redaction(
            articles=[article], snapshots=[stale.base, stale.theirs]
        )
        self.message_user(
            request, redaction.text(_message(stale, merged)), messages.INFO
        )

    def render_change_form(self, request, context, *args, **kwargs):
        merged = getattr(request, "_merge_conflicts", None)
        stale = getattr(request, "_stale_form", None)
        if merged is not None and stale is not None:
            context["merge"] = _shown(request, stale, merged)
        return super().render_change_form(request, context, *args, **kwargs)


def without_vanished_rows(data, prefix, pk_name, existing, base_rows):
    """The posted rows of the inline ``prefix`` without those the other save
    deleted: dropped if the editor left them as they were, else kept as new rows
    (nothing the editor typed is lost; the merge sees them as theirs)."""
    try:
        total = int(data.get(f"{prefix}-TOTAL_FORMS", ""))
        initial = int(data.get(f"{prefix}-INITIAL_FORMS", ""))
    except ValueError:
        return data  # the formset reports its broken management form
    rows = []
    for index in range(total):
        start = f"{prefix}-{index}-"
        rows.append(
            (
                index < initial,
                {k[len(start) :]: data.getlist(k) for k in data if k.startswith(start)},
            )
        )
    vanished = [
        fields
        for is_initial, fields in rows
        if is_initial and (fields.get(pk_name) or [""])[0] not in existing | {""}
    ]
    if not vanished:
        return data
    kept, new = [], []
    for is_initial, fields in rows:
        if not any(fields is row for row in vanished):
            (kept if is_initial else new).append(fields)
        elif not fields.get("DELETE") and not _as_before(fields, base_rows):
            new.append({**fields, pk_name: [""]})
    data = data.copy()
    for key in [
        k
        for k in data
        if k.startswith(f"{prefix}-") and k[len(prefix) + 1 :][:1].isdigit()
    ]:
        del data[key]
    for index, fields in enumerate([*kept, *new]):
        for name, values in fields.items():
            data.setlist(f"{prefix}-{index}-{name}", values)
    data[f"{prefix}-INITIAL_FORMS"] = str(len(kept))
    data[f"{prefix}-TOTAL_FORMS"] = str(len(kept) + len(new))
    return data


def _as_before(fields, base_rows):
    """Whether posted row ``fields`` reads as one of the rows of the version the
    form was opened at (its texts unchanged)."""

    def posted(name):
        return (fields.get(name) or [""])[0].replace("\r\n", "\n")

    for row in base_rows:
        texts = {k: v for k, v in row.items() if isinstance(v, str) and k in fields}
        if texts and all(posted(k) == v for k, v in texts.items()):
            return True
    return False


def refuse_unsettled(form):
    """For the form's clean(): the conflicts found by the last try, until the
    editor has chosen for each."""
    stale = getattr(form, "stale", None)
    request_conflicts = getattr(form, "merge_conflicts", None)
    if stale is None or request_conflicts is None:
        return
    raise ValidationError(
        _(
            "%(who)s saved this article at %(time)s after you opened it, and you "
            "both changed the same things. Nothing was saved yet: choose below "
            "which version of each to keep, then save again. Everything else is "
            "merged for you."
        )
        % stale.saved_by,
        code="conflict",
    )


def _who_and_when(article):
    who = article.updated_by.get_username() if article.updated_by else _("someone")
    return {"who": who, "time": time_format(timezone.localtime(article.updated_at))}


def _summary(stale, merged):
    """The revision's summary (kept in English, like the write path's)."""
    parts = [
        f"Merged with version {stale.version} by {stale.saved_by['who']}"
        f" (the form was opened at version {stale.loaded})."
    ]
    if merged.taken:
        parts.append("Kept theirs: " + "; ".join(merged.taken) + ".")
    for conflict, choice in merged.settled:
        parts.append(f"{conflict.label}: chose {choice}.")
    return " ".join(parts)[:500]


def _message(stale, merged):
    values = stale.saved_by
    if merged.taken or merged.settled:
        return _(
            "%(who)s saved this article at %(time)s after you opened it. "
            "Your changes were merged with theirs; theirs kept: %(kept)s."
        ) % {**values, "kept": "; ".join(merged.taken) or "—"}
    return (
        _(
            "%(who)s saved this article at %(time)s after you opened it; they "
            "changed nothing you changed, and your changes were added to theirs."
        )
        % values
    )


def _shown(request, stale, merged):
    """The conflicts as the editor may see them, side by side."""
    redaction = desk_for(request).redaction(
        articles=[stale.article], snapshots=[stale.base, stale.theirs]
    )
    parts = {part.name: part for part in PARTS.with_("lines")}
    rows = []
    for conflict in merged.conflicts:
        rows.append(
            {
                "name": CHOICE_PREFIX + conflict.key,
                "label": redaction.text(conflict.label),
                "theirs": _text(conflict, conflict.theirs, parts, redaction),
                "mine": _text(conflict, conflict.mine, parts, redaction),
            }
        )
    return {"conflicts": rows, **stale.saved_by}


def _text(conflict, value, parts, redaction):
    if value is None:
        return _("(deleted)")
    if conflict.part == "fields":
        return redaction.text(str(value))
    part = parts.get(conflict.part)
    lines = part.lines([value], redaction) if part else [str(value)]
    return redaction.text("\n".join(lines))
