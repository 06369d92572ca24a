"""Read what a page says about itself in its head: meta tags, links, JSON-LD."""

import json
from html.parser import HTMLParser


class _HeadReader(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.meta = {}
        self.links = []
        self.json_ld = []
        self.html = {}
        self._script = None

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "html":
            self.html = attrs
        elif tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta.setdefault(key, []).append(attrs.get("content"))
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script" and attrs.get("type") == "application/ld+json":
            self._script = []

    def handle_data(self, data):
        if self._script is not None:
            self._script.append(data)

    def handle_endtag(self, tag):
        if tag == "script" and self._script is not None:
            self.json_ld.append(json.loads("".join(self._script)))
            self._script = None


def read_head(response):
    reader = _HeadReader()
    reader.feed(response.content.decode())
    return reader


def one(head, key):
    values = head.meta.get(key, [])
    assert len(values) == 1, (key, values)
    return values[0]


def canonical(head):
    found = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert len(found) <= 1
    return found[0] if found else None
