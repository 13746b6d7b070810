"""Properties that hold for any input: numbers read back as their values, and beads partition both
sides in order."""

from __future__ import annotations

import re
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from aligner.bitext import anchors, english, features, search
from aligner.bitext.units import Sentence

WORDS = st.sampled_from(
    ["two", "and", "fifty", "seven", "thousand", "hundred", "one", "second", "May", "5", "3.5", "No.", "“", "”",
     "Mr.", "said", "trees", "2020", "million", "I.", "\"", ".", ","]
)  # fmt: skip
HAN = st.sampled_from(list("一二三万亿千百零两年月日个森林保护中国的了。，“”《》0123456789"))


# Numbers written the way documents write them, built here independently of the readers.
_ZH_DIGITS = "零一二三四五六七八九"
_EN_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_EN_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]


def _zh_group(n: int, first: bool) -> str:
    """0 < n < 10000 in Chinese numerals: 三千零五, 十二 (a leading 一十 is written 十)."""
    out: list[str] = []
    zero = False
    for value, mark in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = n // value % 10
        if digit == 0:
            zero = bool(out)
            continue
        if zero:
            out.append("零")
            zero = False
        out.append("十" if value == 10 and digit == 1 and not out and first else _ZH_DIGITS[digit] + mark)
    return "".join(out)


def zh_numeral(n: int) -> str:
    """1 <= n < 10**12 as 三亿零五百万零二十: groups of four digits under 亿 and 万, 零 for a gap."""
    out = ""
    gap = False
    for scale, mark in ((10**8, "亿"), (10**4, "万"), (1, "")):
        group = n // scale % 10**4
        if group == 0:
            gap = gap or bool(out)
            continue
        if out and (gap or group < 1000):
            out += "零"
        out += _zh_group(group, not out) + mark
        gap = False
    return out


def _en_group(n: int, british: bool) -> str:
    parts = [_EN_ONES[n // 100] + " hundred"] if n >= 100 else []
    rest = n % 100
    if rest:
        word = _EN_ONES[rest] if rest < 20 else _EN_TENS[rest // 10] + (f"-{_EN_ONES[rest % 10]}" if rest % 10 else "")
        parts.append(("and " if british and parts else "") + word)
    return " ".join(parts)


def en_words(n: int, british: bool) -> str:
    """n in words: "two thousand three hundred and twenty-one" (British) or without the "and"."""
    parts = []
    for scale, word in ((10**9, "billion"), (10**6, "million"), (10**3, "thousand"), (1, "")):
        if n // scale % 1000:
            parts.append(f"{_en_group(n // scale % 1000, british)} {word}".strip())
    return " ".join(parts)


def scaled(n: int, scale: int) -> str:
    """n / scale as the shortest decimal: 12345 / 10**4 = 1.2345 (as in 1.2345万, 0.012345 million)."""
    text = f"{Decimal(n) / scale:f}"
    return text.rstrip("0").rstrip(".") if "." in text else text


# One alone (一) is "a" in Chinese prose and never read as a number, so values start at 2.
NUMBERS = st.integers(min_value=2, max_value=10**12 - 1)


def test_the_number_writers_of_this_test_write_what_documents_write() -> None:
    assert [zh_numeral(n) for n in (12, 105, 1010, 20_000, 305_000_000, 100_020, 10**8 + 1)] == [
        "十二", "一百零五", "一千零一十", "二万", "三亿零五百万", "十万零二十", "一亿零一",
    ]  # fmt: skip
    assert en_words(2321, british=True) == "two thousand three hundred and twenty-one"
    assert en_words(10_000_000, british=False) == "ten million"


@settings(max_examples=300, deadline=None)
@given(NUMBERS, NUMBERS)
def test_chinese_numbers_read_back_as_their_values(a: int, b: int) -> None:
    assert anchors.zh_numbers(f"共建成{zh_numeral(a)}个项目和{zh_numeral(b)}所学校。") == [f"#{a}", f"#{b}"]
    assert anchors.zh_numbers(f"投资{scaled(a, 10**4)}万元。") == [f"#{a}"]
    assert anchors.zh_numbers(f"投资{scaled(a, 10**8)}亿元。") == [f"#{a}"]


@settings(max_examples=300, deadline=None)
@given(NUMBERS, NUMBERS, st.booleans())
def test_english_numbers_read_back_as_their_values(a: int, b: int, british: bool) -> None:
    text = f"They planted {en_words(a, british)} trees and built {en_words(b, british)} houses."
    assert anchors.en_numbers(text) == [f"#{a}", f"#{b}"]
    assert anchors.en_numbers(f"They planted {a:,} trees.") == [f"#{a}"]
    assert anchors.en_numbers(f"They invested {scaled(a, 10**6)} million yuan.") == [f"#{a}"]


@settings(max_examples=200, deadline=None)
@given(st.lists(WORDS, max_size=30).map(" ".join), st.text(HAN, max_size=40))
def test_number_readers_give_canonical_tokens_on_any_text(en: str, zh: str) -> None:
    canonical = re.compile(r"#(?:0|[1-9]\d*)(?:\.\d*[1-9])?|#0\.\d*[1-9]")
    assert all(canonical.fullmatch(token) for token in anchors.en_numbers(en)), en
    assert all(canonical.fullmatch(token) for token in anchors.zh_numbers(zh)), zh


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
