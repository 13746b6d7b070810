"""Markdown sources read as CommonMark reads them: headings with levels, items, tables as cells,
front matter and HTML comments dropped; LawRefBook's laws segment as their text versions."""

from __future__ import annotations

import difflib
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog, importers, segment, source
from aligner.cli import app
from aligner.model import Cell, Role
from tests.conftest import ROOT
from tests.importer_fixtures import make_markdown

DATA = Path(__file__).parent / "data"
LAW = DATA / "lawrefbook_sci_tech_transfer.md"
STRUCTURE = DATA / "markdown_structure.md"
runner = CliRunner()


def read(path: Path):
    return importers.read(path, display_path=path.name)


def test_a_lawrefbook_law_keeps_no_markup_and_takes_its_title_from_the_first_heading() -> None:
    document = read(LAW)
    assert document.metadata == {"title": "中华人民共和国促进科技成果转化法"}
    segments = segment.segment(document)
    assert segments[0].text == "中华人民共和国促进科技成果转化法"
    for piece in segments:
        assert "#" not in piece.text and "<!--" not in piece.text and "INFO END" not in piece.text
    blocks = [(p.role, p.level, p.text) for p in document.paragraphs]
    assert blocks[0] == (Role.TITLE, 0, "中华人民共和国促进科技成果转化法")
    assert (Role.HEADING, 2, "第一章 总则") in blocks and (Role.HEADING, 2, "第二章 组织实施") in blocks
    articles = [text for role, _, text in blocks if role is None and text.startswith("第")]
    assert [text[:3] for text in articles] == ["第一条", "第二条", "第三条", "第四条", "第十条"]
    assert "INFO END" not in document.text and "#" not in document.text


def test_the_law_segments_as_the_same_text_without_markup() -> None:
    plain = LAW.read_text(encoding="utf-8").replace("<!-- INFO END -->\n", "")
    plain = "\n".join(line.lstrip("#").strip() for line in plain.split("\n"))
    ours = [s.text for s in segment.segment(read(LAW))]
    theirs = [s.text for s in segment.segment(source.parse(plain, doc_id="x", path="x"))]
    assert ours == theirs


def test_front_matter_comments_headings_items_and_tables() -> None:
    document = read(STRUCTURE)
    blocks = [(p.role, p.level, p.text) for p in document.paragraphs]
    assert blocks[0] == (Role.TITLE, 0, "关于做好测试工作的通知")  # a setext heading, the first
    assert document.metadata["title"] == "关于做好测试工作的通知"
    assert "title:" not in document.text and "tags" not in document.text and "---" not in document.text
    assert "注释" not in document.text and "署名" not in document.text
    assert (Role.HEADING, 2, "一、工作要求") in blocks
    assert (Role.HEADING, 3, "（一）进度安排") in blocks
    items = [text for role, _, text in blocks if role is Role.ITEM]
    assert items == ["1.加强组织领导；", "2.落实工作责任；", "3.做好总结评估。", "按时报送材料", "保证数据准确"]
    # A hard break (two spaces) ends a line; the paragraph's lines stay as written.
    lines = document.text.split("\n")
    assert "为做好本年度测试工作，现将有关事项通知如下。" in lines and "请认真贯彻执行。" in lines
    cells = [(p.cell, p.text) for p in document.paragraphs if p.role is Role.CELL]
    assert [text for _, text in cells] == [
        "阶段",
        "时间",
        "任务",
        "第一阶段",
        "3月",
        "制定方案",
        "第二阶段",
        "6月",
        "组织实施",
    ]
    first, last = cells[0][0], cells[-1][0]
    assert isinstance(first, Cell) and (first.table, first.row, first.col, first.header) == (1, 1, 1, True)
    assert isinstance(last, Cell) and (last.table, last.row, last.col, last.header) == (1, 3, 3, False)
    assert "测试工作办公室" in lines and "2024年3月1日" in lines


@pytest.mark.parametrize(
    ("markdown", "expected"),
    [
        ("# 标题\n\n正文第一段。\n", ["标题", "正文第一段。"]),
        # A soft break is read as a text file's line break: inside a sentence it joins, nothing between
        ("# 标题\n\n为做好测试工作，\n现通知如下。\n", ["标题", "为做好测试工作，现通知如下。"]),
        ("# 标题\n\n测试工作办公室\n2024年3月1日\n", ["标题", "测试工作办公室", "2024年3月1日"]),
        ("# 标题\n\nShanghai Stock\nExchange 上市。\n", ["标题", "Shanghai Stock Exchange 上市。"]),
        ("# 标题\n\n<!-- INFO END -->\n\n正文。\n", ["标题", "正文。"]),
        ("# 标题\n\n见`代码`和[链接](http://x)。\n", ["标题", "见代码和链接。"]),
        ("# 标题\n\n5) 第五项；\n6) 第六项。\n", ["标题", "5)第五项；", "6)第六项。"]),
        # A script or a style is a browser's code, never text to translate, inline or as a block
        ("# 标题\n\n正文<script>alert('国务院')</script>第一段。\n", ["标题", "正文第一段。"]),
        ("# 标题\n\n<script>\nvar 通知 = 1;\n</script>\n\n正文。\n", ["标题", "正文。"]),
        ("# 标题\n\n<STYLE>p { content: '国务院'; }</STYLE>\n\n正文。\n", ["标题", "正文。"]),
        ("# 标题\n\n<div>第一章<script>x='总则'</script></div>\n\n正文。\n", ["标题", "第一章", "正文。"]),
    ],
)
def test_inline_markup_and_breaks(tmp_path: Path, markdown: str, expected: list[str]) -> None:
    path = tmp_path / "a.md"
    path.write_text(markdown, encoding="utf-8")
    assert [p.text for p in read(path).paragraphs] == expected


def test_markup_only_is_nothing_to_translate(tmp_path: Path) -> None:
    path = tmp_path / "empty.markdown"
    path.write_text("---\na: 1\n---\n<!-- 只有注释 -->\n", encoding="utf-8")
    with pytest.raises(Exception, match="nothing to translate"):
        read(path)


def test_segment_a_markdown_source_keeps_its_extracted_text(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    (tmp_path / "seeds").mkdir()
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    shutil.copy(LAW, tmp_path / "seeds" / "law.md")
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    assert "translations/law.zh.txt: extracted text of seeds/law.md" in result.stderr
    msgids = [entry.msgid for entry in catalog.load(tmp_path / "translations" / "law.pot").entries]
    assert msgids[0] == "中华人民共和国促进科技成果转化法" and len(msgids) == 12
    assert not any("#" in msgid or "INFO END" in msgid for msgid in msgids)
    extracted = (tmp_path / "translations" / "law.zh.txt").read_text(encoding="utf-8")
    assert extracted.startswith("中华人民共和国促进科技成果转化法\n")


def test_laws_in_lawrefbook_layout_segment_as_their_text(corpus: Path, tmp_path: Path) -> None:
    laws = sorted((corpus / "law-versions").glob("00[0-4]_new.txt"))
    laws.append(corpus / "zh-docs" / "12_law_sci_tech_transfer_2015.txt")
    equal = total = 0
    for law in laws:
        markdown = make_markdown(law, tmp_path)
        ours = [s.text for s in segment.segment(read(markdown))]
        theirs = [s.text for s in segment.segment(source.read(law))]
        for piece in ours:
            assert "#" not in piece and "<!--" not in piece, markdown.name
        matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
        equal += sum(block.size for block in matcher.get_matching_blocks())
        total += max(len(ours), len(theirs))
    assert equal / total >= 0.99, f"{equal}/{total}"


def test_a_markdown_file_too_large_to_parse_is_refused_before_parsing(monkeypatch: pytest.MonkeyPatch) -> None:
    from aligner.errors import SourceError
    from aligner.importers import markdown

    # A pipe table whose tokens would take gigabytes: refused by its size, with one line.
    monkeypatch.setattr(markdown, "MAX_CHARS", 10_000)
    table = "| 指标 | 数值 |\n|---|---|\n" + "| 产量 | 15767 |\n" * 1000
    with pytest.raises(SourceError, match="more than aligner reads as Markdown") as caught:
        markdown.load(table.encode("utf-8"), doc_id="t", path="t.md")
    assert "\n" not in str(caught.value)
    monkeypatch.setattr(markdown, "MAX_CHARS", 8_000_000)
    assert markdown.load(table.encode("utf-8"), doc_id="t", path="t.md").paragraphs
