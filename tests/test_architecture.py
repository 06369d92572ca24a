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
