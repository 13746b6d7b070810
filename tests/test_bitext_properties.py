"""Properties that hold for any input: the readers terminate, and beads partition both sides in order."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.bitext import anchors, english, features, search
from aligner.bitext.units import Sentence

WORDS = st.sampled_from(
    ["two", "and", "fifty", "seven", "thousand", "hundred", "one", "second", "May", "5", "3.5", "No.", "“", "”",
     "Mr.", "said", "trees", "2020", "million", "I.", "\"", ".", ","]
)  # fmt: skip
HAN = st.sampled_from(list("一二三万亿千百零两年月日个森林保护中国的了。，“”《》0123456789"))


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30).map(" ".join), st.text(HAN, max_size=40))
def test_number_readers_terminate(en: str, zh: str) -> None:
    assert all(token.startswith("#") for token in anchors.en_numbers(en))
    assert all(token.startswith("#") for token in anchors.zh_numbers(zh))


@settings(max_examples=100, deadline=None)
@given(st.lists(WORDS, max_size=40).map(" ".join))
def test_english_split_keeps_every_word(text: str) -> None:
    sentences = english.split(text)
    assert "".join(s.text for s in sentences).replace(" ", "") == text.replace(" ", "")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.lists(st.text(HAN, min_size=1, max_size=20), min_size=1, max_size=12),
    st.lists(st.lists(WORDS, min_size=1, max_size=12).map(" ".join), min_size=1, max_size=12),
)
def test_beads_partition_both_sides_in_order(zh: list[str], en: list[str]) -> None:
    zh_s = [Sentence(t, 1, k == 0) for k, t in enumerate(zh)]
    en_s = [Sentence(t, 1, k == 0) for k, t in enumerate(en)]
    beads = search.align(*features.build(zh_s, en_s))
    assert [i for b in beads for i in b.zh] == list(range(len(zh)))
    assert [j for b in beads for j in b.en] == list(range(len(en)))
    assert all(b.zh or b.en for b in beads)
    assert all(0.0 <= b.confidence <= 1.0 for b in beads)
