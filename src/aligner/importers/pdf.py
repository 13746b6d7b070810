"""PDF with pypdfium2 (Apache-2.0/BSD): text lines with their positions, rebuilt into paragraphs.

- Runs of text are grouped into lines by their vertical position and read left to right; a page
  set in two columns (lines on either side of the middle, none across it) is read column by column.
- Running headers and footers are dropped: page numbers in the margins ("— 1 —", "- 2 -", "第 3 页",
  "3/10") and any line that recurs in the top or bottom margin of most pages.
- Paragraphs come from the layout, never from the text: a line starts a paragraph when it is
  indented from the text's left edge (the first-line indent of GB/T 9704 documents), when the
  line before it stopped short of the right edge, after a larger vertical gap, or when the size
  of the type changes. Otherwise it continues the line before it, across pages too. So a wrapped
  line that happens to start with （一） or 第一条 stays inside its sentence.
- Without a text layer (a scan) the file is refused with one line: it needs OCR first.
"""

from __future__ import annotations

import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from aligner import chinese, lazyre
from aligner.errors import SourceError
from aligner.importers.base import Line, assemble, empty
from aligner.model import Cell, Document, Role
from aligner.records import Record

_PAGE_NUMBER = lazyre.compile(
    r"^(?:[—\-–－一~～·•]*\s*\d{1,4}\s*[—\-–－一~～·•]*|第\s*\d{1,4}\s*页(?:\s*[/，,]?\s*共\s*\d{1,4}\s*页)?"
    r"|\d{1,4}\s*/\s*\d{1,4}|[Pp]age\s*\d{1,4}(?:\s*of\s*\d{1,4})?|[-—]\s*[ivxlcIVXLC]{1,6}\s*[-—]|[ivxlcIVXLC]{1,6})$"
)
_MARGIN = 0.11  # share of the page height above and below the text block (GB/T 9704: 37 and 35 mm of 297)


@dataclass(repr=False)
class _PdfLine(Record):
    page: int
    x0: float
    x1: float
    top: float  # distance from the top of the page
    bottom: float
    text: str
    size: float  # height of the type
    # The line's runs as set apart by wide gaps, (x0, x1, text): the cells when the line is a table row.
    cells: list[tuple[float, float, str]] = field(default_factory=list)

    @property
    def middle(self) -> float:
        return (self.top + self.bottom) / 2


def _join(left: str, right: str) -> str:
    if not left:
        return right
    if left[-1].isascii() and left[-1].isalnum() and right[:1].isascii() and right[:1].isalnum():
        return f"{left} {right}"
    return left + right


def _page_lines(page: object, number: int) -> list[_PdfLine]:
    width, height = page.get_size()  # type: ignore[attr-defined]
    runs = [(height - top, height - bottom, left, right, text) for left, bottom, right, top, text in _runs(page)]
    # Runs whose middles lie within half a character of each other share a line (characters
    # placed one by one sit on slightly different heights: digits, punctuation, superscripts).
    runs.sort(key=lambda run: ((run[0] + run[1]) / 2, run[2]))
    groups: list[list[tuple[float, float, float, float, str]]] = []
    middles = 0.0  # sum of the middles of the last group's runs, and its tallest run: kept as
    tallest = 0.0  # the group grows, so a line of many runs costs no more per run than a short one
    for run in runs:
        middle = (run[0] + run[1]) / 2
        if groups:
            group = groups[-1]
            size = max(tallest, run[1] - run[0])
            if abs(middle - middles / len(group)) <= size * 0.5:
                group.append(run)
                middles += middle
                tallest = size
                continue
        groups.append([run])
        middles, tallest = middle, run[1] - run[0]
    lines: list[_PdfLine] = []
    for group in groups:
        group.sort(key=lambda run: run[2])
        top, bottom, left, right, text = group[0]
        line = _PdfLine(number, left, right, top, bottom, text, bottom - top)
        parts = [text]
        cell = [left, right, text]
        for top, bottom, left, right, text in group[1:]:
            gap = left - line.x1
            # Boxes hug the ink: a full-width comma leaves most of its cell blank on the right.
            narrow = parts[-1][-1:] in "，。、；：？！）》”’,.;:"
            em = max(bottom - top, line.size)
            wide = gap > em * (1.6 if narrow else 0.8)
            if wide:
                parts.append("\u3000" if _cjk_edge(parts[-1], text) else " ")
            if gap > em * _CELL_GAP:
                line.cells.append((cell[0], cell[1], str(cell[2]).strip()))
                cell = [left, right, text]
            else:
                cell = [cell[0], right, _join(str(cell[2]), text) if wide else str(cell[2]) + text]
            parts.append(text)
            line.x1 = max(line.x1, right)
            line.top, line.bottom = min(line.top, top), max(line.bottom, bottom)
            line.size = max(line.size, bottom - top)
        line.text = "".join(parts)
        line.cells.append((cell[0], cell[1], str(cell[2]).strip()))
        lines.append(line)
    for line in lines:
        line.text = line.text.strip()
    lines = [line for line in lines if line.text]
    lines.sort(key=lambda line: (round(line.middle, 0), line.x0))
    return _columns(lines, width)


def _runs(page: object) -> list[tuple[float, float, float, float, str]]:
    """The page's runs of text, (left, bottom, right, top, text), in one pass over its characters.

    A run is what pdfium makes a text rectangle of: consecutive characters of one text object, the
    spaces pdfium generates between them included. Asking pdfium for the text inside each rectangle
    costs a scan of the whole page per rectangle: a line of 20,000 runs took 38 s."""
    import ctypes

    import pypdfium2.raw as pdfium_c

    textpage = page.get_textpage()  # type: ignore[attr-defined]
    raw = textpage.raw
    runs: list[tuple[float, float, float, float, str]] = []
    current: int | None = None
    box = [0.0, 0.0, 0.0, 0.0]
    chars: list[str] = []

    def close() -> None:
        text = "".join(chars).encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        if current is not None and text.strip():
            runs.append((box[0], box[1], box[2], box[3], text))

    for index in range(textpage.count_chars()):
        code = pdfium_c.FPDFText_GetUnicode(raw, index)
        if code in (10, 13):
            continue  # the line ends pdfium adds
        if pdfium_c.FPDFText_IsGenerated(raw, index) == 1:
            if current is not None:
                chars.append(chr(code))
            continue
        left, bottom, right, top = textpage.get_charbox(index)
        if right == left or top == bottom:
            continue  # pdfium leaves characters without a box out of its rectangles
        owner = ctypes.cast(pdfium_c.FPDFText_GetTextObject(raw, index), ctypes.c_void_p).value
        if owner != current:
            close()
            current, box, chars = owner, [left, bottom, right, top], []
        else:
            box = [min(box[0], left), min(box[1], bottom), max(box[2], right), max(box[3], top)]
        chars.append(chr(code))
    close()
    return runs


def _cjk_edge(left: str, right: str) -> bool:
    return bool(left) and bool(right) and (chinese.is_han(left[-1]) or chinese.is_han(right[0]))


def _columns(lines: list[_PdfLine], width: float) -> list[_PdfLine]:
    """Lines in reading order: a two-column page is read down the left column, then the right."""
    middle = width / 2
    left = [line for line in lines if line.x1 <= middle + 2]
    right = [line for line in lines if line.x0 >= middle - 2]
    across = [line for line in lines if line.x0 < middle - 2 and line.x1 > middle + 2]
    if len(left) < 5 or len(right) < 5 or len(across) > 0.1 * len(lines):
        return lines
    # Columns run side by side down the page; short lines on the left above a few dates and
    # signatures on the right do not make two columns.
    low, high = (
        max(min(x.top for x in left), min(x.top for x in right)),
        min(max(x.bottom for x in left), max(x.bottom for x in right)),
    )
    span = min(
        max(x.bottom for x in left) - min(x.top for x in left), max(x.bottom for x in right) - min(x.top for x in right)
    )
    if span <= 0 or (high - low) < 0.5 * span:
        return lines
    top_of_columns = min(line.top for line in left + right)
    head = [line for line in across if line.top < top_of_columns]
    tail = [line for line in across if line.top >= top_of_columns]
    return head + left + right + tail


def _normal(text: str) -> str:
    return re.sub(r"\d+", "#", re.sub(r"\s+", "", text))


def _drop_furniture(pages: list[list[_PdfLine]], heights: list[float]) -> list[list[_PdfLine]]:
    """Without page numbers and the headers and footers that recur on most pages."""
    recurring: Counter[str] = Counter()
    for lines, height in zip(pages, heights, strict=True):
        seen = set()
        for line in lines:
            if line.top < height * _MARGIN or line.bottom > height * (1 - _MARGIN):
                seen.add(_normal(line.text))
        recurring.update(seen)
    many = max(2, (len(pages) + 1) // 2)
    kept = []
    for lines, height in zip(pages, heights, strict=True):
        page = []
        by_height = sorted(lines, key=lambda x: x.top)
        isolated = set()
        for k, line in enumerate(by_height):
            above = by_height[k - 1].bottom if k else -1e9
            below = by_height[k + 1].top if k + 1 < len(by_height) else 1e9
            if min(line.top - above, below - line.bottom) > line.size * 0.9:
                isolated.add(id(line))  # set apart from the text, as headers and footers are
        for line in lines:
            in_margin = line.top < height * _MARGIN or line.bottom > height * (1 - _MARGIN)
            squeezed = line.text.replace(" ", "").replace("\u3000", "")
            # A running header stands apart from the text; a body line at the top of every page
            # that looks alike once digits are set aside (第14段：…) does not.
            repeated = len(pages) >= 2 and id(line) in isolated and recurring[_normal(line.text)] >= many
            if in_margin and (_PAGE_NUMBER.match(squeezed) or repeated):
                continue
            if _PAGE_NUMBER.match(squeezed) and re.search(r"[—–－-]\s*\d+\s*[—–－-]|第\s*\d+\s*页", squeezed):
                continue  # "— 3 —" is a page number wherever it stands
            page.append(line)
        kept.append(page)
    return kept


_CELL_GAP = 2.0  # ems of blank between two runs of one line that set them in two table columns


def _tables(lines: list[_PdfLine]) -> list[_PdfLine | list[Line]]:
    """The lines, with each table the layout shows replaced by its cells (``Line`` with a ``Cell``).

    A table is two or more consecutive lines of one page, each set in two or more columns (runs
    apart by ``_CELL_GAP`` ems), whose columns line up: the row with the most cells gives the
    columns, and every cell of every row overlaps exactly one of them, no two cells the same one.
    A line of a single cell inside the table that falls under a column other than the first
    continues that column's cell in the row above (a cell's text wrapped in its column)."""
    out: list[_PdfLine | list[Line]] = []
    tables = 0
    index = 0
    while index < len(lines):
        end = index
        while end < len(lines) and lines[end].page == lines[index].page and len(lines[end].cells) >= 2:
            end += 1
        block = lines[index:end]
        rows = _rows(block, lines[end:]) if len(block) >= 2 else None
        if rows is None:
            out.append(lines[index])
            index += 1
            continue
        cells, used = rows
        tables += 1
        out.append(
            [
                Line(text, flow=False, role=Role.CELL, cell=Cell(tables, row, col), gap=not row_index and not col_index)
                for row_index, (row, row_cells) in enumerate(cells)
                for col_index, (col, text) in enumerate(row_cells)
            ]
        )
        index = end + used
    return out


def _rows(block: list[_PdfLine], after: list[_PdfLine]) -> tuple[list[tuple[int, list[tuple[int, str]]]], int] | None:
    """The rows of a table set on ``block`` (and the lines of ``after`` that continue its cells),
    or None when its columns do not line up."""
    widest = max(block, key=lambda line: len(line.cells))
    columns = [(x0, x1) for x0, x1, _ in widest.cells]

    def column_of(x0: float, x1: float) -> int | None:
        hits = [n for n, (c0, c1) in enumerate(columns, start=1) if min(x1, c1) - max(x0, c0) > 0]
        return hits[0] if len(hits) == 1 else None

    rows: list[tuple[int, list[tuple[int, str]]]] = []
    for number, line in enumerate(block, start=1):
        placed = [(column_of(x0, x1), text) for x0, x1, text in line.cells]
        cols = [col for col, _ in placed]
        if None in cols or len(set(cols)) != len(cols):
            return None
        rows.append((number, [(col, text) for col, text in placed if col is not None and text]))
    used = 0
    for line in after:
        if line.page != block[-1].page or len(line.cells) != 1:
            break
        col = column_of(line.cells[0][0], line.cells[0][1])
        last = dict(rows[-1][1])
        if col is None or col == 1 or col not in last:
            break
        rows[-1] = (rows[-1][0], [(c, _join(t, line.cells[0][2]) if c == col else t) for c, t in rows[-1][1]])
        used += 1
    return rows, used


def _paragraphs(lines: list[_PdfLine]) -> list[Line]:
    """Lines rebuilt into paragraphs from the layout (see the module docstring)."""
    if not lines:
        return []
    sizes = Counter(round(line.size) for line in lines)
    body_size = sizes.most_common(1)[0][0] or 1
    body = [line for line in lines if abs(round(line.size) - body_size) <= 1]
    lefts = Counter(round(line.x0) for line in body)
    margin = min(lefts, key=lambda x: (-sum(n for v, n in lefts.items() if abs(v - x) <= 2), x))
    rights = Counter(round(line.x1) for line in body)
    right_edge = max(rights, key=lambda x: (sum(n for v, n in rights.items() if abs(v - x) <= 2), x))
    spacing = Counter(round(b.top - a.top) for a, b in itertools.pairwise(body) if a.page == b.page and b.top > a.top)
    step = spacing.most_common(1)[0][0] if spacing else body_size * 1.5
    char = float(body_size)
    paragraphs: list[Line] = []
    previous: _PdfLine | None = None
    for line in lines:
        starts = previous is None
        gap = False
        if previous is not None:
            indented = line.x0 > margin + char * 0.9
            # CJK line breaking moves a character that may not start a line (）》”) to the next
            # line, so a wrapped line can stop a character or two short: only a line that ends a
            # sentence, or stops far short, ends its paragraph.
            ends = previous.text.rstrip()[-1:] in "。！？：；…”’」』）)!?:;."
            short = previous.x1 < right_edge - char * (1.5 if ends else 4)
            gap = line.page == previous.page and line.top - previous.top > step * 1.6
            # A line's size is the height of its ink: a line of a character or two (理。 wrapped
            # alone) has too little ink to tell a change of type.
            measurable = min(len(line.text.strip()), len(previous.text.strip())) > 3
            resized = measurable and abs(line.size - previous.size) > max(1.5, 0.15 * char)
            above = line.page == previous.page and line.top < previous.top - 1  # a new column
            starts = indented or short or gap or resized or (above and previous.x1 < right_edge - char)
        if starts or not paragraphs:
            # A blank line's worth of space stays a blank line in the extracted text.
            paragraphs.append(Line(line.text, gap=gap))
        else:
            paragraphs[-1] = Line(_join(paragraphs[-1].text, line.text), gap=paragraphs[-1].gap)
        previous = line
    return paragraphs


def load(raw: bytes, *, doc_id: str, path: str, encoding: str | None = None) -> Document:
    """The Document of a PDF file."""
    import pypdfium2

    try:
        pdf = pypdfium2.PdfDocument(raw)
    except pypdfium2.PdfiumError as exc:
        hint = "give the password-free file" if "password" in str(exc).lower() else "give an intact PDF"
        raise SourceError(f"cannot open the PDF: {exc}", path=path, hint=hint) from None
    try:
        pages, heights, chars = [], [], 0
        for number in range(len(pdf)):
            page = pdf[number]
            heights.append(page.get_size()[1])
            chars += page.get_textpage().count_chars()
            pages.append(_page_lines(page, number))
    finally:
        pdf.close()
    if heights and chars == 0:
        raise SourceError(
            f"no text layer in {len(heights)} page(s): a scanned PDF",
            path=path,
            hint="it needs OCR first (e.g. ocrmypdf -l chi_sim), then give the OCR'd PDF",
        )
    lines = [line for page in _drop_furniture(pages, heights) for line in page]
    paragraphs: list[Line] = []
    run: list[_PdfLine] = []
    for item in _tables(lines):
        if isinstance(item, _PdfLine):
            run.append(item)
        else:
            paragraphs += _paragraphs(run) + item
            run = []
    paragraphs += _paragraphs(run)
    if not paragraphs:
        raise empty(path, "the PDF has no text")
    return assemble(paragraphs, doc_id=doc_id, path=path, encoding="pdf")
