"""The redline of a comparison: HTML (a page of the site), Markdown and Word.

The new version side by side with its English; insertions and deletions marked in the Chinese;
the old English beside the new for changed units; each unit labelled with its status and old
number; a summary at the top; deleted units where they stood. Every text is escaped.
"""

from __future__ import annotations

import html as html_escape
import io

from aligner import __version__
from aligner.compare.report import Comparison, Row
from aligner.render import html as page
from aligner.render.docx import _docx, _fixed_zip, _stamp
from aligner.render.markdown import escape

# Units whose old English is shown beside the new: those whose Chinese changed beyond their number.
OLD_SHOWN = ("modified", "moved", "split", "merged", "references")


def _changed(comparison: Comparison) -> list[Row]:
    return [row for row in comparison.rows if row.status != "unchanged"]


def html(comparison: Comparison) -> str:
    """A self-contained page: the site's style, no script, nothing loaded from anywhere."""
    from markupsafe import Markup

    style = page._asset("page.css") + "\n" + page._asset("redline.css")
    template = page._environment().get_template("redline.html.j2")
    return template.render(
        c=comparison,
        summary=[(status, count) for status, count in comparison.summary.items() if count],
        changed=_changed(comparison),
        has_english=bool(comparison.new_catalog),
        old_shown=OLD_SHOWN,
        lang=page.bcp47(comparison.language),
        version=__version__,
        style=Markup(style),
        csp=Markup(page.policy(style=style, script=None)),
    )


def _markdown_line(line: tuple[tuple[int, str], ...]) -> str:
    parts: list[str] = []
    for op, text in line:
        shown = escape(text)
        parts.append(f"<ins>{shown}</ins>" if op == 1 else f"<del>{shown}</del>" if op == -1 else shown)
    return "".join(parts)


def markdown(comparison: Comparison) -> str:
    """Markdown for a forge's preview: insertions in ``<ins>``, deletions in ``<del>``, a heading per unit."""
    lines = [f"# {escape(comparison.title)}", "", f"Changes from `{comparison.old}` to `{comparison.new}`.", ""]
    lines += ["## Summary", "", "| status | units |", "|---|---:|"]
    lines += [f"| {status} | {count} |" for status, count in comparison.summary.items() if count]
    lines.append("")
    for row in _changed(comparison):
        was = f" (was {escape(row.old_name)})" if row.unit.old and row.unit.new and row.old_name != row.name else ""
        lines.append(f"- [{escape(row.name)}](#{row.anchor}){was}: {row.status}")
    lines += ["", "## Units", ""]
    for row in comparison.rows:
        was = f" · was {escape(row.old_name)}" if row.unit.old and row.unit.new and row.old_name != row.name else ""
        lines += [f'<a id="{row.anchor}"></a>', "", f"### {escape(row.name)} · {row.status}{was}", ""]
        lines += [_markdown_line(line) + "  " for line in row.lines]
        lines.append("")
        if row.english and row.status != "deleted":
            lines += [("*(fuzzy)* " if row.fuzzy else "") + escape(row.english), ""]
        if row.english_old and (row.status in OLD_SHOWN or row.status == "deleted"):
            lines += [f"> Old English: {escape(row.english_old)}", ""]
    lines.append(f"Compared by aligner {html_escape.escape(__version__)}.")
    return "\n".join(lines) + "\n"


def docx(comparison: Comparison) -> bytes:
    """A Word table (Chinese with its changes, English), inserted text underlined, deleted struck."""
    document_module = _docx()
    from docx.oxml.ns import qn
    from docx.shared import Pt, RGBColor

    document = document_module.Document()
    stamp = _stamp()
    props = document.core_properties
    props.title = comparison.title
    props.created = props.modified = stamp
    props.last_modified_by = ""
    props.revision = 1

    def run(paragraph, text: str, *, op: int = 0, zh: bool = False, grey: bool = False, size: float = 0):  # type: ignore[no-untyped-def]
        piece = paragraph.add_run(text)
        if op == 1:
            piece.underline = True
            piece.font.color.rgb = RGBColor(0x0B, 0x4D, 0x22)
        elif op == -1:
            piece.font.strike = True
            piece.font.color.rgb = RGBColor(0x8B, 0x1A, 0x12)
        if grey:
            piece.font.color.rgb = RGBColor(0x80, 0x80, 0x88)
        if size:
            piece.font.size = Pt(size)
        if zh:
            fonts = piece._element.get_or_add_rPr().get_or_add_rFonts()
            fonts.set(qn("w:eastAsia"), "SimSun")
        return piece

    run(document.add_heading(level=1), comparison.title, zh=True)
    line = document.add_paragraph()
    run(line, f"Changes from {comparison.old} to {comparison.new}. ", size=9)
    run(line, ", ".join(f"{status} {count}" for status, count in comparison.summary.items() if count), size=9)
    table = document.add_table(rows=1, cols=2)
    table.style = "Table Grid"
    head = table.rows[0].cells
    run(head[0].paragraphs[0], "中文", zh=True)
    run(head[1].paragraphs[0], "English")
    for row in comparison.rows:
        zh_cell, en_cell = table.add_row().cells
        tag = zh_cell.paragraphs[0]
        was = f" (was {row.old_name})" if row.unit.old and row.unit.new and row.old_name != row.name else ""
        run(tag, f"[{row.status}] {row.name}{was}", grey=True, size=8, zh=True)
        for edits in row.lines:
            paragraph = zh_cell.add_paragraph()
            for op, text in edits:
                run(paragraph, text, op=op, zh=True)
        english = en_cell.paragraphs[0]
        if row.english and row.status != "deleted":
            run(english, ("[FUZZY] " if row.fuzzy else "") + row.english)
        if row.english_old and (row.status in OLD_SHOWN or row.status == "deleted"):
            struck = -1 if row.status == "deleted" else 0
            run(en_cell.add_paragraph(), "Old English: " + row.english_old, grey=True, op=struck)
    buffer = io.BytesIO()
    document.save(buffer)
    return _fixed_zip(buffer.getvalue(), stamp)
