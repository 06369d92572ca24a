"""The newsroom's tables, one module per concern. Everything is importable from
``newsroom.models``, as Django and the migrations expect."""

from .articles import Article, Translation
from .credits import Byline
from .drafts import EditDraft
from .history import Correction, Revision
from .languages import LANGUAGE_NAMES, RTL_LANGUAGES
from .people import Bio, Contributor, Series
from .preferences import InterfacePreference
from .previews import PREVIEW_LINK_DAYS, PreviewLink, _preview_expiry, _preview_token
from .public import public_contributors, public_series, public_tags
from .querysets import RELATED_CANDIDATES, ArticleQuerySet
from .recorded import RecordedQuerySet
from .renderings import Rendering
from .search import SearchDocument
from .site import SiteSettings
from .slugs import save_with_unique_slug, unique_slug
from .tags import TagAlias, TaggedArticle

__all__ = [
    "LANGUAGE_NAMES",
    "PREVIEW_LINK_DAYS",
    "RELATED_CANDIDATES",
    "RTL_LANGUAGES",
    "Article",
    "ArticleQuerySet",
    "Bio",
    "Byline",
    "Contributor",
    "Correction",
    "EditDraft",
    "InterfacePreference",
    "PreviewLink",
    "RecordedQuerySet",
    "Rendering",
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
