"""The fast PO reader reads every catalog as polib does (catalog.load uses it, polib decides the rest)."""

from __future__ import annotations

from pathlib import Path

import pytest

import checks_seed
from aligner import catalog
from aligner.errors import CatalogError
from conftest import ROOT, SEED_PO

UNUSUAL = """# Translator comment
# second line
#, fuzzy
msgid ""
msgstr ""
"Project-Id-Version: seed\\n"
"Language: en\\n"
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

# 译者注：数字需核对
#. body, paragraph 20 sentence 11
#: seeds/000_9e415571a82dd196.txt:30 seeds/other.txt
#, fuzzy, c-format
#| msgid "整合两地总价值约112亿元的大型仪器设备"
msgid ""
"整合两地总价值约112亿元的大型仪器设备14090台/套,"
"交换共享第一批8000余名专家信息。"
msgstr ""
"pooling 14,090 units worth about 11.2 billion yuan\\n"
"and \\"more than\\" 8,000 experts\\t(first batch)\\\\"

msgctxt "heading"
msgid "(一)建立川渝科技创新合作机制,共同向上争取国家支持。"
msgstr "(1) Setting up a Sichuan-Chongqing cooperation mechanism."

msgid "%d 家企业"
msgid_plural "%d 家企业"
msgstr[0] "%d enterprise"
msgstr[1] "%d enterprises"

msgid "两江新区携手天府新区打造内陆开放门户。"
msgstr "↑"

#~ msgid "三是共同开展关键核心技术攻关。"
#~ msgstr ""
#~ "Third, tackling key core technologies together."
"""


def same(path: Path) -> None:
    fast, slow = catalog.load(path), catalog.load_with_polib(path)
    assert fast.entries == slow.entries
    assert (fast.language, fast.header, fast.path) == (slow.language, slow.header, slow.path)


def test_unusual_but_valid_catalog(tmp_path: Path) -> None:
    path = tmp_path / "unusual.po"
    path.write_text(UNUSUAL, encoding="utf-8")
    same(path)
    entries = catalog.load(path).entries
    assert entries[0].msgstr.endswith('"more than" 8,000 experts\t(first batch)\\')
    assert entries[-1].obsolete
    assert entries[-1].line == UNUSUAL.splitlines().index('#~ msgid "三是共同开展关键核心技术攻关。"') + 1


def test_crlf_catalog(tmp_path: Path) -> None:
    path = tmp_path / "crlf.po"
    path.write_bytes(UNUSUAL.replace("\n", "\r\n").encode("utf-8"))
    same(path)


def test_seed_catalogs(tmp_path: Path) -> None:
    same(checks_seed.write(tmp_path / "seed.po", fuzzy=frozenset({checks_seed.PAIRS[3][0]})))
    for path in (SEED_PO, ROOT / "translations" / "000_9e415571a82dd196.pot"):
        if path.is_file():
            same(path)


@pytest.mark.parametrize(
    "text",
    [
        'msgid ""\nmsgstr ""\n\nmsgid "召开3次专项工作组会议"\nmsgstr "held three meetings\n',
        'msgid ""\nmsgstr ""\n\nmsgstr "held three meetings"\n',
        'msgid ""\nmsgstr ""\n\nmsgid "召开3次" garbage\nmsgstr "three"\n',
    ],
)
def test_malformed_catalog_gives_the_same_error(tmp_path: Path, text: str) -> None:
    path = tmp_path / "bad.po"
    path.write_text(text, encoding="utf-8")
    with pytest.raises(CatalogError) as slow:
        catalog.load_with_polib(path)
    with pytest.raises(CatalogError) as fast:
        catalog.load(path)
    assert str(fast.value) == str(slow.value)
    assert str(fast.value).startswith(f"{path}:")


def test_odd_files_polib_accepts_read_the_same(tmp_path: Path) -> None:
    # A last msgid without msgstr: polib reads it, msgfmt would not; either way, one reading.
    path = tmp_path / "odd.po"
    path.write_text('msgid ""\nmsgstr ""\n\nmsgid "召开3次专项工作组会议"\n', encoding="utf-8")
    same(path)


def test_not_a_catalog(tmp_path: Path) -> None:
    binary = tmp_path / "x.mo"
    binary.write_bytes(b"\xde\x12\x04\x95\x00\x00\x00\x00")
    with pytest.raises(CatalogError):
        catalog.load(binary)
    with pytest.raises(CatalogError):
        catalog.load(tmp_path / "missing.po")
