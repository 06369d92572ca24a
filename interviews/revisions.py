"""The interview parts of an article's revisions: segments (order and anchors
included) and interviewees. Registered with newsroom in InterviewsConfig.ready()."""

from newsroom.content.revisions import RevisionPart
from newsroom.models import Contributor

from .models import ArticleInterviewee, Interviewee, Segment


def snapshot_segments(article):
    return [
        {
            "anchor": s.anchor,
            "position": s.position,
            "question": s.question,
            "answer": s.answer,
            "question_speaker": s.question_speaker_id,
            "answer_speaker": s.answer_speaker_id,
        }
        for s in Segment.objects.filter(article=article).order_by("position", "pk")
    ]


def restore_segments(article, rows):
    """Segments exactly as in ``rows``. A segment keeps its row (and its anchor, so
    shared links to an answer still work); segments not in ``rows`` go."""
    existing = {s.anchor: s for s in Segment.objects.filter(article=article)}
    Segment.objects.filter(article=article).exclude(
        anchor__in=[row["anchor"] for row in rows]
    ).delete()
    askers = set(
        Contributor.objects.filter(
            pk__in=[row["question_speaker"] for row in rows]
        ).values_list("pk", flat=True)
    )
    answerers = set(
        Interviewee.objects.filter(
            pk__in=[row["answer_speaker"] for row in rows]
        ).values_list("pk", flat=True)
    )
    for row in rows:
        segment = existing.get(row["anchor"]) or Segment(
            article=article, anchor=row["anchor"]
        )
        segment.position = row["position"]
        segment.question = row["question"]
        segment.answer = row["answer"]
        segment.question_speaker_id = (
            row["question_speaker"] if row["question_speaker"] in askers else None
        )
        segment.answer_speaker_id = (
            row["answer_speaker"] if row["answer_speaker"] in answerers else None
        )
        segment.save()


def segment_lines(rows):
    for row in rows:
        yield f"Q{row['position']} ({row['anchor']}): {row['question']}"
        for line in row["answer"].splitlines() or [""]:
            yield f"A{row['position']}: {line}"


def snapshot_interviewees(article):
    return [
        {
            "interviewee": link.interviewee_id,
            "name": link.interviewee.name,
            "position": link.position,
        }
        for link in ArticleInterviewee.objects.filter(article=article)
        .select_related("interviewee")
        .order_by("position", "pk")
    ]


def restore_interviewees(article, rows):
    ArticleInterviewee.objects.filter(article=article).delete()
    people = Interviewee.objects.in_bulk([row["interviewee"] for row in rows])
    ArticleInterviewee.objects.bulk_create(
        ArticleInterviewee(
            article=article,
            interviewee=people[row["interviewee"]],
            position=row["position"],
        )
        for row in rows
        if row["interviewee"] in people
    )


def interviewee_lines(rows):
    for row in rows:
        yield f"{row['position']}. {row['name']}"


PARTS = [
    RevisionPart(
        name="interviewees",
        label="Interviewees",
        snapshot=snapshot_interviewees,
        restore=restore_interviewees,
        lines=interviewee_lines,
    ),
    RevisionPart(
        name="segments",
        label="Segments",
        snapshot=snapshot_segments,
        restore=restore_segments,
        lines=segment_lines,
    ),
]
