"""The aligner on real text: a slice of the Bible set (with its gold), a government white paper (its
opening chapters in tests/data, the whole paper in the corpus) and the Constitution."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import pytest

from aligner.bitext import core, english, features, search
from tests.conftest import BIBLE, CONSTITUTION, PARALLEL, WHITE_PAPER

PAPERS = PARALLEL / "scio-whitepapers-zh-en"


@pytest.mark.parametrize("whole", [False, pytest.param(True, marks=pytest.mark.corpus)], ids=["genesis-1-4", "corpus"])
def test_bible_slice_against_gold(whole: bool, request: pytest.FixtureRequest) -> None:
    bible = request.getfixturevalue("corpus") / "parallel" / "bertalign-bible" if whole else BIBLE
    gold = []
    for line in (bible / "gold.align").read_text(encoding="utf-8").splitlines()[:400]:
        en_ids, zh_ids = line.split(":")
        gold.append((tuple(ast.literal_eval(zh_ids)), tuple(ast.literal_eval(en_ids))))
    n = max(i for z, _ in gold for i in z) + 1
    m = max(j for _, e in gold for j in e) + 1
    zh = english.presplit((bible / "zh.txt").read_text(encoding="utf-8"))[:n]
    en = english.presplit((bible / "en.txt").read_text(encoding="utf-8"))[:m]
    assert len(zh) == n and len(en) == m
    beads = search.align(*features.build(zh, en))
    # Gold is by verse: every test bead must lie inside one gold bead (the lax criterion, tightened).
    zh_home = {i: k for k, (z, _e) in enumerate(gold) for i in z}
    en_home = {j: k for k, (_z, e) in enumerate(gold) for j in e}
    inside = sum(1 for b in beads if len({zh_home[i] for i in b.zh} | {en_home[j] for j in b.en}) == 1)
    assert inside / len(beads) > 0.93


@pytest.fixture(scope="module")
def paper(corpus: Path) -> tuple[core.Bitext, list]:
    bitext = core.read(PAPERS / "001.zh.txt", PAPERS / "001.en.txt")
    core.check(bitext, PAPERS / "001.zh.txt", PAPERS / "001.en.txt")
    return bitext, core.align(bitext)


def test_white_paper_headings_pair_up(paper: tuple[core.Bitext, list]) -> None:
    bitext, beads = paper
    pairs = {(bitext.zh[b.zh[0]].text, bitext.en[b.en[0]].text) for b in beads if len(b.zh) == len(b.en) == 1}
    assert ("前言", "Preface") in pairs
    assert ("结束语", "Conclusion") in pairs
    body = [p for p in pairs if re.match(r"^\u3000*（[一二三四五]）", p[0])]
    # The numbered sub-headings of the body meet theirs (1., 2., ...) with the same number.
    numerals = "一二三四五"
    for zh, en in body:
        number = numerals.index(re.search(r"（(.)）", zh).group(1)) + 1
        assert en.startswith(f"{number}. "), (zh, en)
    assert len(body) >= 9


def test_white_paper_numbers_agree_within_beads(paper: tuple[core.Bitext, list]) -> None:
    """No shifted pairs: a four-digit year on the Chinese side shows up in the bead's English."""
    bitext, beads = paper
    checked = agreed = 0
    for bead in beads:
        if not bead.zh or not bead.en:
            continue
        zh = "".join(bitext.zh[i].text for i in bead.zh)
        en = " ".join(bitext.en[j].text for j in bead.en)
        years = set(re.findall(r"(?<!\d)(?:19|20)\d\d(?=年)", zh))
        if years:
            checked += 1
            agreed += years <= set(re.findall(r"(?:19|20)\d\d", en))
    assert checked > 20
    assert agreed / checked > 0.9


def test_white_paper_unpaired_chinese_is_the_table_of_contents(paper: tuple[core.Bitext, list]) -> None:
    """The English contents list chapters only: its sub-headings are all the Chinese left alone."""
    bitext, beads = paper
    alone = [bitext.zh[i].text for b in beads if not b.en for i in b.zh]
    assert alone and all(re.match(r"^\u3000*（[一二三四五]）", t) for t in alone)
    paired = [b for b in beads if b.zh and b.en]
    assert sum(1 for b in paired if b.confidence < 0.5) < len(paired) / 20


def test_white_paper_no_shift_after_a_hard_pair(paper: tuple[core.Bitext, list]) -> None:
    """A loose translation must not be skipped with its English handed to the next sentence."""
    bitext, beads = paper
    pairs = {bitext.zh[b.zh[0]].text: " ".join(bitext.en[j].text for j in b.en) for b in beads if b.zh}
    recent = next(t for t in pairs if t.startswith("近年来，中国持续加大投入生物多样性保护领域的资金"))
    assert pairs[recent].startswith("China has expanded funding for biodiversity conservation in recent years.")
    years = next(t for t in pairs if t.startswith("2017－2018年"))
    assert pairs[years].startswith("More than RMB260 billion")


def test_white_paper_bullets_do_not_shift(paper: tuple[core.Bitext, list]) -> None:
    """The English sets one Chinese paragraph as bullets; the pairs stay in step across them."""
    bitext, beads = paper
    pairs = {bitext.zh[b.zh[0]].text: " ".join(bitext.en[j].text for j in b.en) for b in beads if b.zh}
    plan = next(t for t in pairs if t.startswith("制定实施《全国重要生态系统保护和修复重大工程总体规划"))
    assert pairs[plan].startswith("• China has enacted the Master Plan on Major Projects")


def test_white_paper_is_not_taken_for_another_text(paper: tuple[core.Bitext, list]) -> None:
    bitext, beads = paper
    core.check_related(bitext, beads, PAPERS / "001.en.txt")


@pytest.fixture(scope="module")
def opening() -> tuple[core.Bitext, list]:
    """The paper's front matter, preface and first chapter, with their official English."""
    bitext = core.read(WHITE_PAPER / "001.zh.txt", WHITE_PAPER / "001.en.txt")
    core.check(bitext, WHITE_PAPER / "001.zh.txt", WHITE_PAPER / "001.en.txt")
    return bitext, core.align(bitext)


def test_opening_chapters_pair_their_headings_and_sentences(opening: tuple[core.Bitext, list]) -> None:
    bitext, beads = opening
    core.check_related(bitext, beads, WHITE_PAPER / "001.en.txt")
    pairs = {(bitext.zh[b.zh[0]].text, bitext.en[b.en[0]].text) for b in beads if len(b.zh) == len(b.en) == 1}
    assert ("前言", "Preface") in pairs
    paired = [b for b in beads if b.zh and b.en]
    assert sum(1 for b in paired if b.confidence < 0.5) < len(paired) / 10
    # The English contents list chapters only: the Chinese left alone is the contents' sub-headings.
    alone = [bitext.zh[i].text for b in beads if not b.en for i in b.zh]
    assert alone and all(re.match(r"^\u3000*（[一二三四五]）", t) for t in alone)


def test_white_paper_drifted_stretch_is_pulled_back(paper: tuple[core.Bitext, list]) -> None:
    # Shift eight sure 1-1 pairs by one sentence (an English sentence skipped before them, a
    # Chinese one after): a stretch of weak beads, which is searched again through its anchors.
    bitext, _beads = paper
    zh_side, en_side = features.vectors(features.tokens(bitext.zh, bitext.en))
    level = search._level(zh_side, en_side)
    params = search.Params()
    beads = search.align(zh_side, en_side, params)  # the first pass: the reading of these features
    ratio = search.lengths.ratio(float(zh_side.lengths.sum()), float(en_side.lengths.sum()))
    path = [(b.zh[-1] + 1 if b.zh else 0, b.en[-1] + 1 if b.en else 0, len(b.zh), len(b.en)) for b in beads]
    for k, (i, j, a, b) in enumerate(path):  # ends of the null beads: carry the other side along
        if not a:
            path[k] = (path[k - 1][0] if k else 0, j, a, b)
        if not b:
            path[k] = (i, path[k - 1][1] if k else 0, a, b)
    run = 8
    start = next(
        k
        for k in range(1, len(path) - run)
        if all(path[t][2:] == (1, 1) and beads[t].confidence >= 0.5 for t in range(k, k + run))
    )
    i0, j0 = path[start - 1][:2]
    drifted = [(i0, j0 + 1, 0, 1)] + [(i0 + t, j0 + t + 1, 1, 1) for t in range(1, run)] + [(i0 + run, j0 + run, 1, 0)]
    shifted = path[:start] + drifted + path[start + run :]
    types = search.bead_types(params.max_bead)
    assert search._reanchor(level, shifted, ratio, params, types) == path
    assert search._reanchor(level, path, ratio, params, types) == path


def test_constitution_lines_merge_instead_of_leaving_one_out() -> None:
    # The English puts the adoption note and the list of amendments in one line; the Chinese has
    # two. The note is covered by that line, so it joins the bead instead of standing unpaired.
    bitext = core.read(CONSTITUTION / "zh.txt", CONSTITUTION / "en.txt", presplit=True)
    beads = core.align(bitext)
    assert ((1, 2), (2,)) in [(b.zh, b.en) for b in beads]
    assert all(b.zh and b.en for b in beads)
