from io import StringIO

import pytest
from django.contrib.auth import get_user_model
from django.core.management import call_command

from newsroom.models import Article, Contributor

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
    assert "5 new article(s)" in first and "0 new article(s)" in second
    assert "user editor  password newsroom-demo" in first

    published = Article.objects.published()
    assert published.count() >= 4
    assert Article.objects.filter(status="draft").count() >= 1
    assert all(a.series.name == "On the Record" for a in published)
    assert all(a.segments.count() >= 6 for a in Article.objects.all())
    assert all(person.headshot for person in Contributor.objects.all())
    answers = [s.answer_html for a in published for s in a.segments.all()]
    assert any("<ol" in html for html in answers)
    assert any('class="insertion"' in html for html in answers)

    article = published.first()
    page = client.get(article.get_absolute_url()).content.decode()
    assert "Interview by" in page and "Translated by" in page


def test_seed_demo_creates_no_login_under_production_settings(settings):
    settings.DEBUG = False
    assert "No demo login created" in seed()
    assert not get_user_model().objects.exists()
