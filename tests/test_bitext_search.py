"""The bead search on small hand-made bitexts: every bead type, omissions, additions, repeated
numbers and structure anchors."""

from __future__ import annotations

import pytest

from aligner.bitext import anchors, features, search
from aligner.bitext.units import Sentence

PAIRS = [
    ("我们必须保护森林和河流。", "We must protect forests and rivers."),
    ("2020年，中国政府种植了一千万棵树。", "In 2020, the Chinese government planted ten million trees."),
    ("野生动物的数量明显增加。", "The number of wild animals increased markedly."),
    ("城市空气质量不断改善。", "Air quality in cities keeps improving."),
    ("农民的收入提高了百分之十五。", "The income of farmers rose by 15 percent."),
    ("国际合作是保护生物多样性的关键。", "International cooperation is the key to protecting biodiversity."),
    ("政府将继续加大投资力度。", "The government will continue to increase investment."),
    ("学校开设了环境教育课程。", "Schools have opened courses on environmental education."),
]


def run(zh: list[str], en: list[str], **params: float) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    zh_s = [Sentence(t, 1, k == 0) for k, t in enumerate(zh)]
    en_s = [Sentence(t, 1, k == 0) for k, t in enumerate(en)]
    zs, es = features.build(zh_s, en_s)
    return [(b.zh, b.en) for b in search.align(zs, es, search.Params(**params))]  # type: ignore[arg-type]


def one_to_one(n: int) -> list[tuple[tuple[int, ...], tuple[int, ...]]]:
    return [((k,), (k,)) for k in range(n)]


def test_one_to_one() -> None:
    zh, en = zip(*PAIRS, strict=True)
    assert run(list(zh), list(en)) == one_to_one(len(PAIRS))


def test_one_to_two_and_two_to_one() -> None:
    zh = [p[0] for p in PAIRS]
    en = [p[1] for p in PAIRS]
    # Chinese 2 said in two English sentences; English 5 and 6 said in one Chinese sentence.
    en_split = [en[0], "In 2020, the Chinese government planted trees.", "There were ten million of them.", *en[2:]]
    zh_joined = [*zh[:4], "农民的收入提高了百分之十五，国际合作是保护生物多样性的关键。", *zh[6:]]
    got = run(zh_joined, en_split)
    assert ((1,), (1, 2)) in got
    assert ((4,), (5, 6)) in got
    assert len(got) == 7


def test_two_to_two_and_three_to_one() -> None:
    zh = [p[0] for p in PAIRS[:6]]
    en = [p[1] for p in PAIRS[:6]]
    en3 = [
        *en[:3],
        en[3].rstrip(".") + ", and " + en[4][0].lower() + en[4][1:-1] + ", while " + en[5][0].lower() + en[5][1:],
    ]
    got = run(zh, en3, max_bead=3)
    assert got[:3] == one_to_one(3)
    assert got[3] == ((3, 4, 5), (3,))


@pytest.mark.parametrize("missing", [0, 3, 7])
def test_omission_leaves_the_rest_in_place(missing: int) -> None:
    zh = [p[0] for p in PAIRS]
    en = [p[1] for k, p in enumerate(PAIRS) if k != missing]
    got = run(zh, en)
    assert ((missing,), ()) in got
    paired = [b for b in got if b[0] and b[1]]
    assert paired == [((k,), (k if k < missing else k - 1,)) for k in range(len(PAIRS)) if k != missing]


@pytest.mark.parametrize("extra", [0, 4, 8])
def test_addition_is_a_zero_to_one_bead(extra: int) -> None:
    zh = [p[0] for p in PAIRS]
    en = [p[1] for p in PAIRS]
    en.insert(extra, "Translator's note: figures are provisional and were revised in the following year.")
    got = run(zh, en)
    assert ((), (extra,)) in got
    assert all(len(b[0]) == 1 and len(b[1]) == 1 for b in got if b[0] and b[1])


def test_repeated_numbers_do_not_derail() -> None:
    zh = [
        "2020年，森林面积增加了2020公顷。",
        "2020年，湿地面积也有所增加。",
        "2020年，草原保护取得新进展。",
        "2020年，海洋保护区扩大了。",
        "2020年，城市绿地继续增加。",
    ]
    en = [
        "In 2020, the forest area grew by 2,020 hectares.",
        "In 2020, the wetland area also grew.",
        "In 2020, grassland protection made new progress.",
        "In 2020, marine protected areas were expanded.",
        "In 2020, urban green space kept increasing.",
    ]
    assert run(zh, en) == one_to_one(5)
    # The same texts with the second English sentence missing. That sentence repeats most of the
    # first (2020, area, grew), so it may stand alone or join the first bead; either way no pair
    # after it may shift.
    got = run(zh, en[:1] + en[2:])
    assert ((1,), ()) in got or ((0, 1), (0,)) in got
    for zh_ids, en_ids in got:
        if zh_ids and en_ids:
            assert [k - (k > 1) for k in zh_ids if k != 1] == list(en_ids)


def test_headings_are_anchors() -> None:
    zh = ["一、总体情况", PAIRS[0][0], PAIRS[1][0], "二、主要措施", PAIRS[2][0], "（一）加强教育", PAIRS[7][0]]
    en = [
        "I. General Situation",
        PAIRS[0][1],
        PAIRS[1][1],
        "II. Main Measures",
        PAIRS[2][1],
        "1. Education",
        PAIRS[7][1],
    ]
    zh_s = [Sentence(t, k, True) for k, t in enumerate(zh, start=1)]
    en_s = [Sentence(t, k, True) for k, t in enumerate(en, start=1)]
    zs, es = features.build(zh_s, en_s)
    assert zs.labels == ("1", "", "", "2", "", "2.1", "")
    assert es.labels == zs.labels
    got = [(b.zh, b.en) for b in search.align(zs, es)]
    assert got == one_to_one(7)


def test_paragraph_breaks_keep_beads_inside_paragraphs() -> None:
    zh = [PAIRS[0][0], PAIRS[1][0], PAIRS[2][0], PAIRS[3][0]]
    en = [PAIRS[0][1], PAIRS[1][1], PAIRS[2][1], PAIRS[3][1]]
    zh_s = [Sentence(t, 1 + k // 2, k % 2 == 0) for k, t in enumerate(zh)]
    en_s = [Sentence(t, 1 + k // 2, k % 2 == 0) for k, t in enumerate(en)]
    zs, es = features.build(zh_s, en_s)
    got = [(b.zh, b.en) for b in search.align(zs, es)]
    assert got == one_to_one(4)


def test_every_sentence_in_exactly_one_bead_and_in_order() -> None:
    zh = [p[0] for p in PAIRS] * 3
    en = [p[1] for p in PAIRS][::-1] * 3
    got = run(zh, en)
    assert [i for b in got for i in b[0]] == list(range(len(zh)))
    assert [j for b in got for j in b[1]] == list(range(len(en)))


def test_bead_types_up_to_the_maximum() -> None:
    assert search.bead_types(1) == [(1, 1), (1, 0), (0, 1)]
    assert set(search.bead_types(3)) == {(1, 1), (1, 0), (0, 1), (1, 2), (2, 1), (1, 3), (2, 2), (3, 1)}


@pytest.mark.parametrize(
    ("zh", "en"),
    [
        ("112亿元", "11.2 billion yuan"),
        ("340.6亿", "34.06 billion"),
        ("14,090人", "14,090 people"),
        ("2020年9月30日", "September 30, 2020"),
        ("二十六项原则", "26 principles"),
        ("三大目标", "three objectives"),
        ("第十八次全国代表大会", "the 18th National Congress"),
        ("共有五万七千四百名", "were fifty and seven thousand and four hundred"),
        ("一百二十岁", "an hundred and twenty years"),
        ("二十七年", "seven and twenty years"),
        ("一千万棵树", "ten million trees"),
    ],
)
def test_numbers_meet_on_both_sides(zh: str, en: str) -> None:
    assert sorted(anchors.zh_numbers(zh)) == sorted(anchors.en_numbers(en))


def test_lone_numeral_is_not_a_number() -> None:
    assert anchors.zh_numbers("统一大市场") == []
    assert anchors.zh_numbers("万物生长") == []
    assert anchors.en_numbers("one of them said two and three") == ["#2", "#3"]


def test_single_bead_cost_matches_the_table() -> None:
    zh = [p[0] for p in PAIRS]
    en = [p[1] for p in PAIRS]
    zh_s = [Sentence(t, 1 + k // 3, k % 3 == 0) for k, t in enumerate(zh)]
    en_s = [Sentence(t, 1 + k // 3, k % 3 == 0) for k, t in enumerate(en)]
    zs, es = features.build(zh_s, en_s)
    params = search.Params()
    level = search._level(zs, es)
    n, m = zs.size, es.size
    types = search.bead_types(params.max_bead)
    lo, hi = [0] * (n + 1), [m] * (n + 1)
    table = search._cost_rows(level, types, lo, hi, 3.0, params)
    for a, b in types:
        for i in range(a, n + 1):
            for j in range(b, m + 1):
                single = search._bead_cost(level, i, j, a, b, 3.0, params)
                assert single == pytest.approx(float(table[(a, b)][i][j]), abs=1e-4), (a, b, i, j)


def test_titles_and_quotations_are_marks_on_both_sides() -> None:
    zh = "与会各国签署了《人类环境宣言》，体现了“天人合一”的理念。"
    en = "The nations signed the Declaration of the United Nations Conference on the Human Environment, as in “Man is an integral part of nature”."
    assert anchors.zh_marks(zh) == anchors.en_marks(en) == ["#title", "#quote"]
    assert anchors.en_marks("China has launched 25 pilot projects.") == []


def test_crossed_halves_make_a_two_to_two_bead() -> None:
    zh = [
        PAIRS[0][0],
        "我们必须保护森林，政府将继续加大投资力度。",
        "城市空气质量不断改善，农民的收入提高了百分之十五。",
        PAIRS[5][0],
    ]
    en = [
        PAIRS[0][1],
        "We must protect forests, and air quality in cities keeps improving.",
        "The government will continue to increase investment, and the income of farmers rose by 15 percent.",
        PAIRS[5][1],
    ]
    assert run(zh, en) == [((0,), (0,)), ((1, 2), (1, 2)), ((3,), (3,))]


def test_one_to_three() -> None:
    zh = [PAIRS[0][0], "2020年，中国政府种植了一千万棵树，野生动物的数量明显增加，城市空气质量不断改善。", PAIRS[5][0]]
    en = [PAIRS[0][1], PAIRS[1][1], PAIRS[2][1], PAIRS[3][1], PAIRS[5][1]]
    assert run(zh, en) == [((0,), (0,)), ((1,), (1, 2, 3)), ((2,), (4,))]


def test_two_to_three_bead() -> None:
    # Two Chinese sentences whose halves cross into three English ones: only a 2-3 bead is right.
    zh = [
        PAIRS[0][0],
        "我们必须保护森林，政府将继续加大投资力度。",
        "城市空气质量不断改善，农民的收入提高了百分之十五。",
        PAIRS[5][0],
    ]
    en = [
        PAIRS[0][1],
        "We must protect forests, and air quality in cities keeps improving.",
        "The government will continue to increase investment.",
        "The income of farmers rose by 15 percent.",
        PAIRS[5][1],
    ]
    assert run(zh, en) == [((0,), (0,)), ((1, 2), (1, 2, 3)), ((3,), (4,))]
    assert ((1, 2), (1, 2, 3)) not in run(zh, en, max_bead=2)


def test_bead_types_reach_m_n_up_to_the_maximum() -> None:
    types = set(search.bead_types(6))
    assert {(2, 3), (3, 2), (3, 3), (2, 5), (3, 4), (4, 3), (6, 1), (1, 6)} <= types
    assert not {(4, 4), (2, 6), (7, 1)} & types
    assert set(search.bead_types(3, 6)) == set(search.bead_types(3)) | {(2, 3), (3, 2), (3, 3)}


def test_merged_translation_is_not_an_omission() -> None:
    # One English sentence says both Chinese ones: a 2-1 bead, not 1-1 and a 1-0 beside it.
    zh = [p[0] for p in PAIRS]
    en = [p[1] for p in PAIRS]
    merged = "Air quality in cities keeps improving and farmers earn more."
    got = run(zh, [*en[:3], merged, *en[5:]])
    assert ((3, 4), (3,)) in got
    assert all(b[0] and b[1] for b in got)


def test_a_speech_tag_stays_with_its_quotation() -> None:
    zh = ["“你们为什么保护森林？”", "她问道。", "“因为森林是我们的家。”", "他答道。", PAIRS[0][0]]
    en = [
        "“Why do you protect the forests?” she asked.",
        "“Because the forests are our home,” he replied.",
        PAIRS[0][1],
    ]
    tails = anchors.speech_tails(zh, zh=True)
    assert tails == [False, True, False, True, False]
    assert run(zh, en) == [((0, 1), (0,)), ((2, 3), (1,)), ((4,), (2,))]
