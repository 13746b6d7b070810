"""Word files: the real ones of the corpus (docx/), Word versions of the 14 documents' excerpts, numbering."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest

from aligner import importers, segment, source
from aligner.errors import SourceError
from aligner.importers import doc as doc_importer
from aligner.importers.docx import chinese_number, format_counter
from tests.conftest import CORPUS, DOCS, corpus_files, require_module, require_tool
from tests.importer_fixtures import make_docx

DOCX = CORPUS / "docx"
W = 'xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"'


def read(path: Path):
    return importers.read(path, display_path=path.name)


@pytest.fixture(scope="session")
def word_versions(tmp_path_factory: pytest.TempPathFactory) -> list[tuple[Path, Path]]:
    out = tmp_path_factory.mktemp("docx")
    docs = sorted(DOCS.glob("*.txt"))
    assert len(docs) == 14, f"expected the 14 documents in {DOCS}"
    return [(text, make_docx(text, out)) for text in docs]


def test_word_versions_segment_as_their_text(word_versions: list[tuple[Path, Path]]) -> None:
    _segment_as_their_text(word_versions)


def test_word_versions_of_the_whole_corpus_segment_as_their_text(
    zh_docs: list[Path], tmp_path_factory: pytest.TempPathFactory
) -> None:
    out = tmp_path_factory.mktemp("docx-corpus")
    _segment_as_their_text([(text, make_docx(text, out)) for text in zh_docs])


def _segment_as_their_text(word_versions: list[tuple[Path, Path]]) -> None:
    equal = total = 0
    for text, word in word_versions:
        ours = [s.text for s in segment.segment(read(word))]
        theirs = [s.text for s in segment.segment(source.read(text))]
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        same = sum(block.size for block in matcher.get_matching_blocks())
        # A Word paragraph is never a wrapped line, while the text reader joins a line that ends in
        # 根据 to the next (14's legislative history, set as separate paragraphs in Word): a short
        # excerpt may differ by such a pair; the whole set must still agree on 99%.
        assert same / max(len(ours), len(theirs)) >= 0.9, word.name
        equal += same
        total += max(len(ours), len(theirs))
    assert equal / total >= 0.99, f"{equal}/{total}"


def test_automatic_numbering_is_written_out(word_versions: list[tuple[Path, Path]]) -> None:
    text, word = next(pair for pair in word_versions if pair[0].name.startswith("06_"))
    document = read(word)
    lines = document.text.split("\n")
    typed = [
        line.strip() for line in source.read(text).text.split("\n") if line[:2] in ("一、", "二、", "三、", "四、")
    ]
    assert len(typed) >= 2
    for label in typed:
        assert label in lines
    assert "这是页眉" not in document.text and "— 1 —" not in document.text  # header and footer


@pytest.mark.parametrize("path", corpus_files(sorted(DOCX.glob("*.docx"))), ids=lambda p: p.stem[-24:] if p else "")
def test_real_word_files_import(path: Path, corpus: Path) -> None:
    document = read(path)
    segments = segment.segment(document)
    assert len(segments) > 30
    assert "FORMTEXT" not in document.text and "HYPERLINK" not in document.text


def test_form_fields_and_numbering_of_a_real_file(corpus: Path) -> None:
    lines = read(DOCX / "chatchat_npp_psr_part1_drafting_explanation.docx").text.split("\n")
    assert "一、任务来源及计划要求" in lines  # numId 1: japaneseCounting "%1、"
    assert "1）引入差异项定义" in lines  # numId 6: decimal "%1）"
    draft = read(DOCX / "chatchat_npp_psr_guide_part1_draft.docx").text.split("\n")
    assert draft[:2] == ["ICS 27.120.99", "F69"]  # FORMTEXT fields, read as their text
    assert "a)引言" in draft and "b)组织管理" in draft  # lists sharing one definition count on


def _soffice_or_skip() -> None:
    if doc_importer.soffice() is None:
        require_tool("soffice")  # skips locally, fails under CI=true (.ci/run installs libreoffice-writer-nogui)


def test_legacy_doc_reads_as_its_docx(corpus: Path) -> None:
    _soffice_or_skip()
    legacy = read(DOCX / "chatchat_npp_psr_guide_part1_draft.LEGACY.doc")
    modern = read(DOCX / "chatchat_npp_psr_guide_part1_draft.docx")
    # LibreOffice keeps every line; where it puts empty paragraphs may differ.
    assert [line for line in legacy.text.split("\n") if line] == [line for line in modern.text.split("\n") if line]
    assert legacy.path == "chatchat_npp_psr_guide_part1_draft.LEGACY.doc"


def test_doc_without_libreoffice_says_what_to_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(shutil, "which", lambda name: None)
    with pytest.raises(SourceError) as caught:
        doc_importer.load(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", doc_id="x", path="seeds/x.doc")
    message = str(caught.value)
    assert message.startswith("seeds/x.doc: ") and "libreoffice-writer-nogui" in message and "\n" not in message


def _numbered_docx(tmp_path: Path) -> Path:
    import docx
    from docx.oxml import parse_xml

    document = docx.Document()
    numbering = document.part.numbering_part.element
    numbering.append(
        parse_xml(
            f'<w:abstractNum {W} w:abstractNumId="80">'
            '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/></w:lvl>'
            '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/></w:lvl>'
            '<w:lvl w:ilvl="2"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/>'
            '<w:suff w:val="space"/></w:lvl>'
            '<w:lvl w:ilvl="3"><w:start w:val="1"/><w:numFmt w:val="decimalEnclosedCircle"/><w:lvlText w:val="%4"/></w:lvl>'
            "</w:abstractNum>"
        )
    )
    numbering.append(parse_xml(f'<w:num {W} w:numId="80"><w:abstractNumId w:val="80"/></w:num>'))
    numbering.append(
        parse_xml(
            f'<w:num {W} w:numId="81"><w:abstractNumId w:val="80"/>'
            '<w:lvlOverride w:ilvl="0"><w:startOverride w:val="1"/></w:lvlOverride></w:num>'
        )
    )
    items = [
        (80, 0, "总体要求"),
        (80, 1, "指导思想"),
        (80, 1, "基本原则"),
        (80, 2, "坚持问题导向。"),
        (80, 2, "坚持系统观念。"),
        (80, 3, "统筹推进"),
        (80, 0, "主要任务"),
        (80, 1, "加强组织领导"),
        (81, 0, "附则"),
    ]
    for num_id, level, text in items:
        paragraph = document.add_paragraph(text)
        paragraph._p.get_or_add_pPr().append(
            parse_xml(f'<w:numPr {W}><w:ilvl w:val="{level}"/><w:numId w:val="{num_id}"/></w:numPr>')
        )
    hidden = document.add_paragraph("可见的文字")
    hidden.add_run("隐藏的文字").font.hidden = True
    table = document.add_table(rows=2, cols=3)
    for r, row in enumerate([("地区", "人口", "面积"), ("重庆", "3213万", "8.24万平方公里")]):
        for c, value in enumerate(row):
            table.cell(r, c).text = value
    document.sections[0].header.paragraphs[0].text = "页眉文字"
    target = tmp_path / "numbered.docx"
    document.save(str(target))
    return target


def test_levels_counters_restart_and_tables(tmp_path: Path) -> None:
    lines = read(_numbered_docx(tmp_path)).text.split("\n")
    assert lines == [
        "一、总体要求",
        "（一）指导思想",
        "（二）基本原则",
        "1. 坚持问题导向。",
        "2. 坚持系统观念。",
        "①统筹推进",
        "二、主要任务",
        "（一）加强组织领导",
        "一、附则",  # a list with startOverride starts again
        "可见的文字",
        "地区",
        "人口",
        "面积",
        "重庆",
        "3213万",
        "8.24万平方公里",
        "",
    ]


@pytest.mark.parametrize(
    ("n", "fmt", "label"),
    [
        (1, "chineseCounting", "一"),
        (10, "chineseCounting", "十"),
        (11, "chineseCounting", "十一"),
        (20, "chineseCounting", "二十"),
        (105, "chineseCounting", "一百零五"),
        (3, "ideographTraditional", "丙"),
        (12, "decimalEnclosedCircle", "⑫"),
        (4, "lowerLetter", "d"),
        (14, "upperRoman", "XIV"),
        (7, "chineseLegalSimplified", "柒"),
    ],
)
def test_counter_formats(n: int, fmt: str, label: str) -> None:
    assert format_counter(n, fmt) == label


def test_chinese_numbers() -> None:
    assert [chinese_number(n) for n in (2, 19, 99, 100, 110, 1001)] == [
        "二",
        "十九",
        "九十九",
        "一百",
        "一百一十",
        "一千零一",
    ]


def test_damaged_word_file_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.docx"
    bad.write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(SourceError) as caught:
        read(bad)
    assert str(caught.value).startswith("bad.docx: ")


def test_heading_styles_stand_alone_and_titles_flow(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    document.add_paragraph("国务院关于2018年度", style="Title")
    document.add_paragraph("国家科学技术奖励的决定", style="Title")
    document.add_paragraph("总则", style="Heading 1")
    document.add_paragraph("适用范围")  # short and unpunctuated: a text reader would join it to the heading
    path = tmp_path / "styles.docx"
    document.save(str(path))
    texts = [s.text for s in segment.segment(read(path))]
    assert texts == ["国务院关于2018年度国家科学技术奖励的决定", "总则", "适用范围"]


_FOOTNOTES = (
    f'<w:footnotes {W}><w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:id="1"><w:p><w:r><w:t>本条所称科技成果，依照国家有关规定认定。</w:t></w:r></w:p></w:footnote>'
    "</w:footnotes>"
)
_FOOTNOTES_TYPE = "application/vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"
_FOOTNOTES_REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footnotes"


def _with_footnotes(raw: bytes) -> bytes:
    """The package with a footnotes part, as Word writes one."""
    import io
    import zipfile

    source_zip = zipfile.ZipFile(io.BytesIO(raw))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for item in source_zip.infolist():
            data = source_zip.read(item.filename)
            if item.filename == "[Content_Types].xml":
                override = f'<Override PartName="/word/footnotes.xml" ContentType="{_FOOTNOTES_TYPE}"/></Types>'
                data = data.replace(b"</Types>", override.encode())
            if item.filename == "word/_rels/document.xml.rels":
                rel = f'<Relationship Id="rIdNotes" Type="{_FOOTNOTES_REL}" Target="footnotes.xml"/></Relationships>'
                data = data.replace(b"</Relationships>", rel.encode())
            target.writestr(item, data)
        target.writestr("word/footnotes.xml", _FOOTNOTES)
    return out.getvalue()


def test_word_structure_is_handed_over(tmp_path: Path) -> None:
    import io

    import docx
    from docx.oxml import parse_xml

    from aligner.model import Role

    document = docx.Document()
    document.add_paragraph("中华人民共和国促进科技成果转化法")
    # Two Word paragraphs of the law's history: the first ends in 根据, which a text reader joins on.
    document.add_paragraph("（1996年5月15日第八届全国人民代表大会常务委员会第十九次会议通过　根据")
    document.add_paragraph("2015年8月29日第十二届全国人民代表大会常务委员会第十六次会议修正）")
    document.add_paragraph("第一章　总则", style="Heading 1")
    document.add_paragraph("第一节　一般规定", style="Heading 2")
    outlined = document.add_paragraph("（一）适用范围")
    outlined._p.get_or_add_pPr().append(parse_xml(f'<w:outlineLvl {W} w:val="2"/>'))
    document.add_paragraph("第一条　为了促进科技成果转化为现实生产力，制定本法。")
    for text in ("加强组织领导；", "落实工作责任。"):
        document.add_paragraph(text, style="List Number")
    table = document.add_table(rows=3, cols=3)
    header = table.rows[0]._tr.get_or_add_trPr()
    header.append(parse_xml(f"<w:tblHeader {W}/>"))
    table.cell(0, 0).text = "项目"
    table.cell(0, 1).merge(table.cell(0, 2)).text = "目标值"  # gridSpan 2
    table.cell(1, 0).merge(table.cell(2, 0)).text = "覆盖率"  # vMerge over two rows
    table.cell(1, 1).text = "2024年"
    table.cell(1, 2).text = "90%"
    table.cell(2, 1).text = "2025年"
    table.cell(2, 2).text = "95%"
    buffer = io.BytesIO()
    document.save(buffer)
    path = tmp_path / "structure.docx"
    path.write_bytes(_with_footnotes(buffer.getvalue()))

    read_back = read(path)
    blocks = [(p.role, p.level, p.text) for p in read_back.paragraphs]
    assert (None, 0, "（1996年5月15日第八届全国人民代表大会常务委员会第十九次会议通过　根据") in blocks
    assert (None, 0, "2015年8月29日第十二届全国人民代表大会常务委员会第十六次会议修正）") in blocks
    assert (Role.HEADING, 1, "第一章　总则") in blocks and (Role.HEADING, 2, "第一节　一般规定") in blocks
    assert (Role.HEADING, 3, "（一）适用范围") in blocks  # outline level 2 is the third level
    assert [text for role, _, text in blocks if role is Role.ITEM] == ["1.加强组织领导；", "2.落实工作责任。"]
    cells = [(p.cell.row, p.cell.col, p.cell.rowspan, p.cell.colspan, p.cell.header, p.text)
             for p in read_back.paragraphs if p.role is Role.CELL]  # fmt: skip
    assert cells == [
        (1, 1, 1, 1, True, "项目"),
        (1, 2, 1, 2, True, "目标值"),
        (2, 1, 2, 1, False, "覆盖率"),
        (2, 2, 1, 1, False, "2024年"),
        (2, 3, 1, 1, False, "90%"),
        (3, 2, 1, 1, False, "2025年"),
        (3, 3, 1, 1, False, "95%"),
    ]
    assert blocks[-1] == (Role.NOTE, 0, "本条所称科技成果，依照国家有关规定认定。")
    texts = [s.text for s in segment.segment(read_back)]
    assert "2015年8月29日第十二届全国人民代表大会常务委员会第十六次会议修正）" in texts


def test_the_paragraphs_of_a_cell_are_one_unit_and_two_names_stay_apart(tmp_path: Path) -> None:
    """A cell of two Word paragraphs is one cell; two organs one under the other keep a full-width
    space (省发展改革委　省生态环境厅), a sentence closed by 。 runs on into the next."""
    docx = require_module("docx")
    document = docx.Document()
    document.add_paragraph("附件　主要指标")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "指标"
    table.cell(0, 1).text = "牵头单位"
    first = table.cell(1, 0)
    first.text = "全面推行电子营业执照。"
    first.add_paragraph("2022年底前实现跨部门互认。")
    second = table.cell(1, 1)
    second.text = "省发展改革委"
    second.add_paragraph("省生态环境厅")
    path = tmp_path / "cells.docx"
    document.save(str(path))
    cells = [s.text for s in segment.segment(importers.read(path)) if s.kind.value == "cell"]
    assert cells == [
        "指标",
        "牵头单位",
        "全面推行电子营业执照。2022年底前实现跨部门互认。",
        "省发展改革委\u3000省生态环境厅",
    ]
