from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from interviews.models import Interviewee
from newsroom.models import Article, Contributor, Correction

pytestmark = pytest.mark.django_db


def seed(*args):
    out = StringIO()
    call_command("seed_demo", *args, stdout=out)
    return out.getvalue()


def test_seed_demo_loads_a_believable_newsroom_and_is_idempotent(client, settings):
    settings.DEBUG = True
    first = seed()
    counts = (Article.objects.count(), Contributor.objects.count())
    second = seed()
    assert (Article.objects.count(), Contributor.objects.count()) == counts
    assert "7 new article(s)" in first and "0 new article(s)" in second
    assert "user editor  password newsroom-demo" in first

    published = Article.objects.published()
    assert published.count() >= 4
    assert Article.objects.filter(status="draft").count() >= 1
    assert all(a.series.name == "On the Record" for a in published)
    assert Correction.objects.count() == 2  # not added again by the second run
    assert all(a.segments.count() >= 6 for a in Article.objects.all())
    assert all(person.headshot for person in Contributor.objects.all())
    answers = [s.answer_html for a in published for s in a.segments.all()]
    assert any("<ol" in html for html in answers)
    assert any('class="insertion"' in html for html in answers)

    article = published.filter(language="en", translation_of=None).first()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Interview by" in page and "Translated by" in page


def test_seed_demo_shows_an_arabic_original_with_its_translation(client, settings):
    settings.DEBUG = True
    seed()
    seed()
    original = Article.objects.get(language="ar")
    translation = original.translations.get()
    assert translation.language == "en" and translation.is_published

    arabic = client.get(original.get_absolute_url()).content.decode()
    assert '<html lang="ar" dir="rtl">' in arabic
    assert "حاوره:" in arabic and "توضيح،" in arabic
    assert f'href="{translation.get_absolute_url()}"' in arabic
    english = client.get(translation.get_absolute_url()).content.decode()
    assert "Translated from Arabic by" in english
    assert "Correction, " in english

    # An anonymous interviewee: readers see the description, never the name.
    assert "A farmer in Kafr Takharim who asked not to be named" in english
    assert "مزارع من كفرتخاريم طلب عدم ذكر اسمه" in arabic
    assert "Abu Khaled" not in english + arabic
    assert Interviewee.objects.filter(is_anonymous=True).count() == 2

    # A lead image drawn by code, stored in its widths like an upload.
    for article in (original, translation):
        article.refresh_from_db()
        assert article.lead_picture and article.lead_image_alt
        assert article.og_image["width"] == 1200
    assert (
        'property="og:image" content="http://testserver/media/lead-images/' in english
    )


def test_seed_demo_creates_no_login_under_production_settings(settings):
    settings.DEBUG = False
    assert "No demo login created" in seed()
    assert not get_user_model().objects.exists()
