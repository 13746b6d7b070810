"""The shape every output format shares: an alignment as blocks (the source's paragraphs) of units
(one English text against one or more Chinese segments), with stable anchors and numbered notes.

A unit holds several segments when the translator joined them: the later entries carry a msgstr
of ``JOINED_MARK`` alone and the English of all of them stands in the first entry.
"""

from __future__ import annotations

import gc
import hashlib
import re
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field

from aligner import figures, lazyre, metadata, structure
from aligner.coverage import count
from aligner.model import AlignedSegment, Alignment, Catalog, Coverage, Kind, Paragraph, Role, Segment, Status
from aligner.model import Cell as Place
from aligner.records import Record

# Worst first: a unit shows the least finished status among its segments.
_RANK = {Status.UNTRANSLATED: 0, Status.FUZZY: 1, Status.TRANSLATED: 2, Status.OBSOLETE: 3}


@dataclass(frozen=True, repr=False, eq=False)
class Cell(Record):
    """One Chinese segment of a unit."""

    row: AlignedSegment
    anchor: str  # position-based id, e.g. "s20-3"
    alias: str  # content-based id, e.g. "h-1a2b3c4d": survives edits above it
    position: str  # "20.3"; a field, not a property: a large page reads it a million times
    previous: str = ""  # the alias the segment had before its text changed (from ``#| msgid``)

    @property
    def segment(self) -> Segment:
        return self.row.segment


@dataclass(frozen=True, repr=False, eq=False)
class Note(Record):
    number: int
    position: str  # segment position the note belongs to
    text: str
    anchor: str  # id of the note in the note list
    ref: str  # id of the reference mark in the text


@dataclass(frozen=True, repr=False, eq=False)
class Unit(Record):
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


@dataclass(frozen=True, repr=False, eq=False)
class Block(Record):
    """One paragraph of the source."""

    number: int
    kind: Kind
    units: tuple[Unit, ...]
    anchor: str  # "p20"
    alias: str  # "p-1a2b3c4d"
    gap: int  # blank lines before it in the source (0 for the first, 1 usually)
    # "right" for the closing signature and date of a letter or an order, by kind and place (after
    # the body): leading white space is no guide, Chinese paragraphs open with a full-width indent.
    align: str = ""
    level: int = 0  # heading level for the table of contents (2: 一、/第一章/chapter, 3: （一）/第一节)
    article: str = ""  # "art-12" for a paragraph opening with 第十二条 (laws and regulations)
    role: Role | None = None  # the block's role in the document's structure (item, cell, article...)
    place: Place | None = None  # where a table cell stands (table, row, column, spans, header)


@dataclass(frozen=True, repr=False, eq=False)
class Table(Record):
    """A table of the source: its cells' blocks row by row, the header rows first."""

    number: int
    rows: tuple[tuple[Block, ...], ...]
    header: int  # how many of the rows are header rows
    anchor: str  # "table-1"


@dataclass(frozen=True, repr=False, eq=False)
class ItemList(Record):
    """Items of a list that follow one another (（一）…； （二）…；, an HTML <li>, a numbered Word paragraph)."""

    blocks: tuple[Block, ...]


@dataclass(frozen=True, repr=False, eq=False)
class TocEntry(Record):
    level: int
    text: str
    text_en: str
    anchor: str


@dataclass(frozen=True, repr=False, eq=False)
class Publication(Record):
    """What the publisher says about a page, beyond the alignment itself (``[tool.aligner]``)."""

    draft: bool = True  # fuzzy English shown with its mark, and the files it came from named
    publisher: str = ""
    credit: str = ""  # e.g. "Translated by the institute's China team"
    notice: str = ""  # replaces the default notice that the Chinese text is authoritative
    translator: str = ""  # replaces the PO header's Last-Translator / Language-Team
    base_url: str = ""  # canonical links are built from it
    href: str = ""  # this page relative to the site root (for the canonical link)
    index: str = ""  # link back to the index page, relative to this page
    # The English of names (the glossary's terms): the header names the issuer in the reader's language.
    names: Mapping[str, str] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, repr=False, eq=False)
class Page(Record):
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
    head: Block | None = None  # the title paragraph, shown once, in the header
    metadata: Mapping[str, str] = field(default_factory=dict)  # the document's own (metadata.KEYS)
    status: str = ""  # the translation's: complete, in review, partial, not started (or X-Status)
    toc: tuple[TocEntry, ...] = ()
    publication: Publication = field(default_factory=Publication)
    issuer_en: str = ""  # the issuer's English, from the glossary or the catalog; "" when unknown
    dates_en: Mapping[str, str] = field(default_factory=dict)  # written/published as the catalog translates them

    @property
    def body(self) -> tuple[Block, ...]:
        """The blocks below the header (the title paragraph is in the header)."""
        return tuple(block for block in self.blocks if block is not self.head)

    @property
    def canonical(self) -> str:
        base = self.publication.base_url
        return shown_url(f"{base.rstrip('/')}/{self.publication.href}") if base and self.publication.href else ""


def shown_url(url: str) -> str:
    """``url`` with every invisible or control character (bidi overrides and isolates such as
    U+202E, zero-width marks, line separators, C0 and C1) percent-encoded: the same address for
    a browser, and one a reader sees as it is, never reversed or hidden."""
    import unicodedata

    def encoded(char: str) -> str:
        if unicodedata.category(char) in ("Cc", "Cf", "Zl", "Zp", "Co", "Cs", "Cn"):
            return "".join(f"%{b:02X}" for b in char.encode("utf-8", "surrogatepass"))
        return char

    return "".join(encoded(c) for c in url) if not url.isascii() or not url.isprintable() else url


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
    publication: Publication | None = None,
) -> Page:
    """Group the rows by paragraph and join ``JOINED_MARK`` entries to the unit before them.

    ``notes`` and ``marks`` map a segment position ("20.3") to a note shown with the translator's
    comments and to a short label shown on the English cell. A page that is not a draft shows no
    fuzzy English: a fuzzy unit reads as untranslated (its Chinese greyed), so nothing stale
    reaches a reader.
    """
    publication = publication or Publication()
    builder = _Builder(dict(notes or {}), dict(marks or {}), draft=publication.draft)
    if any(row.entry is not None and row.entry.previous_msgid for row in alignment.rows):
        builder.current = {digest(row.segment.text) for row in alignment.rows}
        builder.aliases_of_old = True
    blocks = builder.blocks(alignment)
    title_zh, title_en = titles(alignment)
    catalog = alignment.catalog
    head = next((b for b in blocks if b.kind is Kind.TITLE), None) if not title else None
    facts = document_metadata(alignment, blocks)
    coverage = count(catalog)
    return Page(
        doc_id=alignment.document.doc_id,
        source=alignment.document.path,
        catalog=catalog.path,
        language=language_of(alignment),
        title=title or title_zh or facts.get("title", "") or alignment.document.doc_id,
        title_en=title_en if not title else "",
        translator=publication.translator or translator_of(catalog.header_value),
        revision=catalog.header_value("PO-Revision-Date"),
        blocks=tuple(blocks),
        notes=tuple(builder.notes),
        coverage=coverage,
        head=head,
        metadata=facts,
        status=catalog.header_value("X-Status") or status_of(coverage),
        toc=contents(blocks, head),
        publication=publication,
        issuer_en=english_name(facts.get("issuer", ""), catalog, publication.names),
        dates_en={key: english_name(facts.get(key, ""), catalog, {}) for key in ("written", "published")},
    )


def english_name(name: str, catalog: Catalog, names: Mapping[str, str]) -> str:
    """The English of a name (an issuer): the glossary's term, else the catalog's translated entry
    for exactly that text; "" when neither has it (the Chinese then stands alone)."""
    if not name:
        return ""
    if names.get(name):
        return names[name]
    for entry in catalog.live:
        if entry.msgid == name and entry.status is Status.TRANSLATED and not entry.joined:
            return entry.msgstr.strip()
    return ""


def translator_of(header: Callable[[str], str]) -> str:
    """The translator, else the team, from a PO header, without the e-mail address."""
    for name in ("Last-Translator", "Language-Team"):
        value = re.sub(r"\s*<[^>]*>", "", header(name)).strip()
        if value and not value.upper().startswith("FULL NAME"):
            return value
    return ""


def status_of(coverage: Coverage) -> str:
    if coverage.total and coverage.translated == coverage.total:
        return "complete"
    if coverage.translated == 0:
        return "not started"
    return "in review" if coverage.fuzzy else "partial"


# An organ's name ends so (a subtitle ending in 大会 or 会议 is not one), and has no punctuation.
_ORG = lazyre.compile(r"^[^，。！？；：、（）()－—\-]+(办公室|委员会|政府|国务院|中央军委|部|局|厅|院|署|办|中心)$")


def document_metadata(alignment: Alignment, blocks: list[Block]) -> dict[str, str]:
    """The document's own metadata: its importer's, its metadata segments', a byline under the title
    (a white paper's 中华人民共和国国务院新闻办公室) or a closing signature as its issuer."""
    texts = [row.segment.text for row in alignment.rows if row.segment.kind is Kind.METADATA]
    found = metadata.collect(texts, getattr(alignment.document, "metadata", None))
    titled = [b for b in blocks if b.kind is Kind.TITLE]
    if "issuer" not in found and len(titled) > 1:
        first = blocks.index(titled[0])
        following = blocks[first + 1] if first + 1 < len(blocks) else None
        if following is not None and following.kind is Kind.TITLE:
            byline = "".join(c.segment.text for u in following.units for c in u.cells)
            if len(byline) <= 30 and _ORG.search(byline):
                found["issuer"] = byline
    # A letter or a notice signs at its foot: the first closing signature that names an organ
    # (not 总理　李克强) is its issuer, and the date under it the date it was written.
    closing = [b for b in blocks if b.align]
    for index, block in enumerate(closing):
        text = "".join(c.segment.text for u in block.units for c in u.cells)
        if block.kind is Kind.SIGNATURE and "issuer" not in found and len(text) <= 30 and _ORG.search(text):
            found["issuer"] = text
            following = closing[index + 1] if index + 1 < len(closing) else None
            if following is not None and following.kind is Kind.DATE and not found.keys() & {"written", "published"}:
                found["written"] = "".join(c.segment.text for u in following.units for c in u.cells)
    return {key: found[key] for key in metadata.KEYS if key in found}


def contents(blocks: list[Block], head: Block | None) -> tuple[TocEntry, ...]:
    """Headings in order, each once: a heading repeated later (a white paper prints its own table of
    contents before the text) is listed where the text is."""
    found: dict[str, TocEntry] = {}
    for block in blocks:
        if not block.level or block is head:
            continue
        unit = block.units[0]
        text = unit.cells[0].segment.text if block.kind is not Kind.TITLE else unit.source
        english = unit.target if unit.status is Status.TRANSLATED and not unit.missing else ""
        found.pop(text, None)
        found[text] = TocEntry(block.level, text, english, block.anchor)
    entries = tuple(found.values())
    return entries if len(entries) >= 2 else ()


def sections(blocks: tuple[Block, ...] | list[Block]) -> list[Block | Table | ItemList]:
    """The blocks as an output draws them: a table's cells gathered into its ``Table`` (rows in
    order), list items that follow one another into an ``ItemList``, any other block as it is."""
    result: list[Block | Table | ItemList] = []
    cells: list[Block] = []
    items: list[Block] = []

    def close() -> None:
        if cells:
            result.append(_table(cells))
            cells.clear()
        if items:
            result.append(ItemList(tuple(items)))
            items.clear()

    for block in blocks:
        if block.place is not None:
            if cells and cells[0].place is not None and cells[0].place.table != block.place.table:
                close()
            if items:
                close()
            cells.append(block)
        elif block.role is Role.ITEM:
            if cells:
                close()
            items.append(block)
        else:
            close()
            result.append(block)
    close()
    return result


def _table(cells: list[Block]) -> Table:
    rows: dict[int, list[Block]] = {}
    for block in cells:
        assert block.place is not None
        rows.setdefault(block.place.row, []).append(block)
    ordered = [tuple(sorted(rows[r], key=lambda b: b.place.col if b.place else 0)) for r in sorted(rows)]
    header = 0
    for row in ordered:
        if not all(b.place is not None and b.place.header for b in row):
            break
        header += 1
    number = cells[0].place.table if cells[0].place is not None else 0
    return Table(number, tuple(ordered), header, f"table-{number}")


class _Builder:
    def __init__(self, notes: dict[str, str], marks: dict[str, str], *, draft: bool = True) -> None:
        self.extra_notes = notes
        self.extra_marks = marks
        self.draft = draft
        self.used: dict[str, int] = {}
        self.notes: list[Note] = []
        self.current: set[str] = set()  # digests of every segment's text: an old alias must not take one
        self.aliases_of_old = False  # whether any entry has a previous msgid (most catalogs have none)
        self.articles: set[str] = set()

    def previous(self, row: AlignedSegment) -> str:
        """The content alias of the segment's previous text, so a link made before the edit still lands."""
        old = row.entry.previous_msgid if row.entry is not None else None
        if not old or old == row.segment.text:
            return ""
        key = digest(old)
        if key in self.current:
            return ""
        self.current.add(key)
        return f"h-{key}"

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

    def unit(self, members: list[AlignedSegment], joined_across: str = "", place: Place | None = None) -> Unit:
        first = members[0]
        cells = tuple(
            Cell(
                row,
                f"s{row.segment.paragraph}-{row.segment.sentence}",
                self.alias("h", row.segment.text),
                f"{row.segment.paragraph}.{row.segment.sentence}",
                self.previous(row) if self.aliases_of_old else "",
            )
            for row in members
        )
        status = min((row.status for row in members), key=_RANK.__getitem__)
        target = "" if first.entry is None or first.entry.joined else first.target
        if first.entry is None and place is not None and all(structure.carried(r.segment.text) for r in members):
            # A cell of figures or codes has no entry: it is the same in English.
            status, target = Status.TRANSLATED, "".join(r.segment.text for r in members)
        if status is Status.FUZZY and not self.draft:
            # Published: a fuzzy translation is a guess nobody has checked; show the Chinese instead.
            status, target = Status.UNTRANSLATED, ""
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

    def units(self, group: list[AlignedSegment], previous_position: str, place: Place | None = None) -> list[Unit]:
        units: list[Unit] = []
        members: list[AlignedSegment] = []
        for index, row in enumerate(group):
            joined = row.entry is not None and row.entry.joined
            if joined and index > 0:
                members.append(row)
                continue
            if members:
                units.append(self.unit(members, place=place))
            members = [row]
            if joined and previous_position:
                # Joined to the last segment of the previous paragraph: its English stands there.
                # Keep the paragraph structure and point to it rather than pull the segment across.
                # (A joined first segment of a document has nothing to join: it shows as missing.)
                units.append(self.unit(members, joined_across=previous_position))
                members = []
        if members:
            units.append(self.unit(members, place=place))
        return units

    def blocks(self, alignment: Alignment) -> list[Block]:
        # Group rows by paragraph in document order (paragraph numbers need not be contiguous).
        groups: list[list[AlignedSegment]] = []
        for row in alignment.rows:
            if groups and groups[-1][0].segment.paragraph == row.segment.paragraph:
                groups[-1].append(row)
            else:
                groups.append([row])
        document = alignment.document
        if any(p.role is None for p in document.paragraphs):
            document = structure.infer(document)  # read by a caller that did not fill in the roles
        paragraphs = {p.number: p for p in document.paragraphs}
        blocks: list[Block] = []
        previous_last_line: int | None = None
        previous_position = ""
        seen_text = False  # a body paragraph or a heading came before: signatures after it close the text
        for group in groups:
            first = group[0].segment
            paragraph = paragraphs.get(first.paragraph)
            first_line = paragraph.line if paragraph is not None else first.line
            last_line = paragraph.pieces[-1].line if paragraph is not None else group[-1].segment.end_line
            gap = 0 if previous_last_line is None else max(0, first_line - previous_last_line - 1)
            text = paragraph.text if paragraph is not None else "".join(row.segment.text for row in group)
            kind = _block_kind(group)
            role = paragraph.role if paragraph is not None else None
            place = paragraph.cell if paragraph is not None else None
            blocks.append(
                Block(
                    number=first.paragraph,
                    kind=kind,
                    units=tuple(self.units(group, previous_position, place)),
                    anchor=f"p{first.paragraph}",
                    alias=self.alias("p", text),
                    gap=gap,
                    align="right" if kind in _CLOSING and seen_text else "",
                    level=heading_level(kind, first, seen_text, paragraph),
                    article=self.article(kind, first.text, paragraph),
                    role=role,
                    place=place,
                )
            )
            seen_text = seen_text or kind in (Kind.BODY, Kind.HEADING, Kind.ITEM, Kind.CELL)
            previous_last_line = last_line
            previous_position = group[-1].segment.position
        return blocks

    def article(self, kind: Kind, text: str, paragraph: Paragraph | None = None) -> str:
        if paragraph is not None and paragraph.role is not None:
            # The article block says which article it opens: 第十二条 -> art-12, 第十条之一 -> art-10-1.
            label = paragraph.article if paragraph.role is Role.ARTICLE else ""
            match = _ARTICLE_LABEL.match(label)
            number = _article_number(match.group(1)) if match else 0
            suffix = f"-{figures.zh_numeral(match.group(2)) or 0}" if match and match.group(2) else ""
            anchor = f"art-{number}{suffix}" if number else ""
        else:
            match = _ARTICLE.match(text) if kind is Kind.BODY else None
            number = chinese_number(match.group(1)) if match else 0
            anchor = f"art-{number}" if number else ""
        if not anchor or anchor in self.articles:
            # An order that publishes a regulation may number its own articles too: the first keeps the id.
            return ""
        self.articles.add(anchor)
        return anchor


_ARTICLE_LABEL = lazyre.compile(r"^第([一二三四五六七八九十百千零〇两\d]+)条(?:之([一二三四五六七八九十]+))?$")


def _article_number(text: str) -> int:
    return int(text) if text.isdigit() else figures.zh_numeral(text) or 0


_CLOSING = (Kind.SIGNATURE, Kind.DATE)
_ARTICLE = lazyre.compile(r"^第([一二三四五六七八九十百零〇两]+)条(?:[\s\u3000]|$)")
_LEVELS = (
    (lazyre.compile(r"^第[一二三四五六七八九十百零〇]+编"), 1),
    (lazyre.compile(r"^第[一二三四五六七八九十百零〇]+章"), 2),
    (lazyre.compile(r"^第[一二三四五六七八九十百零〇]+节"), 3),
    (lazyre.compile(r"^[一二三四五六七八九十百]+、"), 2),
    (lazyre.compile(r"^[（(][一二三四五六七八九十百]+[)）]"), 3),
)
_DIGITS = {c: i for i, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}


def chinese_number(text: str) -> int:
    """A Chinese numeral below ten thousand as written in article numbers (十二, 一百零五, 二十)."""
    total, digit = 0, 0
    for char in text:
        if char in _DIGITS:
            digit = _DIGITS[char]
        elif char in "十百千":
            total += (digit or 1) * {"十": 10, "百": 100, "千": 1000}[char]
            digit = 0
        else:
            return 0
    return total + digit


def heading_level(kind: Kind, first: Segment, seen_text: bool, paragraph: Paragraph | None = None) -> int:
    """The level of a paragraph in the table of contents, 0 when it is not a heading.

    A heading block at its level in the document's outline (level 1 is 2 here, under the title);
    a title after the text has begun (a white paper's 前言, an attachment's title) is a chapter;
    the title block of the source's own 目录 is not. Items, cells, run-in headings, formula lines
    and attachment markers are never headings. A document without roles is read by numbering.
    """
    if kind is Kind.TITLE:
        return 2 if seen_text and first.text.strip() != "目录" else 0
    if paragraph is not None and paragraph.role is not None:
        if paragraph.role is not Role.HEADING or structure.CONTENTS_LINE.match(paragraph.text):
            return 0  # the source's own 目录 heads a list the page's contents replace
        return paragraph.level + 1 if paragraph.level else 0
    if first.kind is not Kind.HEADING:
        return 0
    for pattern, level in _LEVELS:
        if pattern.match(first.text):
            return level
    return 3


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
