"""Bilingual Markdown: a table per paragraph, safe in a forge's preview."""

from __future__ import annotations

from pathlib import Path

import pytest

from aligner.render import markdown
from test_render_common import LETTER, letter


@pytest.mark.parametrize(
    ("raw", "escaped"),
    [
        ("a | b", "a \\| b"),
        ("*bold* _it_ `code`", "\\*bold\\* \\_it\\_ \\`code\\`"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("<script>alert(1)</script>", "&lt;script&gt;alert(1)&lt;/script&gt;"),
        ("a\\b", "a\\\\b"),
        ("one\ntwo", "one<br>two"),
        ("&amp;", "&amp;amp;"),
        ("《建议》(第0426号)", "《建议》(第0426号)"),
    ],
)
def test_escape(raw: str, escaped: str) -> None:
    assert markdown.escape(raw) == escaped


def test_tables_follow_paragraphs() -> None:
    out = markdown.render(letter())
    assert out.startswith("# 关于第0426号提案的复函\n\n**Reply to Proposal No. 0426**\n")
    assert "| ¶1 | 中文 | English |" in out
    assert "| ¶2–3 | 中文 | English |" in out  # metadata lines on consecutive source lines: one table
    assert "| 4.1 |" not in out and out.count("关于第0426号提案的复函") == 1  # the title once, as the heading
    assert "- Issued by: 市科技局" in out
    assert "| 7.3–4 | 召开3次会议。签订协议。 | It met three times |" in out
    assert "| 7.5 | 共同争取国家支持。 | _(untranslated)_ 共同争取国家支持。 |" in out
    assert "| 7.6 | 完善政策体系。 | _(fuzzy)_ The policy system was improved. |" in out
    assert "[^1]" in out and "[^1]: 8.1: 审签: approved and signed off; &lt;b&gt;not&lt;/b&gt; a signature." in out


def test_every_row_has_three_cells() -> None:
    out = markdown.render(letter(r1="a | b | c", r2="x\ny"))
    for line in out.splitlines():
        if line.startswith("| "):
            cells = [c for c in line.replace("\\|", "").split("|")[1:-1]]
            assert len(cells) == 3, line


def test_every_segment_present() -> None:
    out = markdown.render(letter())
    for zh, *_ in LETTER:
        assert markdown.escape(zh) in out


def test_every_footnote_is_referenced_title_included(tmp_path: Path) -> None:
    import re

    from test_render_common import seed_alignment, write_seed_catalog

    out = markdown.render(seed_alignment(write_seed_catalog(tmp_path / "en" / "seed.po")))
    defined = re.findall(r"^\[\^(\d+)\]:", out, flags=re.M)
    assert defined
    for number in defined:
        assert len(re.findall(rf"\[\^{number}\](?!:)", out)) == 1, number
