"""The PDF, read back with pypdf: every segment of the seed in order in both languages, A4, the
CJK fonts embedded, a running title and page numbers; the same bytes twice."""

from __future__ import annotations

import io
import re
import sys
from pathlib import Path

import pytest

from aligner.model import Status
from aligner.render import layout, pdf
from conftest import require_module
from test_render_common import seed_alignment, write_seed_catalog

# The PDF extra and the reader the tests use: skipped locally without them, a failure under CI.
require_module("weasyprint", module_level=True)
require_module("pypdf", module_level=True)


def squeeze(text: str) -> str:
    """Text without white space: a PDF breaks lines inside words and sentences wherever a cell wraps."""
    return re.sub(r"\s+", "", text)


def in_order(needles: list[str], haystack: str) -> list[str]:
    """The needles not found in order (empty when every one follows the one before)."""
    missing, at = [], 0
    for needle in needles:
        found = haystack.find(needle, at)
        if found < 0:
            missing.append(needle)
        else:
            at = found + len(needle)
    return missing


@pytest.fixture(scope="module")
def seed(tmp_path_factory: pytest.TempPathFactory) -> tuple[bytes, object]:
    alignment = seed_alignment(write_seed_catalog(tmp_path_factory.mktemp("pdf") / "en" / "seed.po"))
    return pdf.render(alignment), alignment


def test_every_segment_in_order_in_both_languages(seed: tuple[bytes, object]) -> None:
    import pypdf

    data, alignment = seed
    reader = pypdf.PdfReader(io.BytesIO(data))
    pages = [page.extract_text() for page in reader.pages]
    text = squeeze("".join(pages))
    page = layout.build(alignment)
    units = [u for b in (page.head, *page.body) if b is not None for u in b.units]
    assert in_order([squeeze(u.source) for u in units], text) == []
    english = [squeeze(u.target) for u in units if u.status is Status.TRANSLATED and u.target and not u.missing]
    assert len(english) > 90
    assert in_order(english, text) == []
    # A4 (595 x 842 pt), page numbers at the foot, the title at the head of every page after the first.
    assert all(round(float(p.mediabox.width)) == 595 and round(float(p.mediabox.height)) == 842 for p in reader.pages)
    assert len(pages) > 3
    for number, content in enumerate(pages[1:], start=2):
        assert f"{number} / {len(pages)}" in content
        assert squeeze(page.title)[:12] in squeeze(content)


def test_cjk_fonts_embedded(seed: tuple[bytes, object]) -> None:
    import pypdf

    reader = pypdf.PdfReader(io.BytesIO(seed[0]))
    fonts = {}
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descendant = font.get("/DescendantFonts")
            descriptor = (descendant[0].get_object() if descendant else font).get("/FontDescriptor")
            fonts[str(font["/BaseFont"])] = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
    cjk = {name: embedded for name, embedded in fonts.items() if "CJK" in name}
    assert cjk and all(cjk.values()), fonts


def test_rows_never_split_and_deterministic(seed: tuple[bytes, object]) -> None:
    data, alignment = seed
    html = pdf.print_html(layout.build(alignment))
    assert "break-inside: avoid" in pdf._style()
    assert html.count("<tr class=") == sum(len(b.units) for b in layout.build(alignment).body)
    assert pdf.render(alignment) == data


def test_missing_weasyprint_is_one_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import builtins

    from aligner.errors import ConfigError

    real = builtins.__import__

    def no_weasyprint(name: str, *args: object, **kwargs: object) -> object:
        if name == "weasyprint":
            raise ImportError("No module named 'weasyprint'")
        return real(name, *args, **kwargs)

    monkeypatch.setattr(builtins, "__import__", no_weasyprint)
    with pytest.raises(ConfigError) as caught:
        pdf._weasyprint()
    # The hint works from a user's own project folder: the running interpreter installs into its environment.
    assert "\n" not in str(caught.value) and f"{sys.executable} -m pip install 'weasyprint>=62'" in str(caught.value)
