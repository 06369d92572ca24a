"""Plain functions that make test data with sensible defaults, overridable."""

import importlib
import io
import itertools
from datetime import timedelta

from django.apps import apps
from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from PIL import Image
from taggit.models import Tag

from interviews.models import ArticleInterviewee, Interviewee, Segment
from newsroom.content import images
from newsroom.desk import changes, workflow
from newsroom.models import Article, Byline, Contributor, Correction, Series, TagAlias

_numbers = itertools.count(1)


def _n():
    return next(_numbers)


def make_series(**fields):
    n = _n()
    fields.setdefault("name", f"Series {n}")
    return Series.objects.create(**fields)


def make_contributor(**fields):
    n = _n()
    fields.setdefault("name", f"Contributor {n}")
    fields.setdefault("bio", f"Contributor {n} reports from the field.")
    return Contributor.objects.create(**fields)


def make_article(*, tags=(), flush=True, **fields):
    n = _n()
    fields.setdefault("headline", f"Headline number {n}")
    fields.setdefault("dek", f"Dek for article {n}.")
    fields.setdefault("intro", f"Intro paragraph of article {n}.")
    fields.setdefault("status", Article.Status.PUBLISHED)
    if fields["status"] == Article.Status.PUBLISHED:
        fields.setdefault("published_at", timezone.now() - timedelta(hours=n))
    article = Article.objects.create(**fields)
    if tags:
        article.tags.add(*tags)
    if flush:
        # What the commit would do: the write path's search document, revision.
        changes.flush()
    return article


def reindex(article):
    """What the commit of the factories' writes would do (the write path: reading
    time, search document, revision): tests' transactions never commit."""
    changes.flush()
    article.refresh_from_db()
    return article


def make_tag_alias(tag, name, **fields):
    """An alias ``name`` of ``tag`` (a Tag or the name of one, created if new)."""
    if isinstance(tag, str):
        tag, _ = Tag.objects.get_or_create(name=tag)
    alias = TagAlias(tag=tag, name=name, **fields)
    alias.full_clean()
    alias.save()
    return alias


def make_byline(article, contributor=None, role=Byline.Role.INTERVIEWER, **fields):
    contributor = contributor or make_contributor()
    fields.setdefault("position", article.bylines.count() + 1)
    return Byline.objects.create(
        article=article, contributor=contributor, role=role, **fields
    )


def make_interviewee(article=None, **fields):
    n = _n()
    fields.setdefault("name", f"Interviewee {n}")
    fields.setdefault("title", "spokesperson")
    fields.setdefault("organisation", f"Organisation {n}")
    interviewee = Interviewee.objects.create(**fields)
    if article is not None:
        ArticleInterviewee.objects.create(
            article=article,
            interviewee=interviewee,
            position=article.interviewee_links.count() + 1,
        )
    return interviewee


def link_interviewee(article, interviewee):
    """Put an existing interviewee on another article."""
    return ArticleInterviewee.objects.create(
        article=article,
        interviewee=interviewee,
        position=article.interviewee_links.count() + 1,
    )


def make_segment(article, **fields):
    n = _n()
    fields.setdefault("position", article.segments.count() + 1)
    fields.setdefault("question", f"Question number {n}?")
    fields.setdefault("answer", f"Answer number {n}.")
    return Segment.objects.create(article=article, **fields)


def make_interview(*, segments=3, tags=1, bylines=2, **fields):
    """A published interview with an interviewer, a translator, an interviewee,
    segments and tags."""
    n = _n()
    article = make_article(
        tags=[f"topic-{n}-{i}" for i in range(tags)], flush=False, **fields
    )
    roles = [Byline.Role.INTERVIEWER, Byline.Role.TRANSLATOR, Byline.Role.REPORTER]
    for i in range(bylines):
        make_byline(article, role=roles[i % len(roles)])
    make_interviewee(article)
    for _ in range(segments):
        make_segment(article)
    return reindex(article)


ROLES = ("Editor", "Reporter", "Translator")
ROLE_MIGRATIONS = [
    ("newsroom.migrations.0004_roles", "create_roles"),
    ("interviews.migrations.0002_roles", "add_permissions"),
    (
        "interviews.migrations.0006_real_names_granted_per_person",
        "withdraw_from_groups",
    ),
    ("newsroom.migrations.0010_editors_see_background_tasks", "let_editors_see_tasks"),
]
PASSWORD = "role-password-1"


def ensure_roles():
    """The groups the data migrations create. Transactional (browser) tests flush
    the database, groups included; this brings them back the way a fresh database
    gets them, by running the migrations' own functions."""
    if Group.objects.filter(name__in=ROLES).count() == len(ROLES):
        return
    for module, function in ROLE_MIGRATIONS:
        getattr(importlib.import_module(module), function)(apps, None)


def make_user(role=None, *, username=None, contributor=None, **fields):
    """A staff login in ``role`` ("Editor", "Reporter", "Translator"), with the
    password ``PASSWORD``; ``contributor=True`` links a new contributor record."""
    n = _n()
    user = get_user_model().objects.create_user(
        username=username or f"{(role or 'user').lower()}-{n}",
        password=PASSWORD,
        is_staff=True,
        **fields,
    )
    if role:
        ensure_roles()
        user.groups.add(Group.objects.get(name=role))
    if contributor is True:
        make_contributor(name=f"{user.username} Person", user=user)
    elif contributor is not None:
        contributor.user = user
        contributor.save()
    return user


def make_correction(article, *, kind=Correction.Kind.CORRECTION, text=None, by=None):
    return workflow.add_correction(
        article=article,
        kind=kind,
        text=text or f"An earlier version misspelled name number {_n()}.",
        by=by,
    )


# -- images -----------------------------------------------------------------------

XMP_PACKET = (
    b'<x:xmpmeta xmlns:x="adobe:ns:meta/"><rdf:RDF xmlns:rdf="http://www.w3.org/'
    b'1999/02/22-rdf-syntax-ns#"><rdf:Description photoshop:City="Daraa"/>'
    b"</rdf:RDF></x:xmpmeta>"
)


def image_bytes(width=1200, height=800, image_format="JPEG", mode="RGB", **save):
    """An image file made here: left half red, right half blue."""
    image = Image.new(mode, (width, height), "red")
    image.paste("blue", (width // 2, 0, width, height))
    buffer = io.BytesIO()
    image.save(buffer, image_format, **save)
    return buffer.getvalue()


def camera_jpeg(width=1200, height=800, orientation=6):
    """A JPEG as a phone writes it: EXIF with a GPS position, the camera's make and
    serial, an orientation, and an XMP packet naming the city."""
    exif = Image.Exif()
    exif[0x0112] = orientation
    exif[0x010F] = "MarkerCameraMake"
    exif[0xA431] = "SERIAL-123456"
    gps = exif.get_ifd(0x8825)
    gps.update({1: "N", 2: (32.0, 37.0, 0.0), 3: "E", 4: (36.0, 6.0, 0.0)})
    gps[0x001C] = "GPS area: Daraa"
    return image_bytes(width, height, exif=exif, xmp=XMP_PACKET)


def upload(data, name="photo.jpg", content_type="image/jpeg"):
    return SimpleUploadedFile(name, data, content_type=content_type)


def attach_headshot(contributor, data=None, **focus):
    record = images.store_upload(
        ContentFile(data or image_bytes(800, 600)),
        kind=images.HEADSHOT,
        focus=(focus.get("x", 50), focus.get("y", 50)),
    )
    contributor.headshot = record["original"]["name"]
    contributor.headshot_renditions = record
    contributor.headshot_focus_x = focus.get("x", 50)
    contributor.headshot_focus_y = focus.get("y", 50)
    contributor.save()
    return contributor


def attach_lead_image(article, data=None, alt="A marker alt text"):
    record = images.store_upload(
        ContentFile(data or image_bytes(1700, 1275)), kind=images.LEAD_IMAGE
    )
    article.lead_image = record["original"]["name"]
    article.lead_image_renditions = record
    article.lead_image_alt = alt
    article.save()
    return article
