"""Unicode-safe unique slugs, safe against two saves racing for the same one."""

from django.db import IntegrityError, router, transaction
from django.utils.text import slugify

from newsroom import text_input

SLUG_ATTEMPTS = 5


def unique_slug(model, value, *, exclude_pk=None, fallback="item", max_length=200):
    """A Unicode-safe slug for ``value`` that no other row of ``model`` uses."""
    base = slugify(text_input.slug_source(value), allow_unicode=True)
    base = base[: max_length - 8].strip("-") or fallback
    others = model._default_manager.filter(slug__startswith=base)
    if exclude_pk is not None:
        others = others.exclude(pk=exclude_pk)
    taken = set(others.values_list("slug", flat=True))
    slug, n = base, 2
    while slug in taken:
        slug, n = f"{base}-{n}", n + 1
    return slug


def save_with_unique_slug(instance, save, *, source, fallback, max_length=200):
    """Run ``save()`` for ``instance``, filling its slug from ``source`` first if it
    has none.

    Two editors (or two processes) can pick the same free slug at the same moment;
    the database's unique constraint lets one insert through and fails the other.
    The save runs in a savepoint, so that failure can be caught without breaking
    the surrounding transaction, and is retried with the next free slug. A failure
    of another constraint is raised as it is."""
    if instance.slug:
        return save()
    model = type(instance)
    for attempt in range(SLUG_ATTEMPTS):
        instance.slug = unique_slug(
            model,
            source,
            exclude_pk=instance.pk,
            fallback=fallback,
            max_length=max_length,
        )
        try:
            with transaction.atomic(using=router.db_for_write(model)):
                return save()
        except IntegrityError:
            taken = (
                model._default_manager.filter(slug=instance.slug)
                .exclude(pk=instance.pk)
                .exists()
            )
            if not taken or attempt == SLUG_ATTEMPTS - 1:
                instance.slug = ""
                raise
