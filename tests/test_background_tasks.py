"""Background tasks on the database queue (django-tasks): a failed task is tried
again later and every attempt is visible to editors in the admin; running a task
twice has the effect of running it once."""

from datetime import timedelta

import pytest
import time_machine
from django.core.management import call_command
from django.db import OperationalError
from django.utils import timezone
from django_tasks_db.management.commands import db_worker
from django_tasks_db.models import DBTaskResult

from newsroom.content.search import rebuild_search_documents
from newsroom.infra import edge
from newsroom.infra.background import ATTEMPTS, RETRY_DELAYS
from newsroom.models import SearchDocument
from newsroom.public import page_cache
from tests.factories import make_interview, make_user

pytestmark = pytest.mark.django_db

TASKS_ADMIN = "/admin/django_tasks_database/dbtaskresult/"


class FlakyPurger:
    """Refused while ``down``, like a Varnish being restarted."""

    down = True
    purged = []

    def purge(self, keys):
        if FlakyPurger.down:
            raise ConnectionRefusedError(111, "Connection refused")
        FlakyPurger.purged.append(sorted(keys))


class BrokenPurger:
    def purge(self, keys):
        raise ValueError("a bug, not an outage")


@pytest.fixture
def queue(settings, monkeypatch):
    """Tasks wait in the database, as in production, until ``work()``."""
    # Between tasks the worker closes connections that are not in autocommit mode,
    # as this test's (in its transaction) is: the worker runs here on the test's.
    monkeypatch.setattr(db_worker, "close_old_connections", lambda: None)
    settings.TASKS = {
        "default": {
            "BACKEND": "django_tasks_db.DatabaseBackend",
            "QUEUES": ["default", "edge"],
        }
    }
    FlakyPurger.down, FlakyPurger.purged = True, []
    settings.NEWSROOM_EDGE_PURGER = "tests.test_background_tasks.FlakyPurger"


def work():
    """What the worker does: run every task that is due, then stop."""
    call_command(
        "db_worker",
        "--batch",
        "--queue-name=*",
        "--interval=0",
        "--no-startup-delay",
        "--no-reload",
        verbosity=0,
    )


def attempts():
    return [
        (row.status, row.args_kwargs["kwargs"].get("attempt", 1))
        for row in DBTaskResult.objects.order_by("enqueued_at")
    ]


def test_a_failed_purge_is_tried_again_later(queue):
    page_cache.bump({"article:4", page_cache.SITE})
    assert attempts() == [("READY", 1)]
    work()
    assert attempts() == [("FAILED", 1), ("READY", 2)]
    retry = DBTaskResult.objects.get(status="READY")
    delay = (retry.run_after - timezone.now()).total_seconds()
    assert RETRY_DELAYS[0] - 2 < delay <= RETRY_DELAYS[0]
    work()  # not due yet
    assert attempts()[-1] == ("READY", 2)

    FlakyPurger.down = False
    with time_machine.travel(timezone.now() + timedelta(seconds=RETRY_DELAYS[0] + 1)):
        work()
    assert FlakyPurger.purged == [["article:4", "site"]]
    assert attempts()[:2] == [("FAILED", 1), ("SUCCESSFUL", 2)]


def test_every_purge_is_sent_again_once_requests_begun_before_it_are_over(
    queue, settings
):
    FlakyPurger.down = False
    page_cache.bump({"article:5"})
    work()
    again = DBTaskResult.objects.get(status="READY")
    assert again.args_kwargs["kwargs"]["again"] is False
    later = settings.NEWSROOM_EDGE_REPURGE_SECONDS + 1
    with time_machine.travel(timezone.now() + timedelta(seconds=later)):
        work()
    assert FlakyPurger.purged == [["article:5"], ["article:5"]]
    assert not DBTaskResult.objects.filter(status="READY").exists()


def test_a_task_that_keeps_failing_is_given_up_after_the_last_attempt(queue, client):
    edge.purge_edge.enqueue(["site"], attempt=ATTEMPTS)
    work()
    assert attempts() == [("FAILED", ATTEMPTS)]
    client.force_login(make_user("Editor"))
    given_up = client.get(TASKS_ADMIN + "?state=given-up").content.decode()
    assert f"{ATTEMPTS} of {ATTEMPTS}" in given_up


def test_a_queue_that_cannot_be_written_to_does_not_fail_the_change(
    queue, monkeypatch, caplog
):
    def unavailable(*args, **kwargs):
        raise OperationalError("the database is restarting")

    monkeypatch.setattr(DBTaskResult.objects, "create", unavailable)
    page_cache.bump({"site"})
    assert "purge of 1 key(s) not queued" in caplog.text


def test_a_bug_is_recorded_once_and_not_tried_again(queue, settings):
    settings.NEWSROOM_EDGE_PURGER = "tests.test_background_tasks.BrokenPurger"
    page_cache.bump({"site"})
    work()
    assert attempts() == [("FAILED", 1)]
    assert "a bug, not an outage" in DBTaskResult.objects.get().traceback


def test_editors_see_failed_tasks_and_their_retries(queue, client):
    page_cache.bump({"article:9", "site"})
    work()
    client.force_login(make_user("Editor"))
    response = client.get(TASKS_ADMIN)
    assert response.status_code == 200
    page = response.content.decode()
    assert "Purge 2 key(s) from the edge cache" in page
    assert "1 of 5" in page and "2 of 5" in page
    assert "ConnectionRefusedError" in page
    failed = client.get(TASKS_ADMIN + "?state=failed").content.decode()
    assert "1 of 5" in failed and "2 of 5" not in failed
    row = DBTaskResult.objects.get(status="FAILED")
    detail = client.get(f"{TASKS_ADMIN}{row.pk}/change/").content.decode()
    assert "Connection refused" in detail


def test_reporters_and_translators_do_not_see_tasks(queue, client):
    for role in ("Reporter", "Translator"):
        client.force_login(make_user(role))
        assert client.get(TASKS_ADMIN).status_code == 403


def test_rebuilding_search_documents_twice_changes_nothing_more():
    articles = [make_interview(headline=f"Headline Plover {n}") for n in range(3)]
    ids = [article.pk for article in articles]
    SearchDocument.objects.filter(article_id__in=ids).delete()
    documents = SearchDocument.objects.filter(article_id__in=ids).order_by("article")
    fields = ["article", "text_a", "text_b", "text_c", "text_d", "pieces"]
    first = rebuild_search_documents.enqueue(ids)
    assert first.return_value == 3
    rows = list(documents.values(*fields))
    assert len(rows) == 3
    rebuild_search_documents.enqueue(ids)
    assert list(documents.values(*fields)) == rows


def test_the_search_index_can_be_rebuilt_by_the_worker(queue, settings):
    articles = [make_interview(headline=f"Headline Turnstone {n}") for n in range(3)]
    SearchDocument.objects.all().delete()
    call_command("rebuild_search_index", "--background", verbosity=0)
    assert attempts() == [("READY", 1)]
    work()
    assert attempts() == [("SUCCESSFUL", 1)]
    assert SearchDocument.objects.count() == len(articles)
