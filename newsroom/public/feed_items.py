"""The XML of feeds: RSS 2.0 and Atom with every credited person as an author,
and each article's item written once, when its page is prepared
(newsroom/public/prepared.py), so that a feed is its channel and 30 kept items.

Django's feed generators write the XML; an item is written by the generator
alone, between its own start and end tags, exactly as inside a whole feed.
"""

import datetime
from io import StringIO

from django.utils.feedgenerator import Atom1Feed, Rss201rev2Feed
from django.utils.xmlutils import SimplerXMLGenerator

DUBLIN_CORE = "http://purl.org/dc/elements/1.1/"


class RssWithAuthors(Rss201rev2Feed):
    """RSS 2.0 with one ``<dc:creator>`` per credited person (RSS's own
    ``<author>`` must be an email address, which contributors need not have)."""

    item_tag = "item"
    closing_tag = "</channel></rss>"

    def rss_attributes(self):
        return {**super().rss_attributes(), "xmlns:dc": DUBLIN_CORE}

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, _url in item.get("authors", ()):
            handler.addQuickElement("dc:creator", name)


class AtomWithAuthors(Atom1Feed):
    """Atom with one ``<author>`` per credited person (Django's Atom has one)."""

    item_tag = "entry"
    closing_tag = "</feed>"

    def add_item_elements(self, handler, item):
        super().add_item_elements(handler, item)
        for name, url in item.get("authors", ()):
            handler.startElement("author", {})
            handler.addQuickElement("name", name)
            handler.addQuickElement("uri", url)
            handler.endElement("author")


FEED_TYPES = {"rss": RssWithAuthors, "atom": AtomWithAuthors}


def item_xml(feed_type, entry, absolute):
    """The XML of one item of ``feed_type`` for ``entry`` (a prepared feed entry:
    title, path, summary, dates, categories, authors), addresses made absolute
    with ``absolute(path)``."""
    feed = feed_type(title="", link="", description="")
    link = absolute(entry["path"])
    feed.add_item(
        title=entry["title"],
        link=link,
        description=entry["summary"],
        unique_id=link,
        pubdate=datetime.datetime.fromisoformat(entry["published"]),
        updateddate=datetime.datetime.fromisoformat(entry["updated"]),
        categories=entry["categories"],
        authors=[(name, absolute(path)) for name, path in entry["authors"]],
    )
    [item] = feed.items
    out = StringIO()
    handler = SimplerXMLGenerator(out, "utf-8", short_empty_elements=True)
    handler.startElement(feed.item_tag, feed.item_attributes(item))
    feed.add_item_elements(handler, item)
    handler.endElement(feed.item_tag)
    return out.getvalue()


def latest(dates):
    """The newest of ``dates`` (ISO 8601: the entries' published and updated
    dates), as a feed's own date; None without any."""
    return max(map(datetime.datetime.fromisoformat, dates), default=None)


def write(feed, items, latest_date):
    """The whole document of ``feed`` (a generator holding the channel only)
    with ``items`` (kept item XML) inside, dated ``latest_date``."""
    if latest_date is not None:
        feed.latest_post_date = lambda: latest_date
    out = StringIO()
    feed.write(out, "utf-8")
    head, found, tail = out.getvalue().rpartition(feed.closing_tag)
    if not found:
        raise ValueError(f"no {feed.closing_tag} in the feed")
    return "".join([head, *items, found, tail])
