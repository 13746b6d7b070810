"""Whether two sides translate each other: real pairs (excerpts in tests/data) pass, a text against
the English of another is judged unrelated."""

from __future__ import annotations

import pytest

from aligner.bitext import core, related
from aligner.bitext.units import Bead
from aligner.errors import AlignmentError
from tests.conftest import CONSTITUTION, WHITE_PAPER

PAPERS = WHITE_PAPER


def test_judge_counts_sure_sentences_and_far_beads() -> None:
    sure = [Bead((k,), (k,), 0.9) for k in range(30)]
    assert not related.judge(sure, 30, 30).unrelated
    weak = [Bead((k,), (k,), 0.1) for k in range(30)]
    verdict = related.judge(weak, 30, 30)
    assert verdict.unrelated and verdict.zh_sure == 0.0 and verdict.far == 1.0
    # half of the Chinese left untranslated, the rest paired with confidence: a partial translation
    half = [Bead((k,), (k,), 0.9) for k in range(15)] + [Bead((k,), (), 0.0) for k in range(15, 30)]
    assert not related.judge(half, 30, 15).unrelated
    # too short to judge
    assert not related.judge(weak[:10], 10, 10).unrelated


@pytest.mark.parametrize(
    ("zh", "en", "unrelated"),
    [
        ("constitution", "001.en.txt", True),
        ("constitution", "constitution", False),
    ],
)
def test_real_pairs_pass_and_wrong_ones_are_refused(zh: str, en: str, unrelated: bool) -> None:
    zh_path = CONSTITUTION / "zh.txt" if zh == "constitution" else PAPERS / zh
    en_path = CONSTITUTION / "en.txt" if en == "constitution" else PAPERS / en
    bitext = core.read(zh_path, en_path)
    core.check(bitext, zh_path, en_path)
    beads = core.align(bitext)
    if unrelated:
        with pytest.raises(AlignmentError, match="does not read as a translation"):
            core.check_related(bitext, beads, en_path)
    else:
        core.check_related(bitext, beads, en_path)
        assert related.judge(beads, len(bitext.zh), len(bitext.en)).zh_sure > 0.9
