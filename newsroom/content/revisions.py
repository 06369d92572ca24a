"""Snapshots of whole articles, as plain JSON, and the text diff between two.

newsroom snapshots what it owns (the article's fields, bylines, tags). Other apps add
their parts of an article by appending a ``RevisionPart`` to ``REVISION_PARTS`` in
their AppConfig.ready() — interviews adds segments and interviewees — so that a
revision holds the whole article and a restore brings all of it back, in order.
"""

import difflib
from collections.abc import Callable
from dataclasses import dataclass

from django.utils.dateparse import parse_datetime

from newsroom.models import Article, Byline, Contributor, Series, unique_slug


@dataclass(frozen=True)
class RevisionPart:
    """One part of an article kept in its revisions.

    ``snapshot(article)`` returns JSON-ready data; ``restore(article, data)`` makes
    the article's part exactly that again; ``lines(data)`` renders the data as text
    lines for the diff. ``label`` names the part in a revision's summary.
    """

    name: str
    label: str
    snapshot: Callable
    restore: Callable
    lines: Callable


REVISION_PARTS = []

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
    """The whole article as JSON-ready data."""
    fields = {name: getattr(article, name) for name in FIELDS}
    fields["series"] = article.series_id
    fields["series_name"] = article.series.name if article.series_id else ""
    fields["published_at"] = (
        article.published_at.isoformat() if article.published_at else None
    )
    fields["lead_image"] = article.lead_image.name or ""
    data = {
        "fields": fields,
        "bylines": [
            {
                "contributor": byline.contributor_id,
                "name": byline.contributor.name,
                "role": byline.role,
                "position": byline.position,
            }
            for byline in article.bylines.select_related("contributor").order_by(
                "position", "pk"
            )
        ],
        "tags": sorted(article.tags.names(), key=str.casefold),
    }
    for part in REVISION_PARTS:
        data[part.name] = part.snapshot(article)
    return data


def restore(article, data):
    """Make ``article`` (saved or not) hold ``data`` again: fields, bylines, tags and
    every registered part. The caller sets status and version and runs this in a
    transaction."""
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

    Byline.objects.filter(article=article).delete()
    people = Contributor.objects.in_bulk([b["contributor"] for b in data["bylines"]])
    Byline.objects.bulk_create(
        Byline(
            article=article,
            contributor=people[b["contributor"]],
            role=b["role"],
            position=b["position"],
        )
        for b in data["bylines"]
        if b["contributor"] in people
    )
    article.tags.set(data["tags"], clear=True)
    for part in REVISION_PARTS:
        part.restore(article, data.get(part.name, []))
    article.update_reading_time()
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
    if old.get("bylines") != new.get("bylines"):
        changed.append("Bylines")
    if old.get("tags") != new.get("tags"):
        changed.append("Tags")
    for part in REVISION_PARTS:
        if old.get(part.name) != new.get(part.name):
            changed.append(part.label)
    if not changed:
        return "No changes to the text."
    words = [changed[0], *(label.lower() for label in changed[1:])]
    listed = (
        words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]
    )
    return f"Changed {listed[0].lower()}{listed[1:]}."


def _shown(fields, name):
    """A field's value as editors see it: publish times to the second (the admin
    form has no microseconds, so a round trip through it is not a change)."""
    value = fields.get(name)
    if name == "published_at" and value:
        return parse_datetime(value).replace(microsecond=0).isoformat()
    return value


def lines(data):
    """A revision as text lines, one thing per line, for a readable diff."""
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
    out.append("Tags: " + ", ".join(data.get("tags", [])))
    out.append("Bylines:")
    roles = dict(Byline.Role.choices)
    out.extend(
        f"  {b['position']}. {roles.get(b['role'], b['role'])}: {b['name']}"
        for b in data.get("bylines", [])
    )
    for part in REVISION_PARTS:
        out.append(f"{part.label}:")
        out.extend(f"  {line}" for line in part.lines(data.get(part.name, [])))
    return out


def diff(old, new):
    """Unified diff lines from ``old`` to ``new`` snapshots (either may be None)."""
    return list(
        difflib.unified_diff(
            lines(old), lines(new), "before", "after", lineterm="", n=2
        )
    )[2:]
