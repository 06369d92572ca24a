"""Three-way merge of article snapshots (newsroom.content.revisions): an editor's
save against the changes someone else saved after the editor opened the form.

``base`` is the article as the editor opened it, ``theirs`` as it is now, and
``mine`` as the editor's form would make it. A field, or a row of a part (a
question and answer by its anchor, a byline by person and role, an interviewee,
a tag), that only one side changed takes that side's value without asking. Only
what both sides changed, differently, is a conflict, settled by the editor's
``choices`` ({conflict key: "mine" | "theirs"}); an unsettled conflict keeps the
merge from being saved. Rows keep the order of the side that reordered them,
with the other side's new rows after the row they followed there.
"""

from dataclasses import dataclass, field

from newsroom.content.revisions import FIELDS, _shown

MINE, THEIRS = "mine", "theirs"
# Fields that move with another (the series' name with the series).
FOLLOWS = {"series": ("series_name",)}


@dataclass
class Conflict:
    key: str  # "fields.dek", "segments.<anchor>", "bylines.<key>"
    part: str  # "fields" or a part's name
    label: str
    base: object
    theirs: object
    mine: object


@dataclass
class Merge:
    result: dict
    conflicts: list = field(default_factory=list)  # not settled by a choice
    settled: list = field(default_factory=list)  # (Conflict, choice)
    taken: list = field(default_factory=list)  # labels of what came from theirs

    @property
    def clean(self):
        return not self.conflicts


def merge(base, theirs, mine, choices=None):
    choices = choices or {}
    merged = Merge(result={})
    merged.result["fields"] = _merge_fields(base, theirs, mine, choices, merged)
    for name in mine:
        if name == "fields":
            continue
        b, t, m = base.get(name, []), theirs.get(name, []), mine.get(name, [])
        if all(isinstance(row, str) for row in [*b, *t, *m]):
            merged.result[name] = _merge_names(b, t, m)
            if t != b and _merge_names(b, t, m) != m:
                merged.taken.append(name)
        else:
            merged.result[name] = _merge_rows(name, b, t, m, choices, merged)
    return merged


def _merge_fields(base, theirs, mine, choices, merged):
    b, t, m = base["fields"], theirs["fields"], mine["fields"]
    result = dict(m)
    for name, label in FIELDS.items():
        old, their, my = _shown(b, name), _shown(t, name), _shown(m, name)
        if their == old or their == my:
            continue
        take_theirs = my == old
        if not take_theirs:
            conflict = Conflict(f"fields.{name}", "fields", label, old, their, my)
            if name == "series":
                conflict.base, conflict.theirs, conflict.mine = (
                    b.get("series_name"),
                    t.get("series_name"),
                    m.get("series_name"),
                )
            choice = choices.get(conflict.key)
            if choice not in (MINE, THEIRS):
                merged.conflicts.append(conflict)
                continue
            merged.settled.append((conflict, choice))
            take_theirs = choice == THEIRS
        if take_theirs:
            if not any(c.key == f"fields.{name}" for c, _ in merged.settled):
                merged.taken.append(label)
            for key in (name, *FOLLOWS.get(name, ())):
                result[key] = t.get(key)
    return result


def _merge_names(base, theirs, mine):
    """Tags: what either side added, less what either side removed."""
    b, t, m = set(base), set(theirs), set(mine)
    kept = (b & t & m) | (t - b) | (m - b)
    return sorted(kept, key=str.casefold)


def row_key(row):
    """A row's identity within its part: its anchor, else what it names (every
    value but its position and the names shown beside the ids)."""
    if "anchor" in row:
        return str(row["anchor"])
    return "|".join(
        f"{key}={row[key]}" for key in sorted(row) if key not in ("position", "name")
    )


def _content(row):
    return {key: value for key, value in row.items() if key != "position"}


def _same(one, other):
    if one is None or other is None:
        return one is other
    return _content(one) == _content(other)


def _merge_rows(name, base, theirs, mine, choices, merged):
    b = {row_key(row): row for row in base}
    t = {row_key(row): row for row in theirs}
    m = {row_key(row): row for row in mine}
    kept = {}
    for key in dict.fromkeys([*m, *t, *b]):
        old, their, my = b.get(key), t.get(key), m.get(key)
        if old is None:  # new on one side (or both)
            kept[key] = my or their
            continue
        their_changed = their is None or _content(their) != _content(old)
        my_changed = my is None or _content(my) != _content(old)
        if not their_changed:
            row = my
        elif not my_changed or _same(my, their):
            row = their
            if not my_changed:
                merged.taken.append(_row_label(name, old))
        else:
            conflict = Conflict(
                f"{name}.{key}", name, _row_label(name, old), old, their, my
            )
            choice = choices.get(conflict.key)
            if choice not in (MINE, THEIRS):
                merged.conflicts.append(conflict)
                row = my
            else:
                merged.settled.append((conflict, choice))
                row = my if choice == MINE else their
        if row is not None:
            kept[key] = row
    order = _order([row_key(r) for r in base], theirs, mine)
    rows = [dict(kept[key]) for key in order if key in kept]
    rows += [dict(row) for key, row in kept.items() if key not in order]
    for number, row in enumerate(rows, start=1):
        row["position"] = number
    return rows


def _order(base_keys, theirs, mine):
    """The keys in the order of the side that reordered (mine if both did), with
    the other side's rows placed after the row they follow there."""
    t_keys = [row_key(r) for r in theirs]
    m_keys = [row_key(r) for r in mine]

    def common(keys, others):
        return [key for key in keys if key in others]

    everywhere = set(base_keys) & set(t_keys) & set(m_keys)
    mine_moved = common(m_keys, everywhere) != common(base_keys, everywhere)
    main, other = (
        (m_keys, t_keys)
        if mine_moved or common(t_keys, everywhere) == common(base_keys, everywhere)
        else (t_keys, m_keys)
    )
    order = list(main)
    for index, key in enumerate(other):
        if key in order:
            continue
        before = next((k for k in reversed(other[:index]) if k in order), None)
        order.insert(order.index(before) + 1 if before else 0, key)
    return order


def _row_label(name, row):
    """What to call a row in a summary: a question by its number and words; a
    row naming a person by its part only (a withheld name must not reach a
    summary)."""
    if name == "segments":
        return f"Q{row.get('position')}: {row.get('question', '')[:60]}"
    return name.capitalize()
