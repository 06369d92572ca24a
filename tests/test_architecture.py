"""newsroom is the lower app: it never imports interviews."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
IMPORT = re.compile(r"^\s*(from\s+interviews[\s.]|import\s+interviews\b)", re.M)


def test_newsroom_never_imports_interviews():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "newsroom").rglob("*.py")
        if IMPORT.search(path.read_text(encoding="utf-8"))
    ]
    assert offenders == []


def test_newsroom_templates_do_not_load_interviews_template_tags():
    for path in (ROOT / "templates" / "newsroom").rglob("*.html"):
        assert "{% load interviews" not in path.read_text(encoding="utf-8"), path


def test_templates_use_no_inline_styles_or_scripts():
    """Our Content-Security-Policy refuses inline <style>, style="" and inline
    scripts: everything goes through static files (JSON-LD data is not a script)."""
    offenders = []
    for path in (ROOT / "templates").rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        inline_script = re.search(
            r"<script(?![^>]*\b(src|type=\"application/ld\+json\")\b)", text
        )
        if "<style" in text or ' style="' in text or inline_script:
            offenders.append(str(path.relative_to(ROOT)))
    assert offenders == []


# -- one gate, one write path ------------------------------------------------------

STAFF_CODE = [
    *(ROOT / "newsroom" / "admin").rglob("*.py"),
    *(ROOT / "interviews").glob("admin*.py"),
    *(ROOT / "interviews").glob("import*.py"),
]
# Ways of reading articles, or what they contain, around the staff gate.
AROUND_THE_GATE = re.compile(
    r"\b(Article|Translation|Revision)\.(objects|_default_manager)\b"
    r"|get_object_or_404\(\s*(Article|Translation|Revision)\b"
    r"|\.on_desk_for\("
)


def test_staff_pages_read_articles_only_through_the_gate():
    """Every admin page gets articles and revisions from newsroom.desk.gate
    (``desk_for(request)``): a new page that reads them another way fails here."""
    offenders = [
        f"{path.relative_to(ROOT)}:{number}: {line.strip()}"
        for path in STAFF_CODE
        for number, line in enumerate(path.read_text().splitlines(), start=1)
        if AROUND_THE_GATE.search(line)
    ]
    assert offenders == []


def test_public_pages_read_only_published_articles():
    """Public pages start from Article.objects.published(); the two exceptions
    say why."""
    allowed = {
        # Reads the editions and related articles of an article already shown,
        # among published ones (ArticleQuerySet.editions_and_related).
        "Article.objects.editions_and_related(",
        # The page of a preview link: the link's article, for whoever holds it.
        "get_object_or_404(Article.objects.for_page(), pk=self.link.article_id)",
    }
    offenders = []
    for path in (ROOT / "newsroom" / "public").rglob("*.py"):
        if path.name == "page_cache.py":
            continue  # reads ids to key the pages it keeps; shows nothing
        for number, line in enumerate(path.read_text().splitlines(), start=1):
            for use in re.finditer(r"\bArticle\.objects\.(\w+)\(", line):
                if use.group(1) != "published" and not any(a in line for a in allowed):
                    offenders.append(f"{path.relative_to(ROOT)}:{number}")
    assert offenders == []


def test_every_part_and_subject_is_watched_by_the_write_path():
    """Writes the write path cannot see: a part whose queryset does not announce
    update()/bulk_create(), or raw SQL in the apps' code."""
    from django.db.models import signals

    from newsroom.content.parts import PARTS
    from newsroom.models import Article, RecordedQuerySet

    for model in [Article, *PARTS.part_models(), *PARTS.subject_models()]:
        if model._meta.app_label in ("newsroom", "interviews"):
            manager = model._default_manager
            assert isinstance(manager.get_queryset(), RecordedQuerySet), model
        assert signals.pre_save.has_listeners(model), model
        assert signals.pre_delete.has_listeners(model), model
    raw = [
        str(path.relative_to(ROOT))
        for folder in ("newsroom", "interviews")
        for path in (ROOT / folder).rglob("*.py")
        if "migrations" not in path.parts
        and re.search(r"\.raw\(|_raw_update|\bcursor\(\)", path.read_text())
    ]
    # Reading the planner's row estimate, search's ranking of the newest matches and
    # its planner setting (reads only), the health check's SELECT 1, and compiled
    # reads (SELECTs only: Compiled refuses anything else).
    assert sorted(raw) == [
        "newsroom/admin/parts.py",
        "newsroom/content/search.py",
        "newsroom/infra/health.py",
        "newsroom/models/compiled.py",
    ]
