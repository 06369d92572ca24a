"""Tag aliases: declare one, tag with it, follow its address, merge variants."""

import pytest
from django.core.exceptions import ValidationError
from taggit.models import Tag

from newsroom.desk.workflow import merge_tags
from newsroom.models import Article, TagAlias
from tests.factories import make_article, make_tag_alias

pytestmark = pytest.mark.django_db


def article_form(**fields):
    data = {
        "headline": "Tagged through the admin",
        "slug": "",
        "dek": "",
        "intro": "",
        "status": "published",
        "published_at_0": "",
        "published_at_1": "",
        "language": "en",
        "tags": "",
        "bylines-TOTAL_FORMS": "0",
        "bylines-INITIAL_FORMS": "0",
        "interviewee_links-TOTAL_FORMS": "0",
        "interviewee_links-INITIAL_FORMS": "0",
        "segments-TOTAL_FORMS": "0",
        "segments-INITIAL_FORMS": "0",
    }
    return {**data, **fields}


def test_editor_declares_an_alias_on_the_tag_page(editor_client):
    article = make_article(headline="Quiet headline", tags=["Ahrar al-Sham"])
    tag = Tag.objects.get(name="Ahrar al-Sham")
    response = editor_client.post(
        f"/admin/taggit/tag/{tag.pk}/change/",
        {
            "name": "Ahrar al-Sham",
            "slug": "ahrar-al-sham",
            "aliases-TOTAL_FORMS": "1",
            "aliases-INITIAL_FORMS": "0",
            "aliases-0-name": "Ahrar a-Sham",
            "aliases-0-slug": "ahrar-a-sham",
        },
    )
    assert response.status_code == 302
    alias = TagAlias.objects.get()
    assert (alias.name, alias.slug, alias.tag) == ("Ahrar a-Sham", "ahrar-a-sham", tag)
    assert alias.key == "ahrar sham"
    response = editor_client.post(
        "/admin/newsroom/tagalias/add/",
        {"name": "Harakat Ahrar", "slug": "harakat-ahrar", "tag": tag.pk},
    )
    assert response.status_code == 302
    # Declared aliases become part of the tagged articles' search documents.
    article.search_document.refresh_from_db()
    assert " harakat ahrar " in article.search_document.text_b
    html = editor_client.get("/search/", {"q": "Harakat Ahrar"}).content.decode()
    assert article.headline in html


def test_an_alias_cannot_take_the_name_of_another_tag():
    Tag.objects.create(name="ISIS")
    with pytest.raises(ValidationError, match="merge it"):
        make_tag_alias("Islamic State", "isis")


def test_tagging_with_an_alias_or_a_variant_attaches_the_canonical_tag(editor_client):
    make_tag_alias("Ahrar al-Sham", "Ahrar a-Sham")
    make_tag_alias("Marea", "Mariaa")
    response = editor_client.post(
        "/admin/newsroom/article/add/",
        article_form(tags="Ahrar a-Sham, Mariaa, ahrar ash-sham, Idlib"),
    )
    assert response.status_code == 302
    article = Article.objects.get()
    assert sorted(article.tags.names()) == ["Ahrar al-Sham", "Idlib", "Marea"]
    assert Tag.objects.filter(name__in=["Ahrar a-Sham", "Mariaa"]).count() == 0


def test_an_alias_address_redirects_permanently_to_the_tag(client):
    make_article(tags=["Ahrar al-Sham"])
    make_tag_alias("Ahrar al-Sham", "Ahrar a-Sham")
    response = client.get("/tags/ahrar-a-sham/")
    assert response.status_code == 301
    assert response["Location"] == "/tags/ahrar-al-sham/"
    assert client.get(response["Location"]).status_code == 200


def test_an_alias_of_a_tag_only_on_drafts_is_not_found(client):
    make_article(tags=["Secret Group"], status=Article.Status.DRAFT)
    make_tag_alias("Secret Group", "Sekret Group")
    assert client.get("/tags/sekret-group/").status_code == 404


def test_merge_keeps_every_article_and_turns_merged_tags_into_aliases(client):
    only_a = make_article(tags=["Ahrar a-Sham"])
    only_b = make_article(tags=["Ahrar al-Sham"])
    both = make_article(tags=["Ahrar a-Sham", "Ahrar al-Sham", "Idlib"])
    variant = Tag.objects.get(name="Ahrar a-Sham")
    canonical = Tag.objects.get(name="Ahrar al-Sham")
    make_tag_alias(variant, "Ahrar as-Sham")

    moved = merge_tags(tags=[variant, canonical], into=canonical)

    assert moved == 2
    tagged = Article.objects.filter(tagged_items__tag=canonical)
    assert sorted(tagged.values_list("pk", flat=True)) == sorted(
        [only_a.pk, only_b.pk, both.pk]
    )
    assert sorted(both.tags.names()) == ["Ahrar al-Sham", "Idlib"]
    assert not Tag.objects.filter(name="Ahrar a-Sham").exists()
    assert set(canonical.aliases.values_list("name", flat=True)) == {
        "Ahrar a-Sham",
        "Ahrar as-Sham",
    }
    response = client.get("/tags/ahrar-a-sham/")
    assert response.status_code == 301
    assert response["Location"] == "/tags/ahrar-al-sham/"
    page = client.get("/tags/ahrar-al-sham/").content.decode()
    for article in (only_a, only_b, both):
        assert article.headline in page


def test_editor_merges_tags_with_the_admin_action(editor_client):
    first = make_article(tags=["Marea"])
    second = make_article(tags=["Mariaa"])
    ids = list(Tag.objects.values_list("pk", flat=True))
    keep = Tag.objects.get(name="Marea")
    confirm = editor_client.post(
        "/admin/taggit/tag/",
        {"action": "merge_selected_tags", "_selected_action": ids},
    )
    assert confirm.status_code == 200
    page = confirm.content.decode()
    assert "Keep this tag" in page and "2 articles" in page
    done = editor_client.post(
        "/admin/taggit/tag/",
        {
            "action": "merge_selected_tags",
            "_selected_action": ids,
            "apply": "1",
            "into": keep.pk,
        },
        follow=True,
    )
    assert "Merged Mariaa into Marea: 1 article moved" in done.content.decode()
    assert list(first.tags.names()) == ["Marea"]
    assert list(second.tags.names()) == ["Marea"]
    assert TagAlias.objects.get().name == "Mariaa"


def test_merge_action_needs_two_tags(editor_client):
    make_article(tags=["Marea"])
    response = editor_client.post(
        "/admin/taggit/tag/",
        {
            "action": "merge_selected_tags",
            "_selected_action": list(Tag.objects.values_list("pk", flat=True)),
        },
        follow=True,
    )
    assert "Select two or more tags to merge." in response.content.decode()


def test_admin_lists_likely_duplicates(editor_client):
    make_article(tags=["Ahrar a-Sham", "Ahrar al-Sham", "Idlib", "Dābiq", "Dabiq"])
    response = editor_client.get("/admin/taggit/tag/", {"duplicates": "yes"})
    assert response.status_code == 200
    shown = {tag.name for tag in response.context["cl"].result_list}
    assert shown == {"Ahrar a-Sham", "Ahrar al-Sham", "Dābiq", "Dabiq"}
    everything = editor_client.get("/admin/taggit/tag/").content.decode()
    assert "Idlib" in everything and "ahrar sham" in everything


def test_search_finds_articles_under_a_merged_spelling(client):
    article = make_article(headline="Quiet headline", tags=["Mariaa"])
    make_article(tags=["Marea"])
    merge_tags(
        tags=list(Tag.objects.filter(name__in=["Marea", "Mariaa"])),
        into=Tag.objects.get(name="Marea"),
    )
    html = client.get("/search/", {"q": "Mariaa"}).content.decode()
    assert article.headline in html
