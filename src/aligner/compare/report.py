"""What a comparison reports: its units with their Chinese changes and their English, and the JSON.

The rows are what the redline renderers (``render/redline.py``) draw; they hold plain text only.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass

from aligner.compare.match import Edit, Unit
from aligner.compare.units import Change, Side
from aligner.model import Catalog, Document, Segment, Status
from aligner.records import Record


@dataclass(frozen=True, repr=False, eq=False)
class Row(Record):
    """One unit as the redline shows it."""

    unit: Unit
    anchor: str  # the element's id: art-14 (the new number), old-art-12 (a deleted article), u7
    lines: tuple[tuple[Edit, ...], ...]  # the Chinese, line by line (a block a line), each with its changes
    english: str = ""  # the new version's English of the unit (its catalog after the carry-over)
    fuzzy: bool = False  # some of that English is fuzzy
    english_old: str = ""  # the old version's English (shown beside the new for changed units)

    @property
    def status(self) -> str:
        return self.unit.status.value

    @property
    def old_name(self) -> str:
        return self.unit.old.name if self.unit.old is not None else ""

    @property
    def name(self) -> str:
        side = self.unit.new or self.unit.old
        return side.name if side is not None else ""


@dataclass(frozen=True, repr=False, eq=False)
class Comparison(Record):
    """Two versions compared: the rows in the new version's order, deleted units where they stood."""

    old: str  # the paths as shown
    new: str
    title: str  # the new version's title (its first block)
    language: str
    rows: tuple[Row, ...]
    old_catalog: str = ""  # the catalogs the English came from, when there were any
    new_catalog: str = ""

    @property
    def summary(self) -> dict[str, int]:
        counts = dict.fromkeys((change.value for change in Change), 0)
        for row in self.rows:
            counts[row.status] += 1
        return counts


def build(
    old: Document,
    new: Document,
    units: Sequence[Unit],
    *,
    language: str,
    segments: tuple[Sequence[Segment], Sequence[Segment]] = ((), ()),
    catalogs: tuple[Catalog | None, Catalog | None] = (None, None),
) -> Comparison:
    """The rows of ``units``, with the English of each side when its catalog is given."""
    english_old = _english(segments[0], catalogs[0])
    english_new = _english(segments[1], catalogs[1])
    rows: list[Row] = []
    seen: set[str] = set()
    for index, unit in enumerate(units, start=1):
        anchor = _anchor(unit, index, seen)
        new_text, new_fuzzy = _side_english(_sides(unit, old=False), english_new)
        old_text, _ = _side_english(_sides(unit, old=True), english_old)
        rows.append(Row(unit, anchor, _lines(unit), new_text, new_fuzzy, old_text))
    title = new.paragraphs[0].text if new.paragraphs else new.doc_id
    return Comparison(
        old.path,
        new.path,
        title,
        language,
        tuple(rows),
        catalogs[0].path if catalogs[0] is not None else "",
        catalogs[1].path if catalogs[1] is not None else "",
    )


def _sides(unit: Unit, *, old: bool) -> list[Side]:
    first = unit.old if old else unit.new
    if first is None:
        return []
    joined = unit.status is (Change.MERGED if old else Change.SPLIT)
    return [first, *unit.others] if joined else [first]


def _english(segments: Sequence[Segment], catalog: Catalog | None) -> dict[int, list[tuple[str, bool]]]:
    """Block number -> the (English, fuzzy) of its segments, in order (untranslated ones left out)."""
    if catalog is None:
        return {}
    entries = {entry.msgid: entry for entry in catalog.live}
    found: dict[int, list[tuple[str, bool]]] = {}
    for segment in segments:
        entry = entries.get(segment.text)
        if entry is None or not entry.msgstr or entry.joined or entry.status is Status.UNTRANSLATED:
            continue
        found.setdefault(segment.paragraph, []).append((entry.msgstr, entry.fuzzy))
    return found


def _side_english(sides: list[Side], english: dict[int, list[tuple[str, bool]]]) -> tuple[str, bool]:
    lines: list[str] = []
    fuzzy = False
    for side in sides:
        for number in side.paragraphs:
            parts = english.get(number, [])
            if parts:
                lines.append(" ".join(text for text, _ in parts))
                fuzzy = fuzzy or any(f for _, f in parts)
    return "\n".join(lines), fuzzy


def _anchor(unit: Unit, index: int, seen: set[str]) -> str:
    side = unit.new or unit.old
    assert side is not None
    number = side.number
    if number is not None:
        anchor = f"art-{number[0]}" + (f"-{number[1]}" if number[1] else "")
        if unit.new is None:
            anchor = "old-" + anchor
    else:
        anchor = f"u{index}"
    if anchor in seen:
        anchor = f"{anchor}-u{index}"
    seen.add(anchor)
    return anchor


def _lines(unit: Unit) -> tuple[tuple[Edit, ...], ...]:
    if unit.status is Change.DELETED:
        assert unit.old is not None
        return tuple(((-1, line),) for line in unit.old.text.split("\n"))
    if not unit.changes:
        sides = _sides(unit, old=False)
        return tuple(((0, line),) for side in sides for line in side.text.split("\n"))
    lines: list[list[Edit]] = [[]]
    for op, text in unit.changes:
        pieces = text.split("\n")
        for number, piece in enumerate(pieces):
            if number:
                lines.append([])
            if piece:
                lines[-1].append((op, piece))
    return tuple(tuple(line) for line in lines if line)


_OPS = {-1: "-", 0: "=", 1: "+"}


def _side_json(side: Side | None) -> dict[str, object] | None:
    return None if side is None else {"label": side.name, "line": side.line}


def to_json(comparison: Comparison) -> str:
    """The comparison as JSON (the format docs/compare.md describes); keys in a fixed order."""
    units: list[dict[str, object]] = []
    for row in comparison.rows:
        unit = row.unit
        item: dict[str, object] = {
            "status": row.status,
            "old": _side_json(unit.old),
            "new": _side_json(unit.new),
            "similarity": unit.similarity,
        }
        if unit.others:
            item["others"] = [_side_json(side) for side in unit.others]
        if unit.changes:
            item["changes"] = [[_OPS[op], text] for op, text in unit.changes]
        units.append(item)
    document = {"old": comparison.old, "new": comparison.new, "units": units, "summary": comparison.summary}
    return json.dumps(document, ensure_ascii=False, indent=2) + "\n"
