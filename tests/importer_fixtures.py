"""Word and PDF versions of text documents (the excerpts of tests/data), made the way offices make them.

DOCX (python-docx): one paragraph per line of the text; lines that open with 一、 get Word's own
automatic numbering (chineseCounting, ``%1、``) instead of the typed label, so the importer has to
write the label out again. PDF (WeasyPrint): the official layout of GB/T 9704 documents: A4, a
serif CJK face (Noto Serif CJK SC standing in for 仿宋), 16 pt type, 28 lines a page, a first-line
indent of two characters, titles centred, page numbers "— 1 —" at the foot.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from aligner.figures import zh_numeral

ROOT = Path(__file__).resolve().parent.parent
CN_NUMBERED = re.compile(r"^([一二三四五六七八九十]+)、(?=\S)")

_NUMBERING = """<w:abstractNum xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:abstractNumId="90">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:suff w:val="nothing"/>
<w:lvlText w:val="%1、"/></w:lvl></w:abstractNum>"""


def text_lines(path: Path) -> list[str]:
    """The lines of a text document; a run of blank lines counts as one empty line."""
    lines: list[str] = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        line = raw.strip()
        if line or (lines and lines[-1]):
            lines.append(line)
    return lines


def make_docx(text_path: Path, out: Path) -> Path:
    import docx
    from docx.oxml import parse_xml
    from docx.oxml.ns import qn

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(parse_xml(_NUMBERING))
    numbering.append(
        parse_xml(
            '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" w:numId="90">'
            '<w:abstractNumId w:val="90"/></w:num>'
        )
    )
    section = document.sections[0]
    section.header.paragraphs[0].text = "这是页眉，不是正文"
    section.footer.paragraphs[0].text = "— 1 —"
    num_id, expected = 90, 1
    for line in text_lines(text_path):
        match = CN_NUMBERED.match(line)
        if not line:
            document.add_paragraph("")
        elif match:
            typed = zh_numeral(match.group(1)) or 1
            if typed != expected:
                # The text counts again from another number (a list of contents, then the body): a
                # new list starting there, as Word makes one.
                num_id += 1
                numbering.append(
                    parse_xml(
                        '<w:num xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
                        f'w:numId="{num_id}"><w:abstractNumId w:val="90"/><w:lvlOverride w:ilvl="0">'
                        f'<w:startOverride w:val="{typed}"/></w:lvlOverride></w:num>'
                    )
                )
            expected = typed + 1
            paragraph = document.add_paragraph(line[match.end() :])
            ppr = paragraph._p.get_or_add_pPr()
            ppr.append(
                parse_xml(
                    '<w:numPr xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
                    f'<w:ilvl w:val="0"/><w:numId w:val="{num_id}"/></w:numPr>'
                )
            )
        else:
            document.add_paragraph(line)
    del qn
    target = out / (text_path.stem + ".docx")
    document.save(str(target))
    return target


_CSS = """
@page { size: A4; margin: 37mm 26mm 35mm 28mm;
        @bottom-center { content: "— " counter(page) " —"; font: 14pt 'Noto Serif CJK SC'; } }
body { font: 16pt/%(lh).3fmm 'Noto Serif CJK SC', serif; margin: 0; }
p { margin: 0; text-indent: 2em; text-align: justify; }
p.c { text-indent: 0; text-align: center; }
"""


def make_pdf(text_path: Path, out: Path) -> Path:
    from weasyprint import HTML

    lines = text_lines(text_path)
    body = []
    for number, line in enumerate(lines):
        if not line:
            body.append("<p>&#160;</p>")
            continue
        centred = number < 2 and len(line) <= 40 and not line.endswith(("。", "：", ":"))
        body.append(f'<p class="{"c" if centred else ""}">{html.escape(line)}</p>')
    page = (
        "<!doctype html><html lang='zh-CN'><head><meta charset='utf-8'><style>"
        + _CSS % {"lh": 225 / 28}
        + "</style></head><body>"
        + "\n".join(body)
        + "</body></html>"
    )
    target = out / (text_path.stem + ".pdf")
    HTML(string=page).write_pdf(str(target))
    return target


_CHAPTER = re.compile(r"^第[一二三四五六七八九十百零〇]+章(?:\s|　|$)")
_SECTION = re.compile(r"^第[一二三四五六七八九十百零〇]+节(?:\s|　|$)")
_OPENING = re.compile(r"^(?:第[一二三四五六七八九十百零〇]+[章节条]|目\s*录)")


def make_markdown(text_path: Path, out: Path) -> Path:
    """The text document in LawRefBook's layout: ``# title``, the lines about its adoption, then
    ``<!-- INFO END -->``, chapters as ``##`` and sections as ``###``, every other line a paragraph."""
    lines = [line for line in text_lines(text_path) if line]
    body: list[str] = [f"# {lines[0]}", ""]
    info = True
    for line in lines[1:]:
        if info and _OPENING.match(line):
            body += ["<!-- INFO END -->", ""]
            info = False
        if _CHAPTER.match(line):
            body += [f"## {line}", ""]
        elif _SECTION.match(line):
            body += [f"### {line}", ""]
        else:
            body += [line, ""]
    if info:
        body += ["<!-- INFO END -->", ""]
    target = out / (text_path.stem + ".md")
    target.write_text("\n".join(body), encoding="utf-8")
    return target
