"""The three-way merge of article snapshots, on its own."""

from newsroom.desk.merge import merge


def snapshot(dek="Dek", headline="Headline", segments=(), tags=()):
    return {
        "fields": {"headline": headline, "dek": dek, "series": None, "series_name": ""},
        "segments": [
            {"anchor": anchor, "position": n, "question": q, "answer": a}
            for n, (anchor, q, a) in enumerate(segments, start=1)
        ],
        "tags": list(tags),
    }


BASE = [("a", "Q1?", "A1"), ("b", "Q2?", "A2"), ("c", "Q3?", "A3")]


def test_each_side_keeps_what_only_it_changed():
    base = snapshot(segments=BASE, tags=["one", "two"])
    theirs = snapshot(headline="Their headline", segments=BASE, tags=["one", "three"])
    mine = snapshot(dek="My dek", segments=BASE, tags=["one", "two", "four"])
    merged = merge(base, theirs, mine)
    assert merged.clean
    assert merged.result["fields"]["headline"] == "Their headline"
    assert merged.result["fields"]["dek"] == "My dek"
    assert merged.result["tags"] == ["four", "one", "three"]
    assert merged.taken[0] == "Headline"


def test_the_same_field_changed_both_ways_is_a_conflict_until_chosen():
    base, theirs, mine = snapshot(), snapshot(dek="Theirs"), snapshot(dek="Mine")
    merged = merge(base, theirs, mine)
    assert [c.key for c in merged.conflicts] == ["fields.dek"]
    assert (merged.conflicts[0].theirs, merged.conflicts[0].mine) == ("Theirs", "Mine")
    chosen = merge(base, theirs, mine, {"fields.dek": "theirs"})
    assert chosen.clean and chosen.result["fields"]["dek"] == "Theirs"
    same = merge(base, snapshot(dek="Both"), snapshot(dek="Both"))
    assert same.clean and same.result["fields"]["dek"] == "Both"


def test_segments_merge_by_anchor_and_keep_both_sides_new_rows_in_place():
    base = snapshot(segments=BASE)
    theirs = snapshot(
        segments=[("a", "Q1?", "Their A1"), ("t", "Theirs?", "T"), *BASE[1:]]
    )
    mine = snapshot(segments=[*BASE[:2], ("c", "Q3?", "My A3"), ("m", "Mine?", "M")])
    merged = merge(base, theirs, mine)
    assert merged.clean
    rows = merged.result["segments"]
    assert [r["anchor"] for r in rows] == ["a", "t", "b", "c", "m"]
    assert [r["position"] for r in rows] == [1, 2, 3, 4, 5]
    assert rows[0]["answer"] == "Their A1" and rows[3]["answer"] == "My A3"


def test_a_reorder_on_one_side_is_kept():
    base = snapshot(segments=BASE)
    theirs = snapshot(segments=[BASE[2], BASE[0], BASE[1]])
    mine = snapshot(segments=[BASE[0], ("b", "Q2?", "My A2"), BASE[2]])
    merged = merge(base, theirs, mine)
    assert [r["anchor"] for r in merged.result["segments"]] == ["c", "a", "b"]
    assert merged.result["segments"][2]["answer"] == "My A2"


def test_a_segment_deleted_by_one_and_changed_by_the_other_is_a_conflict():
    base = snapshot(segments=BASE)
    theirs = snapshot(segments=BASE[:2])
    mine = snapshot(segments=[*BASE[:2], ("c", "Q3?", "Changed")])
    merged = merge(base, theirs, mine)
    assert [c.key for c in merged.conflicts] == ["segments.c"]
    assert merged.conflicts[0].theirs is None
    kept = merge(base, theirs, mine, {"segments.c": "mine"})
    assert [r["anchor"] for r in kept.result["segments"]] == ["a", "b", "c"]
    gone = merge(base, theirs, mine, {"segments.c": "theirs"})
    assert [r["anchor"] for r in gone.result["segments"]] == ["a", "b"]
    both = merge(base, theirs, snapshot(segments=BASE[:2]))
    assert both.clean
