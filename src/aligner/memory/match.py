"""Matching a segment against the memory: a score from 0 to 100 on characters of normalised Chinese.

100 is the same text; a placeable match differs only in figures (numbers, percentages, dates,
labels, codes: see ``aligner.figures``), whose English is rewritten rather than retranslated;
anything else is fuzzy, scored ``100 × (1 - edit distance / longer length)`` and reported in the
bands 95-99, 85-94, 75-84. Ties go to the same kind, then the same document, then the newest unit.
"""

from __future__ import annotations

from dataclasses import dataclass

from rapidfuzz.distance import Levenshtein

from aligner.memory.index import Index, Row, skeleton
from aligner.memory.units import Unit, normalize
from aligner.records import Record

DEFAULT_THRESHOLD = 75
BANDS = ("exact", "placeable", "95-99", "85-94", "75-84")


@dataclass(frozen=True, repr=False, eq=False)
class Match(Record):
    unit: Unit
    score: int
    band: str
    conflicts: tuple[str, ...] = ()  # other English the memory holds for the same Chinese
    origins: int = 1  # how many places hold this very pair (duplicates collapsed)


def score(a: str, b: str) -> int:
    """Similarity of two normalised texts, 0-100; 100 only for the same text."""
    if a == b:
        return 100
    value = int(100 * Levenshtein.normalized_similarity(a, b))
    return min(value, 99)


def band(value: int, placeable: bool = False) -> str:
    if value == 100:
        return "exact"
    if placeable:
        return "placeable"
    if value >= 95:
        return "95-99"
    if value >= 85:
        return "85-94"
    if value >= 75:
        return "75-84"
    return "below-75"


def _ranked(rows: list[Row], scores: dict[int, int], kind: str, doc: str) -> list[Row]:
    ordered = sorted(rows, key=lambda r: (r.unit.path, r.unit.line))
    ordered.sort(key=lambda r: r.unit.date, reverse=True)  # newest first, stable
    ordered.sort(key=lambda r: (-scores[r.id], r.unit.kind != kind, r.unit.doc != doc))
    return ordered


def _match(rows: list[Row], scores: dict[int, int], kind: str, doc: str, placeable: bool) -> Match:
    ordered = _ranked(rows, scores, kind, doc)
    best = ordered[0]
    same_source = [r for r in ordered if r.norm == best.norm]
    conflicts = tuple(dict.fromkeys(r.unit.en for r in same_source if r.unit.en != best.unit.en))
    origins = sum(1 for r in same_source if r.unit.en == best.unit.en)
    value = scores[best.id]
    return Match(best.unit, value, band(value, placeable), conflicts, origins)


def find(
    index: Index,
    text: str,
    lang: str,
    *,
    kind: str = "",
    doc: str = "",
    threshold: int = DEFAULT_THRESHOLD,
) -> Match | None:
    """The best match for ``text`` at ``threshold`` or above, or None."""
    norm = normalize(text)
    if not norm:
        return None
    rows = index.exact(norm, lang)
    if rows:
        return _match(rows, {r.id: 100 for r in rows}, kind, doc, False)
    skel = skeleton(norm)
    if skel != norm:
        rows = [r for r in index.same_skeleton(skel, lang) if r.norm != norm]
        if rows:
            return _match(rows, {r.id: score(norm, r.norm) for r in rows}, kind, doc, True)
    rows = index.candidates(norm, lang, threshold)
    scores = {r.id: score(norm, r.norm) for r in rows}
    rows = [r for r in rows if scores[r.id] >= threshold]
    if not rows:
        return None
    return _match(rows, scores, kind, doc, False)
