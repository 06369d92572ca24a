"""How often a block of questions and answers pasted into one question of the
article form is split right, and how long the split takes.

Run from the repository root:  python benchmarks/paste_split.py [RUNS]

The pasted blocks below were written for this benchmark: the ways editors copy a
few questions out of an e-mail, a chat or a document (labels, speakers' names,
the house style, Arabic, Windows line ends, stray blank lines). Each is split by
the one transcript parser, as the admin's split endpoint does
(interviews/segment_split.py); a block is split right when the number of
segments and each first question and last answer are as expected. Prints the
share split right, the median time per block and the machine's load and date.
"""

import datetime
import os
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from interviews.transcript import parse_transcript  # noqa: E402

RUNS = int(sys.argv[1]) if len(sys.argv) > 1 else 20

# (pasted text, expected segments, first question, last answer)
BLOCKS = [
    (
        "Q: Why did the ferry stop running?\nA: The engine failed in March.\n\n"
        "Q: Who repairs it?\nA: A yard in Tartus.",
        2,
        "Why did the ferry stop running?",
        "A yard in Tartus.",
    ),
    (
        "Q. How many families came back?\nA. About forty.\n\nQ. And the school?\n"
        "A. It opens in autumn.\n\nQ. Is there water?\nA. Two hours a day.",
        3,
        "How many families came back?",
        "Two hours a day.",
    ),
    (
        "**Q:** What did the council decide?\n**A:** To share the generator.\n\n"
        "**Q:** For how long?\n**A:** Until the grid returns.",
        2,
        "What did the council decide?",
        "Until the grid returns.",
    ),
    (
        "Question: Where do the trucks unload?\nAnswer: Behind the mill.\n\n"
        "Question: At night?\nAnswer: Only at dawn.",
        2,
        "Where do the trucks unload?",
        "Only at dawn.",
    ),
    (
        "Hallam: What is left of the orchard?\n\nNour: A third of the trees.\n\n"
        "Hallam: And the well?\n\nNour: Dry since June.",
        2,
        "What is left of the orchard?",
        "Dry since June.",
    ),
    (
        "TH: When did the clinic close?\n\nMS: In the second week of the siege.\n\n"
        "TH: Where did the staff go?\n\nMS: Most went north.\n\n"
        "TH: Will they return?\n\nMS: If the road stays open.",
        3,
        "When did the clinic close?",
        "If the road stays open.",
    ),
    (
        "How did the bakery keep going?\n\n"
        "\u201cWe mixed barley into the flour.\u201d\n\n"
        "Who paid for the fuel?\n\n\u201cThe neighbours, a little each.\u201d",
        2,
        "How did the bakery keep going?",
        "The neighbours, a little each.",
    ),
    (
        "- What changed after the ceasefire?\nShops opened again.\n\n"
        "- What did not?\nThe checkpoints.",
        2,
        "What changed after the ceasefire?",
        "The checkpoints.",
    ),
    (
        "س: متى توقفت الحافلات؟\nج: في بداية الشتاء.\n\nس: ومتى تعود؟\n"
        "ج: حين يصل الوقود.",
        2,
        "متى توقفت الحافلات؟",
        "حين يصل الوقود.",
    ),
    (
        "Q: Is the bridge safe?\r\nA: Engineers say yes.\r\n\r\nQ: For lorries?\r\n"
        "A: Only light ones.\r\n",
        2,
        "Is the bridge safe?",
        "Only light ones.",
    ),
    (
        "\n\nQ: Who runs the shelter now?\nA: Volunteers from the mosque.\n\n\n\n"
        "Q: How many beds?\nA: Sixty, and a waiting list.\n\n",
        2,
        "Who runs the shelter now?",
        "Sixty, and a waiting list.",
    ),
    (
        "Q: What did you see at the crossing?\nA: Long queues.\n\nThe guards "
        "checked every bag.\n\nQ: How long did you wait?\nA: Nine hours.",
        2,
        "What did you see at the crossing?",
        "Nine hours.",
    ),
]


def right(block):
    text, count, first, last = block
    segments = parse_transcript(text).segments
    return (
        len(segments) == count
        and segments[0].question.strip() == first
        and segments[-1].answer.strip() == last
    )


def main():
    results = [right(block) for block in BLOCKS]
    times = []
    for _ in range(RUNS):
        for text, *_expected in BLOCKS:
            start = time.perf_counter()
            parse_transcript(text)
            times.append(time.perf_counter() - start)
    wrong = [i for i, ok in enumerate(results) if not ok]
    print(f"date: {datetime.datetime.now(datetime.UTC):%Y-%m-%d %H:%M} UTC")
    print("load average: {:.2f} {:.2f} {:.2f}".format(*os.getloadavg()))
    print(f"blocks split right: {sum(results)} of {len(BLOCKS)}", end="")
    print(f" (wrong: {wrong})" if wrong else "")
    print(f"median time per block: {statistics.median(times) * 1000:.2f} ms")


if __name__ == "__main__":
    main()
