"""Whether the two sides translate each other at all, judged from the alignment found.

Two unrelated texts still align: the search always finds a path, but few of its beads stand
above chance. Measured on the shared sets, real pairs put 95-100% of the sentences of each side
into beads of confidence 0.5 or more and almost none below 0.2; the seed against a white paper
it does not translate, or one white paper against another, puts 4-18% there and 55-68% of its
beads below 0.2. The limits sit halfway between, so a partial translation (half of the Chinese
rendered, all of the English paired) is still aligned.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from aligner.bitext.units import Bead
from aligner.records import Record

SURE = 0.5  # a bead at least this confident pairs its sentences
FAR = 0.2  # a bead below this is far below any review threshold
MAX_SURE_SHARE = 0.4  # unrelated: at most this share of each side in sure beads ...
MIN_FAR_SHARE = 0.35  # ... and at least this share of the pairing beads far below
MIN_SENTENCES = 20  # confidences of shorter texts are too noisy to judge by


@dataclass(frozen=True, repr=False, eq=False)
class Verdict(Record):
    """How much of each side the alignment pairs with confidence."""

    zh_sure: float  # share of Chinese sentences in beads of confidence >= SURE
    en_sure: float
    far: float  # share of the beads with sentences on both sides below FAR
    unrelated: bool

    def describe(self) -> str:
        return (
            f"only {self.zh_sure:.0%} of the Chinese and {self.en_sure:.0%} of the English sentences pair "
            f"with confidence, {self.far:.0%} of the beads are far below it"
        )


def judge(beads: Sequence[Bead], n: int, m: int) -> Verdict:
    """The verdict on beads covering ``n`` Chinese and ``m`` English sentences."""
    paired = [b for b in beads if b.zh and b.en]
    zh_sure = sum(len(b.zh) for b in paired if b.confidence >= SURE) / max(n, 1)
    en_sure = sum(len(b.en) for b in paired if b.confidence >= SURE) / max(m, 1)
    far = sum(1 for b in paired if b.confidence < FAR) / max(len(paired), 1)
    unrelated = min(n, m) >= MIN_SENTENCES and max(zh_sure, en_sure) <= MAX_SURE_SHARE and far >= MIN_FAR_SHARE
    return Verdict(round(zh_sure, 3), round(en_sure, 3), round(far, 3), unrelated)
