"""Time the transcript parser on a deterministic 10,000-line transcript.

Run from the repository root:  python benchmarks/parse_transcript.py [RUNS]

The transcript is in the house style (quoted answers running over several
paragraphs with numbered list items), the convention that needs the most work:
before settling on it the parser also tries speaker labels and dash questions.
Smaller timings for the Q:/A: and speaker-label conventions are printed after it.
"""

import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from interviews.transcript import parse_transcript  # noqa: E402

LINES = 10_000
RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 7


def house_style(lines):
    out = [
        "6 min read",
        "",
        "On the Record: A very long conversation about water",
        "",
        "Karim Mansour talks about pipes [...]",
        "",
        "3 June 2021",
        "",
        "Karim Mansour, the director of the Old City Water Board, tells The "
        "Newsroom’s Nadia Farouk about the “summer queues”.",
        "",
    ]
    footer = [
        "Nadia Farouk",
        "Nadia Farouk is a reporter based in the Old City.",
        "",
        "Share this article!",
    ]
    n = 0
    while len(out) + 10 + len(footer) <= lines:
        n += 1
        out += [
            f"What happened in week {n}: the pumps, the pipes or the weather?",
            "",
            f"“In week {n} we opened the valves [on Market Street] at 10:30. "
            "He said: “not yet”, and we waited.",
            "",
            f"{n % 9 + 1}-Check the pressure on the “Silk Gate” main",
            "",
            f"{n % 9 + 2}. Write every reading by hand",
            "",
            "Then we closed them again.”",
            "",
        ]
    out += [""] * (lines - len(out) - len(footer)) + footer
    return "\n".join(out)


def q_and_a(lines):
    out = ["Headline: Questions and answers", ""]
    n = 0
    while len(out) < lines:
        n += 1
        out += [f"Q: Question {n}?", f"A: Answer {n}, first line,", "wrapped here.", ""]
    return "\n".join(out[:lines])


def speakers(lines):
    out = ["Radio Meridian interview", ""]
    n = 0
    while len(out) < lines:
        n += 1
        out += [f"Radio Meridian: Question {n}?", "", f"Dawson: Answer {n}.", ""]
    return "\n".join(out[:lines])


def bare(lines):
    """No labels at all: every layout is tried before the bare questions win."""
    out = ["A long talk without labels", "", "3 June 2021", ""]
    n = 0
    while len(out) < lines:
        n += 1
        out += [f"What happened in week {n}?", "", f"We waited, week {n}.", ""]
    return "\n".join(out[:lines])


def measure(text):
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        transcript = parse_transcript(text)
        times.append(time.perf_counter() - start)
    return statistics.median(times), max(times), len(transcript.segments)


def main():
    sys.stdout.write(
        f"date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, "
        f"load average {os.getloadavg()[0]:.2f}\n"
    )
    for name, build in (
        ("house style", house_style),
        ("Q:/A: labels", q_and_a),
        ("speaker labels", speakers),
        ("no labels", bare),
    ):
        text = build(LINES)
        median, worst, segments = measure(text)
        sys.stdout.write(
            f"{name:15} {text.count(chr(10)) + 1:6} lines  {len(text):8,} chars  "
            f"{segments:5} segments  median {median:.3f}s  max {worst:.3f}s "
            f"({RUNS} runs)\n"
        )


if __name__ == "__main__":
    main()
