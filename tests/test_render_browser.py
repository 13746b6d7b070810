"""The seed's bilingual page in headless Chromium: alignment at 1280 px, stacking at 400 px, the
language switch, pinning, no request to anywhere, and injected markup that stays text.

Screenshots land in test-artifacts/ (git-ignored).
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from aligner.model import JOINED_MARK, Entry
from aligner.render import html
from conftest import require_module, require_tool
from test_render_common import ROOT, seed_alignment, seed_segments, write_seed_catalog

CHROMIUM = Path("/usr/bin/chromium")
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
ARTIFACTS = ROOT / "test-artifacts"

pytestmark = pytest.mark.browser

require_tool(str(CHROMIUM), module_level=True)
sync_api = require_module("playwright.sync_api", module_level=True)

INJECTED = {
    3: "<script>window.__pwned = 'script'</script>",
    5: '"><img src=x onerror="window.__pwned = \'onerror\'">',
    7: "</p><script src=https://example.org/x.js></script><svg onload=\"window.__pwned='svg'\">",
}

# Geometry of every cell, computed in the page in one go.
MEASURE = """() => [...document.querySelectorAll('.zh[data-segment]')].map(zh => {
  const unit = zh.closest('.u');
  const en = unit.querySelector(':scope > .en');
  const first = unit.querySelector('.zh') === zh;
  const a = zh.getBoundingClientRect(), b = en.getBoundingClientRect();
  return {seg: zh.dataset.segment, enSegs: en.dataset.segment, first,
          zhTop: a.top, zhBottom: a.bottom, zhLeft: a.left, zhWidth: a.width,
          enTop: b.top, enBottom: b.bottom, enLeft: b.left, enWidth: b.width,
          zhText: zh.innerText, enText: en.innerText,
          zhLang: zh.closest('[lang]').getAttribute('lang'), enLang: en.closest('[lang]').getAttribute('lang')};
})"""

CSP_WATCH = """window.__csp = [];
document.addEventListener('securitypolicyviolation', e => window.__csp.push(e.violatedDirective + ' ' + e.blockedURI));"""


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def seed_page(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Any]:
    folder = tmp_path_factory.mktemp("seed")
    alignment = seed_alignment(write_seed_catalog(folder / "en" / "seed.po"))
    path = folder / "seed.html"
    path.write_text(html.render(alignment), encoding="utf-8")
    return path, alignment


@pytest.fixture(scope="module")
def injected_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("injected")

    def inject(index: int, entry: Entry) -> Entry:
        if index in INJECTED:
            return Entry(entry.msgid, INJECTED[index], references=entry.references, comment=INJECTED[index])
        return entry

    path = folder / "injected.html"
    path.write_text(html.render(seed_alignment(write_seed_catalog(folder / "en" / "x.po", inject))), encoding="utf-8")
    return path


class Opened:
    """A page with every request it made recorded, and every request off the file refused."""

    def __init__(self, browser: Any, path: Path, width: int, *, javascript: bool = True) -> None:
        self.context = browser.new_context(
            viewport={"width": width, "height": 900}, java_script_enabled=javascript, device_scale_factor=1
        )
        self.url = path.as_uri()
        self.requests: list[str] = []
        self.errors: list[str] = []
        self.context.on("request", lambda request: self.requests.append(request.url))
        self.context.route("**/*", self._route)
        self.page = self.context.new_page()
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))
        if javascript:
            self.page.add_init_script(CSP_WATCH)
        self.page.goto(self.url)
        self.page.wait_for_load_state("load")

    def _route(self, route: Any) -> None:
        if route.request.url == self.url:
            route.continue_()
        else:
            route.abort()

    def outside(self) -> list[str]:
        return [url for url in self.requests if url.split("#")[0] != self.url]

    def close(self) -> None:
        self.context.close()


def page_order(alignment: Any) -> list[Any]:
    """The rows in the order a reader meets them: the title (in the header) first, then the rest."""
    titles = [row for row in alignment.rows if row.segment.kind.value == "title"]
    head = [row for row in titles if row.segment.paragraph == titles[0].segment.paragraph] if titles else []
    return head + [row for row in alignment.rows if row not in head]


def _shot(opened: Opened, name: str) -> None:
    ARTIFACTS.mkdir(exist_ok=True)
    opened.page.screenshot(path=str(ARTIFACTS / name), full_page=True)


def test_aligned_at_1280(browser: Any, seed_page: tuple[Path, Any]) -> None:
    path, alignment = seed_page
    opened = Opened(browser, path, 1280)
    try:
        cells = opened.page.evaluate(MEASURE)
        _shot(opened, "seed-1280.png")
        assert len(cells) == len(alignment.rows)
        for cell, row in zip(cells, page_order(alignment), strict=True):
            assert cell["seg"] == row.segment.position
            assert cell["zhLang"] == "zh-Hans" and cell["enLang"] == "en"
            assert cell["seg"] in cell["enSegs"].split()
            assert cell["zhLeft"] < cell["enLeft"], "Chinese on the left"
            if cell["first"]:
                assert abs(cell["zhTop"] - cell["enTop"]) <= 1, cell
            else:  # a joined segment: the English cell spans it
                assert cell["enTop"] <= cell["zhTop"] and cell["enBottom"] >= cell["zhTop"], cell
            assert row.segment.text in cell["zhText"].replace("\n", "")
            entry = row.entry
            if entry is not None and entry.msgstr and not entry.joined:
                assert " ".join(entry.msgstr.split()) in " ".join(cell["enText"].split()), row.segment.position
        assert opened.outside() == []
        assert opened.errors == []
        assert opened.page.evaluate("window.__csp") == []
        assert opened.page.evaluate("document.documentElement.dataset.js") == "on"
    finally:
        opened.close()


def test_stacked_at_400(browser: Any, seed_page: tuple[Path, Any]) -> None:
    path, _ = seed_page
    opened = Opened(browser, path, 400)
    try:
        cells = opened.page.evaluate(MEASURE)
        _shot(opened, "seed-400.png")
        for cell in cells:
            if cell["first"]:
                assert cell["enTop"] >= cell["zhBottom"] - 1, cell
            assert cell["zhLeft"] >= 0 and cell["zhLeft"] + cell["zhWidth"] <= 400 + 0.5, cell
            assert cell["enLeft"] + cell["enWidth"] <= 400 + 0.5, cell
        order = [c["seg"] for c in cells]
        assert order == [row.segment.position for row in page_order(seed_page[1])]
        assert opened.page.evaluate("document.scrollingElement.scrollWidth") <= 400
    finally:
        opened.close()


def test_language_switch_and_swap(browser: Any, seed_page: tuple[Path, Any]) -> None:
    path, _ = seed_page
    opened = Opened(browser, path, 1280)
    page = opened.page
    visible = "sel => [...document.querySelectorAll(sel)].filter(e => e.getClientRects().length > 0).length"
    try:
        total = page.evaluate("document.querySelectorAll('.zh[data-segment]').length")
        assert page.evaluate(visible, ".zh") == total
        page.click("label[for=view-en]")
        assert page.evaluate(visible, ".zh") == 0 and page.evaluate(visible, ".en") > 0
        page.click("label[for=view-zh]")
        assert page.evaluate(visible, ".en") == 0 and page.evaluate(visible, ".zh") == total
        page.click("label[for=view-both]")
        assert page.evaluate(visible, ".zh") == total
        page.click("label[for=swap]")
        cells = page.evaluate(MEASURE)
        assert all(c["enLeft"] < c["zhLeft"] for c in cells)
        assert all(abs(c["zhTop"] - c["enTop"]) <= 1 for c in cells if c["first"])
        _shot(opened, "seed-1280-swapped.png")
    finally:
        opened.close()


def test_highlight_and_pin(browser: Any, seed_page: tuple[Path, Any]) -> None:
    path, _ = seed_page
    opened = Opened(browser, path, 1280)
    page = opened.page
    background = "sel => getComputedStyle(document.querySelector(sel)).backgroundColor"
    try:
        plain = page.evaluate(background, '.en[data-segment~="16.1"]')
        page.hover('.zh[data-segment="16.1"]')
        assert page.evaluate(background, '.en[data-segment~="16.1"]') != plain
        page.mouse.move(0, 0)
        page.click('.zh[data-segment="16.2"]')
        assert page.evaluate("document.querySelectorAll('.u.pin').length") == 1
        assert page.evaluate("document.querySelector('.u.pin .zh').dataset.segment") == "16.2"
        page.keyboard.press("Escape")
        assert page.evaluate("document.querySelectorAll('.u.pin').length") == 0
        page.focus('.zh[data-segment="17.1"]')
        assert page.evaluate(background, '.en[data-segment~="17.1"]') != plain
        # A permalink (content alias) pins its unit.
        alias = page.get_attribute('.zh[data-segment="19.2"] .pl', "href")
        assert alias and alias.startswith("#h-")
        page.click('.zh[data-segment="19.2"] .pl')
        assert page.evaluate("document.querySelector('.u.pin .zh').dataset.segment") == "19.2"
    finally:
        opened.close()


def test_injected_markup_stays_text(browser: Any, injected_page: Path) -> None:
    opened = Opened(browser, injected_page, 1280)
    page = opened.page
    try:
        assert page.evaluate("window.__pwned") is None
        assert page.evaluate("document.querySelectorAll('main img, main svg, main script').length") == 0
        assert page.evaluate("document.scripts.length") == 1
        texts = page.evaluate("[...document.querySelectorAll('.en')].map(e => e.textContent).join('\\n')")
        for payload in INJECTED.values():
            assert payload in texts
        assert opened.outside() == []
        assert page.evaluate("window.__csp") == []
    finally:
        opened.close()


def test_without_javascript_both_languages_aligned(browser: Any, seed_page: tuple[Path, Any]) -> None:
    path, alignment = seed_page
    opened = Opened(browser, path, 1280, javascript=False)
    try:
        # Playwright's own evaluation still runs when the page's scripts may not.
        cells = opened.page.evaluate(MEASURE)
        assert len(cells) == len(alignment.rows)
        assert all(abs(c["zhTop"] - c["enTop"]) <= 1 and c["zhLeft"] < c["enLeft"] for c in cells if c["first"])
        assert opened.page.evaluate("document.documentElement.dataset.js") is None
        assert opened.outside() == []
    finally:
        opened.close()


def test_print_hides_controls(browser: Any, seed_page: tuple[Path, Any]) -> None:
    path, _ = seed_page
    opened = Opened(browser, path, 1280)
    try:
        opened.page.emulate_media(media="print")
        assert opened.page.evaluate("getComputedStyle(document.querySelector('.controls')).display") == "none"
        assert opened.page.evaluate("getComputedStyle(document.querySelector('.u')).breakInside") == "avoid"
    finally:
        opened.close()


def test_index_page_loads_nothing(browser: Any, tmp_path: Path, seed_page: tuple[Path, Any]) -> None:
    from aligner.coverage import count
    from aligner.render.html import IndexEntry

    _, alignment = seed_page
    entry = IndexEntry("seed", "en", "en/seed.html", "复函", "Reply", count(alignment.catalog))
    path = tmp_path / "index.html"
    path.write_text(html.render_index([entry]), encoding="utf-8")
    opened = Opened(browser, path, 1280)
    try:
        assert opened.page.locator("a[href='en/seed.html']").count() == 1
        assert opened.page.evaluate("window.__csp") == []
        assert opened.outside() == []
    finally:
        opened.close()


def test_joined_fuzzy_untranslated_shown(browser: Any, tmp_path: Path) -> None:
    _, segments = seed_segments()
    position = {seg.text: seg.position for seg in segments}
    wanted = {"20.3": JOINED_MARK, "20.5": "fuzzy", "21.2": ""}

    def edit(_: int, entry: Entry) -> Entry:
        change = wanted.get(position.get(entry.msgid, ""))
        if change is None:
            return entry
        if change == "fuzzy":
            return Entry(entry.msgid, entry.msgstr, flags=("fuzzy",), references=entry.references)
        return Entry(entry.msgid, change, references=entry.references)

    alignment = seed_alignment(write_seed_catalog(tmp_path / "en" / "x.po", edit))
    path = tmp_path / "statuses.html"
    path.write_text(html.render(alignment), encoding="utf-8")
    opened = Opened(browser, path, 1280)
    page = opened.page
    try:
        cells = {c["seg"]: c for c in page.evaluate(MEASURE)}
        joined, before = cells["20.3"], cells["20.2"]
        assert before["enSegs"] == joined["enSegs"] == "20.2 20.3"
        assert abs(before["zhTop"] - before["enTop"]) <= 1
        assert before["enBottom"] >= joined["zhTop"], "the English cell spans both Chinese segments"
        assert "↑" not in before["enText"]
        assert cells["20.5"]["enText"].lower().startswith("fuzzy")
        untranslated = cells["21.2"]
        assert untranslated["enText"].lower().startswith("untranslated")
        assert untranslated["zhText"].split("\n")[-1] in untranslated["enText"]
        grey = page.evaluate("getComputedStyle(document.querySelector('.en[data-segment=\"21.2\"] .fallback')).color")
        ink = page.evaluate("getComputedStyle(document.querySelector('.en[data-segment=\"21.3\"]')).color")
        assert grey != ink
        _shot(opened, "statuses-1280.png")
    finally:
        opened.close()
