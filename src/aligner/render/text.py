"""The English document alone, set out in the source's paragraphs: what a publisher prints.

A segment without a usable translation (untranslated, or fuzzy: msgfmt does not use fuzzy
entries either) falls back to its Chinese source so no sentence goes missing; the result says
which ones did, for the caller to report.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass

from aligner.model import Alignment, Kind, Status
from aligner.records import Record
from aligner.render.layout import Block, Publication, Unit, build, quiet_gc

WIDTH = 72  # column right-aligned blocks (the closing signature and date) end at

# Kinds set one per line in the source even inside one paragraph (a list of metadata fields).
_LINE_KINDS = {Kind.METADATA, Kind.SIGNATURE, Kind.DATE, Kind.BOILERPLATE}


@dataclass(frozen=True, repr=False, eq=False)
class English(Record):
    text: str
    untranslated: tuple[str, ...]  # positions that fell back to the source
    fuzzy: tuple[str, ...]  # positions whose fuzzy translation was not used

    @property
    def fallbacks(self) -> int:
        return len(self.untranslated) + len(self.fuzzy)


def english(alignment: Alignment, *, publication: Publication | None = None) -> English:
    with quiet_gc():
        return _english(alignment, publication)


def _english(alignment: Alignment, publication: Publication | None) -> English:
    page = build(alignment, publication=publication)
    untranslated: list[str] = []
    fuzzy: list[str] = []
    out: list[str] = []
    for index, block in enumerate(page.blocks):
        if index:
            # As many blank lines as the source had, at most two.
            out.append("\n" * (1 + min(block.gap, 2)))
        out.append(_paragraph(block, untranslated, fuzzy))
    text = "".join(out).rstrip("\n")
    return English(text + "\n" if text else "", tuple(untranslated), tuple(fuzzy))


def render(alignment: Alignment) -> str:
    return english(alignment).text


def _paragraph(block: Block, untranslated: list[str], fuzzy: list[str]) -> str:
    parts: list[str] = []
    previous: Unit | None = None
    for unit in block.units:
        text = _unit_text(unit, untranslated, fuzzy)
        if not text:
            continue
        if previous is not None:
            new_line = unit.kind in _LINE_KINDS and unit.cells[0].segment.line > previous.cells[-1].segment.end_line
            parts.append("\n" if new_line else _separator(parts[-1], text))
        parts.append(text)
        previous = unit
    paragraph = "".join(parts)
    if block.align == "right":
        paragraph = "\n".join(line.rjust(WIDTH) for line in paragraph.split("\n"))
    return paragraph


def _separator(before: str, after: str) -> str:
    """A space between sentences, except between two Chinese ones (fallbacks): Chinese runs on."""
    if before and after and _wide(before[-1]) and _wide(after[0]):
        return ""
    return " "


def _wide(char: str) -> bool:
    return unicodedata.east_asian_width(char) in ("W", "F")


def _unit_text(unit: Unit, untranslated: list[str], fuzzy: list[str]) -> str:
    if unit.joined_across:
        return ""
    if unit.status is Status.TRANSLATED and unit.target.strip():
        return " ".join(unit.target.split())
    (fuzzy if unit.status is Status.FUZZY else untranslated).append(unit.label)
    return unit.source
