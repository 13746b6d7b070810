"""The checks on the seed's whole catalog: the reviewed translation is clean, a corrupted copy is caught.

The corrupted copy is built here, from the project's reviewed catalog when it is complete, else from
the fixture of checks_seed.py; each injected error names the entry and the check that must see it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

import checks_seed
from aligner import catalog, checks
from aligner.model import Severity, Status
from conftest import ROOT, SEED_PO

GLOSSARY = ROOT / "translations" / "glossary.tsv"
FIXTURE_GLOSSARY = "source\ttarget\tnote\n成渝地区双城经济圈\tChengdu-Chongqing Economic Circle\t\n"


@dataclass(frozen=True)
class Injection:
    msgid_start: str  # the entry, by the start of its msgid
    change: Callable[[str, str], str]  # (msgid, msgstr) -> corrupted msgstr
    check: str  # the check that must report it
    fuzzy: bool = False


def sub(pattern: str, replacement: str) -> Callable[[str, str], str]:
    def change(_msgid: str, msgstr: str) -> str:
        changed = re.sub(pattern, replacement, msgstr, count=1)
        assert changed != msgstr, f"{pattern!r} is not in {msgstr!r}"
        return changed

    return change


def truncate(words: int) -> Callable[[str, str], str]:
    return lambda _msgid, msgstr: " ".join(msgstr.split()[:words]) + "."


INJECTIONS = [
    # numbers: magnitudes (亿, 万), values, dates, Chinese numerals, codes, stale fuzzy numbers
    Injection("“十三五”期间", sub(r"34\.06 billion", "3.406 billion"), "numbers.magnitude"),
    Injection("联合成立总规模50亿元", sub(r"(?<![\d.])1 billion", "100 million"), "numbers.magnitude"),
    Injection("2020年,川渝联合出资2000万元", sub(r"20 million", "2 million"), "numbers.magnitude"),
    Injection("重庆在全国率先开展知识价值", sub(r"7,286", "7,268"), "numbers.missing"),
    Injection("2021年11月16日", sub(r"\b16\b", "15"), "numbers.date"),
    Injection("重庆市科学技术局关于", sub(r"Fourth Session", "Third Session"), "numbers.missing"),
    Injection("您提出的《促进", sub(r"No\. 0426", "No. 0462"), "numbers.missing"),
    Injection("西部(重庆)科学城以建设", sub(r"\b44\b", "4"), "numbers.missing"),
    Injection("川渝12家国家级高新区", sub(r"\b26\b", "62"), "numbers.missing"),
    Injection("川渝人社部门签订", sub(r"\b95\b", "59"), "numbers.missing"),
    Injection("川渝23个市区县", sub(r"\b28\b", "18"), "numbers.missing"),
    Injection("促进川渝人才协同发展", sub(r"2020 Chongqing", "2021 Chongqing"), "numbers.missing"),
    Injection("中央财经委员会第六次会议", sub(r"sixth meeting", "seventh meeting"), "numbers.missing"),
    Injection("签订科技专家库", sub(r"more than 8,000", "8,000"), "numbers.approx"),
    Injection("协同推进知识产权合作。", sub(r"\.$", " in 2019."), "numbers.extra"),
    Injection("今年,双方各出资2000万元", sub(r"20 million", "30 million"), "numbers.missing", fuzzy=True),
    # untranslated
    Injection("协同推进创新体系建设。", lambda msgid, _s: msgid, "untranslated.copy"),
    Injection("不断加强财政资金支持。", sub(r"\.$", " (财政资金)."), "untranslated.han"),
    Injection("重庆市科学技术局", lambda _m, _s: "重庆市科技局", "untranslated.han"),
    Injection("着力深化债权融资。", lambda _m, _s: "", "untranslated.empty", fuzzy=True),
    # form
    Injection("共同争取中央编办支持", sub(r"\)", ""), "form.brackets"),
    Injection("加强人才培养与交流合作。", sub(r"\.$", "。"), "form.fullwidth"),
    Injection("持续强化股权投资。", sub(r"\.$", ""), "form.stop"),
    Injection("共同推进直接融资。", sub(r" ", "  "), "form.spaces"),
    Injection("协同推进关键核心技术攻关。", lambda _m, s: s + " ", "form.edge-space"),
    # length and glossary
    Injection("组建成渝地区双城经济圈高校联盟", truncate(10), "length.ratio"),
    Injection("成立成渝地区双城经济圈技术转移联盟", sub(r"Chengdu-Chongqing Economic Circle", "Twin-City Zone"), "glossary.term"),
]  # fmt: skip


def reviewed() -> tuple[list[tuple[str, str, int]], Path | None] | None:
    """The project's catalog and glossary when the catalog is complete, else None."""
    if SEED_PO.is_file():
        cat = catalog.load(SEED_PO)
        live = [e for e in cat.entries if not e.obsolete]
        if live and all(e.status is Status.TRANSLATED for e in live):
            return [(e.msgid, e.msgstr, e.line) for e in live], GLOSSARY if GLOSSARY.is_file() else None
    return None


def base(name: str) -> tuple[list[tuple[str, str, int]], Path | None]:
    if name == "fixture":
        return list(checks_seed.PAIRS), None
    found = reviewed()
    # The reviewed catalog is committed and complete: its absence is a failure, not a reason to skip.
    assert found is not None, f"the reviewed catalog {SEED_PO} is missing or no longer complete"
    return found


def corrupt(pairs: list[tuple[str, str, int]]) -> tuple[list[tuple[str, str, int]], frozenset[str], dict[str, str]]:
    result = list(pairs)
    fuzzy: set[str] = set()
    expected: dict[str, str] = {}
    for injection in INJECTIONS:
        exact = [i for i, p in enumerate(result) if p[0] == injection.msgid_start]
        index = exact[0] if exact else next(i for i, p in enumerate(result) if p[0].startswith(injection.msgid_start))
        msgid, msgstr, line = result[index]
        assert msgid not in expected, f"two injections in one entry: {msgid}"
        result[index] = (msgid, injection.change(msgid, msgstr), line)
        expected[msgid] = injection.check
        if injection.fuzzy:
            fuzzy.add(msgid)
    return result, frozenset(fuzzy), expected


def run(tmp_path: Path, pairs: list[tuple[str, str, int]], glossary: Path | None, fuzzy: frozenset[str] = frozenset()):
    path = checks_seed.write(tmp_path / "en" / "seed.po", pairs, fuzzy)
    if glossary is None:
        glossary = tmp_path / "glossary.tsv"
        glossary.write_text(FIXTURE_GLOSSARY, encoding="utf-8")
    return checks.check_paths([path], glossary=glossary)


def test_there_are_enough_injections() -> None:
    assert len(INJECTIONS) >= 20
    assert len({i.check for i in INJECTIONS}) >= 14


@pytest.mark.parametrize("name", ["reviewed", "fixture"])
def test_corrupted_catalog_is_caught_in_full(tmp_path: Path, name: str) -> None:
    pairs, glossary = base(name)
    corrupted, fuzzy, expected = corrupt(pairs)
    clean_findings = {(f.msgid, f.check) for f in run(tmp_path / "clean", pairs, glossary).findings}
    findings = run(tmp_path / "bad", corrupted, glossary, fuzzy).findings
    found = {(f.msgid, f.check) for f in findings}
    missed = [(msgid[:20], check) for msgid, check in expected.items() if (msgid, check) not in found]
    assert missed == [], f"{len(missed)} of {len(expected)} injected errors missed"
    # Nothing reported on an entry that was not touched, beyond what the clean catalog already had.
    stray = [
        (f.msgid[:20], f.check)
        for f in findings
        if f.msgid not in expected and (f.msgid, f.check) not in clean_findings
    ]
    assert stray == []


def test_fixture_catalog_is_clean(tmp_path: Path) -> None:
    findings = run(tmp_path, list(checks_seed.PAIRS), None).findings
    # The seed itself skips from (二) to (四): that is the one true finding.
    assert [(f.check, f.severity) for f in findings] == [("source.enumeration", Severity.WARNING)]


def test_reviewed_catalog_has_no_error() -> None:
    assert SEED_PO.is_file(), f"the reviewed catalog {SEED_PO} is missing"
    result = checks.check_paths([SEED_PO], glossary=GLOSSARY if GLOSSARY.is_file() else None)
    errors = [f for f in result.findings if f.severity is Severity.ERROR]
    assert errors == []
    false = [f for f in result.findings if not f.check.startswith("source.")]
    assert len(false) <= 2, [(f.line, f.check, f.message) for f in false]
