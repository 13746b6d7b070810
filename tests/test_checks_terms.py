"""One English per term across catalogs (terms.inconsistent), a TBX glossary as the TSV one, forbidden terms."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checks_seed
from aligner import checks
from aligner.checks.glossary import load as load_glossary
from aligner.cli import app
from aligner.hints import term_hints
from aligner.terms import glossary_concepts, read_pairs, tbx
from tests.conftest import DATA, ROOT, SEED_PO

GLOSSARY = ROOT / "translations" / "glossary.tsv"
CONSTITUTION = DATA / "terms" / "constitution.tmx"
runner = CliRunner()


def _po(path: Path, pairs: list[tuple[str, str]]) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    body = "".join(f'msgid "{zh}"\nmsgstr "{en.replace(chr(34), chr(92) + chr(34))}"\n\n' for zh, en in pairs)
    path.write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n' + body,
        encoding="utf-8",
    )
    return path


def _tbx_of(tsv: Path, target: Path) -> Path:
    target.write_text(tbx.write(glossary_concepts(load_glossary(tsv))), encoding="utf-8")
    return target


def _inconsistent(findings: list) -> list:
    return [f for f in findings if f.check == "terms.inconsistent"]


def test_silent_on_the_seed_catalog_with_its_glossary(tmp_path: Path) -> None:
    for glossary in (GLOSSARY, _tbx_of(GLOSSARY, tmp_path / "glossary.tbx")):
        result = checks.check_paths([SEED_PO], glossary=glossary)
        assert _inconsistent(result.findings) == []


# Sentences of the Constitution (tests/data/terms/constitution.tmx) in two catalogs of one language.
def _constitution() -> list[tuple[str, str]]:
    return [(p.zh, p.en) for p in read_pairs([(CONSTITUTION, "c.tmx")])]


def test_a_glossary_term_rendered_two_ways_in_two_catalogs(tmp_path: Path) -> None:
    pairs = _constitution()
    npc = [(zh, en) for zh, en in pairs if "全国人民代表大会" in zh and "National People's Congress" in en]
    assert len(npc) >= 4
    first = _po(tmp_path / "en" / "a.po", npc[:2])
    second = _po(
        tmp_path / "en" / "b.po", [(zh, en.replace("National People's Congress", "NPC")) for zh, en in npc[2:]]
    )
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text("source\ttarget\tnote\n全国人民代表大会\tNational People's Congress|NPC\t\n", encoding="utf-8")
    found = _inconsistent(checks.check_paths([first, second], glossary=glossary).findings)
    assert len(found) == 1
    (one,) = found
    assert one.path.endswith("a.po") and one.line == 6  # the first unit of the rendering used less
    assert one.message.startswith("全国人民代表大会 rendered 2 ways: ")
    assert "“NPC” " in one.message and "b.po:" in one.message
    assert "“National People's Congress” 2×" in one.message and "a.po:6" in one.message
    # One catalog alone is one way of rendering it: nothing to report across catalogs.
    assert _inconsistent(checks.check_paths([second], glossary=glossary).findings) == []


# Text written for this test: a term mined from the catalogs (no glossary), rendered two ways.
_WRITTEN = [
    ("生物多样性是人类生存的基础。", "Biodiversity is the basis for human survival."),
    ("中国重视生物多样性。", "China attaches importance to biodiversity."),
    ("生物多样性面临威胁。", "Biodiversity faces threats."),
    ("各国合作保护生物多样性。", "Countries cooperate to conserve biodiversity."),
    ("生物多样性与气候变化相关。", "Biological diversity is linked to climate change."),
    ("城市也有生物多样性。", "Cities also have biological diversity."),
]


def test_a_mined_term_rendered_two_ways_in_two_catalogs_without_a_glossary(tmp_path: Path) -> None:
    first = _po(tmp_path / "en" / "a.po", _WRITTEN[:4])
    second = _po(tmp_path / "en" / "b.po", _WRITTEN[4:])
    (one,) = _inconsistent(checks.check_paths([first, second]).findings)
    assert one.path.endswith("b.po") and one.line == 6
    assert re.fullmatch(
        r"生物多样性 rendered 2 ways: “biodiversity” 4× \(.*a\.po:6, .*a\.po:9, .*a\.po:12, and 1 more\); "
        r"“biological diversity” 2× \(.*b\.po:6, .*b\.po:9\)",
        one.message,
    ), one.message
    # The same two renderings inside one catalog are not this check's (glossary.consistency's, per segment).
    alone = _po(tmp_path / "one" / "en" / "c.po", _WRITTEN)
    assert _inconsistent(checks.check_paths([alone]).findings) == []


def test_check_json_carries_it(tmp_path: Path) -> None:
    first = _po(tmp_path / "en" / "a.po", _WRITTEN[:4])
    second = _po(tmp_path / "en" / "b.po", _WRITTEN[4:])
    empty = tmp_path / "empty.tsv"
    empty.write_text("source\ttarget\tnote\n", encoding="utf-8")
    result = runner.invoke(app, ["check", str(first), str(second), "--format", "json", "--glossary", str(empty)])
    assert result.exit_code == 0, result.output
    found = [f for f in json.loads(result.stdout)["findings"] if f["check"] == "terms.inconsistent"]
    assert [(f["severity"], Path(f["path"]).name, f["line"], f["msgid"]) for f in found] == [
        ("warning", "b.po", 6, "生物多样性与气候变化相关。")
    ]
    # --jobs: the same findings from worker processes.
    parallel = runner.invoke(
        app, ["check", str(first), str(second), "--format", "json", "--glossary", str(empty), "--jobs", "2"]
    )
    assert json.loads(parallel.stdout)["findings"] == json.loads(result.stdout)["findings"]


def _normal(findings: list) -> list[tuple[str, str, int, str]]:
    # The glossary line of a TSV term and of its TBX entry differ; everything else must not.
    return [(f.check, f.path, f.line, re.sub(r"line \d+", "line N", f.message)) for f in findings]


def test_a_tbx_glossary_drives_check_and_hints_as_the_tsv(tmp_path: Path) -> None:
    base = _tbx_of(GLOSSARY, tmp_path / "glossary.tbx")
    tsv_terms, tbx_terms = load_glossary(GLOSSARY).terms, load_glossary(base).terms
    assert [(t.source, t.targets, t.note) for t in tbx_terms] == [(t.source, t.targets, t.note) for t in tsv_terms]
    # The seed's reviewed catalog, with some renderings changed so that glossary.term has findings.
    changed = [
        (msgid, msgstr.replace("Science and Technology Bureau", "Sci-Tech Bureau").replace("CPPCC", "PPCC"), line)
        for msgid, msgstr, line in checks_seed.PAIRS
    ]
    catalog = checks_seed.write(tmp_path / "en" / "seed.po", changed)
    with_tsv = checks.check_paths([catalog], glossary=GLOSSARY).findings
    with_tbx = checks.check_paths([catalog], glossary=base).findings
    assert sum(1 for f in with_tsv if f.check == "glossary.term") >= 5
    assert _normal(with_tbx) == _normal(with_tsv)
    texts = [msgid for msgid, _msgstr, _line in checks_seed.PAIRS]
    hints = term_hints(texts, load_glossary(GLOSSARY))
    assert len(hints) >= 10
    assert term_hints(texts, load_glossary(base)) == hints


def test_a_forbidden_rendering_is_an_error(tmp_path: Path) -> None:
    base = tmp_path / "terms.tbx"
    base.write_text(
        tbx.write(
            [
                tbx.Concept(
                    (tbx.TermItem("全国人民代表大会", tbx.PREFERRED),),
                    (tbx.TermItem("National People's Congress", tbx.PREFERRED), tbx.TermItem("NPC", tbx.DEPRECATED)),
                )
            ]
        ),
        encoding="utf-8",
    )
    npc = [(zh, en) for zh, en in _constitution() if "全国人民代表大会" in zh and "National People's Congress" in en]
    catalog = _po(
        tmp_path / "en" / "a.po", [npc[0], (npc[1][0], npc[1][1].replace("National People's Congress", "NPC"))]
    )
    result = runner.invoke(app, ["check", str(catalog), "--glossary", str(base), "--format", "json"])
    assert result.exit_code == 1  # an error at the default --fail-on error
    found = [f for f in json.loads(result.stdout)["findings"] if f["check"].startswith("glossary")]
    assert [(f["check"], f["severity"], f["line"]) for f in found] == [("glossary.forbidden", "error", 9)]
    assert found[0]["message"] == (
        "全国人民代表大会 is rendered “NPC”, a rendering the glossary forbids (line 12); use “National People's Congress”"
    )


@pytest.mark.parametrize("name", ["glossary.tbx"])
def test_the_project_reads_translations_glossary_tbx_when_there_is_no_tsv(tmp_path: Path, name: str) -> None:
    from aligner.config import load_project

    (tmp_path / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    (tmp_path / "translations").mkdir()
    _tbx_of(GLOSSARY, tmp_path / "translations" / name)
    assert load_project(tmp_path).glossary == tmp_path / "translations" / name
    (tmp_path / "translations" / "glossary.tsv").write_text("source\ttarget\tnote\n", encoding="utf-8")
    assert load_project(tmp_path).glossary == tmp_path / "translations" / "glossary.tsv"


def test_a_hint_names_the_forbidden_rendering() -> None:
    from aligner.checks.glossary import Glossary, Term

    glossary = Glossary("g.tbx", (Term("全国人民代表大会", ("National People's Congress",), "", 3, ("NPC",)),))
    assert term_hints(["全国人民代表大会常务委员会组成人员"], glossary) == {
        "全国人民代表大会常务委员会组成人员": "Terms: 全国人民代表大会 = National People's Congress (not NPC)"
    }


def test_an_occurrence_inside_a_longer_term_is_that_terms(tmp_path: Path) -> None:
    # Written for this test: 生物多样性 in 生物多样性公约 is rendered within the Convention's name.
    convention = [
        ("中国于1992年签署生物多样性公约。", "China signed the Convention on Biological Diversity in 1992."),
        (
            "生物多样性公约缔约方大会在昆明举行。",
            "The Conference of the Parties to the Convention on Biological Diversity was held in Kunming.",
        ),
        ("中国积极履行生物多样性公约。", "China actively fulfills the Convention on Biological Diversity."),
        ("城市也有生物多样性。", "Cities also have biodiversity."),
    ]
    first = _po(tmp_path / "en" / "a.po", _WRITTEN[:4])
    second = _po(tmp_path / "en" / "b.po", convention)
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text(
        "source\ttarget\tnote\n生物多样性\tbiodiversity|biological diversity\t\n"
        "生物多样性公约\tConvention on Biological Diversity\t\n",
        encoding="utf-8",
    )
    assert _inconsistent(checks.check_paths([first, second], glossary=glossary).findings) == []
    # The same renderings outside the Convention's name are two ways of rendering the term.
    alone = _po(
        tmp_path / "en" / "c.po",
        [
            ("生物多样性需要保护。", "Biological diversity needs protection."),
            ("生物多样性很重要。", "Biological diversity matters."),
        ],
    )
    assert len(_inconsistent(checks.check_paths([first, alone], glossary=glossary).findings)) == 1


def test_pretranslate_reads_the_term_base_too(tmp_path: Path) -> None:
    from aligner.config import load_project
    from aligner.prefill import _terms

    (tmp_path / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    (tmp_path / "translations").mkdir()
    _tbx_of(GLOSSARY, tmp_path / "translations" / "glossary.tbx")
    checker = _terms(load_project(tmp_path))
    assert checker is not None
    assert {s: t.targets for s, t in checker.terms.items()} == {
        t.source: t.targets for t in load_glossary(GLOSSARY).terms
    }
