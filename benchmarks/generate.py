"""Fill the configured database (DATABASE_URL) with a deterministic archive of
interviews for the benchmarks: the same --articles and --seed give the same rows.

    .venv/bin/python benchmarks/generate.py [--articles 2000] [--flush]
        [--seed 6] [--reference-date YYYY-MM-DD]

Each interview has 12 questions and answers, 3 tags from a few hundred (a few of
them very popular), an interviewer and a translator with bios (from a few hundred
contributors), a series, interviewees, an intro and a dek. Most are published over
the ten years before the reference date (by default the start of today, UTC); about
1.5% are drafts, 0.5% in review and 1% scheduled for the next month. The database is
migrated first. It must hold no content unless --flush is given, which empties the
content tables (users and groups stay).

Then the published articles' pages are prepared, as the write path would have
(benchmarks/preparing.py: the first page of every list first, then the rest, newest
first; about 20 a second). --no-prepare leaves that out; --only-prepare does only
that, for the pages not prepared yet (it resumes an interrupted preparation).
"""

import argparse
import os
import sys
import time
from pathlib import Path
from urllib.parse import unquote, urlsplit, urlunsplit

import psycopg
from psycopg import sql

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
MAX_ARTICLES = 1_000_000


def create_database(url):
    """Create the PostgreSQL database named in ``url`` if it does not exist yet
    (SQLite creates its file by itself)."""
    if not url.startswith(("postgres://", "postgresql://")):
        return
    parts = urlsplit(url)
    name = unquote(parts.path.lstrip("/"))
    server = urlunsplit(parts._replace(path="/postgres"))
    with psycopg.connect(server, autocommit=True, connect_timeout=5) as db:
        if not db.execute(
            "SELECT 1 FROM pg_database WHERE datname = %s", [name]
        ).fetchone():
            db.execute(sql.SQL("CREATE DATABASE {}").format(sql.Identifier(name)))
            print(f"Created the database {name}")


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--articles", type=int, default=2000, help="default 2000")
    parser.add_argument("--seed", type=int, default=6)
    parser.add_argument(
        "--reference-date",
        help="date (YYYY-MM-DD, not after today) the archive ends on; default today",
    )
    parser.add_argument(
        "--no-prepare",
        dest="prepare",
        action="store_false",
        help="leave the articles' pages to be prepared by their first readers",
    )
    parser.add_argument(
        "--only-prepare",
        action="store_true",
        help="generate nothing: prepare the pages not prepared yet (resumes an "
        "interrupted preparation)",
    )
    parser.add_argument(
        "--flush",
        action="store_true",
        help="empty the content tables first if the database holds content",
    )
    args = parser.parse_args(argv)
    if not 1 <= args.articles <= MAX_ARTICLES:
        parser.error(f"--articles must be between 1 and {MAX_ARTICLES:,}")

    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")
    create_database(os.environ.get("DATABASE_URL", ""))
    import django

    django.setup()
    from django.conf import settings
    from django.core.management import call_command
    from django.db import connection
    from django.utils import timezone

    from benchmarks import dataset

    # Debug mode would keep the SQL of every bulk insert in memory.
    settings.DEBUG = False
    reference = None
    if args.reference_date:
        reference = dataset.parse_reference(args.reference_date)
        if reference > timezone.now():
            parser.error("--reference-date must not be after today")

    started = time.monotonic()
    call_command("migrate", verbosity=0)
    database = connection.settings_dict["NAME"]

    from benchmarks import preparing
    from newsroom.desk import changes

    if args.only_prepare:
        prepared = preparing.prepare_archive(
            log=lambda line: print(f"  {line}", flush=True)
        )
        print(f"Prepared {prepared:,} pages in {time.monotonic() - started:.1f} s.")
        return
    print(f"Generating {args.articles:,} articles into {connection.vendor} {database}")
    try:
        # The generator writes what the write path would (reading times, search
        # documents, HTML) itself, in bulk.
        with changes.unrecorded():
            counts = dataset.generate(
                articles=args.articles,
                seed=args.seed,
                reference=reference,
                replace=args.flush,
                log=lambda line: print(f"  {line}", flush=True),
            )
    except dataset.NotEmpty as error:
        sys.exit(f"{error} Pass --flush to replace the content.")
    if args.prepare:
        # What the write path does when a change commits: every published
        # article's page and teaser prepared for readers.
        counts["prepared pages"] = preparing.prepare_archive(
            log=lambda line: print(f"  {line}", flush=True)
        )
    seconds = time.monotonic() - started
    width = max(len(name) for name in counts)
    for name, count in counts.items():
        print(f"  {name:<{width}}  {count:>10,}")
    print(f"Done in {seconds:.1f} s ({args.articles / seconds:,.0f} articles/s).")


if __name__ == "__main__":
    main()
