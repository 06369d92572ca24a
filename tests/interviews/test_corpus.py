"""Every layout the importer reads, from the corpus written for it
(tests/interviews/corpus/, and sets written later: holdout/, fresh/, late/,
last/, and the blind batches blind/ to blind5/): each file's questions and
answers, headline, date, series, bios and suggested people, as expected.json
says a careful editor would read them. benchmarks/import_corpus.py measures the
same files as figures."""

import json
from pathlib import Path

import pytest

from benchmarks.import_corpus import norm, pair_matches
from interviews.transcript import TranscriptError, decode_transcript, parse_transcript

HERE = Path(__file__).resolve().parent
FOLDERS = [
    HERE / name
    for name in (
        "corpus",
        "holdout",
        "fresh",
        "late",
        "last",
        "blind",
        "blind2",
        "blind3",
        "blind4",
        "blind5",
    )
]
CASES = [
    (folder / name, want)
    for folder in FOLDERS
    for name, want in json.loads((folder / "expected.json").read_text()).items()
]


@pytest.mark.parametrize(
    ("path", "want"), CASES, ids=[path.name for path, _want in CASES]
)
def test_corpus_file_reads_as_expected(path, want):
    if want.get("refuse"):
        with pytest.raises(TranscriptError):
            parse_transcript(decode_transcript(path.read_bytes()))
        return
    data = parse_transcript(decode_transcript(path.read_bytes())).to_json()
    segments = data["segments"]
    for pair in want["pairs"]:
        assert any(pair_matches(s, pair) for s in segments), (pair, segments)
    assert len(segments) == len(want["pairs"])
    for key in ("headline", "series", "interviewer"):
        if want.get(key):
            assert norm(data[key]) == norm(want[key])
    if want.get("date"):
        assert data["date"] == want["date"]
    if want.get("interviewee"):
        assert norm(data["interviewee"]["name"]) == norm(want["interviewee"])
    if want.get("bios"):
        assert [b["name"] for b in data["bios"]] == want["bios"]


def test_the_corpus_covers_english_and_arabic_and_many_layouts():
    names = [path.name for path, _want in CASES]
    assert sum(n.startswith(("en_", "h_")) for n in names) >= 30
    assert sum(n.startswith(("ar_", "h_arabic")) for n in names) >= 14
    assert len({want.get("layout") for _path, want in CASES}) >= 30
