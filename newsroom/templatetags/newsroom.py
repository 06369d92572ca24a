from django import template

register = template.Library()


@register.filter
def roles_of(article, contributor):
    """ "Interviewer, Translator": what ``contributor`` did on ``article``, read from
    the article's prefetched bylines."""
    roles = [
        b.get_role_display()
        for b in article.bylines.all()
        if b.contributor_id == contributor.pk
    ]
    return ", ".join(dict.fromkeys(roles))
