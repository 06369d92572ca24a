"""The editorial desk, one module per part; importing this package registers every
model admin of the newsroom app. ``interviews.admin`` builds on the names below."""

from newsroom.admin.articles import ArticleAdmin, ArticleAdminForm
from newsroom.admin.parts import (
    ArticlePartInlineMixin,
    BylineInline,
    OneChangePerRequestMixin,
    PositionedInlineFormSet,
    PositionedInlineMixin,
    StoredImagesAdminMixin,
)
from newsroom.admin.people import ContributorAdmin, SeriesAdmin
from newsroom.admin.revisions import RevisionAdmin
from newsroom.admin.site import SiteSettingsAdmin
from newsroom.admin.tags import TagAdmin, TagAliasAdmin
from newsroom.admin.tasks import BackgroundTaskAdmin
from newsroom.admin.translations import TranslationAdmin

__all__ = [
    "ArticleAdmin",
    "ArticleAdminForm",
    "ArticlePartInlineMixin",
    "BackgroundTaskAdmin",
    "BylineInline",
    "ContributorAdmin",
    "PositionedInlineFormSet",
    "PositionedInlineMixin",
    "OneChangePerRequestMixin",
    "RevisionAdmin",
    "SeriesAdmin",
    "SiteSettingsAdmin",
    "StoredImagesAdminMixin",
    "TagAdmin",
    "TagAliasAdmin",
    "TranslationAdmin",
]
