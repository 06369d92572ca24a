"""Keys that make transliteration variants of one name compare equal.

Names from Arabic reach the newsroom spelt several ways: "Ahrar al-Sham", "Ahrar
a-Sham", "Ahrar ash-Sham"; "Ma'arrat" and "Maʿarrat"; "Mare'" and "Marea". A key
folds the common variations away, so that tags, aliases and search treat them as one:

- case and diacritics (``Dābiq`` → ``dabiq``);
- apostrophes, ʿayn and hamza signs (``'``, ``’``, ``ʿ``, ``ʾ``) are dropped;
- the definite article in its spellings (``al-``, ``a-``, ``el-``, ``ad-``, ``ash-``…)
  is dropped where it is joined to a word by a hyphen or apostrophe, and a lone
  ``al``/``el`` word is dropped too;
- hyphens and other punctuation separate words;
- in Arabic script, the spellings a reader may or may not type are folded: the
  alef forms (أ إ آ ٱ → ا), ta marbuta (ة → ه), alef maqsura (ى → ي), hamza seats
  (ؤ → و, ئ → ي), harakat (fatha, damma, kasra, tanwin, shadda, sukun…) and
  tatweel; Persian keyboards' ی and ک become ي and ك; the joined article ال is
  dropped. So أحرار, احرار and أحرارٌ are one word, and so are مدرسة and مدرسه;
- Arabic-Indic and Persian digits (٢٠١٥, ۲۰۱۵) are the digits 2015.

Pure functions, no ORM: used by the tag admin, the tag form and search.
"""

import re
import unicodedata

# The article as written before a word, including assimilated forms ("ash-Sham",
# "ad-Dawla", "ar-Raqqa"): al-, el-, il-, a-, e- and a/e + a doubled "sun letter".
_ARTICLE_PREFIX = re.compile(
    r"\b(?:[ae]l|il|[ae](?:[tdrzsnl]|sh|th|dh)?)[-'’‘ʿʾ]"
    r"(?=\w)",
    re.IGNORECASE,
)
_LONE_ARTICLES = {"al", "el"}
_SIGNS = str.maketrans("", "", "'’‘ʿʾ`´")
# Arabic diacritics (harakat) and tatweel, which Unicode decomposition keeps.
_ARABIC_MARKS = re.compile(r"[\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]")
_ARABIC_LETTERS = str.maketrans(
    {
        "أ": "ا",
        "إ": "ا",
        "آ": "ا",
        "ٱ": "ا",  # alef wasla, which Unicode does not decompose
        "ى": "ي",
        "ة": "ه",
        "ی": "ي",  # Persian yeh
        "ک": "ك",  # Persian keheh
        **{chr(0x0660 + d): str(d) for d in range(10)},  # Arabic-Indic digits
        **{chr(0x06F0 + d): str(d) for d in range(10)},  # Persian digits
    }
)
_WORD = re.compile(r"\w+")
# The Arabic article joined to a word of at least two more letters: الشام → شام.
_ARABIC_ARTICLE = re.compile(r"^ال(?=\w\w)")


def _fold(text):
    """Lower case, without diacritics; Arabic letter forms, harakat, tatweel and
    digits folded."""
    if not text or text.isascii():
        return (text or "").lower()  # nothing to decompose or fold
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _ARABIC_MARKS.sub("", text).translate(_ARABIC_LETTERS)
    return text.casefold()


def words(text):
    """The folded words of ``text``, articles dropped: what keys and search use."""
    text = _ARTICLE_PREFIX.sub("", _fold(text))
    text = text.translate(_SIGNS).replace("_", " ")
    return [
        _ARABIC_ARTICLE.sub("", w)
        for w in _WORD.findall(text)
        if w not in _LONE_ARTICLES
    ]


def folded_text(text):
    """``text`` folded as ``words()`` folds each word (case, diacritics, signs),
    articles and punctuation kept: every word key of the text is a substring of
    it, which makes it a quick first test before ``words()``."""
    return _fold(text).translate(_SIGNS)


def name_key(text):
    """One key for all spellings of a name: ``name_key("Ahrar a-Sham") ==
    name_key("ahrar al-Sham") == "ahrar sham"``."""
    return " ".join(words(text))


def word_key(word):
    """The key of a single word, as it appears in running text."""
    return name_key(word)
