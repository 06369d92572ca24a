"""The editorial desk, one module per part; importing this package registers every
model admin of the newsroom app. ``interviews.admin`` builds on the names below."""

from .articles import ArticleAdmin, ArticleAdminForm
from .parts import (
    ArticlePartInlineMixin,
    BylineInline,
    PositionedInlineFormSet,
    PositionedInlineMixin,
    RefreshesPagesMixin,
    StoredImagesAdminMixin,
)
from .people import ContributorAdmin, SeriesAdmin
from .revisions import RevisionAdmin
from .tags import TagAdmin, TagAliasAdmin
from .translations import TranslationAdmin

__all__ = [
    "ArticleAdmin",
    "ArticleAdminForm",
    "ArticlePartInlineMixin",
    "BylineInline",
    "ContributorAdmin",
    "PositionedInlineFormSet",
    "PositionedInlineMixin",
    "RefreshesPagesMixin",
    "RevisionAdmin",
    "SeriesAdmin",
    "StoredImagesAdminMixin",
    "TagAdmin",
    "TagAliasAdmin",
    "TranslationAdmin",
]
