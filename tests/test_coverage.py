"""Coverage counts equal what GNU msgfmt --statistics reports for the same file."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import checks_seed
from aligner import catalog, coverage
from conftest import SEED_PO

EDGES = """msgid ""
msgstr ""
"Content-Type: text/plain; charset=UTF-8\\n"
"Plural-Forms: nplurals=2; plural=(n != 1);\\n"

msgid "召开3次专项工作组会议"
msgstr "held three meetings"

#, fuzzy
msgid "整合两地总价值约112亿元的大型仪器设备"
msgstr ""

#, fuzzy
msgid "川渝联合出资2000万元"
msgstr "jointly invested 20 million yuan"

msgid "协同推进创新体系建设。"
msgstr ""

msgid "两江新区携手天府新区打造内陆开放门户。"
msgstr "↑"

msgid "%d 家企业"
msgid_plural "%d 家企业"
msgstr[0] "%d enterprise"
msgstr[1] ""

msgid "%d 个项目"
msgid_plural "%d 个项目"
msgstr[0] ""
msgstr[1] "%d projects"

#, fuzzy, c-format
msgid "%d 所高校"
msgid_plural "%d 所高校"
msgstr[0] "%d university"
msgstr[1] "%d universities"

#~ msgid "三是共同开展关键核心技术攻关。"
#~ msgstr "Third, tackling key core technologies together."
"""


def msgfmt_statistics(msgfmt: str, path: Path) -> tuple[int, int, int]:
    """(translated, fuzzy, untranslated) as msgfmt prints them."""
    done = subprocess.run(
        [msgfmt, "--statistics", "-o", "/dev/null", str(path)], capture_output=True, text=True, check=True
    )
    text = done.stderr + done.stdout
    counts = []
    for pattern in (r"(\d+) translated message", r"(\d+) fuzzy translation", r"(\d+) untranslated message"):
        match = re.search(pattern, text)
        counts.append(int(match.group(1)) if match else 0)
    return counts[0], counts[1], counts[2]


def ours(path: Path) -> tuple[int, int, int]:
    c = coverage.count(catalog.load(path))
    assert c.total == c.translated + c.fuzzy + c.untranslated
    return c.translated, c.fuzzy, c.untranslated


def test_edge_cases_count_as_msgfmt(msgfmt: str, tmp_path: Path) -> None:
    path = tmp_path / "edges.po"
    path.write_text(EDGES, encoding="utf-8")
    assert ours(path) == msgfmt_statistics(msgfmt, path) == (3, 2, 3)
    assert coverage.count(catalog.load(path)).obsolete == 1


def test_seed_fixture_counts_as_msgfmt(msgfmt: str, tmp_path: Path) -> None:
    path = checks_seed.write(tmp_path / "seed.po", fuzzy=frozenset(p[0] for p in checks_seed.PAIRS[10:14]))
    assert ours(path) == msgfmt_statistics(msgfmt, path)


def test_reviewed_seed_catalog_counts_as_msgfmt(msgfmt: str) -> None:
    assert SEED_PO.is_file(), f"the reviewed catalog {SEED_PO} is missing"
    assert ours(SEED_PO) == msgfmt_statistics(msgfmt, SEED_PO)


def test_sizes_count_han_and_words(tmp_path: Path) -> None:
    pairs = [("评审通过5个川渝联合共建重点实验室。", "5 key laboratories passed review, 14,090 units.", 1)]
    c = coverage.count(catalog.load(checks_seed.write(tmp_path / "a.po", pairs)))
    assert (c.source_chars, c.target_words) == (16, 7)
