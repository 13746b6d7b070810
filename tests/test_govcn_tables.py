"""Pages of a government site whose attachments are tables, end to end through the CLI.

Three pages written for the tests in the layout of gov.cn and of provincial sites (tests/data/
govcn-tables/): navigation, the 索引号 disclosure table and the page frame as layout tables, a notice
whose attachment is a table (two header rows with rowspan/colspan, cells of figures and codes, a
cell of two paragraphs, a list of measures with long cells, a coordinate table and a plan beside
it), share buttons and footers. `aligner segment` then `aligner render`: every body paragraph and
every cell comes back as units (one cell, one segment), no furniture leaks, the metadata is the
disclosure table's, and the page in headless Chromium draws one HTML table per source table with
every cell in both languages and no sideways scroll at 390 px.

The reference is read from the pages here with lxml, not by the importer: a data table is a
``<table border="1">``, the text is the ``<p>``/``<h1>``/``<h3>`` outside tables in the article.
"""

from __future__ import annotations

import json
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import lxml.html
import polib
import pytest
from typer.testing import CliRunner

from aligner.cli import app
from tests.conftest import DATA, ROOT, require_module, require_tool

runner = CliRunner()
PAGES = DATA / "govcn-tables"
NAMES = ("indicators", "measures", "coordinates")
ARTICLE = {
    "indicators": '//*[@id="UCAP-CONTENT"]',
    "measures": '//div[@class="article"]',
    "coordinates": '//div[@id="zoom"]',
}
FURNITURE = ("扫一扫", "版权所有", "ICP", "首页", "当前位置", "当前的位置", "责任编辑", "分享", "主办", "承办",
             "纠错", "技术支持", "网站标识码", "主 题 词", "主题词", "打印", "关闭窗口", "政务公开", "互动")  # fmt: skip


def squeeze(text: str) -> str:
    return re.sub(r"[\s\u3000\u00a0]+", "", text)


def english_of(text: str) -> str:
    return f"EN[{squeeze(text)}]"


def reference(name: str) -> tuple[list[str], list[list[list[str]]], list[tuple[str, str]]]:
    """(the article's paragraphs, each data table as rows of cell texts, the disclosure fields)."""
    root = lxml.html.parse(str(PAGES / f"{name}.html")).getroot()
    article = root.xpath(ARTICLE[name])[0]
    paragraphs = [
        squeeze(p.text_content())
        for p in article.iter("p", "h1", "h3")
        if not p.xpath("ancestor::table[@border='1']") and squeeze(p.text_content())
    ]
    tables = [
        [[squeeze(c.text_content()) for c in tr if c.tag in ("td", "th")] for tr in table.iter("tr")]
        for table in root.xpath("//table[@border='1']")
    ]
    fields = []
    for tr in root.xpath("//table[contains(@class, 'bd1') or contains(@class, 'xxgk')]//tr"):
        cells = [squeeze(c.text_content()) for c in tr if c.tag in ("td", "th")]
        for label, value in zip(cells[::2], cells[1::2], strict=False):
            if value:
                fields.append((label.rstrip("：:"), value))
    return paragraphs, tables, fields


@pytest.fixture(scope="module")
def project(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A project with the three pages, segmented, every entry translated with polib, rendered."""
    folder = tmp_path_factory.mktemp("tables")
    (folder / "seeds").mkdir()
    shutil.copy(ROOT / "pyproject.toml", folder / "pyproject.toml")
    for name in NAMES:
        shutil.copy(PAGES / f"{name}.html", folder / "seeds" / f"{name}.html")
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(folder)
        result = runner.invoke(app, ["segment"])
        assert result.exit_code == 0, result.output
        for name in NAMES:
            po = polib.pofile(str(folder / "translations" / "en" / f"{name}.po"))
            for entry in po:
                entry.msgstr = english_of(entry.msgid)
            po.save()
        result = runner.invoke(app, ["render", "-q"])
        assert result.exit_code == 0, result.output
        yield folder


def segments(project: Path, name: str) -> list[dict[str, Any]]:
    result = runner.invoke(app, ["segment", "--jsonl", str(project / "seeds" / f"{name}.html")])
    assert result.exit_code == 0, result.output
    return [json.loads(line) for line in result.stdout.splitlines()]


@pytest.mark.parametrize("name", NAMES)
def test_every_paragraph_and_every_cell_comes_back_as_units(project: Path, name: str) -> None:
    paragraphs, tables, _ = reference(name)
    found = segments(project, name)
    cells = {(c["cell"]["table"], squeeze(c["text"])) for c in found if c["kind"] == "cell"}
    assert all(c["cell"] is not None for c in found if c["kind"] == "cell")
    assert not any("\u3000" in c["text"] and c["kind"] != "cell" for c in found), "no row glued into one segment"
    expected_cells = [(t, cell) for t, table in enumerate(tables, 1) for row in table for cell in row if cell]
    got_cells = sum((t, cell) in cells for t, cell in expected_cells)
    # A paragraph comes back when the segments of one block, in order, make it up.
    blocks: dict[int, str] = {}
    for seg in found:
        if seg["kind"] != "cell":
            blocks[seg["paragraph"]] = blocks.get(seg["paragraph"], "") + squeeze(seg["text"])
    texts = list(blocks.values())
    joined = "".join(texts)
    got_paragraphs = sum(p in texts or (p in joined and len(p) <= 40) for p in paragraphs)
    total = len(expected_cells) + len(paragraphs)
    assert (got_cells + got_paragraphs) / total >= 0.99, (name, got_cells, len(expected_cells), got_paragraphs)
    assert got_cells == len(expected_cells)


@pytest.mark.parametrize("name", NAMES)
def test_no_furniture_leaks_and_the_metadata_is_the_disclosure_tables(project: Path, name: str) -> None:
    _, _, fields = reference(name)
    found = segments(project, name)
    for seg in found:
        assert not any(word in seg["text"] for word in FURNITURE), seg["text"]
    metadata = [squeeze(s["text"]) for s in found if s["kind"] == "metadata" and s["line"] <= len(fields) + 1]
    assert metadata == [f"{label}：{value}" for label, value in fields]


@pytest.mark.parametrize("name", NAMES)
def test_the_catalog_places_each_cell(project: Path, name: str) -> None:
    _, tables, _ = reference(name)
    pot = polib.pofile(str(project / "translations" / f"{name}.pot"))
    placed = [e for e in pot if e.comment.startswith("cell, table ")]
    translatable = {cell for table in tables for row in table for cell in row if re.search(r"[\u4e00-\u9fff]", cell)}
    assert {squeeze(e.msgid) for e in placed} >= translatable
    assert not any(re.fullmatch(r"[\d.>%—-]+", e.msgid) for e in pot), "a cell of figures is carried, not translated"


# --------------------------------------------------------------------------- in the browser

CHROMIUM = Path("/usr/bin/chromium")
HEADER_ROWS = {"indicators": [2], "measures": [1], "coordinates": [1, 1]}


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_tool(str(CHROMIUM))
    sync_api = require_module("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield instance
        instance.close()


@pytest.mark.browser
@pytest.mark.parametrize("name", NAMES)
def test_on_a_phone_each_source_table_is_one_html_table_with_both_languages(
    browser: Any, project: Path, name: str
) -> None:
    _, tables, _ = reference(name)
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())
    try:
        page.goto((project / "build" / "en" / f"{name}.html").as_uri())
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, "no page-wide sideways scroll"
        shown = page.evaluate(
            "[...document.querySelectorAll('table.dt')].map(t => [...t.querySelectorAll('th, td')]"
            ".map(c => [[...c.querySelectorAll('[lang^=zh]')].map(e => e.innerText).join(''),"
            " [...c.querySelectorAll('.en')].map(e => e.innerText).join('')]))"
        )
        assert len(shown) == len(tables), "one HTML table per source table"
        # The pages mark no header (no <th>, as most government pages): the first row is one, with the
        # rows its cells span down into (目标值 over 2020年 | 2025年).
        heads = page.evaluate(
            "[...document.querySelectorAll('table.dt')].map(t => t.querySelectorAll('thead tr').length)"
        )
        assert heads == HEADER_ROWS[name]
        for source, drawn in zip(tables, shown, strict=True):
            cells = [cell for row in source for cell in row if cell]
            zh = [squeeze(z) for z, _ in drawn if squeeze(z)]
            assert zh == cells
            for (z, en), cell in zip([d for d in drawn if squeeze(d[0])], cells, strict=True):
                carried = not re.search(r"[\u4e00-\u9fff]", cell)
                assert squeeze(en) == (cell if carried else squeeze(english_of(z))), cell
    finally:
        context.close()


def test_a_cell_of_two_paragraphs_is_one_unit_and_its_two_organs_stay_apart(project: Path) -> None:
    texts = [s["text"] for s in segments(project, "indicators") if s["kind"] == "cell"]
    assert "省发展改革委\u3000省生态环境厅" in texts  # <p>省发展改革委</p><p>省生态环境厅</p>
    assert "省生态环境厅省水利厅" in texts  # 省生态环境厅<br>省水利厅: a <br> wraps, as in 上海<br>证券交易所
    assert "注：1.细颗粒物（PM2.5）浓度下降以2020年为基数计算。2.指标代码按GB/T 4754-2017执行。" in texts
