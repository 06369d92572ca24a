"""schema.org data for search engines, built as plain dicts and rendered by the
``json_ld`` template filter (escaped like ``json_script``, so no text can close the
``<script>`` element)."""

from django.conf import settings
from django.templatetags.static import static
from django.utils.html import strip_tags

from newsroom.models import Byline
from newsroom.public import metadata

SCHEMA = "https://schema.org"


def person(contributor, absolute):
    data = {
        "@type": "Person",
        "name": contributor.name,
        "url": absolute(contributor.get_absolute_url()),
    }
    if contributor.title:
        data["jobTitle"] = contributor.title
    if contributor.headshot:
        data["image"] = absolute(contributor.headshot.url)
    return data


def publisher(absolute):
    return {
        "@type": "NewsMediaOrganization",
        "name": settings.NEWSROOM_SITE_NAME,
        "url": absolute("/"),
        "logo": {
            "@type": "ImageObject",
            "url": absolute(static("img/logo.png")),
            "width": 512,
            "height": 512,
        },
    }


def _edition(article, absolute):
    return {
        "@type": "NewsArticle",
        "@id": absolute(article.get_absolute_url()),
        "headline": article.headline,
        "inLanguage": article.language,
    }


def news_article(article, *, absolute, editions=()):
    """A ``NewsArticle`` for an article page. ``absolute`` turns a path into a URL;
    ``editions`` are the article's published other-language editions."""
    url = absolute(article.get_absolute_url())
    authors = [
        *article.contributors_with_role(Byline.Role.REPORTER),
        *article.contributors_with_role(Byline.Role.INTERVIEWER),
    ]
    data = {
        "@context": SCHEMA,
        "@type": "NewsArticle",
        "@id": url,
        "url": url,
        "mainEntityOfPage": url,
        "headline": article.headline[:110],
        "description": metadata.article_description(article),
        "datePublished": article.published_at.isoformat()
        if article.published_at
        else None,
        "dateModified": article.updated_at.isoformat(),
        "inLanguage": article.language,
        # An article credits no reporter or interviewer: the newsroom is its author.
        "author": [person(c, absolute) for c in dict.fromkeys(authors)]
        or [publisher(absolute)],
        "publisher": publisher(absolute),
    }
    translators = article.contributors_with_role(Byline.Role.TRANSLATOR)
    if translators:
        data["translator"] = [person(c, absolute) for c in translators]
    shared = metadata.article_share_image(article)
    image = {
        "@type": "ImageObject",
        "url": absolute(shared.url),
        "width": shared.width,
        "height": shared.height,
    }
    if article.og_image and article.lead_image_caption:
        image["caption"] = article.lead_image_caption
    data["image"] = [image]
    if article.series_id:
        data["isPartOf"] = {
            "@type": "CreativeWorkSeries",
            "name": article.series.name,
            "url": absolute(article.series.get_absolute_url()),
        }
    corrections = [
        {
            "@type": "CorrectionComment",
            "text": correction.text,
            "datePublished": correction.created_at.isoformat(),
            "url": f"{url}#correction-{correction.pk}",
        }
        for correction in article.corrections.all()
    ]
    if corrections:
        data["correction"] = corrections
    for edition in editions:
        if edition.pk == article.translation_of_id:
            data["translationOfWork"] = _edition(edition, absolute)
        elif edition.translation_of_id == article.pk:
            data.setdefault("workTranslation", []).append(_edition(edition, absolute))
    return {key: value for key, value in data.items() if value not in (None, "")}


def profile_page(contributor, *, absolute):
    """A ``ProfilePage`` whose main entity is the contributor as a ``Person``."""
    data = {"@context": SCHEMA, **person(contributor, absolute)}
    if contributor.bio_html:
        data["description"] = strip_tags(contributor.bio_html).strip()[:500]
    data["worksFor"] = publisher(absolute)
    return data
