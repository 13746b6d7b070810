"""The TMX header and character data every TMX writer of aligner shares."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from aligner import __version__, tmxfile


def test_text_escapes_markup_and_drops_what_xml_forbids() -> None:
    raw = '财政 <b>&</b> "引号"\x0b\x1b\ufffe\t重庆\n'
    assert tmxfile.text(raw) == '财政 &lt;b&gt;&amp;&lt;/b&gt; "引号"\t重庆\n'
    assert ET.fromstring(f"<seg>{tmxfile.text(raw)}</seg>").text == '财政 <b>&</b> "引号"\t重庆\n'


def test_header_is_dated_only_by_source_date_epoch(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    undated = ET.fromstring(f"<header {tmxfile.header_attributes(o_tmf='PO')}/>").attrib
    assert undated["o-tmf"] == "PO" and undated["srclang"] == "zh-CN"
    assert undated["creationtoolversion"] == __version__ and "creationdate" not in undated
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    dated = ET.fromstring(f"<header {tmxfile.header_attributes()}/>").attrib
    assert dated["creationdate"] == "20231114T221320Z" and dated["o-tmf"] == "aligner"
