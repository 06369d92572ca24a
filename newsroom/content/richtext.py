"""The formatted text editors type: a small, plain-text markup rendered to safe HTML.

Editors (and the transcript importer) write plain text, so what they type is also
what an export gives back. The rules are the ones a newsroom already uses in email:

- a blank line starts a new paragraph; a single line break stays a line break;
- lines starting ``1.``, ``1-`` or ``1)`` form a numbered list, lines starting ``-``,
  ``*`` or ``•`` a bulleted list (consecutive list paragraphs join one list);
- ``**bold**``, ``*italic*`` or ``_italic_``;
- ``[words](https://example.org)`` is a link (http, https and mailto only);
- any other ``[words in brackets]`` is an editorial insertion inside a source's
  quote, and is marked up so that readers see it is the editor's words, not the
  speaker's.

The HTML is produced once, when the text is saved, and passes through an allow-list
sanitiser (nh3) as a last line of defence, so templates may mark it safe.
"""

import html
import re

import nh3

ALLOWED_TAGS = {"p", "br", "strong", "em", "a", "ol", "ul", "li", "span"}
ALLOWED_ATTRIBUTES = {"a": {"href"}, "ol": {"start"}, "li": {"value"}}
ALLOWED_CLASSES = {"span": {"insertion"}}
ALLOWED_SCHEMES = {"http", "https", "mailto"}

_NUMBERED = re.compile(r"^\s*(\d{1,3})\s*(?:[.)]|-(?!-))\s*(.*)$")
_BULLET = re.compile(r"^\s*[-*•–]\s+(.*)$")
_LINK = re.compile(r"\[([^\[\]\n]+)\]\(((?:https?://|mailto:)[^\s()<>\"']+)\)")
_INSERTION = re.compile(r"\[([^\[\]\n]{1,200})\]")
_BOLD = re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*")
_ITALIC = re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])")
_ITALIC_UNDERSCORE = re.compile(r"(?<!\w)_(?=\S)([^_\n]+?)(?<=\S)_(?!\w)")
_WORD = re.compile(r"\w+(?:['’-]\w+)*")


def paragraphs(text):
    """Split plain text into paragraphs on blank lines, dropping empty ones."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return [block.strip("\n") for block in re.split(r"\n\s*\n", text) if block.strip()]


def word_count(text):
    return len(_WORD.findall(text or ""))


def _inline(text):
    """Escape text, then apply the inline rules to the escaped string."""
    out = html.escape(text, quote=True)
    links = []

    def keep_link(match):
        label, url = match.group(1), html.unescape(match.group(2))
        links.append(f'<a href="{html.escape(url, quote=True)}">{label}</a>')
        return f"\x00{len(links) - 1}\x00"

    out = _LINK.sub(keep_link, out)
    out = _INSERTION.sub(r'<span class="insertion">[\1]</span>', out)
    out = _BOLD.sub(r"<strong>\1</strong>", out)
    out = _ITALIC.sub(r"<em>\1</em>", out)
    out = _ITALIC_UNDERSCORE.sub(r"<em>\1</em>", out)
    out = re.sub(r"\x00(\d+)\x00", lambda m: links[int(m.group(1))], out)
    return out.replace("\n", "<br>\n")


def _list_items(block):
    """("ol" or "ul", [(number, text)]) when every line of a block is a list item."""
    lines = [line for line in block.split("\n") if line.strip()]
    numbered = [_NUMBERED.match(line) for line in lines]
    if all(numbered):
        return "ol", [(int(m.group(1)), m.group(2)) for m in numbered]
    bullets = [_BULLET.match(line) for line in lines]
    if all(bullets):
        return "ul", [(None, m.group(1)) for m in bullets]
    return None, []


def render(text):
    """Render the editors' markup to sanitised HTML."""
    parts = []
    open_list = None
    for block in paragraphs(text):
        kind, items = _list_items(block)
        if kind != open_list and open_list:
            parts.append(f"</{open_list}>")
            open_list = None
        if kind:
            if open_list is None:
                start = items[0][0]
                attrs = f' start="{start}"' if kind == "ol" and start != 1 else ""
                parts.append(f"<{kind}{attrs}>")
                open_list = kind
            for number, item in items:
                value = f' value="{number}"' if number is not None else ""
                parts.append(f"<li{value}>{_inline(item)}</li>")
        else:
            parts.append(f"<p>{_inline(block)}</p>")
    if open_list:
        parts.append(f"</{open_list}>")
    return sanitize("\n".join(parts))


def sanitize(markup):
    return nh3.clean(
        markup,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        allowed_classes=ALLOWED_CLASSES,
        url_schemes=ALLOWED_SCHEMES,
        link_rel="noopener noreferrer",
    )
