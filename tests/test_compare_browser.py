"""The HTML redline in headless Chromium: nothing requested, no page-wide scroll on a phone, the
inserted and deleted Chinese inside <ins> and <del>."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aligner.cli import app
from conftest import DATA, require_module, require_tool

CHROMIUM = Path("/usr/bin/chromium")
pytestmark = pytest.mark.browser

require_tool(str(CHROMIUM), module_level=True)
sync_api = require_module("playwright.sync_api", module_level=True)


@pytest.fixture(scope="module")
def redline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("redline") / "changes.html"
    old, new = DATA / "compare_law_old.txt", DATA / "compare_law_new.txt"
    result = CliRunner().invoke(app, ["compare", str(old), str(new), "-o", str(out), "--no-carry"])
    assert result.exit_code == 0, result.output
    return out


def _open(playwright: Any, path: Path, width: int) -> tuple[Any, list[str], Any]:
    browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=["--headless", "--no-sandbox"])
    context = browser.new_context(viewport={"width": width, "height": 900})
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    context.route("**/*", lambda route: route.continue_() if route.request.url == path.as_uri() else route.abort())
    page = context.new_page()
    page.goto(path.as_uri())
    page.wait_for_load_state("load")
    return browser, requests, page


@pytest.mark.parametrize("width", [390, 1280])
def test_the_redline_requests_nothing_and_never_scrolls_sideways(redline: Path, width: int) -> None:
    with sync_api.sync_playwright() as playwright:
        browser, requests, page = _open(playwright, redline, width)
        try:
            assert [url for url in requests if url.split("#")[0] != redline.as_uri()] == []
            assert page.evaluate("document.scrollingElement.scrollWidth") <= width
            units = page.evaluate(
                "[...document.querySelectorAll('section.unit')].map(s => [s.id, s.className, s.dataset.old])"
            )
            assert ["art-9", "unit moved", "第七条"] in units and len(units) == 14
            inserted = page.evaluate("[...document.querySelectorAll('#art-6 ins')].map(e => e.innerText)")
            deleted = page.evaluate("[...document.querySelectorAll('#old-art-3 del')].map(e => e.innerText)")
            assert inserted == ["、对接", "公布有关信息不得泄露国家秘密和商业秘密。"]
            assert deleted and deleted[0].startswith("第三条 科技成果转化活动")
            # side by side on a wide screen; on a phone the English stands under the Chinese
            zh, en = page.evaluate(
                "['.zs', '.ens'].map(c => document.querySelector('#art-6 ' + c).getBoundingClientRect())"
                ".map(r => [r.left, r.right, r.top, r.bottom])"
            )
            if width == 390:
                assert en[2] >= zh[3] - 1
            else:
                assert en[0] >= zh[1] and abs(en[2] - zh[2]) < 2
        finally:
            browser.close()
