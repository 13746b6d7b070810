"""check's table and findings: text on a terminal shows control characters as escapes, JSON is exact."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

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
