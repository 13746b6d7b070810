"""The shape every output format shares: an alignment as blocks (the source's paragraphs) of units
(one English text against one or more Chinese segments), with stable anchors and numbered notes.

A unit holds several segments when the translator joined them: the later entries carry a msgstr
of ``JOINED_MARK`` alone and the English of all of them stands in the first entry.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass

from aligner.coverage import count
from aligner.model import AlignedSegment, Alignment, Coverage, Kind, Segment, Status

# Worst first: a unit shows the least finished status among its segments.
_RANK = {Status.UNTRANSLATED: 0, Status.FUZZY: 1, Status.TRANSLATED: 2, Status.OBSOLETE: 3}


@dataclass(frozen=True)
class Cell:
    """One Chinese segment of a unit."""

    row: AlignedSegment
    anchor: str  # position-based id, e.g. "s20-3"
    alias: str  # content-based id, e.g. "h-1a2b3c4d": survives edits above it
    position: str  # "20.3"; a field, not a property: a large page reads it a million times

    @property
    def segment(self) -> Segment:
        return self.row.segment


@dataclass(frozen=True)
class Note:
    number: int
    position: str  # segment position the note belongs to
    text: str
    anchor: str  # id of the note in the note list
    ref: str  # id of the reference mark in the text


@dataclass(frozen=True)
class Unit:
    """One English text against the Chinese segment(s) it translates."""

    cells: tuple[Cell, ...]
    target: str  # the English; "" when there is none to show
    status: Status
    notes: tuple[Note, ...] = ()
    mark: str = ""  # an extra short label from the caller (e.g. "low confidence")
    joined_across: str = ""  # position of the segment in an earlier paragraph this one is joined to
    css: str = ""  # "k-<kind> st-<status>": the classes the HTML page sets on the unit

    @property
    def kind(self) -> Kind:
        return self.cells[0].segment.kind

    @property
    def source(self) -> str:
        return "".join(cell.segment.text for cell in self.cells)

    @property
    def positions(self) -> str:
        """Space-separated positions of its segments (the HTML ``data-segment`` of the English cell)."""
        return " ".join(cell.position for cell in self.cells)

    @property
    def label(self) -> str:
        first, last = self.cells[0].position, self.cells[-1].position
        return first if first == last else f"{first}–{last.split('.')[-1]}"

    @property
    def missing(self) -> bool:
        """No usable English: the reader sees the source instead."""
        if self.joined_across:
            return self.status is Status.UNTRANSLATED
        return self.status is Status.UNTRANSLATED or not self.target


@dataclass(frozen=True)
class Block:
    """One paragraph of the source."""

    number: int
    kind: Kind
    units: tuple[Unit, ...]
    anchor: str  # "p20"
    alias: str  # "p-1a2b3c4d"
    gap: int  # blank lines before it in the source (0 for the first, 1 usually)
    indent: bool  # set off from the left margin in the source (signatures, dates)


@dataclass(frozen=True)
class Page:
    doc_id: str
    source: str  # path of the source document
    catalog: str  # path of the catalog
    language: str
    title: str  # Chinese title (the title segment), or the caller's title
    title_en: str
    translator: str
    revision: str
    blocks: tuple[Block, ...]
    notes: tuple[Note, ...]
    coverage: Coverage


@contextmanager
def quiet_gc() -> Iterator[None]:
    """Pause the cyclic garbage collector while a page is built.

    Rendering allocates millions of small objects and frees none of them until the end, so every
    collection walks a growing heap for nothing: with collection on, time grows with the square of
    the document (100k segments took 2.5x the time of 50k). Any cycle is collected once it resumes.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def unwrap(comment: str) -> str:
    """A PO comment as prose: its lines were wrapped to fit the file, so join them; keep the
    blank lines a translator put between paragraphs."""
    paragraphs = [" ".join(part.split()) for part in re.split(r"\n\s*\n", comment.strip())]
    return "\n".join(p for p in paragraphs if p)


def digest(text: str, length: int = 8) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:length]


def language_of(alignment: Alignment) -> str:
    return alignment.catalog.language or "en"


def build(
    alignment: Alignment,
    *,
    title: str | None = None,
    notes: Mapping[str, str] | None = None,
    marks: Mapping[str, str] | None = None,
) -> Page:
    """Group the rows by paragraph and join ``JOINED_MARK`` entries to the unit before them.

    ``notes`` and ``marks`` map a segment position ("20.3") to a note shown with the translator's
    comments and to a short label shown on the English cell.
    """
    builder = _Builder(dict(notes or {}), dict(marks or {}))
    blocks = builder.blocks(alignment)
    title_zh, title_en = titles(alignment)
    catalog = alignment.catalog
    return Page(
        doc_id=alignment.document.doc_id,
        source=alignment.document.path,
        catalog=catalog.path,
        language=language_of(alignment),
        title=title or title_zh or alignment.document.doc_id,
        title_en=title_en if not title else "",
        translator=catalog.header_value("Last-Translator"),
        revision=catalog.header_value("PO-Revision-Date"),
        blocks=tuple(blocks),
        notes=tuple(builder.notes),
        coverage=count(catalog),
    )


class _Builder:
    def __init__(self, notes: dict[str, str], marks: dict[str, str]) -> None:
        self.extra_notes = notes
        self.extra_marks = marks
        self.used: dict[str, int] = {}
        self.notes: list[Note] = []

    def alias(self, prefix: str, text: str) -> str:
        # Repeated texts (a metadata line printed twice) keep distinct ids in document order.
        base = f"{prefix}-{digest(text)}"
        self.used[base] = self.used.get(base, 0) + 1
        return base if self.used[base] == 1 else f"{base}-{self.used[base]}"

    def notes_for(self, row: AlignedSegment) -> list[Note]:
        texts = []
        if row.entry is not None and row.entry.comment.strip():
            texts.append(unwrap(row.entry.comment))
        extra = self.extra_notes.get(row.segment.position, "").strip()
        if extra:
            texts.append(extra)
        result = []
        for text in texts:
            number = len(self.notes) + 1
            note = Note(number, row.segment.position, text, f"note-{number}", f"noteref-{number}")
            self.notes.append(note)
            result.append(note)
        return result

    def unit(self, members: list[AlignedSegment], joined_across: str = "") -> Unit:
        first = members[0]
        cells = tuple(
            Cell(
                row,
                f"s{row.segment.paragraph}-{row.segment.sentence}",
                self.alias("h", row.segment.text),
                f"{row.segment.paragraph}.{row.segment.sentence}",
            )
            for row in members
        )
        status = min((row.status for row in members), key=_RANK.__getitem__)
        target = "" if first.entry is None or first.entry.joined else first.target
        marks = [self.extra_marks[row.segment.position] for row in members if row.segment.position in self.extra_marks]
        return Unit(
            cells=cells,
            target=target,
            status=status,
            notes=tuple(note for row in members for note in self.notes_for(row)),
            mark="; ".join(marks),
            joined_across=joined_across,
            css=f"k-{first.segment.kind.value} st-{status.value}",
        )

    def units(self, group: list[AlignedSegment], previous_position: str) -> list[Unit]:
        units: list[Unit] = []
        members: list[AlignedSegment] = []
        for index, row in enumerate(group):
            joined = row.entry is not None and row.entry.joined
            if joined and index > 0:
                members.append(row)
                continue
            if members:
                units.append(self.unit(members))
            members = [row]
            if joined and previous_position:
                # Joined to the last segment of the previous paragraph: its English stands there.
                # Keep the paragraph structure and point to it rather than pull the segment across.
                # (A joined first segment of a document has nothing to join: it shows as missing.)
                units.append(self.unit(members, joined_across=previous_position))
                members = []
        if members:
            units.append(self.unit(members))
        return units

    def blocks(self, alignment: Alignment) -> list[Block]:
        # Group rows by paragraph in document order (paragraph numbers need not be contiguous).
        groups: list[list[AlignedSegment]] = []
        for row in alignment.rows:
            if groups and groups[-1][0].segment.paragraph == row.segment.paragraph:
                groups[-1].append(row)
            else:
                groups.append([row])
        paragraphs = {p.number: p for p in alignment.document.paragraphs}
        blocks: list[Block] = []
        previous_last_line: int | None = None
        previous_position = ""
        for group in groups:
            first = group[0].segment
            paragraph = paragraphs.get(first.paragraph)
            first_line = paragraph.line if paragraph is not None else first.line
            last_line = paragraph.pieces[-1].line if paragraph is not None else group[-1].segment.end_line
            gap = 0 if previous_last_line is None else max(0, first_line - previous_last_line - 1)
            text = paragraph.text if paragraph is not None else "".join(row.segment.text for row in group)
            blocks.append(
                Block(
                    number=first.paragraph,
                    kind=_block_kind(group),
                    units=tuple(self.units(group, previous_position)),
                    anchor=f"p{first.paragraph}",
                    alias=self.alias("p", text),
                    gap=gap,
                    indent=paragraph is not None and all(getattr(piece, "indent", 0) > 0 for piece in paragraph.pieces),
                )
            )
            previous_last_line = last_line
            previous_position = group[-1].segment.position
        return blocks


def _block_kind(group: list[AlignedSegment]) -> Kind:
    """A paragraph's kind: its segments' kind when they agree; a run-in heading leaves it body."""
    kinds = {row.segment.kind for row in group}
    if len(kinds) == 1:
        return group[0].segment.kind
    return Kind.BODY if Kind.BODY in kinds else group[0].segment.kind


def titles(alignment: Alignment) -> tuple[str, str]:
    """The Chinese title of the document and its English (empty when it has no title segment)."""
    rows = [row for row in alignment.rows if row.segment.kind is Kind.TITLE]
    if not rows:
        return "", ""
    zh = "".join(row.segment.text for row in rows if row.segment.paragraph == rows[0].segment.paragraph)
    english = [
        row.target
        for row in rows
        if row.segment.paragraph == rows[0].segment.paragraph
        and row.status is Status.TRANSLATED
        and row.entry is not None
        and not row.entry.joined
    ]
    return zh, " ".join(english)
