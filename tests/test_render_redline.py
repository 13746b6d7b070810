"""The redline of a comparison: HTML (escaped, offline, one element per unit), Markdown and Word."""

from __future__ import annotations

import io
import re
from pathlib import Path

from typer.testing import CliRunner

from aligner import source
from aligner.cli import app
from aligner.compare.run import compare_documents
from aligner.render import redline
from conftest import DATA

LAW_OLD = DATA / "compare_law_old.txt"
LAW_NEW = DATA / "compare_law_new.txt"


def _comparison(old: str, new: str):  # type: ignore[no-untyped-def]
    return compare_documents(
        source.parse(old, doc_id="old", path="old.txt"), source.parse(new, doc_id="new", path="new.txt")
    )


def _fixture_html() -> str:
    result = CliRunner().invoke(app, ["compare", str(LAW_OLD), str(LAW_NEW), "--no-carry"])
    assert result.exit_code == 0, result.output
    return result.stdout


def test_each_unit_is_one_element_with_its_status_and_old_number() -> None:
    page = _fixture_html()
    sections = re.findall(r'<section class="unit (\w+)" id="([\w-]+)" data-old="([^"]*)"', page)
    assert ("moved", "art-9", "第七条") in sections
    assert ("renumbered", "art-3", "第四条") in sections
    assert ("references", "art-10", "第十条") in sections
    assert ("added", "art-4", "") in sections
    assert ("deleted", "old-art-3", "第三条") in sections
    assert len(sections) == 14 and len({anchor for _, anchor, _ in sections}) == 14


def test_insertions_and_deletions_marked_in_the_chinese() -> None:
    page = _fixture_html()
    assert "<ins>、对接</ins>" in page and "<ins>公布有关信息不得泄露国家秘密和商业秘密。</ins>" in page
    assert "<del>七</del><ins>九</ins>" in page  # 本法第七条 -> 第九条
    # the deleted article stands where it stood: after 第二条, before the renumbered 第三条
    assert page.index('id="art-2"') < page.index('id="old-art-3"') < page.index('id="art-3"')


def test_summary_counts_and_links_to_the_changed_units() -> None:
    page = _fixture_html()
    summary = page[page.index('<nav class="summary"') : page.index("</nav>", page.index('<nav class="summary"'))]
    assert '<span class="mark s-unchanged">unchanged</span> 6' in summary
    assert '<span class="mark s-moved">moved</span> 1' in summary
    links = re.findall(r'<a href="#([\w-]+)">', summary)
    assert links == ["old-art-3", "art-3", "art-4", "art-6", "art-7", "art-8", "art-9", "art-10"]


def test_the_page_loads_nothing_and_allows_no_script() -> None:
    page = _fixture_html()
    policy = re.search(r'Content-Security-Policy" content="([^"]+)"', page)
    assert policy is not None and "default-src 'none'" in policy.group(1) and "script-src 'none'" in policy.group(1)
    assert "<script" not in page and "http://" not in page and "https://" not in page


INJECTED = '第一条 <script>alert(1)</script>"><img src=x onerror=alert(2)>为了规范管理，制定本条例。\n'


def test_untrusted_text_is_escaped_everywhere() -> None:
    comparison = _comparison("示例条例\n\n" + INJECTED, "示例条例\n\n" + INJECTED.replace("规范", "加强"))
    page = redline.html(comparison)
    assert "<script>alert" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    markdown = redline.markdown(comparison)
    assert "<script>" not in markdown and "<img" not in markdown and "&lt;script&gt;" in markdown


def test_markdown_redline() -> None:
    result = CliRunner().invoke(app, ["compare", str(LAW_OLD), str(LAW_NEW), "-f", "md", "--no-carry"])
    text = result.stdout
    assert "| moved | 1 |" in text and "- [第九条](#art-9) (was 第七条): moved" in text
    assert '<a id="old-art-3"></a>' in text and "### 第十条 · references" in text
    assert "<del>七</del><ins>九</ins>" in text


def test_word_redline(tmp_path: Path) -> None:
    import docx  # python-docx, a dependency

    out = tmp_path / "redline.docx"
    result = CliRunner().invoke(
        app, ["compare", str(LAW_OLD), str(LAW_NEW), "-f", "docx", "-o", str(out), "--no-carry"]
    )
    assert result.exit_code == 0, result.output
    document = docx.Document(io.BytesIO(out.read_bytes()))
    runs = [run for cell in document.tables[0]._cells for p in cell.paragraphs for run in p.runs]
    struck = "".join(run.text for run in runs if run.font.strike)
    underlined = "".join(run.text for run in runs if run.underline)
    assert "科技成果转化活动应当有利于加快实施创新驱动发展战略" in struck  # the deleted 第三条
    assert "公布有关信息不得泄露国家秘密和商业秘密。" in underlined
    again = tmp_path / "again.docx"
    CliRunner().invoke(app, ["compare", str(LAW_OLD), str(LAW_NEW), "-f", "docx", "-o", str(again), "--no-carry"])
    assert again.read_bytes() == out.read_bytes()


def test_the_page_is_the_same_every_run_and_never_written_over_an_input(tmp_path: Path) -> None:
    assert _fixture_html() == _fixture_html()
    old = tmp_path / "old.txt"
    old.write_bytes(LAW_OLD.read_bytes())
    result = CliRunner().invoke(app, ["compare", str(old), str(LAW_NEW), "-o", str(old), "--no-carry"])
    assert result.exit_code == 2 and "is an input of this command" in result.stderr
    assert old.read_bytes() == LAW_OLD.read_bytes()
