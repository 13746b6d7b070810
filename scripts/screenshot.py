#!/usr/bin/env python3
"""Screenshots of published pages for the README (docs/*.png).

    .venv/bin/python scripts/screenshot.py              # every screenshot into docs/
    .venv/bin/python scripts/screenshot.py -o /tmp/shots --only phone

Builds a small site in a temporary project: the seed with its reviewed catalog, and the two white
papers of ../shared/corpus/parallel/scio-whitepapers-zh-en/ with the catalogs `aligner align`
writes from their official English; renders it as `aligner render --publish` does, and opens the
pages in the system's headless Chromium (/usr/bin/chromium; nothing is downloaded).
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from aligner import publish  # noqa: E402
from aligner.config import load_project  # noqa: E402

SEED = "000_9e415571a82dd196"
PAPERS = ROOT.parent / "shared" / "corpus" / "parallel" / "scio-whitepapers-zh-en"
CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
        "--disable-component-update", "--no-first-run"]  # fmt: skip

# name -> (page, width, height, element to scroll to or "", view to click or "")
SHOTS = {
    "seed": (f"en/{SEED}.html", 1280, 1000, "", ""),
    "whitepaper": ("en/whitepaper-002.html", 1280, 1000, "p34", ""),
    "english-only": ("en/whitepaper-002.html", 1280, 800, "p41", "label[for=view-en]"),
    "phone": ("en/whitepaper-002.html", 400, 860, "p34", ""),
    "index": ("index.html", 1280, 520, "", ""),
    "index-phone": ("index.html", 360, 760, "", ""),
}


def site(folder: Path) -> Path:
    """A project with the seed and both white papers, rendered with --publish; its build folder."""
    from aligner.bitext import core, formats

    (folder / "seeds").mkdir()
    (folder / "translations" / "en").mkdir(parents=True)
    shutil.copy(ROOT / "seeds" / f"{SEED}.txt", folder / "seeds")
    shutil.copy(ROOT / "translations" / "en" / f"{SEED}.po", folder / "translations" / "en")
    (folder / "pyproject.toml").write_text("[tool.aligner]\npublish = true\n", encoding="utf-8")
    for number in ("001", "002"):
        zh = folder / "seeds" / f"whitepaper-{number}.txt"
        shutil.copy(PAPERS / f"{number}.zh.txt", zh)
        bitext = core.read(zh, PAPERS / f"{number}.en.txt")
        po = folder / "translations" / "en" / f"whitepaper-{number}.po"
        po.write_text(formats.po_text(bitext, core.align(bitext), 0.5), encoding="utf-8")
    project = load_project(folder)
    publish.render_files(project, None, "html", None, print)
    return project.build


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("-o", "--output", type=Path, default=ROOT / "docs")
    parser.add_argument("--only", action="append", choices=sorted(SHOTS), help="take only these (repeatable)")
    args = parser.parse_args()

    from playwright.sync_api import sync_playwright

    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        import os

        here = Path.cwd()
        os.chdir(folder)  # references name sources relative to the project, as `aligner segment` writes them
        try:
            build = site(Path(folder))
        finally:
            os.chdir(here)
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        args.output.mkdir(parents=True, exist_ok=True)
        for name in args.only or SHOTS:
            page_name, width, height, at, click = SHOTS[name]
            page = browser.new_page(viewport={"width": width, "height": height}, device_scale_factor=1)
            page.goto((build / page_name).as_uri())
            if click:
                page.click(click)
            if at:
                page.evaluate("id => document.getElementById(id).scrollIntoView()", at)
            target = args.output / f"{name}.png"
            page.screenshot(path=str(target))
            page.close()
            print(target)
        browser.close()


if __name__ == "__main__":
    main()
