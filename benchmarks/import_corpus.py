"""How well the importer reads a corpus of transcripts with known answers.

Run from the repository root:

    python benchmarks/import_corpus.py [--dir DIR ...] [--verbose]

Each DIR (default: every folder of ``tests/interviews/`` with one) holds
transcripts and an ``expected.json`` mapping each file name to what a careful
editor would read in it: ``headline``, ``date`` (ISO), ``series``,
``interviewer``, ``interviewee``, ``bios`` (names), ``refuse`` (only for a file
that is not readable text), and ``pairs``, each
``[question start, answer start, answer end]``. Each file goes through the command
exactly as an editor would run it: ``manage.py import_transcript FILE --dry-run
--json``. A pair is found when one segment's question starts, and its answer starts
and ends, with the expected words (case, spacing, quotation marks and emphasis
ignored).

Reported: pair recall (expected pairs found) and precision (segments that are one
of the expected pairs), headlines, dates, series, bios, suggested people, refusals,
with the date and the machine's load average.
"""

import argparse
import io
import json
import os
import statistics
import sys
import time
from datetime import UTC, datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "newsroom.settings")

import django  # noqa: E402

django.setup()

from django.core.management import call_command  # noqa: E402
from django.core.management.base import CommandError  # noqa: E402

QUOTES = str.maketrans({"“": '"', "”": '"', "‘": "'", "’": "'", "«": '"', "»": '"'})
EDGE = " \t\n.,;:!?؟،…\"'-–—"


def norm(text):
    text = (text or "").translate(QUOTES).replace("*", "").replace("_", " ")
    return " ".join(text.split()).casefold().strip(EDGE)


def pair_matches(segment, expected):
    q_start, a_start, a_end = (norm(x) for x in expected)
    question, answer = norm(segment["question"]), norm(segment["answer"])
    return (
        question.startswith(q_start)
        and answer.startswith(a_start)
        and answer.endswith(a_end)
    )


def run_command(path):
    """The command's JSON, or None when it refused the file."""
    out, err = io.StringIO(), io.StringIO()
    try:
        call_command(
            "import_transcript",
            str(path),
            dry_run=True,
            json=True,
            stdout=out,
            stderr=err,
        )
    except CommandError:
        return None, err.getvalue().strip()
    return json.loads(out.getvalue()), ""


class Tally:
    def __init__(self):
        self.right = 0
        self.total = 0
        self.misses = []

    def add(self, ok, name, got=None, want=None):
        self.total += 1
        self.right += bool(ok)
        if not ok:
            self.misses.append(f"{name}: got {got!r}, expected {want!r}")

    def __str__(self):
        return f"{self.right} of {self.total}"


def measure(directories, verbose=False):
    expected = {
        f"{directory.name}/{name}": (directory / name, want)
        for directory in directories
        for name, want in json.loads(
            (directory / "expected.json").read_text(encoding="utf-8")
        ).items()
    }
    found = right = wanted = recalled = 0
    tallies = {
        key: Tally()
        for key in ("headline", "date", "series", "bios", "interviewer", "interviewee")
    }
    refusals = Tally()
    times = []
    pair_misses = []
    for name, (path, want) in sorted(expected.items()):
        start = time.perf_counter()
        data, error = run_command(path)
        times.append(time.perf_counter() - start)
        refused = data is None
        refusals.add(refused == bool(want.get("refuse")), name, error or "read", want)
        if refused:
            wanted += len(want["pairs"])
            continue
        segments = data["segments"]
        found += len(segments)
        right += sum(any(pair_matches(s, p) for p in want["pairs"]) for s in segments)
        for pair in want["pairs"]:
            wanted += 1
            if any(pair_matches(s, pair) for s in segments):
                recalled += 1
            else:
                pair_misses.append(f"{name}: {pair[0]!r}")
        for key in ("headline", "series", "interviewer"):
            if want.get(key):
                tallies[key].add(
                    norm(data[key]) == norm(want[key]), name, data[key], want[key]
                )
        if want.get("date"):
            tallies["date"].add(
                data["date"] == want["date"], name, data["date"], want["date"]
            )
        if want.get("interviewee"):
            got = (data.get("interviewee") or {}).get("name")
            tallies["interviewee"].add(
                norm(got) == norm(want["interviewee"]), name, got, want["interviewee"]
            )
        if want.get("bios"):
            got = [b["name"] for b in data["bios"]]
            tallies["bios"].add(got == want["bios"], name, got, want["bios"])
        if verbose and (data["warnings"]):
            for warning in data["warnings"]:
                sys.stdout.write(f"  {name}: {warning}\n")
    return {
        "files": len(expected),
        "pairs expected": wanted,
        "pairs found": found,
        "pair recall": recalled / wanted if wanted else 1.0,
        "pair precision": right / found if found else 1.0,
        "tallies": tallies,
        "refusals": refusals,
        "pair misses": pair_misses,
        "median seconds a file": statistics.median(times) if times else 0.0,
    }


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--dir",
        type=Path,
        action="append",
        help="a folder of transcripts with its expected.json (repeatable); "
        "default: every folder of tests/interviews/ that has one",
    )
    parser.add_argument("--verbose", action="store_true")
    args = parser.parse_args()
    dirs = args.dir or sorted(
        path.parent for path in (ROOT / "tests/interviews").glob("*/expected.json")
    )
    report = measure(dirs, verbose=args.verbose)
    write = sys.stdout.write
    load = os.getloadavg()[0]
    write(f"date {datetime.now(UTC):%Y-%m-%d %H:%M} UTC, load average {load:.2f}\n")
    files, pairs = report["files"], report["pairs expected"]
    names = ", ".join(d.name for d in dirs)
    write(f"corpus {names}: {files} files, {pairs} pairs\n")
    write(f"pair recall     {report['pair recall']:.1%}\n")
    precision, found = report["pair precision"], report["pairs found"]
    write(f"pair precision  {precision:.1%} of {found} found\n")
    for key, tally in report["tallies"].items():
        write(f"{key:15} {tally} right\n")
    refusals = report["refusals"]
    write(f"refusals        {refusals} files as expected (only unreadable ones)\n")
    median = report["median seconds a file"] * 1000
    write(f"median {median:.1f} ms a file (the command, in process)\n")
    misses = report["pair misses"] + [
        m for t in (*report["tallies"].values(), report["refusals"]) for m in t.misses
    ]
    for miss in misses:
        write(f"  miss: {miss}\n")


if __name__ == "__main__":
    main()
