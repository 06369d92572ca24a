"""Rebuild the search documents of all articles (after an upgrade that changes
how documents are built; edits rebuild their articles' documents themselves)."""

from django.core.management.base import BaseCommand

from newsroom.content.search import update_search_document
from newsroom.models import Article


class Command(BaseCommand):
    help = "Rebuild the search document of every article."

    def handle(self, *args, **options):
        count = 0
        for article in Article.objects.select_related("series").iterator(
            chunk_size=500
        ):
            update_search_document(article)
            count += 1
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(f"Search index rebuilt: {count} article(s).")
            )
