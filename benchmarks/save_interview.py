"""How long an editor waits when saving a long interview in the admin: the POST of
the change form of a 60-segment interview, everything that follows the save
included (revision, search document, page cache, the prepared pages, all run when
the change commits, inside the request).

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/bench \\
    REDIS_URL=redis://127.0.0.1:6379/11 \\
        .venv/bin/python benchmarks/save_interview.py [--segments 60] [--saves 10]

It copies a published interview of the database (made by benchmarks/generate.py)
into a new one of ``--segments`` questions with the same bylines, tags and
interviewees, then saves its change form ``--saves`` times as a superuser
(``bench-admin``), changing one answer each time, and reports the median and the
slowest save with the load average. The copy is deleted at the end.
"""

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "benchmarks.settings")

import django  # noqa: E402

django.setup()

from django.test import Client  # noqa: E402

from benchmarks.inprocess import admin_client  # noqa: E402
from interviews.models import ArticleInterviewee, Segment  # noqa: E402
from newsroom.desk import changes  # noqa: E402
from newsroom.models import Article, Byline, Rendering  # noqa: E402
from tests.newsroom.admin_pages import form_data  # noqa: E402


def long_interview(segments):
    """A published copy of an interview of the archive, with ``segments``
    questions and answers taken from the archive's."""
    model = Article.objects.published().order_by("pk").first()
    if model is None:
        raise SystemExit("No published article: run benchmarks/generate.py first.")
    pool = list(Segment.objects.order_by("pk")[: segments * 2])
    with changes.batch(by=None):
        article = Article.objects.create(
            headline=f"A long interview of {segments} questions",
            dek=model.dek,
            intro=model.intro,
            language=model.language,
            series=model.series,
            status=Article.Status.PUBLISHED,
            published_at=model.published_at,
        )
        for byline in model.bylines.all():
            Byline.objects.create(
                article=article,
                contributor=byline.contributor,
                role=byline.role,
                position=byline.position,
            )
        for link in model.interviewee_links.all():
            ArticleInterviewee.objects.create(
                article=article, interviewee=link.interviewee, position=link.position
            )
        article.tags.set(list(model.tags.all()))
        for position, source in enumerate(pool[:segments], start=1):
            Segment.objects.create(
                article=article,
                position=position,
                question=source.question,
                answer=source.answer,
            )
    return article


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--segments", type=int, default=60)
    parser.add_argument("--saves", type=int, default=10)
    args = parser.parse_args()
    saves = max(1, min(args.saves, 50))
    article = long_interview(min(args.segments, 500))
    client: Client = admin_client()
    url = f"/admin/newsroom/article/{article.pk}/change/"
    times = []
    try:
        for n in range(saves):
            page = client.get(url)
            if page.status_code != 200:
                raise SystemExit(f"{url} answered {page.status_code}")
            data = form_data(page)
            answer = next(key for key in data if key.endswith("-answer"))
            data[answer] = f"{data[answer]} Edited {n}."
            data["_continue"] = "Save and continue editing"
            started = time.perf_counter()
            response = client.post(url, data)
            times.append((time.perf_counter() - started) * 1000)
            if response.status_code != 302:
                raise SystemExit(f"save {n + 1} answered {response.status_code}")
        rendering = Rendering.objects.get(article=article)
        if f"Edited {saves - 1}." not in rendering.body:
            raise SystemExit("the prepared page does not show the last save")
    finally:
        with changes.batch(by=None):
            Article.objects.filter(pk=article.pk).delete()
    load = os.getloadavg()[0]
    print(
        f"{saves} saves of a {args.segments}-segment interview: median "
        f"{statistics.median(times):.0f} ms, slowest {max(times):.0f} ms "
        f"(load average {load:.2f}, {time.strftime('%Y-%m-%d %H:%M %Z')})"
    )


if __name__ == "__main__":
    main()
