"""Mining term candidates: what may be a candidate, C-value, renderings, shares, variants, determinism."""

from __future__ import annotations

import math
from collections import Counter
from pathlib import Path

import pytest

from aligner.terms import read_pairs
from aligner.terms.mine import Pair, c_values, candidates, english_key, mine, part_of_speech, support
from tests.conftest import DATA

CONSTITUTION = DATA / "terms" / "constitution.tmx"


def constitution() -> list[Pair]:
    return read_pairs([(CONSTITUTION, "constitution.tmx")])


@pytest.mark.parametrize(
    ("text", "kept", "never"),
    [
        # A leading verb, a trailing preposition or particle: fragments, not terms.
        (
            "国务院关于加强生物多样性保护的意见",
            {"国务院", "生物多样性保护"},
            {"国务院关于", "加强生物多样性保护", "的意见", "保护的"},
        ),
        ("推动经济社会发展的重要举措", {"经济社会发展"}, {"发展的", "推动经济社会发展", "重要举措", "发展"}),
        # Single common words are never candidates; a run with a conjunction inside is a phrase.
        ("中国同非洲国家合作", {"非洲国家"}, {"合作", "国家", "中国同非洲国家"}),
        ("中国和非洲的合作", set(), {"中国和非洲", "非洲的合作", "合作"}),
        # jieba cuts 可 off 可持续发展: the candidate made whole is decided when counting.
        ("坚持人与自然和谐共生", {"人与自然和谐共生"}, {"坚持人与自然和谐共生", "坚持"}),
        ("根据宪法和法律规定的权限", {"法律规定"}, {"根据宪法", "宪法和法律", "规定的权限"}),
        # CC-CEDICT knows these whole although jieba cuts them in two (特别 is an adverb, 非 a prefix).
        ("设立特别行政区", {"特别行政区"}, {"设立特别行政区"}),
        ("中国设立驻非盟使团", {"非盟"}, {"驻非盟"}),
        # A one-character adjective may begin a term, a longer one begins a phrase; seven words at most.
        ("贯彻新发展理念", {"新发展理念"}, {"贯彻新发展理念"}),
        ("坚定支持非洲国家", {"非洲国家"}, {"坚定支持", "坚定支持非洲国家"}),
        ("习近平新时代中国特色社会主义思想", {"习近平新时代中国特色社会主义思想", "中国特色社会主义"}, set()),
        # A numeral never begins a term, even where CC-CEDICT has the word (万人).
        ("死亡人数超过一万人", {"死亡人数"}, {"万人", "一万人"}),
    ],
)
def test_candidates_of_a_text(text: str, kept: set[str], never: set[str]) -> None:
    found = set(candidates(text))
    assert kept <= found
    assert not (never & found)


def test_c_value_weighs_length_and_subtracts_the_longer_terms_around_it() -> None:
    counts = Counter({
        ("生物", "多样性"): 10,
        ("生物", "多样性", "保护"): 6,
        ("生态", "保护"): 4,
        ("多样性",): 10,  # never alone: a piece of 生物多样性
        ("国务院",): 1,  # below the minimum count
    })  # fmt: skip
    values = c_values(counts, 2)
    assert values[("生物", "多样性")] == pytest.approx(math.log2(3) * (10 - 6))
    assert values[("生物", "多样性", "保护")] == pytest.approx(math.log2(4) * 6)
    assert values[("生态", "保护")] == pytest.approx(math.log2(3) * 4)
    assert ("多样性",) not in values
    assert ("国务院",) not in values


def test_constitution_terms_with_their_english() -> None:
    found = {c.zh: c for c in mine(constitution(), top=None)}
    assert found["国务院"].en == "State Council"
    assert found["全国人民代表大会"].en == "National People's Congress"
    assert found["自治区"].en == "autonomous regions"
    assert found["人民检察院"].en == "people's procuratorate"
    assert found["国务院"].count == 9
    assert found["国务院"].share == 1.0
    example = found["国务院"].example
    assert "国务院" in example.zh and "State Council" in example.en
    assert example.origin.startswith("constitution.tmx:")


def test_ranking_counts_and_shares_are_consistent() -> None:
    pairs = constitution()
    result = mine(pairs, min_count=3, top=20)
    assert 0 < len(result) <= 20
    scores = [c.score for c in result]
    assert scores == sorted(scores, reverse=True)
    for candidate in result:
        assert candidate.count >= 3
        assert 0 < candidate.share <= 1
        assert sum(1 for p in pairs if candidate.zh in p.zh) >= candidate.count
    assert len({c.zh for c in result}) == len(result)


def test_the_same_pairs_give_the_same_candidates() -> None:
    pairs = constitution()
    assert mine(pairs, top=None) == mine(list(pairs), top=None)
    # A pair met twice (a catalog and a TMX made from it) counts once.
    assert mine(pairs + pairs, top=None) == mine(pairs, top=None)


# Text written for this test: one term, rendered two ways.
_BIODIVERSITY = [
    ("生物多样性是人类生存的基础。", "Biodiversity is the basis for human survival."),
    ("中国重视生物多样性。", "China attaches importance to biodiversity."),
    ("生物多样性面临威胁。", "Biodiversity faces threats."),
    ("各国合作保护生物多样性。", "Countries cooperate to conserve biodiversity."),
    ("生物多样性与气候变化相关。", "Biological diversity is linked to climate change."),
    ("城市也有生物多样性。", "Cities also have biological diversity."),
]


def test_variants_are_the_other_renderings_with_their_counts() -> None:
    pairs = [Pair(zh, en, f"written:{n}") for n, (zh, en) in enumerate(_BIODIVERSITY, start=1)]
    found = {c.zh: c for c in mine(pairs, top=None)}
    term = found["生物多样性"]
    assert term.en == "biodiversity"  # as written mid-sentence, not capitalised at its start
    assert term.count == 6
    assert term.share == pytest.approx(4 / 6, abs=0.001)
    assert [(v.en, v.count) for v in term.variants] == [("biological diversity", 2)]


@pytest.mark.parametrize(
    ("cut", "english", "high"),
    [
        (("生物", "多样性"), "biological diversity", True),
        (("生物", "多样性"), "biodiversity", False),  # CC-CEDICT has no single word for it
        (("国务院",), "State Council", True),
        (("国务院",), "Central People's Government", False),
    ],
)
def test_support_of_cc_cedict(cut: tuple[str, ...], english: str, high: bool) -> None:
    assert (support(cut, english) >= 0.75) is high


@pytest.mark.parametrize(
    ("cut", "pos"),
    [
        (("国务院",), "properNoun"),
        (("生物", "多样性", "保护"), "noun"),
        (("全国人民代表大会",), "properNoun"),
        ((), ""),
    ],
)
def test_part_of_speech(cut: tuple[str, ...], pos: str) -> None:
    assert part_of_speech(cut) == pos


def test_a_catalog_and_a_tmx_are_read_as_pairs(tmp_path: Path) -> None:
    po = tmp_path / "a.po"
    po.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        'msgid "国务院"\nmsgstr "State Council"\n\n#, fuzzy\nmsgid "国务院总理"\nmsgstr "Premier"\n\n'
        'msgid "全国人民代表大会"\nmsgstr ""\n',
        encoding="utf-8",
    )
    pairs = read_pairs([(po, "a.po"), (CONSTITUTION, "c.tmx")])
    # The translated entry only (fuzzy and untranslated ones are not what the translations use).
    assert [(p.zh, p.en, p.origin) for p in pairs if p.origin.startswith("a.po")] == [
        ("国务院", "State Council", "a.po:6")
    ]
    assert len(pairs) == 1 + 43


# Written for this test: a term that begins with a verb (注册 names a kind of 消防工程师, 继续 a kind of
# 教育), and a verb that is an instruction about a term (实行 区域自治: the English leaves it out).
_VERB_FIRST = [
    ("注册消防工程师应当参加继续教育。", "Registered fire engineers shall attend continuing education."),
    ("注册消防工程师实行执业管理制度。", "Registered fire engineers are subject to a practice management system."),
    ("申请注册消防工程师需要提交材料。", "Applicants for registered fire engineer must submit materials."),
    ("消防工程师资格考试每年举行一次。", "The fire engineer qualification examination is held once a year."),
    ("继续教育的学时不少于三十学时。", "Continuing education lasts no less than 30 class hours."),
    ("各少数民族聚居的地方实行区域自治。", "Regional autonomy is practised where minorities live together."),
    ("区域自治是国家的基本政策。", "Regional autonomy is a basic policy of the state."),
    ("民族自治地方实行区域自治。", "Regional autonomy is practised in ethnic autonomous areas."),
    ("区域自治制度不断完善。", "The system of regional autonomy keeps improving."),
]


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("注册消防工程师", "registered fire engineer"),
        ("继续教育", "continuing education"),
        ("区域自治", "regional autonomy"),
        ("实行区域自治", None),
    ],
)
def test_a_term_may_begin_with_a_verb_an_instruction_may_not(zh: str, en: str | None) -> None:
    pairs = [Pair(z, e, f"written:{n}") for n, (z, e) in enumerate(_VERB_FIRST, start=1)]
    found = {c.zh: english_key(c.en) for c in mine(pairs, top=None)}
    assert found.get(zh) == (english_key(en) if en else None)


@pytest.mark.parametrize(("plural", "singular"), [("laser TVs", "laser TV"), ("ICIs", "ICI"), ("NGOs", "NGO")])
def test_an_acronym_plural_is_its_singular(plural: str, singular: str) -> None:
    assert english_key(plural) == english_key(singular)
