"""Real documents in headless Chromium: both white papers of the corpus (through `aligner align`'s
output), the law and the two regulations of zh-docs, and the site's index.

On each: no body, heading or title segment is right-aligned (a full-width first-line indent is
paragraph indentation, not a signature's), every row is aligned at 1280 px and stacked at 400 px.
Then what a reader does: follow a permalink (it lands below the sticky bar), an old link of an
edited segment, an article anchor, the table of contents, and the index's search and sort.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aligner import catalog, pipeline
from aligner.align import align
from aligner.model import Alignment, Entry
from aligner.render import html, layout
from aligner.render.layout import Publication
from test_render_browser import CHROMIUM, MEASURE, Opened, _shot, page_order, sync_api
from test_render_common import fake_english, project, seed_alignment, write_seed_catalog
from tests.conftest import PARALLEL, ZH_DOCS

pytestmark = pytest.mark.browser

PAPERS = PARALLEL / "scio-whitepapers-zh-en"
LAWS = ("12_law_sci_tech_transfer_2015", "07_gov_regulation_iit_2018", "14_chongqing_patent_regulation_2011")
GOV_HTML = ZH_DOCS.parent / "gov-html"
# Web pages through the HTML importer: a State Council notice, a ministry's notice, a city's statistics.
PAGES = {
    "govcn-notice": GOV_HTML / "govcn-2019" / "01_content_5365945.html",
    "miit-notice": GOV_HTML / "pages" / "psc_govcn_content_6907900_miit_notice_2023.htm",
    "yichun-statistics": GOV_HTML / "pages" / "simonxinw_yichun_2022_tjgb_saved.html",
}

# Kind and text-align of every Chinese and English cell.
ALIGNS = """() => [...document.querySelectorAll('.u')].map(u => ({
  kind: [...u.classList].find(c => c.startsWith('k-')).slice(2),
  seg: u.querySelector('.zh').dataset.segment,
  zh: getComputedStyle(u.querySelector('.zh')).textAlign,
  en: getComputedStyle(u.querySelector(':scope > .en')).textAlign}))"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    assert CHROMIUM.exists()
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
        yield instance
        instance.close()


def paper(number: str, tmp: Path) -> tuple[Alignment, str]:
    """A white paper joined with the catalog `aligner align` writes from its official English, and
    the page `aligner align --format html` writes from the same beads."""
    from aligner.bitext import core, formats

    bitext = core.read(PAPERS / f"{number}.zh.txt", PAPERS / f"{number}.en.txt")
    beads = core.align(bitext)
    po = tmp / f"{number}.po"
    po.write_text(formats.po_text(bitext, beads, 0.5), encoding="utf-8")
    return align(bitext.document, bitext.segments, catalog.load(po)), formats.html_text(bitext, beads, 0.5)


def stand_in(name: str, path: Path | None = None) -> Alignment:
    """A document with a stand-in English of varying length, so row heights differ."""
    from aligner.model import Catalog

    document, segments = pipeline.load_document(path or ZH_DOCS / f"{name}.txt", project())
    entries = {s.text: Entry(s.text, fake_english(s.text, s.position)) for s in segments}
    return align(document, segments, Catalog(f"{name}.po", tuple(entries.values()), language="en"))


@pytest.fixture(scope="module")
def documents(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Path, Alignment]]:
    folder = tmp_path_factory.mktemp("documents")
    found: dict[str, tuple[Path, Alignment]] = {}
    alignments = {"seed": seed_alignment(write_seed_catalog(folder / "en" / "seed.po"))}
    (wp001, aligned_page), (wp002, _) = paper("001", folder), paper("002", folder)
    alignments.update({"wp001": wp001, "wp002": wp002})
    alignments.update({name: stand_in(name) for name in LAWS})
    alignments.update({name: stand_in(name, path) for name, path in PAGES.items()})
    for name, alignment in alignments.items():
        path = folder / f"{name}.html"
        path.write_text(html.render(alignment, publication=Publication(draft=False)), encoding="utf-8")
        found[name] = (path, alignment)
    # `aligner align --format html`: the same rows, its own marks (low confidence, no English).
    (folder / "wp001-aligned.html").write_text(aligned_page, encoding="utf-8")
    found["wp001-aligned"] = (folder / "wp001-aligned.html", wp001)
    return found


NAMES = ["seed", "wp001", "wp002", *LAWS, *PAGES]
LAYOUTS = [*NAMES, "wp001-aligned"]


@pytest.mark.parametrize("name", LAYOUTS)
def test_layout_at_1280_and_400(browser: Any, documents: dict, name: str) -> None:
    """Only closing lines right-aligned; rows aligned at 1280 px; stacked at 400 px."""
    path, alignment = documents[name]
    wide = Opened(browser, path, 1280)
    try:
        kinds = wide.page.evaluate(ALIGNS)
        assert kinds
        for cell in kinds:
            if cell["kind"] in ("body", "heading", "title"):
                assert "right" not in (cell["zh"], cell["en"]), cell
        right = {c["seg"] for c in kinds if c["zh"] == "right"}
        if name.startswith("07_"):
            assert right == {"4.1", "5.1"}, "the order's signature and date stand on the right"
        if name == "govcn-notice":
            head = wide.page.evaluate("document.querySelector('.facts').innerText")
            assert "国发〔2019〕5号" in head and "2019年02月15日" in head, "the importer's metadata in the header"
        if name == "seed":
            assert right == {"33.1", "34.1"}, "the letter's closing signature and date, not its 日期 line"
        cells = wide.page.evaluate(MEASURE)
        assert [c["seg"] for c in cells] == [row.segment.position for row in page_order(alignment)]
        for cell in cells:
            assert cell["zhLeft"] < cell["enLeft"], cell
            if cell["first"]:
                assert abs(cell["zhTop"] - cell["enTop"]) <= 1, cell
        assert wide.outside() == [] and wide.errors == []
    finally:
        wide.close()
    narrow = Opened(browser, path, 400)
    try:
        for cell in narrow.page.evaluate(MEASURE):
            if cell["first"]:
                assert cell["enTop"] >= cell["zhBottom"] - 1, cell
            assert cell["enLeft"] + cell["enWidth"] <= 400.5, cell
        assert narrow.page.evaluate("document.scrollingElement.scrollWidth") <= 400
    finally:
        narrow.close()


def test_white_paper_header_and_contents(browser: Any, documents: dict) -> None:
    path, _ = documents["wp002"]
    opened = Opened(browser, path, 1280)
    page = opened.page
    try:
        text = page.evaluate("document.body.innerText")
        assert [line for line in text.split("\n") if line.strip() == "新时代的中非合作"] == ["新时代的中非合作"], (
            "title once"
        )
        head = page.evaluate("document.querySelector('.doc-head').innerText")
        # The issuer in the reader's language: the catalog translates the byline 中华人民共和国国务院新闻办公室.
        assert "The State Council Information Office" in head and "中华人民共和国国务院新闻办公室" not in head
        assert "2021年11月" in head
        assert ".txt" not in text and ".po" not in text, "no file path on a published page"
        toc = page.evaluate("[...document.querySelectorAll('.toc li')].map(li => li.innerText.split('\\n')[0])")
        assert toc[0] == "前言" and toc[-1] == "结束语"
        assert len(toc) == len(set(toc)) == 22, "each chapter and section once, where the text is"
        # A link of the contents lands on the heading in the text, below the sticky bar.
        page.click(".toc li:nth-child(2) a")
        bar = page.evaluate("document.querySelector('.controls').getBoundingClientRect().bottom")
        target = page.evaluate("document.querySelector(':target').getBoundingClientRect().top")
        assert bar <= target <= bar + 80
        assert page.evaluate("document.querySelector(':target .zh').innerText").endswith("构建更加紧密的中非命运共同体")
    finally:
        opened.close()
    phone = Opened(browser, path, 400)
    try:
        assert phone.page.evaluate("document.querySelector('.toc details').open") is False, "folded on a phone"
    finally:
        phone.close()


@pytest.mark.parametrize("width", [1280, 820])  # at 820 px the control bar wraps to two lines
def test_permalink_lands_below_the_bar(browser: Any, documents: dict, width: int) -> None:
    path, _ = documents["12_law_sci_tech_transfer_2015"]
    opened = Opened(browser, path, width)
    page = opened.page
    try:
        alias = page.get_attribute('.zh[data-segment="40.1"] .pl', "href")
        page.goto(path.as_uri() + alias)
        bar = page.evaluate("document.querySelector('.controls').getBoundingClientRect().bottom")
        top = page.evaluate(f"document.getElementById('{alias[1:]}').closest('.zh').getBoundingClientRect().top")
        assert bar <= top <= bar + 80, (bar, top)
        assert page.evaluate("document.querySelector('.u.pin .zh').dataset.segment") == "40.1"
    finally:
        opened.close()


def test_article_anchor(browser: Any, documents: dict) -> None:
    path, _ = documents["12_law_sci_tech_transfer_2015"]
    opened = Opened(browser, path, 1280)
    page = opened.page
    try:
        page.goto(path.as_uri() + "#art-12")
        text = page.evaluate("document.querySelector(':target').closest('.para').querySelector('.zh').innerText")
        assert "第十二条" in text
        bar = page.evaluate("document.querySelector('.controls').getBoundingClientRect().bottom")
        assert bar <= page.evaluate("document.querySelector(':target').getBoundingClientRect().top") <= bar + 80
    finally:
        opened.close()


def test_old_link_of_an_edited_segment_still_lands(browser: Any, tmp_path: Path) -> None:
    alignment = stand_in("14_chongqing_patent_regulation_2011")
    row = alignment.rows[20]
    old_text = "原" + row.segment.text
    old_alias = "h-" + layout.digest(old_text)
    edited = dataclasses.replace(row.entry, flags=("fuzzy",), previous_msgid=old_text)
    rows = list(alignment.rows)
    rows[20] = dataclasses.replace(row, entry=edited, status=edited.status)
    path = tmp_path / "edited.html"
    path.write_text(html.render(dataclasses.replace(alignment, rows=tuple(rows))), encoding="utf-8")
    opened = Opened(browser, path, 1280)
    try:
        opened.page.goto(path.as_uri() + "#" + old_alias)
        assert opened.page.evaluate("document.querySelector('.u.pin .zh').dataset.segment") == row.segment.position
    finally:
        opened.close()


def test_single_language_views_flow_as_paragraphs(browser: Any, documents: dict) -> None:
    path, alignment = documents["wp002"]
    opened = Opened(browser, path, 1280)
    page = opened.page
    try:
        page.click("label[for=view-en]")
        # A paragraph of several sentences: its English cells share lines, not one block each.
        block = next(b for b in layout.build(alignment).blocks if len(b.units) >= 3 and b.kind.value == "body")
        tops = page.evaluate(
            "id => [...document.getElementById(id).querySelectorAll('.en')].map(e => e.getClientRects()[0].top)",
            block.anchor,
        )
        lefts = page.evaluate(
            "id => [...document.getElementById(id).querySelectorAll('.en')].map(e => e.getClientRects()[0].left)",
            block.anchor,
        )
        assert len(set(lefts)) > 1 or len(set(tops)) < len(tops), "sentences run on in one paragraph"
        width = page.evaluate("document.querySelector('main').getBoundingClientRect().width")
        assert width <= 800, "a measure a reader can follow"
        page.hover(f'#{block.anchor} .en[data-segment="{block.units[1].positions}"]')
        shown = page.evaluate(
            "sel => getComputedStyle(document.querySelector(sel), '::after').content",
            f'#{block.anchor} .en[data-segment="{block.units[1].positions}"]',
        )
        assert block.units[1].positions in shown, "the position shows on hover"
        # Chinese alone runs on with no space between sentences on a line.
        page.click("label[for=view-zh]")
        gaps = page.evaluate(
            """id => { const cells = [...document.getElementById(id).querySelectorAll('.zh')];
              const out = [];
              for (let i = 1; i < cells.length; i++) {
                const a = [...cells[i - 1].getClientRects()].pop(), b = cells[i].getClientRects()[0];
                if (Math.abs(a.top - b.top) < 2) out.push(b.left - a.right);
              }
              return out; }""",
            block.anchor,
        )
        assert gaps and all(abs(gap) < 1 for gap in gaps), gaps
    finally:
        opened.close()


def test_site_index_at_360(browser: Any, documents: dict, tmp_path: Path) -> None:
    from aligner import publish

    entries = []
    for name in NAMES:
        page = layout.build(documents[name][1], publication=Publication(draft=False))
        entries.append(publish.index_entry(page, f"en/{name}.html"))
    assert len(entries) == len(NAMES)
    path = tmp_path / "index.html"
    path.write_text(html.render_index(entries, publication=Publication(publisher="Example Institute")), "utf-8")
    opened = Opened(browser, path, 360)
    page = opened.page
    try:
        assert page.evaluate("document.scrollingElement.scrollWidth") <= 360
        text = page.evaluate("document.body.innerText")
        assert "新时代的中非合作" in text and "China and Africa in the New Era" in text
        assert "The State Council Information Office" in text
        assert "000_" not in text and "wp002" not in text, "titles, not file names"
        _shot(opened, "index-360.png")
        visible = "() => [...document.querySelectorAll('#docs tbody tr')].filter(r => !r.hidden).length"
        assert page.evaluate(visible) == len(NAMES)
        page.fill("#q", "埃博拉")  # in the text of white paper 002 only, not in its title
        assert page.evaluate(visible) == 1
        page.fill("#q", "ebola")  # its English
        assert page.evaluate(visible) == 1
        page.fill("#q", "专利促进 条例")  # every word, anywhere in title or text
        assert page.evaluate(visible) == 1
        page.fill("#q", "")
        assert page.evaluate(visible) == len(NAMES)
        rows = "[...document.querySelectorAll('#docs tbody tr')].map(r => r.dataset.%s)"
        page.select_option("#order", "coverage")  # on a phone, the menu sorts
        coverage = [float(x) for x in page.evaluate(rows % "coverage")]
        assert coverage == sorted(coverage) and coverage[0] < coverage[-1]
        page.set_viewport_size({"width": 1280, "height": 900})  # on a screen, the column headers
        page.click("th[data-key=coverage] button")  # sorted up by the menu: the header turns it down
        assert [float(x) for x in page.evaluate(rows % "coverage")] == sorted(coverage, reverse=True)
        page.click("th[data-key=title] button")
        titles = page.evaluate(rows % "title")
        assert titles == page.evaluate("t => [...t].sort((a, b) => a.localeCompare(b, 'zh-Hans-CN'))", titles)
        page.click("th[data-key=title] button")
        assert page.evaluate(rows % "title") == titles[::-1]
        assert page.evaluate("window.__csp") == [] and opened.errors == [] and opened.outside() == []
    finally:
        opened.close()
