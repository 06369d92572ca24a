"""Reading time: derived from all the article's text, never typed."""

import math

from newsroom.content import richtext
from newsroom.content.parts import PARTS

WORDS_PER_MINUTE = 200


def count_words(article):
    texts = [article.headline, article.dek, article.intro]
    for part in PARTS.with_("text"):
        texts.extend(part.text(article))
    return sum(richtext.word_count(text) for text in texts)


def reading_minutes(article):
    """Whole minutes at WORDS_PER_MINUTE, at least one."""
    return max(1, math.ceil(count_words(article) / WORDS_PER_MINUTE))
