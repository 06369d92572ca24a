"""Rebuild the search documents of all articles (after an upgrade that changes how
documents are built; edits rebuild their articles' documents themselves). With
``--background``, queue the work for the task worker in tasks of a few hundred
articles (newsroom/infra/tasks.py)."""

from django.core.management.base import BaseCommand

from newsroom.content.search import queue_search_rebuild, update_search_documents
from newsroom.models import Article


class Command(BaseCommand):
    help = "Rebuild the search document of every article."

    def add_arguments(self, parser):
        parser.add_argument(
            "--background",
            action="store_true",
            help="Queue the rebuild for the task worker instead of doing it now.",
        )

    def handle(self, *args, background=False, **options):
        articles = Article.objects.all()
        if background:
            ids = list(articles.values_list("pk", flat=True))
            tasks = queue_search_rebuild(ids)
            message = (
                f"Search index rebuild queued: {len(ids)} article(s), {tasks} task(s)."
            )
        else:
            count = update_search_documents(articles)
            message = f"Search index rebuilt: {count} article(s)."
        if options["verbosity"] >= 1:
            self.stdout.write(self.style.SUCCESS(message))
