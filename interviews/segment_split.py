"""A block of questions and answers pasted into one question of the article
form, split into segments by the one transcript parser
(interviews.transcript.parse_transcript): the form's script
(static/js/segment-keys.js) posts the text here and offers the editor the
segments it gets back. Nothing is saved."""

import json

from django.http import JsonResponse
from django.utils.translation import gettext as _

from .transcript import TranscriptError, parse_transcript

MAX_CHARACTERS = 1_000_000


def split_view(request):
    """POST ``{"text": "…"}`` → ``{"segments": [{"question", "answer"}…]}``, or
    ``{"error": "…"}`` saying what is wrong."""
    if request.method != "POST":
        return JsonResponse({"error": _("Send the text with POST.")}, status=405)
    try:
        text = json.loads(request.body.decode("utf-8") or "{}").get("text")
    except (UnicodeDecodeError, ValueError, AttributeError):
        text = None
    if not isinstance(text, str) or not text.strip():
        return JsonResponse(
            {"error": _('Send the pasted text as JSON: {"text": "…"}.')},
            status=400,
        )
    if len(text) > MAX_CHARACTERS:
        return JsonResponse(
            {
                "error": _(
                    "The pasted text is longer than %(limit)s characters; import it "
                    "as a transcript instead."
                )
                % {"limit": f"{MAX_CHARACTERS:,}"}
            },
            status=400,
        )
    try:
        transcript = parse_transcript(text)
    except TranscriptError as error:
        return JsonResponse({"error": str(error)}, status=400)
    return JsonResponse(
        {
            "segments": [
                {"question": s.question, "answer": s.answer}
                for s in transcript.segments
            ]
        }
    )
