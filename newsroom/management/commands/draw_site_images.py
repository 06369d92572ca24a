"""Draw the site's own images into static/img/ (newsroom.content.site_images)."""

from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from newsroom.content import site_images


class Command(BaseCommand):
    help = "Draw the share card, the logo and the icons into static/img/."

    def add_arguments(self, parser):
        parser.add_argument(
            "--tagline",
            default="Interviews in translation",
            help="The line under the site's name on the share card.",
        )

    def handle(self, *args, tagline, **options):
        folder = Path(settings.BASE_DIR) / "static" / "img"
        files = {
            "share-card.png": site_images.png(
                site_images.share_card(settings.NEWSROOM_SITE_NAME, tagline)
            ),
            "logo.png": site_images.png(site_images.icon(512)),
            "apple-touch-icon.png": site_images.png(
                site_images.icon(180).convert("RGB")
            ),
            "favicon.ico": site_images.ico(site_images.icon(48)),
        }
        for name, data in files.items():
            (folder / name).write_bytes(data)
            self.stdout.write(f"static/img/{name}: {len(data):,} bytes")
