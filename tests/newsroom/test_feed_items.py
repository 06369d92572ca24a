"""Feed items written once (newsroom/public/feed_items.py) make the very
document Django's feed generators write with the items inside."""

import datetime

import pytest

from newsroom.public import feed_items

ENTRIES = [
    {
        "title": "Headline <Egret> & more",
        "path": "/articles/egret/",
        "summary": "A dek &amp; escaped",
        "published": "2026-11-30T08:00:00+00:00",
        "updated": "2026-12-01T09:30:00+00:00",
        "categories": ["Idlib", "فلاحة"],
        "authors": [["Writer Heron", "/contributors/heron/"]],
    },
    {
        "title": "عنوان",
        "path": "/articles/%D8%B9/",
        "summary": "",
        "published": "2026-11-29T08:00:00+00:00",
        "updated": "2026-11-29T08:00:00+00:00",
        "categories": [],
        "authors": [],
    },
]


def absolute(path):
    return "https://news.example" + path


@pytest.mark.parametrize("kind", ["rss", "atom"])
def test_kept_items_make_the_document_django_writes(kind):
    feed_type = feed_items.FEED_TYPES[kind]
    channel = {
        "title": "Site",
        "link": "https://news.example/",
        "description": "The latest.",
        "language": "en",
        "feed_url": "https://news.example/feed/",
    }
    whole = feed_type(**channel)
    for entry in ENTRIES:
        link = absolute(entry["path"])
        whole.add_item(
            title=entry["title"],
            link=link,
            description=entry["summary"],
            unique_id=link,
            pubdate=datetime.datetime.fromisoformat(entry["published"]),
            updateddate=datetime.datetime.fromisoformat(entry["updated"]),
            categories=entry["categories"],
            authors=[(name, absolute(path)) for name, path in entry["authors"]],
        )
    expected = whole.writeString("utf-8")
    items = [feed_items.item_xml(feed_type, entry, absolute) for entry in ENTRIES]
    assembled = feed_items.write(
        feed_type(**channel),
        items,
        feed_items.latest(e[key] for e in ENTRIES for key in ("published", "updated")),
    )
    assert assembled == expected


def test_a_feed_without_entries_has_no_date_of_its_own():
    assert feed_items.latest([]) is None
