"""TMX 1.4 that translate-toolkit (and so CAT tools) read."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from translate.storage import tmx as tt_tmx

from aligner.model import JOINED_MARK
from aligner.render import tmx
from test_render_common import LETTER, letter, seed_alignment, write_seed_catalog

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def expected_pairs(rows: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """What a memory must hold, from the letter's table: each translated entry once, a "↑" entry's
    Chinese added to the entry before it; untranslated and fuzzy ones left out."""
    pairs: list[tuple[str, str]] = []
    for index, (text, msgstr) in enumerate(rows):
        if msgstr == JOINED_MARK:
            pairs[-1] = (pairs[-1][0] + text, pairs[-1][1])
        elif msgstr and index != 11:  # row 11 is fuzzy in the letter
            pairs.append((text, msgstr))
    return list(dict.fromkeys(pairs))


def test_units_are_every_translated_pair_in_order() -> None:
    alignment = letter(r7="A <task> force & co.")
    out = tmx.render(alignment)
    root = ElementTree.fromstring(out.encode())
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "zh-CN" and header.get("creationdate") is None
    units = root.findall("body/tu")
    assert all([tuv.get(XML_LANG) for tuv in tu.findall("tuv")] == ["zh-CN", "en"] for tu in units)
    pairs = [tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in units]
    rows = [(text, "A <task> force & co." if i == 7 else msgstr) for i, (text, _k, _p, msgstr) in enumerate(LETTER)]
    assert pairs == expected_pairs(rows)
    assert ("召开3次会议。签订协议。", "It met three times") in pairs  # joined entries: one unit
    assert len(units) == 12
    notes = [n.text for n in root.iter("note")]
    assert notes == ["审签: approved and signed off; <b>not</b> a signature."]
    # Markup in catalog text is escaped in the file, and reads back exactly.
    assert "<seg>A &lt;task&gt; force &amp; co.</seg>" in out
    assert "<note>审签: approved and signed off; &lt;b&gt;not&lt;/b&gt; a signature.</note>" in out


def test_creation_date_only_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tmx.render(letter()) == tmx.render(letter())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1639000000")
    assert 'creationdate="20211208T214640Z"' in tmx.render(letter())


def test_control_characters_are_dropped_and_the_rest_kept() -> None:
    out = tmx.render(letter(r7="bell\x07 here\x1b[0m, form\x0cfeed"))
    pairs = dict(tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in ElementTree.fromstring(out).iter("tu"))
    assert pairs["联合成立专项工作组。"] == "bell here[0m, formfeed"  # XML 1.0 cannot hold them


def test_translate_toolkit_reads_the_seed(tmp_path: Path) -> None:
    alignment = seed_alignment(write_seed_catalog(tmp_path / "en" / "seed.po"))
    path = tmp_path / "seed.tmx"
    path.write_text(tmx.render(alignment), encoding="utf-8")
    store = tt_tmx.tmxfile.parsefile(str(path))
    read = [(u.source, u.target) for u in store.units]
    entries = [row.entry for row in alignment.rows if row.entry is not None]
    assert not any(e.joined or e.fuzzy for e in entries)  # the seed has neither: each entry is one unit
    expected = list(dict.fromkeys((e.msgid, e.msgstr) for e in entries if e.msgstr))
    assert read == expected and len(read) > 90
    assert store.gettargetlanguage() in (None, "en") and store.getsourcelanguage() == "zh-CN"


def test_translate_toolkit_reads_escaped_text_exactly(tmp_path: Path) -> None:
    path = tmp_path / "letter.tmx"
    path.write_text(tmx.render(letter(r7='A <task> force & "co."', r12="It's <b>final</b>.")), encoding="utf-8")
    by_source = {u.source: u.target for u in tt_tmx.tmxfile.parsefile(str(path)).units}
    assert by_source["联合成立专项工作组。"] == 'A <task> force & "co."'
    assert by_source["此复函已经局主要领导审签。"] == "It's <b>final</b>."
