"""axe-core in the real browser on every kind of page readers use, in English and
in Arabic: no accessibility violation at all, whatever its impact. axe.min.js is
vendored from the npm package axe-core (MPL-2.0, licence in
vendor/axe-core.LICENSE)."""

from pathlib import Path

import pytest

from newsroom.models import Article, Byline
from tests.factories import (
    make_byline,
    make_contributor,
    make_correction,
    make_interview,
    make_series,
    reindex,
)

pytestmark = pytest.mark.django_db(transaction=True)

AXE = Path(__file__).parent / "vendor" / "axe.min.js"


@pytest.fixture
def site():
    series = make_series(name="On the Record", description="Translated interviews.")
    person = make_contributor(
        name="Layla Haddad",
        title="Reporter, Amman",
        bio="Layla reports from **Amman**.",
        bio_ar="ليلى حداد صحفية في عمّان.",
    )
    original = make_interview(
        series=series,
        headline="المتحدث يشرح نقص المياه",
        dek="مقابلة عن الآبار",
        language=Article.Language.ARABIC,
    )
    article = make_interview(
        series=series,
        headline="Saraqib wells run dry, says council member",
        dek="A council member on rationing.",
        translation_of=original,
        tags=0,
    )
    article.tags.add("Saraqib", "water")
    make_byline(article, person, Byline.Role.REPORTER)
    make_byline(original, person, Byline.Role.INTERVIEWER)
    make_correction(article, text="An earlier version misspelled the town.")
    make_correction(original, kind="clarification", text="أُضيف اسم البلدة.")
    make_interview(series=series, headline="Another wells story", tags=0)
    reindex(article)
    return {"article": article, "person": person, "series": series}


@pytest.fixture
def page(browser):
    """A page that may inject axe-core although our CSP forbids inline scripts:
    the test's own script is the only one the policy is lifted for."""
    context = browser.new_context(bypass_csp=True)
    context.set_default_timeout(15_000)
    page = context.new_page()
    yield page
    context.close()


def violations(page, url):
    page.goto(url)
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    return [
        (v["id"], v["impact"], [node["target"] for node in v["nodes"]][:3])
        for v in result["violations"]
    ]


@pytest.mark.parametrize(
    "path",
    [
        "home",
        "article",
        "arabic article",
        "search",
        "arabic search",
        "tag",
        "series",
        "contributor",
        "corrections",
        "not found",
    ],
)
def test_reader_pages_have_no_serious_accessibility_violations(
    page, live_server, site, path
):
    article = site["article"]
    url = {
        "home": "/",
        "article": article.get_absolute_url(),
        "arabic article": article.translation_of.get_absolute_url(),
        "search": "/search/?q=wells",
        "arabic search": "/search/?q=الآبار",
        "tag": "/tags/saraqib/",
        "series": site["series"].get_absolute_url(),
        "contributor": site["person"].get_absolute_url(),
        "corrections": "/corrections/",
        "not found": "/articles/no-such-article/",
    }[path]
    assert violations(page, f"{live_server.url}{url}") == []


def test_axe_reports_a_real_violation(page, live_server, site):
    """The check above is not vacuous: an image without alt text is caught."""
    page.goto(f"{live_server.url}/")
    page.evaluate(
        "() => document.querySelector('main').insertAdjacentHTML("
        "'beforeend', '<img src=\"/static/img/favicon.svg\">')"
    )
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {resultTypes: ['violations']})")
    assert "image-alt" in {v["id"] for v in result["violations"]}
