"""TMX 1.4 that translate-toolkit (and so CAT tools) read."""

from __future__ import annotations

from pathlib import Path
from xml.etree import ElementTree

import pytest
from translate.storage import tmx as tt_tmx

from aligner.render import tmx
from test_render_common import letter, seed_alignment, write_seed_catalog

XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def test_units_are_translated_pairs() -> None:
    out = tmx.render(letter(r7="A <task> force & co."))
    root = ElementTree.fromstring(out.encode())
    assert root.get("version") == "1.4"
    header = root.find("header")
    assert header is not None and header.get("srclang") == "zh-CN" and header.get("creationdate") is None
    units = root.findall("body/tu")
    pairs = [tuple(seg.text for seg in tu.findall("tuv/seg")) for tu in units]
    langs = {tuple(tuv.get(XML_LANG) for tuv in tu.findall("tuv")) for tu in units}
    assert langs == {("zh-CN", "en")}
    assert ("联合成立专项工作组。", "A <task> force & co.") in pairs
    assert ("召开3次会议。签订协议。", "It met three times") in pairs  # joined entries: one unit
    sources = [p[0] for p in pairs]
    assert "共同争取国家支持。" not in sources  # untranslated
    assert "完善政策体系。" not in sources  # fuzzy
    assert len(units) == 12
    notes = [n.text for n in root.iter("note")]
    assert notes == ["审签: approved and signed off; <b>not</b> a signature."]


def test_creation_date_only_with_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    assert tmx.render(letter()) == tmx.render(letter())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1639000000")
    assert 'creationdate="20211208T214640Z"' in tmx.render(letter())


def test_control_characters_dropped() -> None:
    ElementTree.fromstring(tmx.render(letter(r7="bell\x07 here")).encode())


def test_translate_toolkit_reads_the_seed(tmp_path: Path) -> None:
    alignment = seed_alignment(write_seed_catalog(tmp_path / "en" / "seed.po"))
    path = tmp_path / "seed.tmx"
    path.write_text(tmx.render(alignment), encoding="utf-8")
    store = tt_tmx.tmxfile.parsefile(str(path))
    units = [u for u in store.units if u.source]
    translated = {
        row.entry.msgid: row.entry.msgstr
        for row in alignment.rows
        if row.entry is not None and row.entry.msgstr and not row.entry.fuzzy and not row.entry.joined
    }
    assert units and len(units) <= len(translated)
    by_source = {u.source: u.target for u in units}
    for msgid, msgstr in translated.items():
        if msgid in by_source:
            assert by_source[msgid] == msgstr
    joined = sum(1 for row in alignment.rows if row.entry is not None and row.entry.joined)
    assert len(by_source) >= len(translated) - 2 * joined
