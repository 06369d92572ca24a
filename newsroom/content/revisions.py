"""Snapshots of whole articles, as plain JSON, and the text diff between two.

A snapshot holds the article's own fields and, under its name, what each part of
the article keeps (newsroom.content.parts: bylines, tags; interviews adds
interviewees and segments), so that a revision holds the whole article and a
restore brings all of it back, in order.

What a revision shows a member of staff passes through their redaction
(newsroom.desk.gate): a person whose identity they may not see is shown by the
label readers see.
"""

import difflib

from django.utils.dateparse import parse_datetime

from newsroom.content.parts import PARTS
from newsroom.models import Article, Series, unique_slug

# Article fields kept in a revision, with the label shown in summaries and diffs.
FIELDS = {
    "headline": "Headline",
    "slug": "Slug",
    "series": "Series",
    "dek": "Dek",
    "intro": "Intro",
    "status": "Status",
    "published_at": "Publish time",
    "language": "Language",
    "lead_image": "Lead image",
    "lead_image_alt": "Alt text",
    "lead_image_caption": "Caption",
    "lead_image_credit": "Credit",
}


def snapshot(article):
    """The whole article, as it is in the database, as JSON-ready data."""
    fields = {name: getattr(article, name) for name in FIELDS}
    fields["series"] = article.series_id
    fields["series_name"] = article.series.name if article.series_id else ""
    fields["published_at"] = (
        article.published_at.isoformat() if article.published_at else None
    )
    fields["lead_image"] = article.lead_image.name or ""
    data = {"fields": fields}
    for part in PARTS.with_("snapshot"):
        data[part.name] = part.snapshot(article)
    return data


def restore(article, data):
    """Make ``article`` (saved or not) hold ``data`` again: fields and every part.
    The caller sets the status and runs this in a transaction."""
    fields = data["fields"]
    for name in FIELDS:
        if name not in ("series", "published_at", "lead_image"):
            setattr(article, name, fields[name])
    article.series = Series.objects.filter(pk=fields["series"]).first()
    article.published_at = (
        parse_datetime(fields["published_at"]) if fields["published_at"] else None
    )
    article.lead_image.name = fields["lead_image"] or None
    if Article.objects.filter(slug=article.slug).exclude(pk=article.pk).exists():
        article.slug = unique_slug(Article, article.headline, exclude_pk=article.pk)
    article.save()
    for part in PARTS.with_("restore"):
        part.restore(article, data.get(part.name, []))
    return article


def summarize(old, new):
    """ "Changed headline, intro and segments." — what differs between two
    snapshots, by the labels editors know."""
    if old is None:
        return "First recorded version."
    changed = [
        label
        for name, label in FIELDS.items()
        if _shown(old["fields"], name) != _shown(new["fields"], name)
    ]
    for part in PARTS.with_("snapshot"):
        if old.get(part.name) != new.get(part.name):
            changed.append(part.label)
    if not changed:
        return "No changes to the text."
    words = [changed[0], *(label.lower() for label in changed[1:])]
    listed = (
        words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    )
    return f"Changed {listed[0].lower()}{listed[1:]}."


def same_content(old, new):
    """Whether two snapshots show the same article to an editor."""
    return old is not None and summarize(old, new) == "No changes to the text."


def _shown(fields, name):
    """A field's value as editors see it: publish times to the second (the admin
    form has no microseconds, so a round trip through it is not a change)."""
    value = fields.get(name)
    if name == "published_at" and value:
        return parse_datetime(value).replace(microsecond=0).isoformat()
    return value


def lines(data, redaction):
    """A revision as text lines, one thing per line, for a readable diff, as the
    user of ``redaction`` may see it."""
    if not data:
        return []
    fields = data["fields"]
    out = []
    for name, label in FIELDS.items():
        value = _shown(fields, name)
        if name == "series":
            value = fields.get("series_name") or ""
        if name in ("dek", "intro"):
            out.append(f"{label}:")
            out.extend(f"  {line}" for line in (value or "").splitlines())
        else:
            out.append(f"{label}: {value if value is not None else ''}")
    for part in PARTS.with_("lines"):
        out.append(f"{part.label}:")
        rows = data.get(part.name, [])
        out.extend(f"  {line}" for line in part.lines(rows, redaction))
    return [redaction.text(line) for line in out]


def diff(old, new, redaction):
    """Unified diff lines from ``old`` to ``new`` snapshots (either may be None),
    as the user of ``redaction`` may see them."""
    return list(
        difflib.unified_diff(
            lines(old, redaction),
            lines(new, redaction),
            "before",
            "after",
            lineterm="",
            n=2,
        )
    )[2:]
