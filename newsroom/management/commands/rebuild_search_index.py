"""Rebuild the search documents of all articles (after an upgrade, or when names,
tags or aliases changed outside the admin)."""

from django.core.management.base import BaseCommand

from newsroom.desk.workflow import update_search_documents
from newsroom.models import Article


class Command(BaseCommand):
    help = "Rebuild the search document of every article."

    def handle(self, *args, **options):
        articles = Article.objects.all()
        update_search_documents(articles=articles)
        if options["verbosity"] >= 1:
            self.stdout.write(
                self.style.SUCCESS(
                    f"Search index rebuilt: {articles.count()} article(s)."
                )
            )
