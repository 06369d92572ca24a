"""Tags under their variant spellings: which tag a typed name means, and which
tags are probably one.

A name means the tag it names, or whose alias it is, with the spelling folded by
``transliteration.name_key`` ("ahrar al sham" means the tag "Ahrar al-Sham"). The tag
form of the article admin and the transcript import both go through
``canonical_tag_names``, so that an alias never becomes a tag of its own.
"""

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.text import slugify
from django.utils.translation import gettext as _
from taggit.models import Tag

from newsroom import text_input
from newsroom.content.transliteration import name_key
from newsroom.models import TagAlias

# taggit's name column.
TAG_NAME_MAX = Tag._meta.get_field("name").max_length


def validate_tag_name(name):
    """Refuse a tag name that could not be stored or given an address, saying
    which tag and why."""
    try:
        text_input.validate_line(name)
    except ValidationError as error:
        raise ValidationError(
            _("The tag “%(name)s”: %(problem)s")
            % {"name": name, "problem": error.messages[0]}
        ) from error
    if len(name) > TAG_NAME_MAX:
        raise ValidationError(
            _(
                "The tag “%(start)s…” has %(length)s characters; a tag has at most "
                "%(limit)s."
            )
            % {"start": name[:40], "length": len(name), "limit": TAG_NAME_MAX}
        )
    if not slugify(name, allow_unicode=True):
        raise ValidationError(
            _(
                "The tag “%(name)s” has no letters or digits, so it could have no "
                "address: give it some."
            )
            % {"name": name}
        )


def existing_spelling(name, *, exclude_tag=None):
    """The tag or alias already named ``name`` in another case, or None."""
    tags = Tag.objects.filter(name__iexact=name)
    aliases = TagAlias.objects.filter(name__iexact=name)
    if exclude_tag is not None:
        tags = tags.exclude(pk=exclude_tag.pk)
        aliases = aliases.exclude(Q(tag=exclude_tag))
    return tags.first() or aliases.select_related("tag").first()


def canonical_tag_names(names):
    """``names`` with each replaced by the existing tag it means, in order and
    without repeats; names that mean no tag are kept as typed (new tags). Raises
    ValidationError naming the first name that cannot be a tag."""
    names = [" ".join(name.split()) for name in names if name and name.strip()]
    for name in names:
        validate_tag_name(name)
    wanted = {name_key(name) for name in names}
    meaning = {
        alias.key: alias.tag.name
        for alias in TagAlias.objects.filter(key__in=wanted).select_related("tag")
    }
    for tag_name in Tag.objects.values_list("name", flat=True).order_by("pk"):
        key = name_key(tag_name)
        if key in wanted:
            meaning.setdefault(key, tag_name)
    result = []
    for name in names:
        canonical = meaning.get(name_key(name), name)
        if canonical.casefold() not in {r.casefold() for r in result}:
            result.append(canonical)
    return result


def likely_duplicates():
    """{key: [tags]} for the keys two or more tags share: variants that editors
    should probably merge ("Ahrar a-Sham" and "Ahrar al-Sham")."""
    keys = {}
    for tag in Tag.objects.order_by("name"):
        keys.setdefault(name_key(tag.name), []).append(tag)
    return {key: tags for key, tags in keys.items() if key and len(tags) > 1}
