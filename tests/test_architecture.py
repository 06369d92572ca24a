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
