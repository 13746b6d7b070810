"""Data shared by every stage: plain frozen dataclasses and enums, standard library only.

The flow is one way: a ``Document`` is cut into ``Segment`` objects, kept in a ``Catalog`` of
``Entry`` objects, joined into an ``Alignment`` of ``AlignedSegment`` rows, and reported as
``Finding`` objects and ``Coverage`` counts.
"""

from __future__ import annotations

import bisect
import sys
from collections.abc import Mapping
from dataclasses import dataclass, field
from enum import StrEnum

from aligner.records import Record

# A msgstr made of this mark alone says "translated together with the previous segment":
# the English of both segments stands in the previous entry's msgstr. Coverage counts such
# an entry as translated and the renderer joins the two cells instead of showing a gap.
JOINED_MARK = "↑"


class Kind(StrEnum):
    """What a segment is in its document."""

    BOILERPLATE = "boilerplate"
    METADATA = "metadata"
    TITLE = "title"
    DATE = "date"
    SALUTATION = "salutation"
    HEADING = "heading"
    BODY = "body"
    SIGNATURE = "signature"
    ITEM = "item"  # a member of a list: 1. …, （一）…；, an HTML <li>, a Word numbered paragraph
    CELL = "cell"  # the text of one table cell


class Role(StrEnum):
    """What a block is in its document's structure: what an importer saw, or what the text rules inferred."""

    TITLE = "title"  # the document's title, or an attachment's
    HEADING = "heading"  # with its level (1 is the top)
    PARAGRAPH = "paragraph"
    ITEM = "item"  # a list member
    ARTICLE = "article"  # a law's article, labelled 第十二条, under its chapter and section
    CELL = "cell"  # one table cell, placed by ``Cell``
    NOTE = "note"  # a footnote or an annotation
    SIGNATURE = "signature"
    DATE = "date"
    METADATA = "metadata"
    BOILERPLATE = "boilerplate"
    ATTACHMENT = "attachment"  # the marker that opens an attachment: 附件1, 附件：
    SALUTATION = "salutation"  # the addressee line that ends in ：


@dataclass(frozen=True, repr=False, eq=False)
class Cell(Record):
    """Where a table cell stands: 1-based table (in document order), row and column (spans counted)."""

    table: int
    row: int
    col: int
    rowspan: int = 1
    colspan: int = 1
    header: bool = False  # a <th>, a Word header row, a Markdown table's first row


class Status(StrEnum):
    """Status of an entry, with polib's and msgfmt's meaning: fuzzy is not translated."""

    TRANSLATED = "translated"
    FUZZY = "fuzzy"
    UNTRANSLATED = "untranslated"
    OBSOLETE = "obsolete"


class Severity(StrEnum):
    ERROR = "error"
    WARNING = "warning"


@dataclass(frozen=True, repr=False, eq=False)
class Piece(Record):
    """One trimmed source line (or part of one) that belongs to a paragraph."""

    text: str
    line: int  # 1-based source line
    start: int  # offset of text[0] in Document.text
    end: int  # offset just past text[-1]
    indent: int = 0  # leading white space of the line (right-aligned signatures are set with it)


@dataclass(frozen=True, repr=False, eq=False)
class Paragraph(Record):
    """A block of a document: one or more pieces joined (a title set on two lines is one paragraph).

    ``role`` is what the block is in the document's structure, as its importer read it where the
    format shows it (an HTML ``<td>``, a Word heading style); ``None`` means the format said nothing
    and the segmenter's text rules decide. Segments are cut inside a block, never across blocks.
    """

    number: int  # 1-based, in document order
    pieces: tuple[Piece, ...]
    text: str  # the pieces joined: no separator between CJK, one space between Latin letters
    # (index in text, offset in Document.text) where each piece (or joining space) begins
    starts: tuple[tuple[int, int], ...] = field(repr=False, default=())
    role: Role | None = None
    level: int = 0  # a heading's level, 1 the top; 0 for anything else
    article: str = ""  # the label of the law article this block opens or belongs to (第十二条), else ""
    chapter: str = ""  # the chapter (and section) it stands under (第二章 第一节), else ""
    cell: Cell | None = None  # where a table cell stands

    def source_offset(self, index: int) -> int:
        """The Document.text offset of ``text[index]``: how a segment finds its source span."""
        position = bisect.bisect_right(self.starts, (index, sys.maxsize)) - 1
        text_index, offset = self.starts[position]
        return offset + index - text_index

    @property
    def line(self) -> int:
        return self.pieces[0].line


@dataclass(frozen=True, repr=False, eq=False)
class Document(Record):
    """One Chinese source file, decoded. ``doc_id`` is its file stem.

    ``metadata`` holds what the importer read about the document itself, under these keys (each
    value a stripped string; a key is absent when unknown; never filled for plain text):

    - ``title``: the document's title (标题; a page's article title);
    - ``issuer``: the issuing organ (发文机关, 发布机构);
    - ``number``: the document number (发文字号, e.g. 国发〔2019〕5号);
    - ``written``: the date it was written (成文日期), as printed;
    - ``published``: the date it was published (发布日期), as printed;
    - ``index``: the index number of the disclosure catalogue (索引号);
    - ``subject``: the subject classification (主题分类; else 主题词);
    - ``url``: the page's own address (canonical link, og:url, a browser's "saved from" comment).

    The same fields also stay in the text as metadata segments (``发文机关：国务院``), so they are
    translated like any other line. Read-only by convention; excluded from hashing.
    """

    doc_id: str
    path: str  # as given, or relative to the project root
    text: str  # decoded, BOM removed, line ends normalised to \n (for an imported file: its extracted text)
    encoding: str
    paragraphs: tuple[Paragraph, ...]
    metadata: Mapping[str, str] = field(default_factory=dict, hash=False)

    def line_of(self, offset: int) -> int:
        """1-based line number of a character offset."""
        return self.text.count("\n", 0, offset) + 1


@dataclass(frozen=True, repr=False, eq=False)
class Segment(Record):
    """One sentence unit cut from a paragraph."""

    text: str  # trimmed; exactly as in the source except that line breaks inside it are removed
    kind: Kind
    line: int  # 1-based source line of the first character
    end_line: int  # 1-based source line of the last character
    start: int  # span in Document.text (start of first char, end past last char)
    end: int
    paragraph: int  # 1-based paragraph number
    sentence: int  # 1-based position within the paragraph

    @property
    def position(self) -> str:
        return f"{self.paragraph}.{self.sentence}"


@dataclass(frozen=True, repr=False, eq=False)
class Entry(Record):
    """One PO entry, as read from a catalog. ``line`` is the line of its msgid in the PO file."""

    msgid: str
    msgstr: str = ""
    msgctxt: str | None = None
    msgid_plural: str | None = None
    msgstr_plural: tuple[str, ...] = ()
    flags: tuple[str, ...] = ()
    references: tuple[tuple[str, int | None], ...] = ()
    comment: str = ""  # translator comment (# )
    extracted: str = ""  # extracted comment (#.)
    previous_msgid: str | None = None  # #| msgid, set when the entry was matched fuzzily
    obsolete: bool = False
    line: int = 0

    @property
    def fuzzy(self) -> bool:
        return "fuzzy" in self.flags

    @property
    def joined(self) -> bool:
        """Translated together with the previous entry (see JOINED_MARK)."""
        return self.msgstr.strip() == JOINED_MARK

    @property
    def status(self) -> Status:
        if self.obsolete:
            return Status.OBSOLETE
        if self.fuzzy:
            return Status.FUZZY
        if self.msgid_plural is not None:
            done = bool(self.msgstr_plural) and all(self.msgstr_plural)
        else:
            done = bool(self.msgstr)
        return Status.TRANSLATED if done else Status.UNTRANSLATED

    @property
    def targets(self) -> tuple[str, ...]:
        """Every translation string of the entry (one, or one per plural form)."""
        if self.msgid_plural is not None:
            return self.msgstr_plural
        return (self.msgstr,)


@dataclass(frozen=True, repr=False, eq=False)
class Catalog(Record):
    """A template (.pot) or a catalog (.po) of one document in one language."""

    path: str
    entries: tuple[Entry, ...]  # document order, obsolete entries last
    header: tuple[tuple[str, str], ...] = ()  # ordered header fields
    language: str = ""
    header_comment: str = ""

    def header_value(self, name: str, default: str = "") -> str:
        for key, value in self.header:
            if key.lower() == name.lower():
                return value
        return default

    @property
    def live(self) -> tuple[Entry, ...]:
        """Entries that are not obsolete."""
        return tuple(entry for entry in self.entries if not entry.obsolete)


@dataclass(frozen=True, repr=False, eq=False)
class AlignedSegment(Record):
    """One row of an alignment: a segment, its entry (None when the catalog lacks it), its status."""

    segment: Segment
    entry: Entry | None
    status: Status

    @property
    def target(self) -> str:
        return self.entry.msgstr if self.entry is not None else ""


@dataclass(frozen=True, repr=False, eq=False)
class Alignment(Record):
    """A document joined with one catalog, in document order."""

    document: Document
    catalog: Catalog
    rows: tuple[AlignedSegment, ...]


@dataclass(frozen=True, repr=False, eq=False)
class Coverage(Record):
    """Counts per status for one catalog (or a total), as msgfmt --statistics counts them."""

    path: str
    total: int  # live entries (not obsolete)
    translated: int
    fuzzy: int
    untranslated: int
    obsolete: int
    source_chars: int = 0  # Chinese characters in the msgids of live entries
    target_words: int = 0  # English words in the msgstrs of translated entries

    @property
    def percent(self) -> float:
        return 100.0 * self.translated / self.total if self.total else 100.0


@dataclass(frozen=True, repr=False, eq=False)
class Finding(Record):
    """One problem a check found."""

    check: str  # stable id, e.g. "numbers.missing"
    severity: Severity
    path: str
    line: int  # line of the entry (or of the source line, for source lint)
    msgid: str
    message: str
