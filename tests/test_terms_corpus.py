"""Mining on the shared corpus: precision of the top 50 (hand-checked table) and recall of a hand list
among the top 300, on the sets the weights were tuned on and on the one kept apart (NTREX)."""

from __future__ import annotations

from functools import cache
from pathlib import Path

import pytest

from aligner.terms.mine import Candidate, mine
from tests.terms_eval import judge, non_terms, pairs_of

# What the current weights give (docs/terms.md), less a margin: a change that loses terms fails here.
FLOOR = {
    "whitepapers": (0.74, 0.80),
    "constitution": (0.76, 0.80),
    "ntrex": (0.74, 0.85),
}


@cache
def _mined(name: str, corpus: Path, workdir: Path) -> list[Candidate]:
    return mine(pairs_of(name, corpus / "parallel", workdir), top=300)


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_precision_of_the_top_50_and_recall_in_the_top_300(
    name: str, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    candidates = _mined(name, corpus, tmp_path_factory.getbasetemp())
    figures = judge(name, candidates)
    precision, recall = FLOOR[name]
    assert figures.precision >= precision, (figures.precision, figures.unjudged)
    assert figures.recall >= recall, (figures.recall, figures.missed)


@pytest.mark.parametrize("name", sorted(FLOOR))
def test_no_fragment_or_common_word_in_the_top_100(
    name: str, corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    top = [c.zh for c in _mined(name, corpus, tmp_path_factory.getbasetemp())[:100]]
    fragments = [zh for zh in top if zh.endswith(("的", "关于", "和", "与", "及", "等")) or zh.startswith(("的", "和"))]
    common = [zh for zh in top if zh in {"合作", "国家", "发展", "中国", "建设", "工作", "人民", "社会"}]
    assert fragments == [] and common == []


def test_held_out_wmt22_recall_in_the_top_300_and_no_listed_non_term_in_the_top_100(
    corpus: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    # Held out (docs/terms.md): 27 of the 43 listed pairs found; the floor keeps a margin of two.
    candidates = _mined("wmt22", corpus, tmp_path_factory.getbasetemp())
    figures = judge("wmt22", candidates)
    assert figures.found >= 25, (figures.found, figures.missed)
    assert not non_terms("wmt22") & {c.zh for c in candidates[:100]}
