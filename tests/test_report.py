"""check's table and findings: text on a terminal shows control characters as escapes, JSON is exact."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import checks_seed
from aligner import report
from aligner.cli import app
from aligner.model import Coverage, Finding, Severity

runner = CliRunner()
HOSTILE_ID = "召开3次\x1b[2J\x1b]0;pwned\x07会议\u202e。"
HOSTILE_STR = "Held 4\x9b31m meetings\r."


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def hostile_catalog(tmp_path: Path) -> Path:
    return checks_seed.write(tmp_path / "en" / "seed.po", [*checks_seed.PAIRS[:20], (HOSTILE_ID, HOSTILE_STR, 40)])


def test_findings_never_carry_raw_controls_to_a_terminal() -> None:
    finding = Finding("numbers.missing", Severity.ERROR, "x\x1b[1m.po", 3, HOSTILE_ID, f"“3” missing in {HOSTILE_STR}")
    coverage = Coverage("x\x1b[1m.po", 1, 1, 0, 0, 0)
    for out in (io.StringIO(), Terminal()):
        report.write_text(out, [coverage], coverage, [finding])
        text = out.getvalue()
        # On a terminal rich adds its own colour codes (SGR, "ESC [ ... m"); nothing else may be raw.
        plain = re.sub(r"\x1b\[[0-9;]*m", "", text)
        assert not re.search(r"[\x00-\x09\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]", plain)
        assert "\\x1b[2J" in text and "\\x9b31m" in text and "\\u202e" in text and "\\r" in text
        assert "x\\x1b[1m.po:3: error [numbers.missing]" in text


def test_check_text_output_escapes_catalog_text(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(hostile_catalog(tmp_path))])
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\r"):
        assert raw not in result.stdout and raw not in result.stderr
    assert "\\x1b[2J" in result.stdout


def test_check_json_output_keeps_the_exact_text(tmp_path: Path) -> None:
    result = runner.invoke(app, ["check", str(hostile_catalog(tmp_path)), "--format", "json"])
    for raw in ("\x1b", "\x07", "\x9b", "\u202e", "\r"):
        assert raw not in result.stdout
    data = json.loads(result.stdout)
    assert HOSTILE_ID in {f["msgid"] for f in data["findings"]}


def _rich_text(coverages: list[Coverage], findings: list[Finding]) -> str:
    rows = [report._cells(c) for c in coverages]
    if len(coverages) > 1:
        rows.append(report._cells(_total(coverages)))
    out = io.StringIO()
    report._write_rich(out, rows, findings)
    return out.getvalue()


def _total(coverages: list[Coverage]) -> Coverage:
    return Coverage("total", *(sum(getattr(c, f) for c in coverages) for f in ("total", "translated", "fuzzy", "untranslated", "obsolete")))  # fmt: skip


_PATHS = st.text(alphabet=st.sampled_from("abcz019_-./ [](){}:*~"), min_size=1, max_size=130)
_COUNTS = st.integers(min_value=0, max_value=10**9)


@settings(max_examples=300, deadline=None)
@given(
    paths=st.lists(_PATHS, min_size=1, max_size=4),
    counts=st.lists(_COUNTS, min_size=5, max_size=5),
    messages=st.lists(st.text(min_size=0, max_size=80), max_size=3),
)
def test_the_table_off_a_terminal_is_byte_for_byte_richs(
    paths: list[str], counts: list[int], messages: list[str]
) -> None:
    total, translated, fuzzy, untranslated, obsolete = counts
    coverages = [Coverage(p, total, translated, fuzzy, untranslated, obsolete, total * 3, translated) for p in paths]
    findings = [Finding("form.x", Severity.WARNING, paths[0], k + 1, m, m) for k, m in enumerate(messages)]
    out = io.StringIO()
    report.write_text(out, coverages, _total(coverages), findings)
    assert out.getvalue() == _rich_text(coverages, findings)


def test_wide_or_non_ascii_tables_are_left_to_rich_and_emoji_codes_stay_text() -> None:
    for path in ("translations/en/通知.po", "x" * 150 + ".po", "café.po"):
        coverage = Coverage(path, 3, 1, 1, 1, 0, 9, 4)
        assert report._plain_table([report._cells(coverage)]) is None
        out = io.StringIO()
        report.write_text(out, [coverage], coverage, [])
        assert out.getvalue() == _rich_text([coverage], [])
        assert out.getvalue().splitlines()[1].startswith(path[:40])
    finding = Finding("form.x", Severity.ERROR, "a.po", 1, "召开:smile:会议", "found :warning: here")
    for out in (io.StringIO(), Terminal()):
        report.write_text(out, [Coverage("a.po", 1, 1, 0, 0, 0)], Coverage("a.po", 1, 1, 0, 0, 0), [finding])
        assert ":warning: here" in out.getvalue() and "召开:smile:会议" in out.getvalue()
