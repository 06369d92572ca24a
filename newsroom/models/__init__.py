"""The newsroom's tables, one module per concern. Everything is importable from
``newsroom.models``, as Django and the migrations expect."""

from .articles import WORDS_PER_MINUTE, Article, Translation
from .credits import Byline
from .history import Correction, Revision
from .languages import LANGUAGE_NAMES, RTL_LANGUAGES
from .people import Bio, Contributor, Series
from .preferences import InterfacePreference
from .previews import PREVIEW_LINK_DAYS, PreviewLink, _preview_expiry, _preview_token
from .public import public_contributors, public_series, public_tags
from .querysets import (
    LIST_PREFETCHES,
    PAGE_PREFETCHES,
    READING_TEXT_SOURCES,
    RELATED_ARTICLE_FILTERS,
    RELATED_CANDIDATES,
    SEARCH_TEXT_SOURCES,
    ArticleQuerySet,
)
from .search import SearchDocument
from .site import SiteSettings
from .slugs import save_with_unique_slug, unique_slug
from .tags import TagAlias, TaggedArticle

__all__ = [
    "LANGUAGE_NAMES",
    "LIST_PREFETCHES",
    "PAGE_PREFETCHES",
    "PREVIEW_LINK_DAYS",
    "READING_TEXT_SOURCES",
    "RELATED_ARTICLE_FILTERS",
    "RELATED_CANDIDATES",
    "RTL_LANGUAGES",
    "SEARCH_TEXT_SOURCES",
    "WORDS_PER_MINUTE",
    "Article",
    "ArticleQuerySet",
    "Bio",
    "Byline",
    "Contributor",
    "Correction",
    "InterfacePreference",
    "PreviewLink",
    "Revision",
    "SearchDocument",
    "Series",
    "SiteSettings",
    "TagAlias",
    "TaggedArticle",
    "Translation",
    "_preview_expiry",
    "_preview_token",
    "public_contributors",
    "public_series",
    "public_tags",
    "save_with_unique_slug",
    "unique_slug",
]
