"""Prepare the readers' pages of published articles now (newsroom/public/
prepared.py), newest first: after a deploy that changed templates or
translations, every kept page is of an older generation and would otherwise be
prepared again by its first reader. Pages still current are left alone unless
``--all``."""

import time

from django.core.management.base import BaseCommand

from newsroom.models import Article
from newsroom.public import prepared


class Command(BaseCommand):
    help = "Prepare the pages of published articles whose kept page is not current."

    def add_arguments(self, parser):
        parser.add_argument(
            "--all",
            action="store_true",
            help="Prepare every published article's page, current or not.",
        )

    def handle(self, *args, all=False, **options):
        started = time.monotonic()
        rows = Article.objects.published().values_list("pk", "rendering__page_versions")
        wanted = [
            pk for pk, versions in rows if all or not prepared.is_current(versions)
        ]
        for pk in wanted:
            prepared.prepare(pk)
        if options["verbosity"] >= 1:
            seconds = time.monotonic() - started
            self.stdout.write(
                self.style.SUCCESS(
                    f"Prepared {len(wanted)} page(s) of {len(rows)} published "
                    f"article(s) in {seconds:.1f} s."
                )
            )
