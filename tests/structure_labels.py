"""Scoring segments against the line labels of ``corpus/structure-labels`` (its README's method).

Each segment is placed on the source lines its characters cover; a line takes the role of the
segment covering most of its characters (ties to the earlier). A segment's role in the labels'
vocabulary comes from its kind and its block: an article's first block is ``article``, a note
``note``, an attachment marker ``attachment``, a metadata block ``docnumber``, a heading
``heading<level>``; otherwise the kind's own name. Shared by the corpus test and
``benchmarks/structure``.
"""

from __future__ import annotations

import csv
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from aligner import importers, segment
from aligner.model import Document, Kind, Role, Segment


@dataclass
class Score:
    lines: int = 0
    agree: int = 0
    lenient: int = 0
    headings: int = 0
    levels: int = 0
    confusion: Counter[tuple[str, str]] = field(default_factory=Counter)
    per_document: dict[str, tuple[int, int]] = field(default_factory=dict)

    @property
    def agreement(self) -> float:
        return self.agree / self.lines if self.lines else 0.0

    @property
    def level_agreement(self) -> float:
        return self.levels / self.headings if self.headings else 0.0


def label_of(seg: Segment, document: Document) -> str:
    block = document.paragraphs[seg.paragraph - 1]
    if block.role is Role.ARTICLE:
        return "article"
    if block.role is Role.NOTE:
        return "note"
    if block.role is Role.ATTACHMENT:
        return "attachment"
    if seg.kind is Kind.METADATA:
        return "docnumber"
    if seg.kind is Kind.HEADING:
        return f"heading{block.level or 1}"
    return seg.kind.value


def source_of(labels: Path, corpus: Path) -> Path:
    stem = labels.stem
    for folder in ("zh-docs", "gov-html/govcn-2019"):
        path = corpus / folder / f"{stem}.txt"
        if path.is_file():
            return path
    raise FileNotFoundError(stem)


def line_roles(document: Document, segments: list[Segment]) -> dict[int, str]:
    """The role each source line takes: that of the segment covering most of its non-space characters."""
    text = document.text
    cover: dict[int, Counter[int]] = {}
    for index, seg in enumerate(segments):
        line = document.line_of(seg.start)
        for offset in range(seg.start, seg.end):
            char = text[offset]
            if char == "\n":
                line += 1
                continue
            if char.isspace() or char == "\u3000":
                continue
            cover.setdefault(line, Counter())[index] += 1
    result = {}
    for line, counts in cover.items():
        best = max(counts.items(), key=lambda item: (item[1], -item[0]))[0]
        result[line] = label_of(segments[best], document)
    return result


def ambiguous(folder: Path) -> dict[tuple[str, int], set[str]]:
    found: dict[tuple[str, int], set[str]] = {}
    with (folder / "ambiguous.tsv").open(encoding="utf-8") as handle:
        for row in csv.DictReader(handle, delimiter="\t"):
            found[(row["doc"], int(row["line_no"]))] = set(row["alternatives"].split(","))
    return found


def score(folder: Path, corpus: Path, sources: dict[str, Path] | None = None) -> Score:
    """Agreement of the labels in ``folder`` (its numbered TSVs, or the stems ``sources`` names with
    their source files) with the roles found."""
    result = Score()
    others = ambiguous(folder)
    files = sorted(folder.glob("[0-9]*.tsv")) if sources is None else [folder / f"{stem}.tsv" for stem in sources]
    for labels in files:
        document = importers.read(source_of(labels, corpus) if sources is None else sources[labels.stem])
        segments = segment.segment(document)
        from aligner import structure

        document = structure.infer(document)
        placed = line_roles(document, segments)
        agree = total = 0
        with labels.open(encoding="utf-8") as handle:
            for row in csv.DictReader(handle, delimiter="\t"):
                line, gold = int(row["line_no"]), row["role"]
                got = placed.get(line, "none")
                total += 1
                ok = got == gold if not gold.startswith("heading") else got.startswith("heading")
                agree += ok
                result.lenient += ok or got in others.get((labels.stem, line), set())
                result.confusion[(gold, got)] += 1
                if gold.startswith("heading") and got.startswith("heading"):
                    result.headings += 1
                    result.levels += got == gold
                elif gold.startswith("heading"):
                    result.headings += 1
        result.lines += total
        result.agree += agree
        result.per_document[labels.stem] = (agree, total)
    return result
