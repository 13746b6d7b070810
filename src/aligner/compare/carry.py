"""The English of the old version carried to the new one, unit by unit.

A new segment takes the English of a segment of its own unit's old side (so ``（一）重婚的；`` in
article 32 takes article 32's English, not that of another article with the same clause):

- the same text (white space and width aside): the old English, translated;
- a text that differs only in figures (its article number, a renumbered cross-reference): the
  old English with the figures rewritten by the memory's placeable reader (Article 12 -> Article
  14), translated when every figure was found and rewritten, else fuzzy;
- in a modified unit (or a moved, split or merged one whose text changed), every segment is fuzzy:
  the English of the same or the most alike old segment of the unit, with the old Chinese as its
  previous msgid (when it differs) and a note naming the old article;
- an added unit, or a segment unlike any of its unit's old ones: left for the translator.
"""

from __future__ import annotations

from collections.abc import Sequence

from aligner import figures
from aligner.catalog import Fill
from aligner.compare.match import Unit
from aligner.compare.units import Change, Side, fold
from aligner.memory import placeables
from aligner.model import Catalog, Entry, Segment, Status

ALIKE = 0.5  # a changed segment takes the English of an old one at least this alike


def fills(
    units: Sequence[Unit],
    old_segments: Sequence[Segment],
    new_segments: Sequence[Segment],
    old_catalog: Catalog,
    old_name: str,
) -> dict[str, Fill]:
    """msgid -> the English offered to the new catalog; a translated offer wins over a fuzzy one."""
    # "↑" entries (translated with the previous segment) are carried only where their unit is.
    english = {entry.msgid: entry for entry in old_catalog.live if entry.msgstr}
    by_block_old = _by_block(old_segments)
    by_block_new = _by_block(new_segments)
    offers: dict[str, Fill] = {}
    for unit in units:
        if unit.old is None or unit.new is None:
            continue
        olds = _sides(unit, old=True)
        news = _sides(unit, old=False)
        old_texts = [s.text for side in olds for s in _segments(side, by_block_old) if s.text in english]
        where = ", ".join(side.name for side in olds)
        for segment in (s for side in news for s in _segments(side, by_block_new)):
            fill = _offer(segment.text, old_texts, english, unit, where, old_name)
            if fill is None:
                continue
            held = offers.get(segment.text)
            if held is None or (held.fuzzy and not fill.fuzzy):
                offers[segment.text] = fill
    return offers


def _sides(unit: Unit, *, old: bool) -> list[Side]:
    first = unit.old if old else unit.new
    assert first is not None
    joined = (unit.status is Change.MERGED) if old else (unit.status is Change.SPLIT)
    return [first, *unit.others] if joined else [first]


def _by_block(segments: Sequence[Segment]) -> dict[int, list[Segment]]:
    found: dict[int, list[Segment]] = {}
    for segment in segments:
        found.setdefault(segment.paragraph, []).append(segment)
    return found


def _segments(side: Side, by_block: dict[int, list[Segment]]) -> list[Segment]:
    return [segment for number in side.paragraphs for segment in by_block.get(number, [])]


def _offer(
    text: str, old_texts: list[str], english: dict[str, Entry], unit: Unit, where: str, old_name: str
) -> Fill | None:
    from rapidfuzz import fuzz

    status = unit.status
    # A changed unit is reviewed as a whole: the English of a sentence kept word for word may
    # still lean on one that changed (a pronoun, a sentence the English joined or split).
    changed = status in (Change.MODIFIED, Change.SPLIT, Change.MERGED) or (
        status is Change.MOVED and unit.similarity < 1.0
    )
    folded = fold(text)
    note = f"compare: was {where} of {old_name}"
    for old_text in old_texts:
        if fold(old_text) == folded:
            entry = english[old_text]
            if entry.joined and changed:
                return None  # its English stands in a previous segment that may have changed
            if changed:
                previous = old_text if old_text != text else None
                return Fill(entry.msgstr, fuzzy=True, note=note, previous_msgid=previous)
            return Fill(entry.msgstr, fuzzy=entry.status is not Status.TRANSLATED)
    old_texts = [old_text for old_text in old_texts if not english[old_text].joined]
    skeleton = _skeleton(text)
    for old_text in old_texts:
        if _skeleton(old_text) == skeleton:
            entry = english[old_text]
            adapted = placeables.adapt(old_text, entry.msgstr, text)
            clean = bool(adapted.changes) and not adapted.notes and entry.status is Status.TRANSLATED
            if clean and not changed:
                return Fill(adapted.msgstr)
            return Fill(adapted.msgstr, fuzzy=True, note=note, previous_msgid=old_text)
    if status in (Change.UNCHANGED, Change.RENUMBERED, Change.REFERENCES):
        return None  # every segment of such a unit is found above; a stray one is not guessed
    best, score = None, ALIKE * 100
    for old_text in old_texts:
        value = fuzz.ratio(folded, fold(old_text))
        if value >= score and (best is None or value > score):
            best, score = old_text, value
    if best is None:
        return None
    return Fill(english[best].msgstr, fuzzy=True, note=note, previous_msgid=best)


def _skeleton(text: str) -> str:
    folded = fold(text)
    return figures.skeleton(folded, figures.zh_figures(folded))
