"""Glossary terms on jieba word boundaries, and one segment translated one way per language."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.checks import GlossaryError, load_glossary
from aligner.checks.base import Unit
from aligner.checks.glossary import TermChecker, check_consistency
from aligner.model import Status

GLOSSARY = (
    "source\ttarget\tnote\n"
    "成渝地区双城经济圈\tChengdu-Chongqing Economic Circle\tofficial English\n"
    "科学城\tScience City|science city\t\n"
    "一带一路\tBelt and Road\t\n"
    "中科院\tChinese Academy of Sciences\t\n"
    "国务院\tState Council\t\n"
    "1+3\t1+3\tagreements\n"
)


@pytest.fixture
def terms(tmp_path: Path) -> TermChecker:
    path = tmp_path / "glossary.tsv"
    path.write_text(GLOSSARY, encoding="utf-8")
    return TermChecker(load_glossary(path))


def unit(source: str, target: str, path: str = "en/seed.po", line: int = 5) -> Unit:
    return Unit(path, line, source, source, target, Status.TRANSLATED)


TECH_TRANSFER = "成立成渝地区双城经济圈技术转移联盟,推动两地科技成果双向转移转化。"


def test_term_rendered_as_agreed_passes(terms: TermChecker) -> None:
    target = "A technology transfer alliance of the Chengdu-Chongqing Economic Circle was founded."
    assert list(terms.check([unit(TECH_TRANSFER, target)])) == []


def test_term_with_another_rendering_is_reported(terms: TermChecker) -> None:
    target = "A technology transfer alliance of the Chengdu-Chongqing Twin-City Zone was founded."
    (finding,) = terms.check([unit(TECH_TRANSFER, target)])
    assert finding.check == "glossary.term"
    assert "成渝地区双城经济圈" in finding.message and "Chengdu-Chongqing Economic Circle" in finding.message


def test_rendering_is_matched_loosely(terms: TermChecker) -> None:
    source = "挂牌西部(成都)科学城、西部(重庆)科学城。"
    assert list(terms.check([unit(source, "inaugurated the Western (Chengdu) and (Chongqing) science cities.")])) == []


def test_term_inside_a_longer_word_is_not_a_match(terms: TermChecker) -> None:
    # 中科院 is a term; 中科院重庆科学中心 uses it, and its rendering is there.
    source = "西部(重庆)科学城以建设中科院重庆科学中心为牵引。"
    target = "Led by the Chongqing Science Center of the Chinese Academy of Sciences, the Western Science City grows."
    assert list(terms.check([unit(source, target)])) == []
    found = list(terms.check([unit(source, "Led by the Chongqing Science Center, the Western Science City grows.")]))
    assert [f.message.split()[0] for f in found] == ["中科院"]


@pytest.mark.parametrize(
    "source",
    [
        "他是中科院士。",  # 中科院 + 院士: jieba cuts 中科院 / 士, yet 院士 is the word
        "成立成渝地区双城经济圈技术转移联盟。",  # 一带一路 absent; 科学城 absent
        "推动两地科技成果双向转移转化。",
    ],
)
def test_a_term_inside_a_longer_word_is_not_reported(terms: TermChecker, source: str) -> None:
    found = [f.message.split()[0] for f in terms.check([unit(source, "Nothing of the terms here.")])]
    assert "中科院" not in found
    assert "科学城" not in found and "一带一路" not in found


@pytest.mark.parametrize(
    ("source", "term"),
    [
        ("他在中科院工作。", "中科院"),
        ("中科院的院士。", "中科院"),  # 的 is a function word: the term stays whole
        ("经国务院批准，现将安排通知如下。", "国务院"),  # 经国 is a word, but a rare one (3 in jieba's counts)
        ("推进一带一路建设。", "一带一路"),
        ("西部(重庆)科学城以建设。", "科学城"),
    ],
)
def test_a_term_standing_as_a_word_is_reported(terms: TermChecker, source: str, term: str) -> None:
    found = [f.message.split()[0] for f in terms.check([unit(source, "Nothing of the terms here.")])]
    assert found == [term]


def test_terms_without_chinese_are_found_as_written(terms: TermChecker) -> None:
    source = "签订“1+3”科技创新合作协议。"
    assert list(terms.check([unit(source, "signed the “1+3” agreements.")])) == []
    assert [f.check for f in terms.check([unit(source, "signed the four agreements.")])] == ["glossary.term"]


@pytest.mark.parametrize(
    ("text", "line"),
    [
        ("source\ttarget\tnote\n科学城\n", 2),
        ("source\ttarget\tnote\n科学城\tScience City\tnote\textra\n", 2),
        ("source\ttarget\tnote\n\n科学城\t\tempty\n", 3),
        ("source\ttarget\tnote\n科学城\tScience City\t\n科学城\tScience Town\t\n", 3),
    ],
)
def test_malformed_glossary_names_its_line(tmp_path: Path, text: str, line: int) -> None:
    path = tmp_path / "glossary.tsv"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(GlossaryError) as caught:
        load_glossary(path)
    assert str(caught.value).startswith(f"{path}:{line}: ")


def test_the_project_glossary_loads() -> None:
    path = Path(__file__).resolve().parents[1] / "translations" / "glossary.tsv"
    if not path.is_file():
        pytest.skip(f"{path} is not written yet")
    assert len(load_glossary(path).terms) > 10


def test_one_segment_translated_two_ways_is_reported() -> None:
    source = "协同推进知识产权合作。"
    groups = [
        ("en", [unit(source, "Cooperation on intellectual property.", "en/a.po", 10)]),
        ("en", [unit(source, "Cooperation on intellectual property.", "en/b.po", 20)]),
        ("en", [unit(source, "Intellectual property cooperation.", "en/c.po", 30)]),
        ("fr", [unit(source, "Coopération en propriété intellectuelle.", "fr/a.po", 10)]),
    ]
    found = list(check_consistency(groups))
    assert [(f.check, f.path, f.line) for f in found] == [("glossary.consistency", "en/c.po", 30)]
    assert "en/a.po:10" in found[0].message


def test_same_rendering_everywhere_is_consistent() -> None:
    source = "协同推进知识产权合作。"
    groups = [("en", [unit(source, "Cooperation  on intellectual property.", f"en/{n}.po")]) for n in "abc"]
    assert list(check_consistency(groups)) == []


def test_one_msgid_in_two_contexts_is_two_segments() -> None:
    source = "协同推进知识产权合作。"
    first = Unit("en/a.po", 10, source, source, "Cooperation on intellectual property.", Status.TRANSLATED)
    second = Unit("en/b.po", 20, source, source, "IP cooperation", Status.TRANSLATED, context="menu")
    assert list(check_consistency([("en", [first]), ("en", [second])])) == []


def test_the_containment_screen_never_changes_a_pattern_verdict() -> None:
    from aligner import catalog
    from aligner.checks import units as units_of
    from aligner.checks.glossary import _rendering_pattern

    root = Path(__file__).resolve().parents[1]
    checker = TermChecker(load_glossary(root / "translations" / "glossary.tsv"))
    targets = [u.target for u in units_of(catalog.load(root / "translations" / "en" / "000_9e415571a82dd196.po"))]
    targets += ["Science Cities of the WEST", "the science-city", "ſcience city", "Belt and Roads"]
    matched = 0
    for term in checker.glossary.terms[:40]:
        for target in targets:
            expected = any(_rendering_pattern(r).search(target) for r in term.targets)
            assert checker._pattern_matches(term.source, target) == expected, (term.source, target)
            matched += expected
    assert matched > 20


def test_a_line_separator_inside_a_field_does_not_end_the_row(tmp_path: Path) -> None:
    # Lines end at \n only, as in every file aligner reads: U+2028 in a note stays in the note.
    path = tmp_path / "glossary.tsv"
    path.write_text(
        "source\ttarget\tnote\n成渝地区双城经济圈\tChengdu-Chongqing Economic Circle\tsee\u2028the plan\n",
        encoding="utf-8",
    )
    (term,) = load_glossary(path).terms
    assert term.source == "成渝地区双城经济圈" and term.note == "see\u2028the plan"
