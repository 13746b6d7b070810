"""TBX: TBX-Basic v3 and TBX 2008 written and read back, read by translate-toolkit, hostile files refused."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner.checks.glossary import load as load_glossary
from aligner.cli import app
from aligner.terms import concepts, read_pairs, tbx, to_tbx, to_tsv
from aligner.terms.mine import Candidate, mine
from tests.conftest import DATA, SEED_PO

CONSTITUTION = DATA / "terms" / "constitution.tmx"
V3 = "{urn:iso:std:iso:30042:ed-2}"


@pytest.fixture(scope="module")
def mined() -> list[Candidate]:
    return mine(read_pairs([(CONSTITUTION, "constitution.tmx")]), top=None)


def _without_lines(found: list[tbx.Concept]) -> list[tbx.Concept]:
    return [tbx.Concept(c.zh, c.en, c.note) for c in found]


@pytest.mark.parametrize("version", ["v3", "2008"])
def test_round_trip_gives_the_same_concepts(mined: list[Candidate], version: str) -> None:
    written = concepts(mined)
    text = tbx.write(written, version=version)
    read = tbx.parse(text.encode("utf-8"), shown="terms.tbx")
    assert _without_lines(read) == written
    assert all(c.line > 0 for c in read)
    # The same file again: a term base is written byte for byte the same.
    assert tbx.write(written, version=version) == text


@pytest.mark.parametrize("fmt", ["tbx", "tbx-2008"])
def test_a_written_term_base_is_the_same_glossary_as_the_tsv(mined: list[Candidate], tmp_path: Path, fmt: str) -> None:
    tsv, base = tmp_path / "terms.tsv", tmp_path / "terms.tbx"
    tsv.write_text(to_tsv(mined), encoding="utf-8")
    base.write_text(to_tbx(mined, version="2008" if fmt == "tbx-2008" else "v3"), encoding="utf-8")
    from_tsv, from_tbx = load_glossary(tsv).terms, load_glossary(base).terms
    # The variants are admitted renderings in the term base, notes in the TSV.
    assert [(t.source, t.targets[0], t.note) for t in from_tbx] == [(t.source, t.targets[0], t.note) for t in from_tsv]
    assert [t.targets[1:] for t in from_tbx] == [tuple(v.en for v in c.variants) for c in mined]


def test_v3_structure(mined: list[Candidate]) -> None:
    from lxml import etree

    root = etree.fromstring(to_tbx(mined[:10]).encode("utf-8"))
    assert root.tag == f"{V3}tbx"
    assert (root.get("type"), root.get("style")) == ("TBX-Basic", "dca")
    assert root.get("{http://www.w3.org/XML/1998/namespace}lang") == "en"
    assert [child.tag for child in root] == [f"{V3}tbxHeader", f"{V3}text"]
    entries = root.findall(f"{V3}text/{V3}body/{V3}conceptEntry")
    assert len(entries) == 10
    assert len({e.get("id") for e in entries}) == 10
    for entry in entries:
        sections = entry.findall(f"{V3}langSec")
        assert [s.get("{http://www.w3.org/XML/1998/namespace}lang") for s in sections] == ["zh", "en"]
        for section in sections:
            for term in section:
                assert term.tag == f"{V3}termSec"
                tags = [(c.tag.removeprefix(V3), c.get("type")) for c in term]
                assert tags[0] == ("term", None)
                # term, then its termNotes, then the other data categories (the core structure's order).
                notes = [t for t in tags if t[0] == "termNote"]
                assert tags[1 : 1 + len(notes)] == notes
                assert set(tags[1:]) <= {
                    ("termNote", "partOfSpeech"),
                    ("termNote", "administrativeStatus"),
                    ("descrip", "context"),
                    ("admin", "source"),
                }
    first = entries[0].find(f"{V3}langSec/{V3}termSec")
    assert first.findtext(f"{V3}termNote[@type='administrativeStatus']") == "preferredTerm-admn-sts"
    assert first.findtext(f"{V3}termNote[@type='partOfSpeech']") in ("noun", "properNoun")


def test_translate_toolkit_reads_the_2008_form(mined: list[Candidate]) -> None:
    from translate.storage import tbx as toolkit

    store = toolkit.tbxfile.parsestring(to_tbx(mined, version="2008").encode("utf-8"), "zh", "en")
    assert [(u.source, u.target) for u in store.units] == [(c.zh, c.en) for c in mined]


def test_a_term_base_written_by_translate_toolkit_is_a_glossary(tmp_path: Path) -> None:
    from translate.storage import tbx as toolkit

    store = toolkit.tbxfile(sourcelanguage="zh", targetlanguage="en")
    for zh, en in [("国务院", "State Council"), ("全国人民代表大会", "National People's Congress")]:
        store.addsourceunit(zh).target = en
    path = tmp_path / "toolkit.tbx"
    path.write_bytes(bytes(store))
    assert [(t.source, t.targets) for t in load_glossary(path).terms] == [
        ("国务院", ("State Council",)),
        ("全国人民代表大会", ("National People's Congress",)),
    ]


@pytest.mark.parametrize(
    ("status", "forbidden"),
    [
        ("deprecatedTerm-admn-sts", True),
        ("supersededTerm-admn-sts", True),
        ("deprecated", True),  # the short form some TBX 2008 tools write
        ("admittedTerm-admn-sts", False),
        ("preferredTerm-admn-sts", False),
    ],
)
def test_administrative_status(tmp_path: Path, status: str, forbidden: bool) -> None:
    path = tmp_path / "g.tbx"
    path.write_text(
        '<martif type="TBX"><text><body><termEntry><langSet xml:lang="zh-CN"><tig><term>政协</term></tig></langSet>'
        '<langSet xml:lang="en-US"><tig><term>CPPCC</term></tig><tig><term>PPCC</term>'
        f'<termNote type="administrativeStatus">{status}</termNote></tig></langSet></termEntry></body></text></martif>',
        encoding="utf-8",
    )
    (term,) = load_glossary(path).terms
    assert (term.forbidden == ("PPCC",)) is forbidden
    assert term.targets == (("CPPCC",) if forbidden else ("CPPCC", "PPCC"))


_HOSTILE = {
    "laughs.tbx": (
        '<?xml version="1.0"?><!DOCTYPE tbx [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;">'
        '<!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;">]><tbx xmlns="urn:iso:std:iso:30042:ed-2"><text><body>'
        '<conceptEntry id="c1"><langSec xml:lang="zh"><termSec><term>&c;</term></termSec></langSec></conceptEntry>'
        "</body></text></tbx>",
        "declares entities",
    ),
    "external.tbx": (
        '<?xml version="1.0"?><!DOCTYPE martif [<!ENTITY x SYSTEM "file:///etc/passwd">]><martif><text><body>'
        '<termEntry><langSet xml:lang="zh"><tig><term>&x;</term></tig></langSet></termEntry></body></text></martif>',
        "declares entities",
    ),
    "broken.tbx": ('<tbx><text><body><conceptEntry id="c1">\n<langSec xml:lang="zh">', "malformed TBX"),
    "other.tbx": ("<tmx version='1.4'><body/></tmx>", "not a TBX file"),
    "empty.tbx": (
        '<martif><text><body><termEntry><langSet xml:lang="fr"><tig><term>Conseil</term></tig></langSet>'
        "</termEntry></body></text></martif>",
        "no Chinese-English terms",
    ),
}


@pytest.mark.parametrize("name", sorted(_HOSTILE))
def test_a_bad_or_hostile_term_base_is_one_line_and_exit_2(tmp_path: Path, name: str) -> None:
    text, message = _HOSTILE[name]
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(SEED_PO), "--glossary", str(path)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and name in lines[0]
    assert "Traceback" not in result.output


def test_an_external_dtd_is_not_fetched(tmp_path: Path) -> None:
    # A DOCTYPE naming a DTD on the network (as TBX 2008 files do) is read without loading it.
    path = tmp_path / "dtd.tbx"
    path.write_text(
        '<?xml version="1.0"?><!DOCTYPE martif SYSTEM "http://192.0.2.1/TBXcoreStructV02.dtd"><martif><text><body>'
        '<termEntry><langSet xml:lang="zh"><tig><term>国务院</term></tig></langSet><langSet xml:lang="en"><tig>'
        "<term>State Council</term></tig></langSet></termEntry></body></text></martif>",
        encoding="utf-8",
    )
    assert [(t.source, t.targets) for t in load_glossary(path).terms] == [("国务院", ("State Council",))]
