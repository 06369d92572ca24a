"""One module per layout; :func:`segment` tries them all and keeps the best."""

from __future__ import annotations

from django.utils.translation import gettext as _

from ..lines import Para
from ..marks import qa_label
from ..model import HOW_TO_MARK, NO_QA_MESSAGE, TranscriptError
from .common import Q_ONLY, QA, SPEAKERS, Result
from .dashes import parse_dash
from .labels import parse_qa
from .quoted import parse_quoted
from .speakers import parse_speakers


def segment(paras: list[Para]) -> Result:
    has_q = has_a = False
    for para in paras:
        for ln in para:
            if ln.literal:
                continue
            hit = qa_label(ln.text)
            if hit:
                has_q = has_q or hit[0] == "q"
                has_a = has_a or hit[0] == "a"
    results: list[Result] = []
    if has_q:
        qa = parse_qa(paras, answers_labelled=has_a)
        if has_a and qa.complete:
            return qa
        results.append(qa)
    speakers = parse_speakers(paras)
    if speakers is not None:
        results.append(speakers)
    results.append(parse_quoted(paras))
    results.append(parse_dash(paras))
    best = max(results, key=lambda r: (r.complete, r.prio))
    if best.complete:
        return best
    for result in results:
        if result.prio not in (QA, SPEAKERS, Q_ONLY):
            continue
        for seg in result.segments:
            if seg.question and not seg.answer:
                raise TranscriptError(
                    "{} {}".format(
                        _(
                            "This question has no answer, and no complete question "
                            "and answer was found."
                        ),
                        HOW_TO_MARK,
                    ),
                    line=seg.line,
                )
    raise TranscriptError(str(NO_QA_MESSAGE))
