"""What a page tells search engines and social networks about itself: its
description, its share image, its locale (rendered by
templates/newsroom/_page_meta.html through the ``page_meta`` tag)."""

import html
import re
from typing import NamedTuple

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.utils.translation import gettext as _

from newsroom.models import SiteSettings

DESCRIPTION_LENGTH = 300
# The site's own share card (static/img/share-card.png, drawn by
# ``manage.py draw_site_images``), used until an editor uploads another.
SITE_CARD = ("img/share-card.png", 1200, 630)

# A sentence ends at . ! ? or the Arabic question mark, before a space and what can
# start a sentence; "Dr." or "Gen." before a name does not end one.
_SENTENCE_END = re.compile(r"(?<=[.!?؟…])[\"'”’»)]*\s+(?=[\"'“‘«(]?[^\sa-z])")
_ABBREVIATION = re.compile(
    r"\b(?:Dr|Mr|Mrs|Ms|St|Gen|Col|Lt|Maj|Capt|Brig|Sgt|Prof|No|Mt|Jr|Sr)\.$"
)


class ShareImage(NamedTuple):
    url: str  # as storage or static gives it: make it absolute for a page
    width: int
    height: int
    alt: str
    type: str


def first_sentence(text):
    """The first sentence of ``text`` (plain text), at most DESCRIPTION_LENGTH
    characters, cut between words."""
    text = " ".join((text or "").split())
    start = 0
    for match in _SENTENCE_END.finditer(text):
        if not _ABBREVIATION.search(text[start : match.start()]):
            text = text[: match.start()]
            break
    return Truncator(text).chars(DESCRIPTION_LENGTH)


def article_description(article):
    """The dek, else the first sentence of the intro."""
    if article.dek.strip():
        return Truncator(" ".join(article.dek.split())).chars(DESCRIPTION_LENGTH)
    return first_sentence(html.unescape(strip_tags(article.intro_html)))


def default_share_image():
    """The editors' share image (site settings), else the site's own card."""
    site = SiteSettings.current()
    og = site.share_picture.og
    if og:
        return ShareImage(
            site.share_picture.storage.url(og["name"]),
            og["width"],
            og["height"],
            site.share_image_alt,
            og["type"],
        )
    path, width, height = SITE_CARD
    return ShareImage(
        static(path),
        width,
        height,
        _("%(site)s: interviews in translation")
        % {"site": settings.NEWSROOM_SITE_NAME},
        "image/png",
    )


def article_share_image(article):
    """The lead image's share rendition, else the site's default."""
    og = article.og_image
    if og:
        return ShareImage(
            og["url"], og["width"], og["height"], article.lead_image_alt, og["type"]
        )
    return default_share_image()
