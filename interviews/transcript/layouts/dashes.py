"""Questions starting with a dash or a bullet, answered by the paragraphs after."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..lines import Line, Para, part_text
from ..model import Segment
from .common import DASH, DASH_Q_RE, Result, clean_question, ends_question


def parse_dash(paras: list[Para]) -> Result:
    """Questions starting with a dash or bullet; answers are the paragraphs after."""
    warnings: list[str] = []
    preamble: list[Para] = []
    segments: list[Segment] = []
    q: list[Para] | None = None
    a: list[Para] = []
    q_line = 0

    def finish() -> None:
        if q is None:
            return
        answer = part_text(a)
        if not answer:
            warnings.append(
                _("Line %(line)s: question has no answer; kept as an empty answer.")
                % {"line": q_line}
            )
        question = clean_question(part_text(q))
        segments.append(Segment(question, answer, line=q_line))

    for para in paras:
        first = para[0]
        m = None if first.literal else DASH_Q_RE.match(first.text)
        if m is None:
            (a if q is not None else preamble).append(para)
            continue
        finish()
        lines = [Line(first.no, m["rest"]), *para[1:]]
        end = next(
            (k for k, ln in enumerate(lines) if ends_question(ln.text)),
            len(lines) - 1,
        )
        q, a, q_line = [lines[: end + 1]], [], first.no
        if lines[end + 1 :]:
            a.append(lines[end + 1 :])
    finish()
    return Result(preamble, segments, warnings, prio=DASH)
