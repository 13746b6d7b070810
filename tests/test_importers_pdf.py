"""PDF: the real report of the corpus (pdf/), PDF versions of the 14 documents' excerpts in the
official layout, wrapped headings, two columns, and a scan without a text layer."""

from __future__ import annotations

import difflib
import io
from pathlib import Path

import pytest

from aligner import importers, segment, source
from aligner.errors import SourceError
from aligner.model import Kind
from tests.conftest import CORPUS, DOCS, fixture_docs
from tests.importer_fixtures import make_pdf

PDF = CORPUS / "pdf" / "simonxinw_shenzhen_2021_gender_statistics.pdf"
PAGE_NUMBER = ("— 1 —", "— 2 —", "—1—", "— 3 —")


def read(path: Path):
    return importers.read(path, display_path=path.name)


@pytest.fixture(scope="session")
def pdf_versions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("pdf")
    docs = fixture_docs()
    assert len(docs) == 14, f"expected the 14 documents in {DOCS}"
    return [(text, make_pdf(text, out)) for text in docs]


@pytest.fixture(scope="session")
def long_pdf(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The 14 excerpts one after another in the official layout: a document over many pages."""
    out = tmp_path_factory.mktemp("pdf-long")
    joined = out / "joined.txt"
    joined.write_text(
        "\n".join(p.read_text(encoding="utf-8").lstrip("\ufeff") for p in fixture_docs()), encoding="utf-8"
    )
    return make_pdf(joined, out)


def test_pdf_versions_segment_as_their_text(pdf_versions: list[tuple[Path, Path]]) -> None:
    _segment_as_their_text(pdf_versions)


def test_pdf_versions_of_the_whole_corpus_segment_as_their_text(
    zh_docs: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("pdf-corpus")
    _segment_as_their_text([(text, make_pdf(text, out)) for text in zh_docs])


def _segment_as_their_text(pdf_versions: list[tuple[Path, Path]]) -> None:
    equal = total = 0
    for text, pdf in pdf_versions:
        ours = [s.text for s in segment.segment(read(pdf))]
        theirs = [s.text for s in segment.segment(source.read(text))]
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        assert same / max(len(ours), len(theirs)) >= 0.95, pdf.name
        equal += same
        total += max(len(ours), len(theirs))
    assert equal / total >= 0.99, f"{equal}/{total}"


def test_page_numbers_are_dropped(long_pdf: Path) -> None:
    import pypdfium2

    pdf = long_pdf
    assert len(pypdfium2.PdfDocument(str(pdf))) > 10  # the long one runs over many pages
    document = read(pdf)
    assert not any(mark in document.text for mark in PAGE_NUMBER)
    assert "—" not in "".join(line for line in document.text.split("\n") if len(line) < 8)


def _pdf(tmp_path: Path, body: str, css: str = "", name: str = "x.pdf") -> Path:
    from weasyprint import HTML

    style = "@page { size: A4; margin: 30mm; @bottom-center { content: '- ' counter(page) ' -'; } }"
    style += "body { font: 16pt/1.6 'Noto Serif CJK SC'; } p { margin: 0; text-indent: 2em; }" + css
    target = tmp_path / name
    HTML(string=f"<html lang='zh-CN'><head><style>{style}</style></head><body>{body}</body></html>").write_pdf(
        str(target)
    )
    return target


def test_a_wrapped_line_that_starts_with_a_heading_mark_is_not_a_heading(tmp_path: Path) -> None:
    # 10 characters a line; the first line holds 8 after the indent, so the wrap puts （一） first.
    # The third line then starts with 第一条 of the next sentence's citation.
    sentence = "各地区要按照通知（一）所列的要求抓紧第一条规定落实，并于年底前报送落实情况。"
    pdf = _pdf(tmp_path, f"<p>{sentence}</p><p>第一条　另起一段。</p>", "p { width: 10em; }")
    import pypdfium2

    printed = pypdfium2.PdfDocument(str(pdf))[0].get_textpage().get_text_range().splitlines()
    assert printed[1].startswith("（一）") and printed[2].startswith("第一条"), printed
    document = read(pdf)
    segments = segment.segment(document)
    assert segments[0].text == sentence and segments[0].kind is Kind.BODY
    assert segments[1].text == "第一条　另起一段。"


def test_two_columns_are_read_in_order(tmp_path: Path) -> None:
    left = "".join(f"<p>左栏第{n}段的内容。</p>" for n in range(1, 9))
    right = "".join(f"<p>右栏第{n}段的内容。</p>" for n in range(1, 9))
    pdf = _pdf(tmp_path, left + right, "body { column-count: 2; column-gap: 3em; column-fill: auto; }")
    texts = [s.text for s in segment.segment(read(pdf))]
    assert texts == [f"左栏第{n}段的内容。" for n in range(1, 9)] + [f"右栏第{n}段的内容。" for n in range(1, 9)]


def test_the_real_report_imports(corpus: Path) -> None:
    document = read(PDF)
    lines = document.text.split("\n")
    assert lines[0] == "2021 年深圳市社会性别统计报告"
    assert "表 1 2021 年深圳市分区常住人口" in lines
    assert any(line.startswith("2021 年，深圳市常住人口") and "万人" in line for line in lines)
    assert len(segment.segment(document)) > 100


def test_a_scan_needs_ocr(tmp_path: Path) -> None:
    import pypdfium2

    pdf = pypdfium2.PdfDocument.new()
    pdf.new_page(595, 842)
    buffer = io.BytesIO()
    pdf.save(buffer)
    scan = tmp_path / "scan.pdf"
    scan.write_bytes(buffer.getvalue())
    with pytest.raises(SourceError) as caught:
        read(scan)
    message = str(caught.value)
    assert message.startswith("scan.pdf: ") and "OCR" in message and "\n" not in message


def test_a_damaged_pdf_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.pdf"
    bad.write_bytes(b"%PDF-1.7\nnothing else")
    with pytest.raises(SourceError) as caught:
        read(bad)
    assert str(caught.value).startswith("bad.pdf: cannot open the PDF")


def test_importing_twice_gives_the_same_text(long_pdf: Path) -> None:
    assert read(long_pdf).text == read(long_pdf).text


def test_importing_the_real_report_twice_gives_the_same_text(corpus: Path) -> None:
    assert read(PDF).text == read(PDF).text


def test_running_headers_and_page_numbers_in_the_margins_are_dropped(tmp_path: Path) -> None:
    paragraphs = [f"第{n}段：各地区、各部门要结合实际认真贯彻执行，确保各项措施落到实处。" for n in range(1, 61)]
    pdf = _pdf(
        tmp_path,
        "".join(f"<p>{p}</p>" for p in paragraphs),
        "@page { @top-center { content: '某某市人民政府公报'; font: 12pt 'Noto Serif CJK SC'; }"
        " @bottom-right { content: '第 ' counter(page) ' 页'; font: 12pt 'Noto Serif CJK SC'; } }",
    )
    import pypdfium2

    assert len(pypdfium2.PdfDocument(str(pdf))) >= 3
    document = read(pdf)
    assert "公报" not in document.text and "页" not in document.text
    assert [s.text for s in segment.segment(document)] == paragraphs


@pytest.mark.parametrize("whole", [False, pytest.param(True, marks=pytest.mark.corpus)], ids=["excerpts", "corpus"])
def test_another_layout_header_and_page_x_of_y(tmp_path: Path, whole: bool, request: pytest.FixtureRequest) -> None:
    """A layout the rules were not tuned on: 14 pt sans, 1.8 line height, 25 mm margins, a running
    header, "第 N 页 共 M 页" at the foot."""
    from weasyprint import HTML

    css = (
        "@page { size: A4; margin: 25mm; @top-center { content: '某某省人民政府办公厅'; font: 10pt 'Noto Sans CJK SC'; }"
        " @bottom-right { content: '第 ' counter(page) ' 页 共 ' counter(pages) ' 页'; font: 10pt 'Noto Sans CJK SC'; } }"
        " body { font: 14pt/1.8 'Noto Sans CJK SC'; } p { margin: 0; text-indent: 2em; text-align: justify; }"
    )
    docs = request.getfixturevalue("zh_docs") if whole else fixture_docs()
    for text in (p for p in docs if p.name[:2] in ("07", "12")):
        lines = [line.strip() for line in text.read_text(encoding="utf-8").splitlines()]
        body = "".join(f"<p>{line}</p>" if line else "<p>&#160;</p>" for line in lines)
        pdf = tmp_path / f"{text.stem}.pdf"
        HTML(string=f"<html lang='zh-CN'><head><style>{css}</style></head><body>{body}</body></html>").write_pdf(pdf)
        ours = [s.text for s in segment.segment(read(pdf))]
        assert ours == [s.text for s in segment.segment(source.read(text))], text.name


def test_a_table_set_in_columns_is_read_as_cells(tmp_path: Path) -> None:
    from weasyprint import HTML

    from aligner.model import Role

    rows = [
        ("地区", "户籍人口", "男性", "女性"),
        ("福田区", "124.88", "60.48", "64.40"),
        ("罗湖区", "73.40", "35.61", "37.79"),
    ]
    table = "".join("<tr>" + "".join(f"<td>{cell}</td>" for cell in row) + "</tr>" for row in rows)
    page = (
        "<html><head><meta charset='utf-8'><style>body{font:12pt 'Noto Serif CJK SC'} td{padding:2pt 24pt;"
        "border:1px solid black} table{border-collapse:collapse}</style></head><body>"
        "<p>各区户籍人口情况如下表，请各单位对照执行，确保数据准确无误。</p>"
        f"<table>{table}</table><p>以上数据由统计部门提供，仅供参考。</p></body></html>"
    )
    path = tmp_path / "table.pdf"
    HTML(string=page).write_pdf(str(path))
    document = read(path)
    cells = [(p.cell.row, p.cell.col, p.text) for p in document.paragraphs if p.role is Role.CELL]
    assert cells == [(r, c, text) for r, row in enumerate(rows, 1) for c, text in enumerate(row, 1)]
    texts = [p.text for p in document.paragraphs if p.role is None]
    assert texts == [
        "各区户籍人口情况如下表，请各单位对照执行，确保数据准确无误。",
        "以上数据由统计部门提供，仅供参考。",
    ]


def test_a_real_report_gives_its_statistical_tables_as_cells(corpus: Path) -> None:
    from aligner.model import Role

    document = read(PDF)
    cells = {(p.cell.table, p.cell.row, p.cell.col): p.text for p in document.paragraphs if p.role is Role.CELL}
    assert cells[1, 1, 2] == "户籍人口" and cells[1, 3, 1] == "福田区" and cells[1, 3, 2] == "124.88"
    assert len({table for table, _, _ in cells}) >= 5


def test_a_last_line_of_two_characters_continues_its_paragraph() -> None:
    from aligner.importers.pdf import _paragraphs, _PdfLine

    # Measured on the PDF of a law (009_new, page 18): the ink of 理。 is 14.4 high, a full line's 16.9.
    # Body type measures 15.8 (16 rounded); the line before 理。 happens to hold taller ink.
    rows = [
        (112.1, 382.6, 510.8, 15.8, "第五十一条　代表建议、批评和意见由常务委员会办事机构交有关机关办理。"),
        (80.0, 405.4, 510.9, 15.8, "有关机关、组织应当与代表联系沟通，充分听取意见，按照规定的时限办理。"),
        (112.1, 428.4, 510.9, 15.8, "第五十二条　县级以上的各级人民代表大会有关专门委员会和常务委员会办事机构"),
        (80.0, 451.1, 495.8, 16.9, "工作机构，乡、民族乡、镇的人民代表大会主席团，应当加强对代表建议、批评和意见的督促办"),
        (80.0, 474.6, 100.5, 14.4, "理。"),
        (112.1, 519.4, 510.8, 15.8, "第五十三条　代表建议、批评和意见办理情况，应当向本级人民代表大会常务委员会报告。"),
    ]  # fmt: skip
    lines = [_PdfLine(17, x0, x1, top, top + size, text, size) for x0, top, x1, size, text in rows]
    paragraphs = [line.text for line in _paragraphs(lines)]
    assert paragraphs[-2].endswith("督促办理。") and paragraphs[-1].startswith("第五十三条")
