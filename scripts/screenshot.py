#!/usr/bin/env python3
"""Screenshot of the seed's bilingual page for the README (docs/seed.png).

    .venv/bin/python scripts/screenshot.py                       # docs/seed.png, 1280 x 1000
    .venv/bin/python scripts/screenshot.py --at s19-1 --width 400 -o /tmp/narrow.png

Renders translations/en/<seed>.po with its source exactly as `aligner render` does and opens the
page in the system's headless Chromium (/usr/bin/chromium; nothing is downloaded), scrolled so
the document's title is near the top.
"""

from __future__ import annotations

import argparse
import dataclasses
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aligner import catalog, pipeline  # noqa: E402
from aligner.align import align  # noqa: E402
from aligner.config import load_project, source_for  # noqa: E402
from aligner.render import html  # noqa: E402

SEED = "000_9e415571a82dd196"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip


def render_seed(language: str) -> str:
    project = load_project(ROOT)
    po = project.catalog_path(SEED, language)
    loaded = catalog.load(po)
    source = source_for(loaded, project)
    if source is None:
        raise SystemExit(f"{po}: its source document is not where its references say")
    document, segments = pipeline.load_document(source, project)
    shown = dataclasses.replace(loaded, path=project.relative(po))
    return html.render(align(document, segments, shown))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs" / "seed.png")
    parser.add_argument("--width", type=int, default=1280)
    parser.add_argument("--height", type=int, default=1000)
    parser.add_argument("--at", default="p13", help="id of the element to scroll to (default: the title)")
    parser.add_argument("--language", default="en")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        page_path = Path(folder) / "seed.html"
        page_path.write_text(render_seed(args.language), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = browser.new_page(viewport={"width": args.width, "height": args.height}, device_scale_factor=1)
        page.goto(page_path.as_uri())
        # Below the sticky controls bar, which is about 50 px high.
        scroll = "id => { const e = document.getElementById(id); if (e) { e.scrollIntoView(); scrollBy(0, -56); } }"
        page.evaluate(scroll, args.at)
        args.output.parent.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(args.output))
        browser.close()
    print(args.output)


if __name__ == "__main__":
    main()
