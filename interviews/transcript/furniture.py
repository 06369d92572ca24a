"""Page furniture: what a web page adds around an interview, left out of the
article and listed as warnings: breadcrumbs, photo captions and credits, share
lines, "Print", "Continue reading", related-article lines, shortcodes such as
``[pullquote]…[/pullquote]``, site taglines, reading times, bare bylines and
teasers ending in "[…]"."""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy

from .lines import Line
from .marks import HEADER_RE, qa_label
from .model import LeftOut as Furniture

MIN_READ_RE = re.compile(
    r"^(?:[0-9٠-٩]{1,3}\s*(?:-\s*)?min(?:ute)?s?\.?\s+read\.?"
    r"|(?:reading\s+time|مدة\s+القراءة)\s*:?\s*[0-9٠-٩]{1,3}.{0,20}"
    r"|(?:قراءة\s+)?[0-9٠-٩]{1,3}\s*(?:دقائق|دقيقة|د)(?:\s+(?:قراءة|للقراءة))?)$",
    re.I,
)
TEASER_RE = re.compile(r"\[\s*(?:…|\.\.\.)\s*\]$")
BYLINE_RE = re.compile(
    r"^(?:(?:interview(?:ed)?|words|text|reporting|story|written|questions"
    r"|interview\s+and\s+photos?|text\s+and\s+photos?)\s+by|by|بقلم|كتب(?:ت)?"
    r"|حاوره(?:ا)?|حاورها|أجرى\s+الحوار|اجرى\s+الحوار|إعداد)\s*:?\s+"
    r"(?P<names>[^\d.!?:;]{3,80})$",
    re.I,
)
_KINDS: tuple[tuple[str, re.Pattern], ...] = (
    (
        "breadcrumb",
        re.compile(
            r"^(?:(?:home|الرئيسية|الصفحة الرئيسية)\s*[>»›/|]"
            r"|[^>»›.!?]{1,40}(?:\s[>»›]\s[^>»›.!?]{1,40}){2,}"
            # a menu bar: "News | Features | Opinion"
            r"|[^|·•.!?:]{1,30}(?:\s[|·•]\s[^|·•.!?:]{1,30}){2,}$)",
            re.I,
        ),
    ),
    (
        "photo",
        re.compile(
            r"^[(\[]?(?:photo(?:graph)?\s+(?:taken|courtesy)\b.*|photo|photograph|picture"
            r"|image|caption|credit|photo\s+credit"
            r"|file\s+photo|الصورة|صورة|تصوير|الصورة\s+من|مصدر\s+الصورة)"
            r"(?:\s*\([^)]{0,40}\))?\s*(?::|by\s|–|—|-\s)",
            re.I,
        ),
    ),
    (
        "print",
        re.compile(
            r"^(?:print(?:\s+this(?:\s+(?:article|story|page))?)?|طباعة)$", re.I
        ),
    ),
    (
        "continue reading",
        re.compile(
            r"^(?:continue\s+reading|keep\s+reading|read\s+the\s+full\s+\w+"
            r"|(?:show|load)\s+more|تابع\s+القراءة|أكمل\s+القراءة)\b.{0,80}$",
            re.I,
        ),
    ),
    (
        "related",
        re.compile(
            r"^(?:related(?:\s+(?:articles?|stories|posts|content|reading|coverage))?"
            r"|read\s+(?:more|also)|see\s+also|also\s+read|more\s+from[^:]{0,40}"
            r"|you\s+(?:may|might)\s+also\s+like|recommended|most\s+read"
            r"|اقرأ\s+(?:أيضا|أيضاً|ايضا|ايضاً|المزيد)|إقرأ\s+أيضاً|مواضيع\s+ذات\s+صلة"
            r"|ذات\s+صلة|تقارير\s+ذات\s+صلة)\s*(?::.*)?$",
            re.I,
        ),
    ),
    (
        "tags",
        re.compile(
            r"^(?:tags?|topics?|filed\s+under|الوسوم|كلمات\s+مفتاحية)\s*:.*$"
            r"|^(?:advertisement|sponsored|إعلان|comments?|listen\s+to\s+this\s+article"
            r"|save|follow|subscribe|menu|search|log\s+in|sign\s+in|sign\s+up|donate"
            r"|newsletter|skip\s+to\s+(?:main\s+)?content|القائمة|بحث|تسجيل\s+الدخول"
            r"|اشترك|تبرع)$",
            re.I,
        ),
    ),
    (
        "page",
        re.compile(
            r"^(?:like\s+this:?|loading\.*|leave\s+a\s+(?:reply|comment)|cancel\s+reply"
            r"|your\s+email\s+address\s+will\s+not\s+be\s+published\.?.*"
            r"|required\s+fields\s+are\s+marked.*|post\s+navigation"
            r"|(?:previous|next|prev)(?:\s+(?:article|post|story)\s*:?.{0,100}|\s*:.{0,100})?"
            r"|posted\s+in\s+[^.!?]{1,40}|categor(?:y|ies)\s*:.*|tagged\s*:?\s+[^.!?]{1,60}"
            r"|click\s+to\s+(?:share|email|print)\b.*|\(?opens\s+in\s+new\s+window\)?"
            r"|read\s+next|more\s+stories|popular|trending(?:\s+now)?|[0-9]+\s+comments?"
            r"|we\s+use\s+cookies.*|accept(?:\s+all)?(?:\s+cookies)?|privacy\s+policy"
            r"|terms\s+of\s+(?:use|service)|contact\s+us|about\s+us|support\s+us"
            r"|enter\s+your\s+email.*|join\s+our\s+(?:newsletter|mailing\s+list).*"
            r"|report\s+an\s+error|send\s+us\s+a\s+tip|(?:arabic|english)\s+version"
            r"|النسخة\s+(?:العربية|الإنكليزية|الإنجليزية)|تعليقات|أضف\s+تعليق(?:اً|ا)?"
            r"|المقال\s+(?:السابق|التالي)|الأكثر\s+(?:قراءة|مشاهدة)|سياسة\s+الخصوصية"
            r"|اتصل\s+بنا|من\s+نحن)$",
            re.I,
        ),
    ),
    (
        "tagline",
        re.compile(
            r"^(?=.{0,120}$)(?:(?!.*[.!?؟]$).*\b(?:independent\s+(?:journalism"
            r"|reporting|news)|(?:reporting|journalism|news|serving|publishing)\b.{0,60}"
            r"\bsince\s+(?:19|20)[0-9]{2}|news\s+you\s+can\s+trust)\b.*"
            r"|.*\b(?:all\s+rights\s+reserved|sign\s+up\s+(?:for|to)|subscribe\s+to\s+(?:our|the)"
            r"|follow\s+us\s+on|support\s+our\s+(?:work|journalism))\b.*"
            r"|.*(?:©|copyright\s).*"
            r"|.*(?:جميع\s+الحقوق\s+محفوظة|تابعونا\s+على|اشترك\s+في).*)$",
            re.I,
        ),
    ),
    (
        "credit",
        re.compile(
            r"^(?:(?:source|المصدر)\s*:|(?:this\s+)?interview(?:ed)?\s+"
            r"(?:was\s+conducted\s+)?by"
            r"|(?:translated|translation)(?:\s+from\s+\w+)?\s+by|edited\s+by"
            r"|ترجمة|ترجمه|حرره|تحرير)\s+\S.{0,160}$",
            re.I,
        ),
    ),
    (
        "note",
        re.compile(
            r"^(?:\(?(?:this|the)\s+(?:interview|conversation|transcript|q&a)\s+"
            r"(?:has\s+been|was)\s+(?:lightly\s+)?(?:edited|condensed|translated).{0,120}"
            r"|the\s+views\s+expressed.{0,160}|(?:editor'?s|editors’)\s+note\s*:.{0,200}"
            r"|تم\s+تحرير\s+(?:المقابلة|الحوار).{0,120}|حُرّر\s+الحوار.{0,120})$",
            re.I,
        ),
    ),
    ("reading time", MIN_READ_RE),
    ("teaser", TEASER_RE),
)
KIND_LABELS = {
    "breadcrumb": gettext_lazy("breadcrumb"),
    "photo": gettext_lazy("photo caption or credit"),
    "share": gettext_lazy("share links"),
    "print": gettext_lazy("print link"),
    "continue reading": gettext_lazy("“continue reading” link"),
    "related": gettext_lazy("related article"),
    "tags": gettext_lazy("site links"),
    "tagline": gettext_lazy("site tagline"),
    "reading time": gettext_lazy("reading time"),
    "teaser": gettext_lazy("teaser"),
    "shortcode": gettext_lazy("shortcode"),
    "byline": gettext_lazy("byline"),
    "credit": gettext_lazy("credits"),
    "page": gettext_lazy("the page's links"),
    "note": gettext_lazy("editor's note after the interview"),
    "section": gettext_lazy("section of the site"),
    "menu": gettext_lazy("site menu"),
    "date": gettext_lazy("another date"),
}
# A publishing system's shortcode: "[pullquote]", "[caption id=…]", "[vc_row]".
# "[in the area]" is an editor's insertion, never one.
_SHORTCODE_OPEN_RE = re.compile(
    r"^\[(?P<tag>pullquote|pull_quote|caption|quote|blockquote|embed|tweet|youtube"
    r"|video|audio|gallery|related|ad|ads|adsense|advert|sidebar|box|note|highlight"
    r"|image|img|instagram|facebook|soundcloud|iframe|tabs?|toggle|accordion|button"
    r"|divider|spacer|dropcap|(?:vc|et_pb|su|td|fusion|av)_[a-z0-9_-]{1,30})"
    r"(?:\s[^\]]{0,200})?\]",
    re.I,
)


SHARE_WORDS = {
    "share", "shares", "this", "article", "story", "page", "post", "interview", "on",
    "via", "tweet", "email", "e-mail", "facebook", "twitter", "x", "whatsapp",
    "telegram", "linkedin", "reddit", "copy", "link", "messenger", "pinterest",
    "print", "شارك", "شاركوا", "مشاركة", "على", "عبر", "المقال", "الخبر", "فيسبوك",
    "تويتر", "واتساب", "تلغرام", "تيليغرام", "البريد", "الإلكتروني", "رابط", "نسخ",
}  # fmt: skip
SHARING = {"share", "tweet", "facebook", "whatsapp", "telegram", "شارك", "مشاركة"}
WORD_RE = re.compile(r"[\w’'-]+")


def _is_share_line(text: str) -> bool:
    """ "Share this article!", "Share on Facebook | Share on X", "شارك على واتساب"."""
    words = WORD_RE.findall(text.casefold())
    return (
        0 < len(words) <= 16
        and all(w in SHARE_WORDS for w in words)
        and any(w in SHARING for w in words)
    )


# Every kind of furniture but breadcrumbs, taglines, teasers and reading times
# opens with one of these words: a line opening otherwise is text, tested at once.
FIRST_WORDS = {
    "photo", "photograph", "picture", "image", "caption", "credit", "file", "share",
    "tweet", "email", "e-mail", "facebook", "twitter", "x", "whatsapp", "telegram",
    "linkedin", "reddit", "copy", "messenger", "pinterest", "print", "continue",
    "keep", "read", "show", "load", "related", "see", "also", "more", "you",
    "recommended", "most", "tags", "tag", "topics", "topic", "filed",
    "advertisement", "sponsored", "comments", "comment", "listen", "save", "follow",
    "subscribe", "menu", "search", "log", "sign", "donate", "newsletter", "skip",
    "home", "interview", "interviewed", "this", "translated", "translation",
    "edited", "reading", "source", "المصدر", "الصورة", "صورة", "تصوير", "مصدر",
    "شارك", "شاركوا", "مشاركة", "طباعة", "تابع", "أكمل", "اقرأ", "إقرأ", "مواضيع",
    "ذات", "تقارير",
    "الوسوم", "كلمات", "إعلان", "القائمة", "بحث", "تسجيل", "اشترك", "تبرع",
    "الرئيسية", "ترجمة", "ترجمه", "حرره", "تحرير", "مدة", "قراءة", "like",
    "loading", "leave", "cancel", "your", "required", "post", "previous", "next",
    "prev", "posted", "category", "categories", "tagged", "click", "opens",
    "stories", "popular", "trending", "we", "accept", "privacy", "terms", "contact",
    "about", "support", "enter", "join", "report", "send", "arabic", "english",
    "النسخة", "تعليقات", "أضف", "المقال", "الأكثر", "سياسة", "اتصل", "من", "the",
    "editor", "editors", "editor's", "تم", "حُرّر",
}  # fmt: skip
TAGLINE_HINTS = (
    "©", "copyright", "rights reserved", "since 19", "since 20", "independent",
    "news you can", "sign up", "subscribe to", "follow us", "support our",
    "جميع الحقوق", "تابعونا", "اشترك في",
)  # fmt: skip
TAGLINE_HINTS_RE = re.compile("|".join(re.escape(h) for h in TAGLINE_HINTS), re.I)
FIRST_WORD_RE = re.compile(r"[\w\-]+")


def _may_be_furniture(text: str) -> bool:
    if text[0] in "[(0123456789٠١٢٣٤٥٦٧٨٩" or text.endswith("]"):
        return True
    if ">" in text or "»" in text or "›" in text or text.count(" | ") >= 2:
        return True
    low = text[:60].casefold()
    first = FIRST_WORD_RE.search(low)
    if first and first.group() in FIRST_WORDS:
        return True
    return len(text) <= 120 and bool(TAGLINE_HINTS_RE.search(text))


def furniture_kind(text: str) -> str | None:
    """Which kind of page furniture this line is, or None."""
    if not text or len(text) > 240 or not _may_be_furniture(text):
        return None
    if _is_share_line(text):
        return "share"
    for kind, pattern in _KINDS:
        if kind == "teaser":
            if pattern.search(text):
                return kind
        elif pattern.match(text):
            return kind
    m = _SHORTCODE_OPEN_RE.match(text)
    if m and text.endswith(f"[/{m['tag']}]"):
        return "shortcode"
    return None


CREDIT_BY_RE = re.compile(
    r"^(?:this\s+)?interview(?:ed)?\s+(?:was\s+conducted\s+)?by\s+"
    r"(?P<names>[^.;,]{3,60}?)(?:[.;,]|\s+and\s+translated|$)",
    re.I,
)


def credited_interviewer(left_out: list[Furniture]) -> str | None:
    """ "Hiba Saad" of a closing "Interview by Hiba Saad. Translated by …"."""
    for item in left_out:
        m = CREDIT_BY_RE.match(item.text) if item.kind == "credit" else None
        if m:
            return m["names"].strip()
    return None


def byline_names(text: str) -> str | None:
    """The names of a bare byline ("By Omar Saleh", "بقلم عمر صالح"), else None."""
    m = BYLINE_RE.match(text)
    if not m:
        return None
    names = m["names"].strip()
    words = names.replace(" and ", " , ").replace(" و", " , ").split()
    if len(words) > 10 or not words:
        return None
    if any(
        w[0].islower() and w not in ("and", "al", "el", "bin", "ibn") for w in words
    ):
        return None
    return names


# "[01:40]", "(01:40)" or "00:01:40": bracketed, or with the hours ("10:30 the
# market opened" is text).
TIMESTAMP_RE = re.compile(
    r"^(?:[\[(](?:[0-9]{1,2}:)?[0-9]{1,2}:[0-9]{2}[\])]"
    r"|[0-9]{1,2}:[0-9]{2}:[0-9]{2})\s*[-–—]?\s+"
)


def strip_timestamps(lines: list[Line]) -> int:
    """Recording timestamps opening the lines ("[00:01:40] Interviewer: …"),
    taken off when at least two lines have one; returns how many."""
    stamped = [ln for ln in lines if ln.text and TIMESTAMP_RE.match(ln.text)]
    if len(stamped) < 2:
        return 0
    for ln in stamped:
        ln.text = TIMESTAMP_RE.sub("", ln.text, count=1)
    return len(stamped)


def strip_furniture(lines: list[Line]) -> list[Furniture]:
    """Blank out the furniture lines (and multi-line shortcodes such as
    ``[pullquote]`` … ``[/pullquote]``); return what was left out."""
    found: list[Furniture] = []
    closing: str | None = None
    texts = [ln for ln in lines if ln.text and not ln.literal]
    # A teaser ending in "[…]" stands above the interview or in the page's footer;
    # in between, "[…]" is an editor's cut inside an answer.
    first_turn = next(
        (ln.no for ln in texts if qa_label(ln.text) or ln.text.endswith(("?", "؟"))),
        0,
    )
    footer = texts[-4].no if len(texts) >= 4 else 0
    for ln in lines:
        if not ln.text or ln.literal or qa_label(ln.text) is not None:
            continue
        if closing is not None:
            found.append(Furniture(ln.no, ln.text, "shortcode"))
            if closing in ln.text:
                closing = None
            ln.text = ""
            continue
        kind = None if HEADER_RE.match(ln.text) else furniture_kind(ln.text)
        if kind == "teaser" and first_turn < ln.no < footer:
            kind = None
        if kind == "note" and ln.no < first_turn:
            kind = None  # above the questions, an editor's note is intro
        if kind is None:
            m = _SHORTCODE_OPEN_RE.match(ln.text)
            if m and m.end() == len(ln.text):
                kind = "shortcode"
                closing = f"[/{m['tag']}]"
        if kind is not None:
            found.append(Furniture(ln.no, ln.text, kind))
            ln.text = ""
    found += _strip_menus(lines)
    return sorted(found, key=lambda item: item.line)


MENU_ITEM_RE = re.compile(r"^[^\W\d][\w&’'\- ]{0,30}$")


def _strip_menus(lines: list[Line]) -> list[Furniture]:
    """A site's menu copied with the page: at the top, three or more lines in a
    row of one to three words each ("News", "Opinion", "Interviews")."""
    found: list[Furniture] = []
    run: list[Line] = []
    for ln in lines:
        words = ln.text.split()
        if (
            ln.text
            and not ln.literal
            and len(words) <= 3
            and MENU_ITEM_RE.match(ln.text)
        ):
            run.append(ln)
            continue
        if len(run) >= 3:
            break
        run = []
        if len(words) > 8:
            return []  # past the top of the page: the text has begun
    if len(run) < 3:
        return []
    for ln in run:
        found.append(Furniture(ln.no, ln.text, "menu"))
        ln.text = ""
    return found
