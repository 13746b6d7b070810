"""Render draws the structure: tables as tables (HTML, print/PDF, DOCX, Markdown), headings by level,
lists as lists, law articles with #art-N anchors, the contents from real headings only; the table
page in headless Chromium at 390 px scrolls the table alone."""

from __future__ import annotations

import io
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aligner import source, structure
from aligner.render import html, markdown
from aligner.render.layout import Table, build, sections
from tests.conftest import require_module, require_tool
from tests.structure_fixtures import LAW, TABLE, aligned, english_of, table_document

CELLS = [row.split("\t") for row in TABLE.read_text(encoding="utf-8").splitlines()]


@pytest.fixture(scope="module")
def table_page() -> str:
    return html.render(aligned(table_document()))


@pytest.fixture(scope="module")
def law_page() -> str:
    return html.render(aligned(structure.infer(source.read(LAW))))


def test_a_table_is_one_html_table_with_its_header_and_every_cell_in_both_languages(table_page: str) -> None:
    assert table_page.count('<table class="dt">') == 1
    head, body = table_page.split("<tbody>")
    assert head.count("<th ") == len(CELLS[0]) and "<thead>" in head
    for row in CELLS:
        for text in row:
            escaped = text.replace(">", "&gt;")
            assert f"{escaped}</p>" in table_page, text
            # A cell of figures is carried over as it is; any other is translated.
            english = escaped if structure.carried(text) else english_of(text).replace(">", "&gt;")
            assert re.search(rf'<p class="en st-translated"[^>]*>{re.escape(english)}', table_page), text
    assert body.count("<tr>") == len(CELLS) - 1


def test_the_layout_gathers_cells_row_by_row() -> None:
    page = build(aligned(table_document()))
    tables = [s for s in sections(page.body) if isinstance(s, Table)]
    assert len(tables) == 1 and tables[0].header == 1
    assert [["".join(u.source for u in b.units) for b in row] for row in tables[0].rows] == CELLS


def test_law_articles_have_anchors_and_the_contents_lists_real_headings(law_page: str) -> None:
    assert 'id="art-1"' in law_page and 'id="art-12"' in law_page and 'id="art-14"' in law_page
    contents = law_page.split('<nav class="toc"')[1].split("<ol>")[1].split("</ol>")[0]
    assert re.findall(r'<span lang="zh-Hans">([^<]+)</span>', contents) == ["第一章 总则", "第二章 组织实施"]
    assert 'class="para k-heading gap1 lv2"' in law_page  # a chapter at the top level under the title


def test_items_are_drawn_as_a_list(law_page: str) -> None:
    lists = re.findall(r'<ul class="items">(.*?)</ul>', law_page, re.S)
    assert len(lists) == 1
    assert lists[0].count("<li>") == 6 and "（一）能够显著提高产业技术水平" in lists[0]


def test_markdown_draws_a_pipe_table() -> None:
    text = markdown.render(aligned(table_document()))
    rows = [line for line in text.splitlines() if line.startswith("| **指标**")]
    assert len(rows) == 1 and rows[0].count(" | ") == len(CELLS[0]) - 1
    separator = text.splitlines()[text.splitlines().index(rows[0]) + 1]
    assert separator == "|" + "---|" * len(CELLS[0])
    assert "| 研究与试验发展经费投入强度<br>EN\\[研究与试验发展经费投入强度\\] | %<br>% | 2.40<br>2.40 |" in text


def test_docx_draws_the_table_as_a_table() -> None:
    docx = require_module("docx")
    from aligner.render import docx as render_docx

    document = docx.Document(io.BytesIO(render_docx.render(aligned(table_document()))))
    nested = {id(t._tbl): t for row in document.tables[0].rows for cell in row.cells for t in cell.tables}
    assert len(nested) == 1
    nested = list(nested.values())
    inner = nested[0]
    assert len(inner.rows) == len(CELLS) and len(inner.columns) == len(CELLS[0])
    assert inner.cell(2, 0).text == "每万人口高价值发明专利拥有量\n" + english_of("每万人口高价值发明专利拥有量")
    assert inner.cell(1, 2).text == "2.40\n2.40"


def test_the_print_page_draws_the_table() -> None:
    from aligner.render import pdf

    page = pdf.print_html(build(aligned(table_document())))
    table = page.split('<table class="dt">')
    assert len(table) == 2 and table[1].split("</table>")[0].count("<th>") == len(CELLS[0])


# --------------------------------------------------------------------------- in the browser

CHROMIUM = Path("/usr/bin/chromium")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    require_tool(str(CHROMIUM))
    sync_api = require_module("playwright.sync_api")
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield instance
        instance.close()


@pytest.mark.browser
def test_on_a_phone_the_table_alone_scrolls_sideways(browser: Any, table_page: str, tmp_path: Path) -> None:
    path = tmp_path / "table.html"
    path.write_text(table_page, encoding="utf-8")
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    page.route("**/*", lambda route: route.abort() if not route.request.url.startswith("file:") else route.continue_())
    try:
        page.goto(path.as_uri())
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 390, "no page-wide sideways scroll"
        wrap = page.evaluate(
            "(() => { const w = document.querySelector('.tbl'); return [w.scrollWidth, w.clientWidth]; })()"
        )
        assert wrap[0] > wrap[1], "the table is wider than the phone and scrolls inside its box"
        shown = page.evaluate("[...document.querySelectorAll('.dt :is(th, td)')].map(c => c.innerText)")
        assert len(shown) == sum(len(row) for row in CELLS)
        assert all("\n" in cell for cell in shown), "each cell shows the Chinese over the English"
    finally:
        context.close()
