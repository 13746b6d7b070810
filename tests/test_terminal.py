"""Catalog text bound for a terminal: every control character becomes a visible escape."""

from __future__ import annotations

import json

import pytest

from aligner import terminal


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("清屏\x1b[2J了", "清屏\\x1b[2J了"),
        ("title\x1b]0;pwned\x07", "title\\x1b]0;pwned\\x07"),
        ("C1 CSI \x9b31m", "C1 CSI \\x9b31m"),
        ("hidden\rshown", "hidden\\rshown"),
        ("back\x08\x08", "back\\x08\\x08"),
        ("tab\tand\nnewline", "tab\\tand\\nnewline"),
        ("DEL\x7f NUL\x00", "DEL\\x7f NUL\\x00"),
        ("reversed \u202egnp.exe\u202c", "reversed \\u202egnp.exe\\u202c"),
        ("isolate \u2066x\u2069 mark \u200f", "isolate \\u2066x\\u2069 mark \\u200f"),
        ("line\u2028sep", "line\\u2028sep"),
        ("川渝联合出资2000万元 “quotes” ……", "川渝联合出资2000万元 “quotes” ……"),
    ],
)
def test_visible_escapes_controls_and_keeps_text(raw: str, shown: str) -> None:
    assert terminal.visible(raw) == shown


def test_visible_can_keep_tabs_and_newlines() -> None:
    assert terminal.visible("a\tb\nc\x1b[0m\r", lines=True) == "a\tb\nc\\x1b[0m\\r"


def test_json_text_escapes_what_json_dumps_leaves_raw_and_keeps_values() -> None:
    value = {"msgid": "a\x1b[2J\x9b\u202e\x7f\u2028z", "msgstr": "Chengdu-Chongqing 双城"}
    document = terminal.json_text(json.dumps(value, ensure_ascii=False))
    assert not any(c in document for c in "\x1b\x9b\u202e\x7f\u2028")
    assert "双城" in document
    assert json.loads(document) == value
