"""Word documents (.docx) with python-docx: the body as its reader sees it.

- paragraphs and tables in document order (content controls opened), each table row as one line
  with its cells set apart by a full-width space; headers, footers, footnotes, comments, deleted
  text and hidden text are not the body and are left out;
- Word's automatic numbering written out as the label the reader sees: ``numbering.xml`` gives each
  list level its format (``chineseCounting`` 一, ``decimal`` 1, ``decimalEnclosedCircle`` ①,
  ``ideographTraditional`` 甲 ...) and its text (``%1、``, ``（%1）``, ``%1.%2``); counters run per
  list and level, a level restarts when a higher one advances, and ``startOverride`` restarts a list;
- fields read as their shown result (a FORMTEXT form field's text, a date), never their code;
- ``Heading N`` styles stand alone; the ``Title`` style flows, so a title set on two paragraphs is
  joined as in a text file.
"""

from __future__ import annotations

import dataclasses
import io
import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from aligner import lazyre
from aligner.errors import SourceError
from aligner.importers.base import Line, assemble, cell_text, clean, empty
from aligner.model import Cell, Document, Role
from aligner.records import Record

_W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
_MC = "http://schemas.openxmlformats.org/markup-compatibility/2006"


def _q(name: str) -> str:
    return f"{{{_W}}}{name}"


_MAX_START_VALUE = 32767  # the largest w:start Word itself accepts


def _val(element: object | None, name: str = "val") -> str | None:
    if element is None:
        return None
    return element.get(_q(name))  # type: ignore[attr-defined]


def _int(value: str | None, default: int, low: int = 0, high: int = _MAX_START_VALUE) -> int:
    """A number attribute of the file, held to [low, high]; ``default`` when absent or not a number."""
    if value is None:
        return default
    try:
        number = int(value.strip())
    except ValueError:
        return default
    return max(low, min(high, number))


# ----------------------------------------------------------------------------- numbering

_CN_DIGITS = "零一二三四五六七八九"
_CN_LEGAL = "零壹贰叁肆伍陆柒捌玖"
_TIANGAN = "甲乙丙丁戊己庚辛壬癸"
_DIZHI = "子丑寅卯辰巳午未申酉戌亥"


def chinese_number(n: int, digits: str = _CN_DIGITS, units: str = "十百千") -> str:
    """一, 十, 十一, 二十, 一百零五: how Word's chineseCounting writes a counter."""
    if n <= 0:
        return digits[0]
    if n >= 10000:
        return str(n)
    parts: list[str] = []
    thousands, hundreds, tens, ones = n // 1000, n // 100 % 10, n // 10 % 10, n % 10
    zero = False
    for value, unit in ((thousands, units[2]), (hundreds, units[1]), (tens, units[0])):
        if value:
            if zero:
                parts.append(digits[0])
                zero = False
            parts.append(("" if (unit == units[0] and value == 1 and not parts) else digits[value]) + unit)
        elif parts:
            zero = True
    if ones:
        if zero:
            parts.append(digits[0])
        parts.append(digits[ones])
    return "".join(parts)


def _roman(n: int) -> str:
    values = ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"), (50, "L"), (40, "XL"))
    values += ((10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I"))
    out = []
    for value, letters in values:
        while n >= value:
            out.append(letters)
            n -= value
    return "".join(out)


def _letters(n: int) -> str:
    # Word repeats the letter: a..z, aa..zz
    return chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)


# Counters past these are written in figures: a label of thousands of letters (lowerLetter
# repeats its letter n/26 times, Roman numerals add an M per thousand) is no label.
_MAX_LETTERS = 26 * 10
_MAX_ROMAN = 3999


def format_counter(n: int, fmt: str) -> str:
    """A counter in one of Word's number formats (``w:numFmt``)."""
    if fmt in ("decimal", "decimalHalfWidth", "arabicAbjad"):
        return str(n)
    if fmt == "decimalZero":
        return f"{n:02d}"
    if fmt in ("decimalFullWidth", "decimalFullWidth2"):
        return str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    if fmt in ("chineseCounting", "chineseCountingThousand", "japaneseCounting", "taiwaneseCounting"):
        return chinese_number(n)
    if fmt == "ideographDigital" or fmt == "taiwaneseDigital" or fmt == "japaneseDigitalTenThousand":
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(n))
    if fmt in ("chineseLegalSimplified", "ideographLegalTraditional", "japaneseLegal"):
        return chinese_number(n, _CN_LEGAL, "拾佰仟")
    if fmt in ("ideographTraditional",):
        return _TIANGAN[(n - 1) % 10]
    if fmt in ("ideographZodiac",):
        return _DIZHI[(n - 1) % 12]
    if fmt in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese", "ideographEnclosedCircle"):
        return chr(0x2460 + n - 1) if 1 <= n <= 20 else str(n)
    if fmt in ("decimalEnclosedParen",):
        return chr(0x2474 + n - 1) if 1 <= n <= 20 else f"({n})"
    if fmt in ("decimalEnclosedFullstop",):
        return chr(0x2488 + n - 1) if 1 <= n <= 20 else f"{n}."
    if fmt in ("lowerLetter", "upperLetter", "lowerRoman", "upperRoman") and not (
        1 <= n <= (_MAX_LETTERS if fmt.endswith("Letter") else _MAX_ROMAN)
    ):
        return str(n)
    if fmt == "lowerLetter":
        return _letters(n)
    if fmt == "upperLetter":
        return _letters(n).upper()
    if fmt == "lowerRoman":
        return _roman(n).lower()
    if fmt == "upperRoman":
        return _roman(n)
    if fmt == "none":
        return ""
    return str(n)


@dataclass(frozen=True, repr=False, eq=False)
class _Level(Record):
    start: int = 1
    fmt: str = "decimal"
    text: str = "%1."
    suffix: str = "tab"
    legal: bool = False
    restart: int | None = None  # lvlRestart: restart after this level (1-based), None: after any higher level


@dataclass(repr=False)
class Numbering(Record):
    """Word's list definitions, and the counters of one pass through the body."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId -> ilvl -> level
    starts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId -> ilvl -> startOverride
    abstract: dict[str, str] = field(default_factory=dict)  # numId -> abstractNumId
    counters: dict[str, dict[int, int]] = field(default_factory=dict)  # abstractNumId -> ilvl -> value
    overridden: set[tuple[str, int]] = field(default_factory=set)

    @classmethod
    def read(cls, part: object | None) -> Numbering:
        numbering = cls()
        if part is None:
            return numbering
        root = part.element  # type: ignore[attr-defined]
        abstract: dict[str, dict[int, _Level]] = {}
        for node in root.findall(_q("abstractNum")):
            levels = {}
            for lvl in node.findall(_q("lvl")):
                ilvl = _int(_val(lvl, "ilvl"), 0, 0, 8)
                restart = _val(lvl.find(_q("lvlRestart")))
                levels[ilvl] = _Level(
                    start=_int(_val(lvl.find(_q("start"))), 1),
                    fmt=_val(lvl.find(_q("numFmt"))) or "decimal",
                    text=_val(lvl.find(_q("lvlText"))) or "",
                    suffix=_val(lvl.find(_q("suff"))) or "tab",
                    legal=lvl.find(_q("isLgl")) is not None,
                    restart=_int(restart, 0, 0, 9) if restart is not None else None,
                )
            abstract[_val(node, "abstractNumId") or ""] = levels
        for num in root.findall(_q("num")):
            num_id = _val(num, "numId") or ""
            abstract_id = _val(num.find(_q("abstractNumId"))) or ""
            numbering.abstract[num_id] = abstract_id
            levels = dict(abstract.get(abstract_id, {}))
            starts = {}
            for override in num.findall(_q("lvlOverride")):
                ilvl = _int(_val(override, "ilvl"), 0, 0, 8)
                start = _val(override.find(_q("startOverride")))
                if start is not None:
                    starts[ilvl] = _int(start, 1)
                lvl = override.find(_q("lvl"))
                if lvl is not None:
                    base = levels.get(ilvl, _Level())
                    levels[ilvl] = _Level(
                        start=_int(_val(lvl.find(_q("start"))), base.start),
                        fmt=_val(lvl.find(_q("numFmt"))) or base.fmt,
                        text=_val(lvl.find(_q("lvlText"))) or base.text,
                        suffix=_val(lvl.find(_q("suff"))) or base.suffix,
                        legal=base.legal,
                        restart=base.restart,
                    )
            numbering.levels[num_id] = levels
            numbering.starts[num_id] = starts
        return numbering

    def label(self, num_id: str, ilvl: int) -> tuple[str, str]:
        """The label of the next item of list ``num_id`` at ``ilvl`` (advancing the counters), and its suffix."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0":
            return "", ""
        level = levels.get(ilvl)
        if level is None:
            return "", ""
        # Lists that share one definition share its counters, as in Word; a startOverride
        # restarts them where its list is first used.
        counters = self.counters.setdefault(self.abstract.get(num_id, num_id), {})
        override = self.starts.get(num_id, {}).get(ilvl)
        if override is not None and (num_id, ilvl) not in self.overridden:
            self.overridden.add((num_id, ilvl))
            counters[ilvl] = override
        elif ilvl in counters:
            counters[ilvl] += 1
        else:
            counters[ilvl] = level.start
        for deeper in [k for k in counters if k > ilvl]:
            restart = levels.get(deeper, _Level()).restart
            if restart is None or restart - 1 >= ilvl:
                del counters[deeper]
        if level.fmt == "bullet":
            return "", ""

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            lvl = levels.get(at, _Level())
            value = counters.get(at, lvl.start)
            return format_counter(value, "decimal" if level.legal and at != ilvl else lvl.fmt)

        return re.sub(r"%(\d)", number, level.text), level.suffix


# ----------------------------------------------------------------------------- text of a paragraph


def _runs_text(p: object, boxes: list[object] | None = None) -> str:
    """The shown text of a paragraph: runs, hyperlinks, insertions, field results; not field codes.

    Paragraphs of text boxes anchored in it (a cover page converted from .doc) go to ``boxes``."""
    parts: list[str] = []
    in_code = False

    def visit(node: object) -> None:
        nonlocal in_code
        for child in node:  # type: ignore[attr-defined]
            tag = child.tag
            if not isinstance(tag, str):
                continue
            if tag == _q("r"):
                rpr = child.find(_q("rPr"))
                hidden = rpr is not None and rpr.find(_q("vanish")) is not None
                for item in child:
                    name = item.tag
                    if name in (f"{{{_MC}}}AlternateContent", _q("pict")):
                        visit([item])
                        continue
                    if name == _q("fldChar"):
                        kind = _val(item, "fldCharType")
                        if kind == "begin":
                            in_code = True
                        elif kind in ("separate", "end"):
                            in_code = False
                    elif in_code or hidden:
                        continue
                    elif name == _q("t"):
                        parts.append(item.text or "")
                    elif name == _q("tab"):
                        parts.append(" ")
                    elif name in (_q("br"), _q("cr")):
                        if _val(item, "type") not in ("page", "column"):
                            parts.append("\n")
                    elif name == _q("noBreakHyphen"):
                        parts.append("-")
            elif tag in (_q("hyperlink"), _q("ins"), _q("smartTag"), _q("fldSimple"), _q("customXml"), _q("bdo")):
                visit(child)
            elif tag == _q("sdt"):
                content = child.find(_q("sdtContent"))
                if content is not None:
                    visit(content)
            elif tag == f"{{{_MC}}}AlternateContent" and boxes is not None:
                # The same box twice (DrawingML, then VML as the fallback): read the first only.
                choice = child.find(f"{{{_MC}}}Choice")
                if choice is not None:
                    boxes.extend(choice.iter(_q("txbxContent")))
            elif tag == _q("pict") and boxes is not None:
                boxes.extend(child.iter(_q("txbxContent")))
            # w:del, w:moveFrom, w:pPr, bookmarks, comments: not shown text

    visit(p)
    return "".join(parts)


_HEADING_STYLE = lazyre.compile(r"^(?:heading|标题)\s*\d$", re.I)


def _style_chain(style: object | None) -> Iterator[object]:
    seen = 0
    while style is not None and seen < 20:
        yield style
        style = style.base_style  # type: ignore[attr-defined]
        seen += 1


def _numbering_of(paragraph: object) -> tuple[str, int] | None:
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    num_pr = ppr.find(_q("numPr")) if ppr is not None else None
    num_id = _val(num_pr.find(_q("numId"))) if num_pr is not None else None
    ilvl = _val(num_pr.find(_q("ilvl"))) if num_pr is not None else None
    if num_id is None:
        for style in _style_chain(paragraph.style):  # type: ignore[attr-defined]
            sppr = style.element.pPr  # type: ignore[attr-defined]
            snum = sppr.find(_q("numPr")) if sppr is not None else None
            if snum is not None and snum.find(_q("numId")) is not None:
                num_id = _val(snum.find(_q("numId")))
                ilvl = ilvl or _val(snum.find(_q("ilvl")))
                break
    if num_id is None:
        return None
    return num_id, _int(ilvl, 0, 0, 8)


def _with_label(label: str, suffix: str, text: str) -> str:
    if not label:
        return text
    body = text.lstrip()
    if suffix == "space" or (suffix == "tab" and label[-1].isascii() and body[:1].isascii()):
        return f"{label} {body}"
    return label + body


def _heading_level(paragraph: object) -> int:
    """A heading's level from its style (``Heading 2``, ``标题 2``) or its outline level, else 0."""
    ppr = paragraph._p.pPr  # type: ignore[attr-defined]
    outline = _val(ppr.find(_q("outlineLvl"))) if ppr is not None else None
    for style in _style_chain(paragraph.style):  # type: ignore[attr-defined]
        name = style.name or ""  # type: ignore[attr-defined]
        if _HEADING_STYLE.match(name):
            return _int(name[-1], 0, 0, 9)
        if outline is None:
            sppr = style.element.pPr  # type: ignore[attr-defined]
            outline = _val(sppr.find(_q("outlineLvl"))) if sppr is not None else None
    level = _int(outline, 9, 0, 9)
    return level + 1 if level < 9 else 0  # outline level 9 is body text


def _paragraph_lines(paragraph: object, numbering: Numbering) -> list[Line]:
    """The lines of one Word paragraph: each a block of its own (a Word paragraph is never a wrapped
    line), parts set apart by manual line breaks flowing into each other as lines of a text file."""
    boxes: list[object] = []
    text = _runs_text(paragraph._p, boxes)  # type: ignore[attr-defined]
    lines = []
    for box in boxes:
        for inner in box.iter(_q("p")):  # type: ignore[attr-defined]
            for number, part in enumerate(_runs_text(inner).split("\n")):
                if clean(part):
                    lines.append(Line(clean(part), new=number == 0))
    found = _numbering_of(paragraph)
    if found is not None and clean(text):
        label, suffix = numbering.label(*found)
        text = _with_label(label, suffix, text)
    style = paragraph.style.name if paragraph.style is not None else ""  # type: ignore[attr-defined]
    level = _heading_level(paragraph)
    role = Role.HEADING if level else Role.ITEM if found is not None else None
    title = style == "Title"  # a title set on two paragraphs is one title, joined as in a text file
    first = True
    for part in text.split("\n"):
        cleaned = clean(part)
        if cleaned:
            lines.append(Line(cleaned, flow=not level, role=role, level=level, new=first and not title))
            first = False
    return lines


def _cell_text(tc: object, table: object, numbering: Numbering) -> str:
    """The text of a table cell: its paragraphs and inner tables run together."""
    from docx.table import Table, _Cell

    inner: list[list[str]] = []
    for block in _blocks(_Cell(tc, table)):  # type: ignore[arg-type]
        if isinstance(block, Table):
            for row in block._tbl.tr_lst:  # type: ignore[attr-defined]
                for cell in row.tc_lst:
                    inner.append([_cell_text(cell, block, numbering)])
        else:
            inner.extend([line.text] for line in _paragraph_lines(block, numbering))
    return cell_text(inner)


def _table_lines(table: object, numbering: Numbering, number: int) -> list[Line]:
    """One line per cell of table ``number``, placed on the grid: ``w:gridSpan`` widens a cell,
    ``w:vMerge`` continues the cell above (its rows added to that cell's span), ``w:tblHeader``
    rows are header rows."""
    cells: list[list[object]] = []  # [row, col, rowspan, colspan, header, text]
    merging: dict[int, list[object]] = {}  # column -> the cell a vMerge below continues
    for row_number, tr in enumerate(table._tbl.tr_lst, start=1):  # type: ignore[attr-defined]
        trpr = tr.trPr
        header = trpr is not None and trpr.find(_q("tblHeader")) is not None
        header = header and _val(trpr.find(_q("tblHeader"))) not in ("0", "false", "off")
        col = 1 + _int(_val(trpr.find(_q("gridBefore"))) if trpr is not None else None, 0, 0, 1000)
        for tc in tr.tc_lst:
            tcpr = tc.tcPr
            span = _int(_val(tcpr.find(_q("gridSpan"))) if tcpr is not None else None, 1, 1, 1000)
            vmerge = tcpr.find(_q("vMerge")) if tcpr is not None else None
            above = merging.get(col)
            if vmerge is not None and _val(vmerge) != "restart" and above is not None and above[3] == span:
                above[2] = int(above[2]) + 1  # type: ignore[call-overload]
                col += span
                continue
            entry: list[object] = [row_number, col, 1, span, header, _cell_text(tc, table, numbering)]
            cells.append(entry)
            merging[col] = entry
            col += span
    return [
        Line(str(text), flow=False, role=Role.CELL, cell=Cell(number, *place))  # type: ignore[arg-type]
        for *place, text in cells
        if str(text)
    ]


def _blocks(parent: object) -> Iterator[object]:
    """Paragraphs and tables of a body or a cell in order, opening content controls."""
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    element = parent.element.body if hasattr(parent, "element") and hasattr(parent.element, "body") else parent._tc  # type: ignore[attr-defined]

    def walk(node: object) -> Iterator[object]:
        for child in node:  # type: ignore[attr-defined]
            if child.tag == _q("p"):
                yield Paragraph(child, parent)  # type: ignore[arg-type]
            elif child.tag == _q("tbl"):
                yield Table(child, parent)  # type: ignore[arg-type]
            elif child.tag == _q("sdt"):
                content = child.find(_q("sdtContent"))
                if content is not None:
                    yield from walk(content)
            elif child.tag in (_q("customXml"), _q("ins")):
                yield from walk(child)

    yield from walk(element)


def _footnotes(document: object) -> list[Line]:
    """The footnotes (and endnotes) of the document, in the order of their part, as notes."""
    from docx.oxml import parse_xml

    lines: list[Line] = []
    for rel in document.part.rels.values():  # type: ignore[attr-defined]
        if rel.is_external or not rel.reltype.endswith(("/footnotes", "/endnotes")):
            continue
        root = parse_xml(rel.target_part.blob)
        for note in root:
            if _val(note, "type") in ("separator", "continuationSeparator", "continuationNotice"):
                continue
            texts = [clean(_runs_text(p)) for p in note.iter(_q("p"))]
            if any(texts):
                lines.append(Line("".join(texts), flow=False, role=Role.NOTE))
    return lines


_TITLE_LINE = 40  # a title set on several lines: each line short, without a mark that ends a clause
_CLAUSE_ENDS = "，。；：？！,;:?!"


def _titles_joined(lines: list[Line]) -> list[Line]:
    """Paragraphs that may join the one before: a title set as two or three short Word paragraphs,
    which the text rules make one title as in a text file. Any other Word paragraph stays whole."""
    out: list[Line] = []
    for line in lines:
        before = out[-1] if out else None
        if (
            line.new
            and before is not None
            and before.role is None
            and before.flow
            and _title_like(before.text)
            and _title_like(line.text)
        ):
            line = dataclasses.replace(line, new=False)
        out.append(line)
    return out


def _title_like(text: str) -> bool:
    # A line in brackets (a law's history, a note under the title) is no part of a title.
    bare = text.strip("\u3000 ")
    return (
        len(bare) <= _TITLE_LINE
        and not any(mark in bare for mark in _CLAUSE_ENDS)
        and bare[:1] not in "（(〔["
        and bare[-1:] not in "）)〕]"
    )


def lines_of(document: object) -> list[Line]:
    """The lines of an opened python-docx Document."""
    from docx.table import Table

    try:
        part = document.part.numbering_part  # type: ignore[attr-defined]
    except (KeyError, NotImplementedError):
        part = None
    numbering = Numbering.read(part)
    lines: list[Line] = []
    blank = False
    tables = 0
    for block in _blocks(document):
        if isinstance(block, Table):
            tables += 1
            found = _table_lines(block, numbering, tables)
        else:
            found = _paragraph_lines(block, numbering)
        if not found:
            blank = True  # an empty paragraph: a blank line, as in a text file
            continue
        if blank and lines:
            found[0] = dataclasses.replace(found[0], gap=True)
        blank = False
        lines.extend(found)
    lines = _titles_joined(lines)
    notes = _footnotes(document)
    if notes:
        notes[0] = dataclasses.replace(notes[0], gap=True)
    return lines + notes


# Limits on the package, checked while it is read, before python-docx holds any of it: a Word file
# of a few MB inflates to tens of MB; a zip bomb to gigabytes.
MAX_UNPACKED = 256 * 1024 * 1024
MAX_MEMBERS = 10_000


def check_package(raw: bytes, path: str) -> None:
    """Refuse a package whose parts inflate past ``MAX_UNPACKED``, by what they declare and by
    what they hold (each part read in chunks, so memory stays flat), with one line."""
    import zipfile
    import zlib

    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            members = archive.infolist()
            declared = sum(member.file_size for member in members)
            if len(members) > MAX_MEMBERS or declared > MAX_UNPACKED:
                raise _too_large(path, declared, len(members))
            total = 0
            for member in members:
                with archive.open(member) as stream:
                    while chunk := stream.read(1 << 20):
                        total += len(chunk)
                        if total > MAX_UNPACKED:
                            raise _too_large(path, total, len(members))
    except zipfile.BadZipFile as exc:
        raise SourceError(
            f"not a Word document (.docx): {exc}", path=path, hint="save it from Word or LibreOffice as .docx"
        ) from None
    except (OSError, EOFError, RuntimeError, NotImplementedError, ValueError, zlib.error) as exc:
        raise SourceError(f"cannot read the Word document: {exc}", path=path) from None


def _too_large(path: str, size: int, members: int) -> SourceError:
    return SourceError(
        f"the Word package unpacks to {size:,} bytes in {members:,} parts (at most {MAX_UNPACKED:,} bytes "
        f"and {MAX_MEMBERS:,} parts are read)",
        path=path,
        hint="save the document again from Word, without embedded media, or as .txt",
    )


def load(raw: bytes, *, doc_id: str, path: str, encoding: str | None = None) -> Document:
    """The Document of a .docx file."""
    import zipfile

    import docx

    check_package(raw, path)
    try:
        opened = docx.Document(io.BytesIO(raw))
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise SourceError(
            f"not a Word document (.docx): {exc}", path=path, hint="save it from Word or LibreOffice as .docx"
        ) from None
    except Exception as exc:  # python-docx and lxml raise many kinds on a damaged package
        raise SourceError(f"cannot read the Word document: {exc}", path=path) from None
    root = opened.element
    if root.tag != _q("document") or root.find(_q("body")) is None:
        raise SourceError(
            f"not a Word document: its main part holds <{root.tag}>, not a w:document with a body",
            path=path,
            hint="save it from Word or LibreOffice as .docx",
        )
    lines = lines_of(opened)
    if not lines:
        raise empty(path, "the Word document has no text in its body")
    return assemble(lines, doc_id=doc_id, path=path, encoding="docx")
