"""Importers under hostile input: every file is built here, small where it can be; each case ends in a
document read whole or one line on stderr and exit 2, never a traceback, a hang or text lost unsaid.
Costs that must grow linearly are compared by counts of work (or ratios with a wide margin), never
by a timed assertion."""

from __future__ import annotations

import io
import os
import subprocess
import sys
import textwrap
import time
import zipfile
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import importers, source
from aligner.cli import app
from aligner.errors import SourceError
from aligner.importers import doc as doc_importer
from aligner.importers import docx as docx_importer
from aligner.importers import html, pdf
from aligner.model import Role
from tests.conftest import ROOT

runner = CliRunner()
BODY = "为了规范行政机关的管理工作，提高行政效率，根据有关法律，制定本办法。"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}<title>通知</title></head><body><div><p>{body}</p></div></body></html>"


def load_html(raw: bytes, encoding: str | None = None):
    return html.load(raw, doc_id="p", path="p.html", encoding=encoding)


def one_line(error: SourceError) -> str:
    message = str(error)
    assert "\n" not in message and "Traceback" not in message
    return message


# ----------------------------------------------------------------------------- encodings


@pytest.mark.parametrize("charset", ["base64", "rot13", "hex", "zlib", "idna", "uu", "bz2", "punycode"])
def test_a_page_declaring_a_codec_that_is_no_text_encoding_is_read_as_chinese(charset: str) -> None:
    # GB18030 bytes, so the declaration is consulted (valid UTF-8 would be read as UTF-8 first).
    raw = page(BODY * 3, f'<meta charset="{charset}">').encode("gb18030")
    document = load_html(raw)
    assert BODY in document.text and document.encoding == "gb18030"


@pytest.mark.parametrize("encoding", ["rot13", "base64", "zlib", "hex", "idna", "klingon"])
def test_a_codec_that_is_no_text_encoding_is_one_line(encoding: str) -> None:
    with pytest.raises(SourceError) as caught:
        source.decode(BODY.encode(), encoding=encoding, path="a.txt")
    assert one_line(caught.value).startswith("a.txt: ")
    with pytest.raises(SourceError):
        load_html(page(BODY).encode(), encoding=encoding)


@pytest.mark.parametrize("name", ["a.txt", "a.html"])
def test_encoding_rot13_on_the_command_line_exits_2_with_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, name: str
) -> None:
    (tmp_path / "seeds").mkdir()
    (tmp_path / "pyproject.toml").write_bytes((ROOT / "pyproject.toml").read_bytes())
    target = tmp_path / "seeds" / name
    target.write_text(page(BODY) if name.endswith(".html") else BODY, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["segment", f"seeds/{name}", "--encoding", "rot13"])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "not a text encoding" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


def test_utf8_page_declaring_gb2312_with_one_stray_byte_is_refused_not_mojibake() -> None:
    raw = page(BODY * 4, '<meta http-equiv="Content-Type" content="text/html; charset=gb2312">').encode()
    broken = raw.replace("制定".encode(), "制定".encode() + b"\xff", 1)
    with pytest.raises(SourceError) as caught:
        load_html(broken)
    message = one_line(caught.value)
    stray = broken.index(b"\xff")
    assert "not UTF-8" in message and f"byte offset {stray}" in message
    # Told to read it as UTF-8, the page is read with the byte replaced.
    assert BODY in load_html(broken, encoding="utf-8").text


def test_a_real_gb2312_page_is_still_read() -> None:
    raw = page(BODY * 4, '<meta charset="gb2312">').encode("gb18030")
    assert BODY in load_html(raw).text


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_utf16_without_a_byte_order_mark(codec: str) -> None:
    raw = page(BODY * 2).encode(codec)
    document = load_html(raw)
    assert BODY in document.text and document.encoding == codec
    text, used = source.decode(("第一条　" + BODY + "\nThe end.\n").encode(codec), path="a.txt")
    assert BODY in text and used == codec


def test_utf8_text_with_a_stray_byte_is_not_read_as_gb18030() -> None:
    raw = (BODY * 4).encode().replace("制定".encode(), b"\xff" + "制定".encode(), 1)
    with pytest.raises(SourceError) as caught:
        source.decode(raw, path="a.txt")
    assert "not valid utf-8" in one_line(caught.value)


@pytest.mark.parametrize("reference", ["&#27;", "&#1;", "&#x9b;", "&#x7f;", "&#x85;"])
def test_control_character_references_reach_no_segment(reference: str) -> None:
    raw = page(f"为了规范{reference}[31m管理工作，提高行政效率，制定本办法。").encode()
    document = load_html(raw)
    # Dropped, or read as a browser reads a reference in 0x80-0x9F (windows-1252: &#x9b; is ›).
    assert not any((ord(c) < 32 and c != "\n") or 0x7F <= ord(c) <= 0x9F for c in document.text)
    assert "为了规范" in document.text and "[31m管理工作" in document.text
    assert all(not any(ord(c) < 32 or 0x7F <= ord(c) <= 0x9F for c in p.text) for p in document.paragraphs)


# ----------------------------------------------------------------------------- HTML sizes


@pytest.mark.parametrize("filler", ["image", "paragraph"])
def test_a_page_with_an_11_mb_image_or_a_12_mb_paragraph_is_read_whole(filler: str) -> None:
    paragraphs = [f"<p>第{n}段。{BODY}</p>" for n in range(1, 53)]
    if filler == "image":
        big = '<p><img src="data:image/png;base64,' + "A" * (11 * 1024 * 1024) + '"></p>'
    else:
        big = "<p>" + "数" * (4 * 1024 * 1024) + "。</p>"  # 12 MB of UTF-8
    markup = "<html><body><div>" + "".join(paragraphs[:5]) + big + "".join(paragraphs[5:]) + "</div></body></html>"
    document = load_html(markup.encode())
    for n in (1, 6, 52):
        assert f"第{n}段。" in document.text


@pytest.mark.parametrize("depth", [1500, 3000])
def test_elements_nested_thousands_deep_are_read_or_refused_with_one_line(depth: int) -> None:
    markup = (
        f"<html><body><p>第一段。{BODY}</p>"
        + "<div>" * depth
        + f"<p>{BODY * 3}</p>"
        + "</div>" * depth
        + "</body></html>"
    )
    try:
        document = load_html(markup.encode())
    except SourceError as error:  # past the parser's own depth limit: said, not dropped
        assert "parsed only in part" in one_line(error)
    else:
        assert document.text.count(BODY) == 4


def test_an_ordered_list_of_many_items_costs_linear_work(monkeypatch: pytest.MonkeyPatch) -> None:
    calls = 0
    real = html._tag

    def counted(element: object) -> str:
        nonlocal calls
        calls += 1
        return real(element)

    monkeypatch.setattr(html, "_tag", counted)

    def work(n: int) -> int:
        nonlocal calls
        calls = 0
        items = "".join(f"<li>第{k}项措施，加强管理。</li>" for k in range(n))
        document = load_html(f"<html><body><div><p>{BODY}</p><ol>{items}</ol></div></body></html>".encode())
        assert f"{n}.第{n - 1}项措施，加强管理。" in document.text
        return calls

    small, large = work(1000), work(4000)
    assert large / small < 6, (small, large)  # scanning the siblings per item: 16x


def test_an_ordered_list_of_15000_items_is_numbered() -> None:
    items = "".join(f"<li>第{k}项措施，加强管理。</li>" for k in range(15000))
    document = load_html(f"<html><body><div><p>{BODY}</p><ol start='x'>{items}</ol></div></body></html>".encode())
    lines = document.text.split("\n")
    assert "1.第0项措施，加强管理。" in lines and "15000.第14999项措施，加强管理。" in lines


# ----------------------------------------------------------------------------- DOCX


def _docx(document_xml: str | None = None, numbering_xml: str | None = None) -> bytes:
    import docx

    word = docx.Document()
    word.add_paragraph(BODY)
    buffer = io.BytesIO()
    word.save(buffer)
    source_zip = zipfile.ZipFile(io.BytesIO(buffer.getvalue()))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source_zip.infolist():
            data = source_zip.read(item.filename)
            if item.filename == "word/document.xml" and document_xml is not None:
                data = document_xml.encode()
            if item.filename == "word/numbering.xml" and numbering_xml is not None:
                data = numbering_xml.encode()
            target.writestr(item, data)
    return out.getvalue()


def _numbered(fmt: str, start: str, ilvl: str = "0", items: int = 3) -> bytes:
    numbering = (
        f'<w:numbering {W}><w:abstractNum w:abstractNumId="1"><w:lvl w:ilvl="{ilvl}"><w:start w:val="{start}"/>'
        f'<w:numFmt w:val="{fmt}"/><w:lvlText w:val="%1."/></w:lvl></w:abstractNum>'
        '<w:num w:numId="1"><w:abstractNumId w:val="1"/></w:num></w:numbering>'
    )
    paragraphs = "".join(
        f'<w:p><w:pPr><w:numPr><w:ilvl w:val="{ilvl}"/><w:numId w:val="1"/></w:numPr></w:pPr>'
        f"<w:r><w:t>{BODY}</w:t></w:r></w:p>"
        for _ in range(items)
    )
    return _docx(f"<w:document {W}><w:body>{paragraphs}</w:body></w:document>", numbering)


@pytest.mark.parametrize("fmt", ["lowerLetter", "upperLetter", "upperRoman", "lowerRoman", "decimal"])
def test_a_huge_start_in_letter_or_roman_numbering_is_a_short_label(fmt: str) -> None:
    document = docx_importer.load(_numbered(fmt, "999999999999"), doc_id="d", path="d.docx")
    lines = document.text.split("\n")
    assert len(document.text) < 10 * len(BODY)
    assert lines[0].endswith(BODY) and len(lines[0]) <= len(BODY) + 8


@pytest.mark.parametrize(("ilvl", "start"), [("x", "1"), ("0", "one"), ("1.5", "2.5"), ("-3", "-7"), ("99", "1")])
def test_non_integer_numbering_values_read(ilvl: str, start: str) -> None:
    document = docx_importer.load(_numbered("decimal", start, ilvl), doc_id="d", path="d.docx")
    assert document.text.count(BODY) == 3
    assert all(p.role is Role.ITEM for p in document.paragraphs)


@pytest.mark.parametrize(
    "root", [f"<w:numbering {W}/>", f"<w:body {W}><w:p/></w:body>", "<html><body>文</body></html>"]
)
def test_a_main_part_that_is_no_w_document_is_one_line(root: str) -> None:
    with pytest.raises(SourceError) as caught:
        docx_importer.load(_docx(root), doc_id="d", path="d.docx")
    assert one_line(caught.value).startswith("d.docx: ")


def _bomb(size: int, level: int = 9) -> bytes:
    out = io.BytesIO()
    base = zipfile.ZipFile(io.BytesIO(_docx()))
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as target:
        for item in base.infolist():
            target.writestr(item, base.read(item.filename))
        with target.open("word/media/zeros.bin", "w") as member:
            chunk = bytes(1 << 20)
            for _ in range(size >> 20):
                member.write(chunk)
    return out.getvalue()


def test_a_package_inflating_past_the_limit_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_importer, "MAX_UNPACKED", 4 << 20)
    raw = _bomb(8 << 20)
    with pytest.raises(SourceError) as caught:
        docx_importer.load(raw, doc_id="d", path="d.docx")
    assert "unpacks to" in one_line(caught.value)


def test_a_package_lying_about_its_sizes_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(docx_importer, "MAX_UNPACKED", 4 << 20)
    raw = bytearray(_bomb(8 << 20))
    # Make the central directory (and the local header) claim 1 KB for the 8 MB member.
    name = b"word/media/zeros.bin"
    for header, size_at in ((b"PK\x01\x02", 24), (b"PK\x03\x04", 22)):
        at = raw.find(header)
        while at != -1:
            name_at = at + (46 if header == b"PK\x01\x02" else 30)
            if raw[name_at : name_at + len(name)] == name:
                raw[at + size_at : at + size_at + 4] = (1024).to_bytes(4, "little")
            at = raw.find(header, at + 4)
    with pytest.raises(SourceError) as caught:
        docx_importer.load(bytes(raw), doc_id="d", path="d.docx")
    one_line(caught.value)


def test_a_zip_bomb_is_refused_before_memory_grows(tmp_path: Path) -> None:
    bomb = tmp_path / "bomb.docx"
    bomb.write_bytes(_bomb(600 << 20, level=1))
    assert bomb.stat().st_size < 5 << 20
    script = textwrap.dedent(
        f"""
        from aligner import importers
        from aligner.errors import SourceError
        try:
            importers.read({str(bomb)!r})
        except SourceError as error:
            print("refused:", error)
        # VmHWM: this process's own peak (ru_maxrss would count the parent's pages at the fork)
        status = open("/proc/self/status").read().split("VmHWM:")[1]
        print(int(status.split()[0]))
        """
    )
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120, check=True)
    refused, peak = done.stdout.strip().splitlines()
    assert refused.startswith("refused:") and "unpacks to" in refused
    assert int(peak) < 300 * 1024, f"peak {int(peak) // 1024} MB"  # ru_maxrss is in KB


# ----------------------------------------------------------------------------- PDF


def runs_pdf(n: int) -> bytes:
    """A one-page PDF whose single line holds ``n`` separate runs of text (Helvetica, not embedded)."""
    ops = ["BT /F1 6 Tf"] + [f"1 0 0 1 {10 + i * 12} 500 Tm (a{i % 10}) Tj" for i in range(n)] + ["ET"]
    content = "\n".join(ops).encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %d 842] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>" % (20 + n * 12),
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def test_a_pdf_line_of_many_runs_costs_linear_time() -> None:
    import pypdfium2

    def cost(n: int) -> float:
        document = pypdfium2.PdfDocument(runs_pdf(n))
        best = float("inf")
        for _ in range(3):
            start = time.process_time()
            lines = pdf._page_lines(document[0], 0)
            best = min(best, time.process_time() - start)
        assert len(lines) == 1 and lines[0].text.count("a") == n
        return max(best, 1e-4)

    small, large = cost(1000), cost(16000)
    # 16 times the runs: about 16 times the work when linear, 256 times when each run rescans the page.
    assert large / small < 60, (small, large)


# ----------------------------------------------------------------------------- LibreOffice


def test_libreoffice_past_its_time_is_killed_with_its_whole_group(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    marker = tmp_path / "child.pid"
    fake = tmp_path / "soffice"
    # A launcher that starts a converter (as soffice starts soffice.bin) and waits on it.
    fake.write_text(f"#!/bin/sh\nsleep 300 &\necho $! > {marker}\nwait\n")
    fake.chmod(0o755)
    monkeypatch.setattr(doc_importer, "soffice", lambda: str(fake))
    monkeypatch.setattr(doc_importer, "TIMEOUT", 1)
    with pytest.raises(SourceError) as caught:
        doc_importer.convert(b"\xd0\xcf\x11\xe0", path="x.doc")
    assert "within 1 s" in one_line(caught.value)
    child = int(marker.read_text())
    for _ in range(50):
        try:
            os.kill(child, 0)
        except ProcessLookupError:
            break
        time.sleep(0.05)
    else:
        os.kill(child, 9)
        pytest.fail("the converter the launcher started outlived the time limit")


def test_a_page_declaring_rot13_reads_through_importers_read(tmp_path: Path) -> None:
    target = tmp_path / "p.html"
    target.write_bytes(page(BODY, '<meta charset="rot13">').encode("gb18030"))
    assert BODY in importers.read(target).text


# ----------------------------------------------------------------------------- Markdown


@pytest.mark.parametrize(
    ("markdown", "said"),
    [
        (">" * 5000 + BODY, "nested more than 100 deep"),
        ("".join("  " * depth + f"- {BODY}\n" for depth in range(150)), "nested more than 100 deep"),
        (f"# 标题\n\n{BODY}\n\n<!-- 没有结束的注释\n\n{BODY * 20}", "never closes"),
    ],
)
def test_markdown_the_parser_cannot_read_whole_is_refused_with_one_line(markdown: str, said: str) -> None:
    from aligner.importers import markdown as markdown_importer

    with pytest.raises(SourceError) as caught:
        markdown_importer.load(markdown.encode(), doc_id="m", path="m.md")
    message = one_line(caught.value)
    assert message.startswith("m.md: the Markdown file could be read only in part") and said in message


def test_markdown_nested_within_the_limit_and_raw_html_keep_their_text() -> None:
    from aligner.importers import markdown as markdown_importer

    nested = "".join("  " * depth + f"- 第{depth}项。\n" for depth in range(90))
    page = f'# 标题\n\n<div align="center">第一章　总则</div>\n\n{nested}'
    document = markdown_importer.load(page.encode(), doc_id="m", path="m.md")
    texts = [p.text for p in document.paragraphs]
    assert "第一章　总则" in texts and "第89项。" in texts and len(texts) == 92
    assert not any("<" in text for text in texts)
