"""A law the importers were not written against, made into Markdown (LawRefBook's layout), Word and
PDF: the Constitution of the PRC (2018, ``parallel/constitution-2018/zh.txt``; the importer
benchmarks use the laws of ``law-versions/`` and ``zh-docs/12``).

PDF gives the text version's segments. Markdown and Word keep each line of the source as a
paragraph of its own (a Word paragraph is never a wrapped line), where the text version joins lines
that break after a comma: the history note in brackets over two lines, and the members of a body
listed one a line (委员长， / 副委员长若干人， / 秘书长， / 委员若干人。). Where they differ, the
segments of one run together into those of the other: nothing is lost, changed or moved.
"""

from __future__ import annotations

import difflib
from pathlib import Path

import pytest

from aligner import importers, segment, source
from tests.importer_fixtures import make_docx, make_markdown, make_pdf

pytestmark = pytest.mark.corpus


@pytest.fixture(scope="module")
def law(corpus: Path) -> Path:
    return corpus / "parallel" / "constitution-2018" / "zh.txt"


@pytest.fixture(scope="module")
def text(law: Path) -> list[str]:
    return [s.text for s in segment.segment(source.read(law))]


def cut(path: Path) -> list[str]:
    return [s.text for s in segment.segment(importers.read(path))]


def equal_share(ours: list[str], theirs: list[str]) -> float:
    matcher = difflib.SequenceMatcher(None, ours, theirs, autojunk=False)
    return sum(block.size for block in matcher.get_matching_blocks()) / max(len(ours), len(theirs))


def test_pdf_gives_the_segments_of_the_text(law: Path, text: list[str], tmp_path: Path) -> None:
    assert equal_share(cut(make_pdf(law, tmp_path)), text) >= 0.99


@pytest.mark.parametrize("make", [make_docx, make_markdown], ids=["docx", "markdown"])
def test_word_and_markdown_differ_from_the_text_only_by_paragraphs_kept_apart(
    make: object, law: Path, text: list[str], tmp_path: Path
) -> None:
    ours = cut(make(law, tmp_path))  # type: ignore[operator]
    assert equal_share(ours, text) >= 0.95
    matcher = difflib.SequenceMatcher(None, ours, text, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op != "equal":
            assert "".join(ours[i1:i2]).replace("\u3000", "") == "".join(text[j1:j2]).replace("\u3000", "")
            assert i2 - i1 > j2 - j1, "kept apart, never joined"


def test_a_markdown_law_has_no_markup_in_its_segments_and_its_title_from_the_first_heading(
    law: Path, tmp_path: Path
) -> None:
    document = importers.read(make_markdown(law, tmp_path))
    segments = segment.segment(document)
    assert not any("#" in s.text or "<!--" in s.text or "INFO END" in s.text for s in segments)
    assert document.metadata["title"] == "中华人民共和国宪法" == segments[0].text
