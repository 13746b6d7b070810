"""Roles against lines labelled by hand on documents the rules were not written against.

tests/data/structure-heldout/ holds the labels (the vocabulary and method of the corpus's
structure-labels/README.md) of 300 lines: two laws of law-versions/ (011 and 019, new versions),
a gov.cn notice with its plan (govcn-2019/07), an opinion (govcn-2019/13), a reply to a deputy's
suggestion (govcn-2019/29) and the opening of the 2004 work report. Kinds must
agree on at least 95 % of the lines and heading levels on at least 90 % of the headings; no body,
item or cell line may stand in any table of contents.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner import importers, structure
from aligner.model import Role
from aligner.render.layout import build
from tests.conftest import DATA
from tests.structure_fixtures import aligned
from tests.structure_labels import score

LABELS = DATA / "structure-heldout"
SOURCES = {
    "law_011_new": "law-versions/011_new.txt",
    "law_019_new": "law-versions/019_new.txt",
    "govcn_07_content_5359620": "gov-html/govcn-2019/07_content_5359620.txt",
    "gwr_2004_lines_1_120": "gwr/gwr_2004.zh.txt",
    "govcn_29_content_5351590": "gov-html/govcn-2019/29_content_5351590.txt",
    "govcn_13_content_5354528": "gov-html/govcn-2019/13_content_5354528.txt",
}
TABLE_PAGES = sorted((DATA / "govcn-tables").glob("*.html"))


@pytest.mark.corpus
def test_kinds_and_levels_agree_with_the_held_out_labels(corpus: Path) -> None:
    result = score(LABELS, corpus, {stem: corpus / path for stem, path in SOURCES.items()})
    assert result.lines == 300
    assert result.agreement >= 0.95, result.per_document
    assert result.level_agreement >= 0.90, (result.levels, result.headings)


def contents_roles(path: Path) -> list[tuple[Role, str]]:
    document = structure.infer(importers.read(path))
    page = build(aligned(document))
    roles = {block.number: block.role for block in page.blocks}
    return [(roles[int(entry.anchor.removeprefix("p"))], entry.text) for entry in page.toc]


@pytest.mark.corpus
@pytest.mark.parametrize("stem", SOURCES)
def test_the_contents_of_a_held_out_document_hold_headings_only(corpus: Path, stem: str) -> None:
    entries = contents_roles(corpus / SOURCES[stem])
    labelled = [row.split("\t")[2] for row in (LABELS / f"{stem}.tsv").read_text(encoding="utf-8").splitlines()
                if row.split("\t")[1].startswith("heading")]  # fmt: skip
    shown = [text for role, text in entries if role is Role.HEADING]
    # every labelled heading is in the contents (the labels give a heading's first 20 characters)
    assert all(any(text.replace(" ", "").startswith(head.replace(" ", "")[:8]) for text in shown) for head in labelled)
    for role, text in entries:
        assert role in (Role.HEADING, Role.TITLE), text
        assert not text.endswith(("；", "。")) or (role is Role.HEADING and len(text) <= 20), text


@pytest.mark.parametrize("path", TABLE_PAGES, ids=lambda p: p.stem)
def test_no_cell_stands_in_the_contents_of_a_table_page(path: Path) -> None:
    for role, text in contents_roles(path):
        assert role in (Role.HEADING, Role.TITLE), text
