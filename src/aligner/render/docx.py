"""A bilingual Word document for clients: the header, then one two-column table (Chinese, English)
with a row per unit, headings in bold, marks as labels, translator's notes as numbered notes.

python-docx is imported lazily. A .docx is a zip whose entries carry dates; they are fixed here
so the same alignment gives the same bytes.
"""

from __future__ import annotations

import io
import zipfile
from datetime import UTC, datetime

from aligner import epoch as source_date
from aligner import lazyre
from aligner.errors import ConfigError, install_hint
from aligner.model import Alignment, Kind, Status
from aligner.render.layout import Block, ItemList, Page, Publication, Table, Unit, build, quiet_gc, sections

_BOLD = {Kind.TITLE, Kind.HEADING}
_ZH_FONT = "Noto Serif CJK SC"  # Word substitutes SimSun or PingFang where it is missing


def render(alignment: Alignment, *, publication: Publication | None = None) -> bytes:
    with quiet_gc():
        return render_page(build(alignment, publication=publication))


def render_page(page: Page) -> bytes:
    docx = _docx()
    from docx.enum.text import WD_ALIGN_PARAGRAPH
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    from aligner.render.html import facts

    document = docx.Document()
    stamp = _stamp()
    props = document.core_properties
    props.title = page.title_en or page.title
    props.author = page.publication.publisher or page.translator
    props.created = props.modified = stamp
    props.last_modified_by = ""
    props.revision = 1

    def run(paragraph, text: str, *, bold: bool = False, zh: bool = False, grey: bool = False, size: float = 0):  # type: ignore[no-untyped-def]
        piece = paragraph.add_run()
        _add_text(piece, text)
        piece.bold = bold or None
        if size:
            piece.font.size = Pt(size)
        if grey:
            piece.font.color.rgb = RGBColor(0x80, 0x80, 0x88)
        if zh:
            piece.font.name = _ZH_FONT
            fonts = piece._element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), _ZH_FONT)
            fonts.set(qn("w:lang"), "zh-CN")
        return piece

    if page.publication.publisher:
        run(document.add_paragraph(), page.publication.publisher, grey=True, size=9)
    heading = document.add_heading(level=1)
    run(heading, page.title, zh=True)
    if page.title_en:
        run(document.add_heading(level=2), page.title_en)
    for label, value, _ in facts(page):
        line = document.add_paragraph()
        line.paragraph_format.space_after = Pt(0)
        run(line, f"{label}: ", grey=True, size=9)
        run(line, value, size=9, zh=any("\u4e00" <= c <= "\u9fff" for c in value))
    cov = page.coverage
    run(
        document.add_paragraph(),
        f"Coverage: {cov.translated} of {cov.total} segments translated ({cov.percent:.1f} %)",
        size=9,
    )
    if page.publication.credit:
        run(document.add_paragraph(), page.publication.credit, size=9)
    notice = document.add_paragraph()
    if page.publication.notice:
        run(notice, page.publication.notice, size=9)
    else:
        run(notice, "本译文仅供参考，以中文原文为准。", zh=True, size=9)
        run(notice, " The Chinese text is authoritative; the English translation is for reference only.", size=9)

    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    run(head[0].paragraphs[0], "中文", bold=True, zh=True)
    run(head[1].paragraphs[0], "English", bold=True)
    for section in sections(page.body):
        if isinstance(section, Table):
            # A table of the source: a table of its own across both columns, each cell the
            # Chinese over the English, its header rows repeated on every page.
            across = table.add_row().cells
            merged = across[0].merge(across[1])
            _source_table(merged, section, run)
            continue
        blocks = section.blocks if isinstance(section, ItemList) else (section,)
        for block in blocks:
            for unit in block.units:
                _unit_row(table, block, unit, run, WD_ALIGN_PARAGRAPH)
    if page.notes:
        document.add_heading("Notes", level=2)
        for note in page.notes:
            line = document.add_paragraph()
            run(line, f"{note.number}. ({note.position}) ", grey=True)
            run(line, note.text)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)


def _unit_row(table, block: Block, unit: Unit, run, align) -> None:  # type: ignore[no-untyped-def]
    zh_cell, en_cell = table.add_row().cells
    bold = unit.kind in _BOLD or block.kind in _BOLD
    zh = zh_cell.paragraphs[0]
    run(zh, unit.label + " ", grey=True, size=7)
    run(zh, unit.source, bold=bold, zh=True)
    en = en_cell.paragraphs[0]
    _english(run, en, unit, bold)
    if block.align == "right":
        zh.alignment = en.alignment = align.RIGHT


def _source_table(container, table: Table, run) -> None:  # type: ignore[no-untyped-def]
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn
    from docx.table import _Cell

    width = max(sum(b.place.colspan if b.place else 1 for b in row) for row in table.rows)
    inner = container.add_table(rows=len(table.rows), cols=width)
    inner.style = "Table Grid"
    for r, row in enumerate(table.rows):
        if r < table.header:
            mark = OxmlElement("w:tblHeader")
            mark.set(qn("w:val"), "true")
            inner.rows[r]._tr.get_or_add_trPr().append(mark)
        # The row's own cells, by grid column: Table.cell and _Cell.merge walk the whole table or row
        # on each call, which made a page's table of 10,000 columns (or colspan 1,000) take hours.
        tr = inner.rows[r]._tr
        cells = tr.tc_lst
        col = 0
        for block in row:
            span = block.place.colspan if block.place else 1
            tc = cells[col]
            if span > 1:  # Word's merge: the first cell spans the grid columns, the empty others go
                for extra in cells[col + 1 : col + span]:
                    tr.remove(extra)
                tc.grid_span = span
            cell = _Cell(tc, inner)
            col += span
            header = r < table.header
            for index, unit in enumerate(block.units):
                zh = cell.paragraphs[0] if index == 0 else cell.add_paragraph()
                run(zh, unit.source, bold=header, zh=True, size=9)
                en = cell.add_paragraph()
                if unit.missing:
                    run(en, "[UNTRANSLATED]", grey=True, size=7)
                else:
                    run(en, unit.target, bold=header, size=9)


# Word's own meanings of the two controls a catalog may hold between lines (msgfmt accepts them):
# a form feed is a page break (Word's Chr(12)), a vertical tab a line break (Shift+Enter, Chr(11)).
_BREAKS = lazyre.compile("(\r\n|[\f\v\t\n\r])")
# What XML 1.0 cannot carry at all: other C0 controls are shown as their Control Pictures (ESC as
# U+241B), so nothing is silently dropped; a non-character becomes U+FFFD.
_UNCARRIED = lazyre.compile("[\x00-\x08\x0e-\x1f\ufffe\uffff\ud800-\udfff]")


def _carried(text: str) -> str:
    return _UNCARRIED.sub(lambda m: chr(0x2400 + ord(m.group())) if m.group() < " " else "\ufffd", text)


def _add_text(piece, text: str) -> None:  # type: ignore[no-untyped-def]
    """``text`` into the run ``piece``: a tab as a tab, a newline or a vertical tab as a line break,
    a form feed as a page break, what XML cannot hold made visible."""
    from docx.enum.text import WD_BREAK

    for part in _BREAKS.split(text):
        if part == "\f":
            piece.add_break(WD_BREAK.PAGE)
        elif part == "\t":
            piece.add_tab()
        elif part in ("\v", "\n", "\r", "\r\n"):
            piece.add_break(WD_BREAK.LINE)
        elif part:
            piece.add_text(_carried(part))


def _english(run, paragraph, unit: Unit, bold: bool) -> None:  # type: ignore[no-untyped-def]
    if unit.mark:
        run(paragraph, f"[{unit.mark}] ", grey=True, size=8)
    if unit.joined_across:
        run(paragraph, f"↑ translated with {unit.joined_across}", grey=True)
    elif unit.missing:
        label = "FUZZY" if unit.status is Status.FUZZY else "UNTRANSLATED"
        run(paragraph, f"[{label}] ", grey=True, size=8)
        run(paragraph, unit.source, zh=True, grey=True)
    else:
        if unit.status is Status.FUZZY:
            run(paragraph, "[FUZZY] ", grey=True, size=8)
        run(paragraph, unit.target, bold=bold)
    for note in unit.notes:
        mark = run(paragraph, str(note.number))
        mark.font.superscript = True


def _stamp() -> datetime:
    epoch = source_date.seconds()
    seconds = epoch if epoch is not None else 315532800  # 1980-01-01, the first date a zip can hold
    return datetime.fromtimestamp(seconds, UTC).replace(tzinfo=None)


def _fixed_zip(data: bytes, stamp: datetime) -> bytes:
    """The same archive with every entry dated ``stamp``, in the same order."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    # A zip holds the years 1980 to 2107 only.
    when = (min(max(stamp.year, 1980), 2107), stamp.month, stamp.day, stamp.hour, stamp.minute, stamp.second)
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            fixed = zipfile.ZipInfo(info.filename, date_time=when)
            fixed.compress_type = zipfile.ZIP_DEFLATED
            fixed.external_attr = 0o644 << 16
            target.writestr(fixed, source.read(info.filename))
    return out.getvalue()


def _docx():  # type: ignore[no-untyped-def]
    try:
        import docx
    except ImportError:
        raise ConfigError(
            "-f docx needs python-docx", hint=install_hint("python-docx>=1.1", "one of aligner's own dependencies")
        ) from None
    return docx
