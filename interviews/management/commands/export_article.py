"""Write an article back as a plain-text transcript (or JSON) that
``import_transcript`` reads to the same headline, intro and segments.

    python manage.py export_article SLUG [--json] [--output FILE]
"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from interviews.services import export_article
from newsroom.models import Article


class Command(BaseCommand):
    help = "Export an article as a plain-text transcript, or as JSON with --json."

    def add_arguments(self, parser):
        parser.add_argument("slug")
        parser.add_argument(
            "--json", action="store_true", help="JSON in the import's dry-run shape."
        )
        parser.add_argument("--output", help="Write to this file instead of stdout.")

    def handle(self, *args, slug, **options):
        article = Article.objects.filter(slug=slug).first()
        if article is None:
            raise CommandError(f"No article with the slug “{slug}”.")
        text = export_article(article=article, as_json=options["json"])
        if options["output"]:
            Path(options["output"]).write_text(text, encoding="utf-8")
            self.stdout.write(self.style.SUCCESS(f"Wrote {options['output']}"))
        else:
            self.stdout.write(text, ending="")
