"""Load the demo newsroom: series, contributors with headshots, interviews, a login.

Among the interviews: an Arabic original with its English translation (linked
editions), an anonymous interviewee, a lead image drawn here (no downloaded file)
and corrections, so that a newcomer sees those features on the site.

Idempotent: everything is looked up by slug (or username) first, so running it again
creates nothing twice and leaves editors' changes to demo rows alone.
"""

import json
from datetime import datetime
from pathlib import Path

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.files.base import ContentFile
from django.core.management.base import BaseCommand, CommandError

from interviews.demo.pictures import hillside_with_solar_panels, initials_headshot
from interviews.models import Interviewee
from interviews.services import import_transcript
from interviews.transcript import Segment as ParsedSegment
from interviews.transcript import Transcript
from newsroom.content import images
from newsroom.desk import changes, workflow
from newsroom.models import Article, Byline, Contributor, Series

DEMO_FILE = Path(__file__).resolve().parents[2] / "demo" / "interviews.json"
DEMO_USERNAME = "editor"
DEMO_PASSWORD = "newsroom-demo"


class Command(BaseCommand):
    help = "Load demo series, contributors and interviews, and a demo admin login."

    def add_arguments(self, parser):
        parser.add_argument(
            "--no-login",
            action="store_true",
            help="Do not create the demo admin login.",
        )

    def handle(self, *args, no_login=False, **options):
        self.verbosity = options["verbosity"]
        try:
            demo = json.loads(DEMO_FILE.read_text(encoding="utf-8"))
        except (OSError, ValueError) as error:
            raise CommandError(
                f"Cannot read the demo content {DEMO_FILE}: {error}"
            ) from error
        created = self.load(demo)
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo content: {created} new article(s), "
                f"{Article.objects.count()} in all."
            )
        )
        if not no_login:
            self.create_login()

    def load(self, demo):
        # One unit of change: what follows (search, revisions, pages) once.
        with changes.batch():
            return self._load(demo)

    def _load(self, demo):
        for data in demo["series"]:
            Series.objects.get_or_create(
                slug=data["slug"],
                defaults={"name": data["name"], "description": data["description"]},
            )
        for data in demo["contributors"]:
            person, _ = Contributor.objects.get_or_create(
                slug=data["slug"],
                defaults={
                    "name": data["name"],
                    "title": data["title"],
                    "bio": data["bio"],
                    "bio_ar": data.get("bio_ar", ""),
                },
            )
            if not person.headshot:
                record = images.store_upload(
                    ContentFile(initials_headshot(person.name)), kind=images.HEADSHOT
                )
                person.headshot = record["original"]["name"]
                person.headshot_renditions = record
                person.save()
        created = 0
        for data in demo["articles"]:
            if Article.objects.filter(slug=data["slug"]).exists():
                continue
            self.create_article(data)
            created += 1
            if self.verbosity >= 2:
                self.stdout.write(f"  added {data['slug']}")
        return created

    def create_article(self, data):
        people = {
            b["role"]: Contributor.objects.get(slug=b["contributor"])
            for b in data["bylines"]
        }
        extra = [
            (people[role], role)
            for role in people
            if role not in (Byline.Role.INTERVIEWER, Byline.Role.TRANSLATOR)
        ]
        interviewee = demo_interviewee(data["interviewees"][0])
        transcript = Transcript(
            headline=data["headline"],
            dek=data["dek"],
            series=None,
            date=None,
            intro=[p for p in data["intro"].split("\n\n") if p.strip()],
            segments=[
                ParsedSegment(question=s["question"], answer=s["answer"])
                for s in data["segments"]
            ],
            bios=[],
            warnings=[],
        )
        published_at = data["published_at"]
        article = import_transcript(
            transcript=transcript,
            series=Series.objects.get(slug=data["series"]),
            interviewer=people.get(Byline.Role.INTERVIEWER),
            translator=people.get(Byline.Role.TRANSLATOR),
            interviewee=interviewee,
            extra_bylines=extra,
            language=data["language"],
            status=data["status"],
            published_at=datetime.fromisoformat(published_at) if published_at else None,
            slug=data["slug"],
            tags=data["tags"],
        )
        if data.get("translation_of"):
            article.translation_of = Article.objects.get(slug=data["translation_of"])
            article.save(update_fields=["translation_of"])
        if data.get("lead_image"):
            add_lead_image(article, data["lead_image"])
        for correction in data.get("corrections", ()):
            workflow.add_correction(
                article=article,
                kind=correction["kind"],
                text=correction["text"],
                by=None,
            )

    def create_login(self):
        if not settings.DEBUG:
            self.stdout.write(
                "No demo login created: DJANGO_DEBUG is off (production settings). "
                "Use `manage.py createsuperuser`."
            )
            return
        User = get_user_model()
        user, created = User.objects.get_or_create(
            username=DEMO_USERNAME,
            defaults={"is_staff": True, "is_superuser": True, "email": ""},
        )
        if created:
            user.set_password(DEMO_PASSWORD)
            user.save()
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo admin login: http://127.0.0.1:8000/admin/  "
                f"user {DEMO_USERNAME}  password {DEMO_PASSWORD}"
                + ("" if created else "  (already existed; password unchanged)")
            )
        )


def demo_interviewee(person):
    """The demo interviewee, anonymous when the demo says so: readers see only
    the public description (one per edition, in its language)."""
    if not person.get("anonymous"):
        found, _ = Interviewee.objects.get_or_create(
            name=person["name"],
            defaults={"title": person["title"], "organisation": person["organisation"]},
        )
        return found
    found, _ = Interviewee.objects.get_or_create(
        name=person["name"],
        public_description=person["public_description"],
        defaults={
            "title": person["title"],
            "organisation": person["organisation"],
            "is_anonymous": True,
        },
    )
    return found


def add_lead_image(article, image):
    """Draw the demo lead image and store it as an upload would be."""
    record = images.store_upload(
        ContentFile(hillside_with_solar_panels()), kind=images.LEAD_IMAGE
    )
    article.lead_image = record["original"]["name"]
    article.lead_image_renditions = record
    article.lead_image_alt = image["alt"]
    article.lead_image_caption = image["caption"]
    article.lead_image_credit = image["credit"]
    article.full_clean(exclude=["slug"])
    article.save()
