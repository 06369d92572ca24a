"""Tags under their variant spellings: which tag a typed name means, and which
tags are probably one.

A name means the tag it names, or whose alias it is, with the spelling folded by
``transliteration.name_key`` ("ahrar al sham" means the tag "Ahrar al-Sham"). The tag
form of the article admin and the transcript import both go through
``canonical_tag_names``, so that an alias never becomes a tag of its own.
"""

from taggit.models import Tag

from newsroom.models import TagAlias
from newsroom.transliteration import name_key


def canonical_tag_names(names):
    """``names`` with each replaced by the existing tag it means, in order and
    without repeats; names that mean no tag are kept as typed (new tags)."""
    names = [" ".join(name.split()) for name in names if name and name.strip()]
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
