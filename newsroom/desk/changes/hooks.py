"""The model hooks through which the write path sees every write: the article's,
its parts', its subjects' and their companions' signals, and the querysets'
rows_changing/rows_changed."""

from django.core.signals import request_started
from django.db.models import signals

from newsroom.content.parts import PARTS
from newsroom.models import Article
from newsroom.models.recorded import rows_changed, rows_changing

from .scope import _current, _request_started, _written
from .state import _recording


def _article_pre_save(sender, instance, raw=False, **kwargs):
    if raw or not _recording():
        return
    if instance.pk is not None and not instance._state.adding:
        _current().article(instance.pk)


def _article_post_save(sender, instance, created, raw=False, **kwargs):
    if raw or not _recording():
        return
    _current().article(instance.pk, created=created)
    _written()


def _article_pre_delete(sender, instance, **kwargs):
    if _recording():
        _current().article_deleted(instance)


def _part_hooks(part):
    """Signal receivers for the rows of ``part``: each write touches the article
    the row belongs to, and the one it belonged to when it was loaded."""
    attname = part.model._meta.get_field(part.article_field).attname
    loaded = f"_{attname}_at_load"

    def at_init(sender, instance, **kwargs):
        instance.__dict__[loaded] = instance.__dict__.get(attname)

    def before_write(sender, instance, raw=False, **kwargs):
        if raw or not _recording():
            return
        changes = _current()
        for pk in {instance.__dict__.get(loaded), getattr(instance, attname)}:
            if pk is not None:
                changes.article(pk)

    def after_write(sender, instance, raw=False, **kwargs):
        if raw or not _recording():
            return
        instance.__dict__[loaded] = getattr(instance, attname)
        _written()

    return at_init, before_write, after_write


def _rows_changing(sender, queryset, fields, **kwargs):
    if not _recording():
        return
    changes = _current()
    if sender is Article:
        for pk in queryset.values_list("pk", flat=True):
            changes.article(pk)
        return
    article_field = PARTS.part_models().get(sender)
    if article_field is not None:
        for pk in set(queryset.values_list(article_field, flat=True)):
            if pk is not None:
                changes.article(pk)
        return
    if sender in PARTS.subject_models():
        for pk in queryset.values_list("pk", flat=True):
            changes.subject(sender, pk, fields=fields)


def _rows_changed(sender, queryset, objs, **kwargs):
    if not _recording():
        return
    if objs is not None:
        changes = _current()
        article_field = PARTS.part_models().get(sender)
        for obj in objs:
            if sender is Article and obj.pk is not None:
                changes.article(obj.pk, created=True)
            elif article_field is not None:
                attname = sender._meta.get_field(article_field).attname
                pk = getattr(obj, attname)
                if pk is not None:
                    changes.article(pk)
    _written()


def _tags_changing(sender, instance, action, reverse, pk_set, **kwargs):
    """``article.tags.add()``/``remove()``/``clear()`` (taggit sends these)."""
    if not _recording() or not action.startswith("pre_"):
        if action.startswith("post_") and _recording():
            _written()
        return
    changes = _current()
    if not reverse:
        if instance.pk is not None:
            changes.article(instance.pk)
        return
    if pk_set is None:  # tag.<articles>.clear(): every article of the tag
        pk_set = sender.objects.filter(tag=instance).values_list(
            "content_object", flat=True
        )
    for pk in pk_set:
        changes.article(pk)


def _subject_hooks(model):
    """Receivers for a subject's rows: a change of an existing subject (its
    fields compared with the stored row), or its deletion."""

    def before_save(sender, instance, raw=False, **kwargs):
        if raw or not _recording() or instance._state.adding:
            return
        stored = sender._default_manager.filter(pk=instance.pk).values().first()
        if stored is None:
            return
        changed = {
            f.name
            for f in sender._meta.concrete_fields
            if stored.get(f.attname) != getattr(instance, f.attname)
        }
        if changed:
            _current().subject(model, instance.pk, fields=changed)

    def before_delete(sender, instance, **kwargs):
        if _recording():
            _current().subject(model, instance.pk)

    def after_write(sender, instance, raw=False, **kwargs):
        if not raw and _recording():
            _written()

    return before_save, before_delete, after_write


def _companion_hooks(model, subject_of, field_name):
    """Receivers for rows that belong to a subject (a tag's aliases): any write
    of one is a change of ``field_name`` of its subject."""

    def before_write(sender, instance, raw=False, **kwargs):
        if raw or not _recording():
            return
        pk = subject_of(instance)
        if pk is not None:
            _current().subject(model, pk, fields={field_name})

    def after_write(sender, instance, raw=False, **kwargs):
        if not raw and _recording():
            _written()

    return before_write, after_write


_receivers = []  # Django's signals keep weak references: keep ours alive.
_watched = set()


def _connect(signal, receiver, sender):
    _receivers.append(receiver)
    signal.connect(receiver, sender=sender, weak=False)


def _watch_part(part):
    if part.model is not None and part.model not in _watched:
        _watched.add(part.model)
        at_init, before_write, after_write = _part_hooks(part)
        _connect(signals.post_init, at_init, part.model)
        for signal in (signals.pre_save, signals.pre_delete):
            _connect(signal, before_write, part.model)
        for signal in (signals.post_save, signals.post_delete):
            _connect(signal, after_write, part.model)
        _connect(rows_changing, _rows_changing, part.model)
        _connect(rows_changed, _rows_changed, part.model)
    for subject in part.subjects:
        _watch_subject(subject)


def _watch_subject(subject):
    model = subject.model
    if model not in _watched:
        _watched.add(model)
        before_save, before_delete, after_write = _subject_hooks(model)
        _connect(signals.pre_save, before_save, model)
        _connect(signals.pre_delete, before_delete, model)
        for signal in (signals.post_save, signals.post_delete):
            _connect(signal, after_write, model)
        _connect(rows_changing, _rows_changing, model)
        _connect(rows_changed, _rows_changed, model)
    for companion in subject.companions:
        if companion.model not in _watched:
            _watched.add(companion.model)
            before_write, after_write = _companion_hooks(
                model, companion.subject_of, companion.field
            )
            for signal in (signals.pre_save, signals.pre_delete):
                _connect(signal, before_write, companion.model)
            for signal in (signals.post_save, signals.post_delete):
                _connect(signal, after_write, companion.model)


def watch():
    """Start watching the article and every registered part (NewsroomConfig.ready();
    parts registered later are watched as they register)."""
    if Article in _watched:
        return
    _watched.add(Article)
    _connect(signals.pre_save, _article_pre_save, Article)
    _connect(signals.post_save, _article_post_save, Article)
    _connect(signals.pre_delete, _article_pre_delete, Article)
    _connect(signals.post_delete, lambda **kwargs: _written(), Article)
    _connect(rows_changing, _rows_changing, Article)
    _connect(rows_changed, _rows_changed, Article)
    _connect(signals.m2m_changed, _tags_changing, Article.tags.through)
    _connect(request_started, _request_started, None)
    PARTS.on_register(_watch_part)
