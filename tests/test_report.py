"""check's table and findings: text on a terminal shows control characters as escapes, JSON is exact."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

import checks_seed
from aligner import report
from aligner.cli import app
from aligner.model import Coverage, Finding, Severity
from aligner.terminal import visible

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


def _total(coverages: list[Coverage]) -> Coverage:
    return Coverage("total", *(sum(getattr(c, f) for c in coverages) for f in ("total", "translated", "fuzzy", "untranslated", "obsolete")))  # fmt: skip


def _text(coverages: list[Coverage], findings: list[Finding] = (), **options: object) -> str:  # type: ignore[assignment]
    out = io.StringIO()
    report.write_text(out, coverages, _total(coverages), list(findings), **options)  # type: ignore[arg-type]
    return out.getvalue()


CATALOGS = [
    Coverage("translations/en/000_9e415571a82dd196.po", 103, 103, 0, 0, 0, 3951, 3294),
    Coverage("translations/en/001_3f0c21aa8d6e5b47.po", 221, 180, 30, 11, 2, 9035, 7120),
    Coverage("translations/fr/000_9e415571a82dd196.po", 103, 12, 0, 91, 0, 3951, 280),
]


def test_off_a_terminal_every_name_is_whole_and_the_figures_stand_under_their_headings() -> None:
    lines = _text(CATALOGS).splitlines()
    heading, rule, *rows = lines[:6]
    assert heading.split() == ["catalog", "entries", "translated", "fuzzy", "untranslated", "obsolete", "%", "zh", "chars", "en", "words"]  # fmt: skip
    assert set(rule) == {"-", " "}
    assert [row.split()[0] for row in rows] == [c.path for c in CATALOGS] + ["total"]
    # Right-aligned: each figure ends where its heading ends.
    for name, figure in (("translated", "180"), ("%", "81.4"), ("en words", "7120")):
        assert rows[1].index(figure) + len(figure) == heading.index(name) + len(name)
    assert rows[3].split()[1:3] == ["427", "295"]


@pytest.mark.parametrize(
    ("width", "names"),
    [
        (120, ["translations/en/000_9e415571a82dd196.po", "translations/en/001_3f0c21aa8d6e5b47.po"]),
        (107, ["…/en/000_9e415571a82dd196.po", "…/en/001_3f0c21aa8d6e5b47.po", "…/fr/000_9e415571a82dd196.po"]),
    ],
)
def test_on_a_terminal_names_are_shortened_from_the_left(width: int, names: list[str]) -> None:
    lines = _text(CATALOGS, width=width).splitlines()
    assert all(report.display_width(line) <= width for line in lines[:6])
    shown = [line.split()[0] for line in lines[2:5]]
    assert shown[: len(names)] == names
    assert len(set(shown)) == 3, "rows stay apart"


def test_names_that_would_read_alike_get_lines_of_their_own() -> None:
    # At 100 columns both 000 catalogs would read "…_9e415571a82dd196.po": the names go above the figures.
    lines = _text(CATALOGS, width=100).splitlines()
    assert lines[0] == "catalog" and lines[3] == CATALOGS[0].path and lines[7] == CATALOGS[2].path


def test_at_80_columns_each_name_has_a_line_above_its_figures() -> None:
    lines = _text(CATALOGS, width=80).splitlines()
    assert all(report.display_width(line) <= 80 for line in lines)
    assert lines[0] == "catalog" and lines[1].split()[0] == "entries"
    assert lines[3] == "translations/en/000_9e415571a82dd196.po"
    assert lines[4].split() == ["103", "103", "0", "0", "0", "100.0", "3951", "3294"]
    assert lines[5] == "translations/en/001_3f0c21aa8d6e5b47.po"
    narrow = _text(CATALOGS, width=26).splitlines()
    assert narrow[3] == "…/000_9e415571a82dd196.po"


@pytest.mark.parametrize(
    ("name", "room", "shown"),
    [
        ("translations/en/000_9e415571a82dd196.po", 28, "…/en/000_9e415571a82dd196.po"),
        ("translations/en/000_9e415571a82dd196.po", 25, "…/000_9e415571a82dd196.po"),
        ("translations/en/000_9e415571a82dd196.po", 12, "…a82dd196.po"),
        ("translations/en/通知.po", 12, "…/en/通知.po"),  # wide characters take two columns
        ("translations/en/通知.po", 6, "…知.po"),
        ("a.po", 4, "a.po"),
    ],
)
def test_shorten_left(name: str, room: int, shown: str) -> None:
    assert report.shorten_left(name, room) == shown
    assert report.display_width(shown) <= room


def test_colour_only_when_asked() -> None:
    finding = Finding("numbers.missing", Severity.ERROR, "a.po", 3, "召开3次会议", "“3” missing")
    warning = Finding("form.stop", Severity.WARNING, "a.po", 4, "会议。", "no full stop")
    plain = _text(CATALOGS[:1], [finding, warning])
    assert "\x1b" not in plain
    coloured = _text(CATALOGS[:1], [finding, warning], color=True)
    assert "\x1b[31ma.po:3: error [numbers.missing]" in coloured and "\x1b[33ma.po:4: warning" in coloured
    assert re.sub(r"\x1b\[[0-9;]*m", "", coloured) == plain


@pytest.mark.parametrize(
    ("env", "flag", "tty", "wanted"),
    [({}, False, True, True), ({"NO_COLOR": "1"}, False, True, False), ({"NO_COLOR": ""}, False, True, True),
     ({}, True, True, False), ({}, False, False, False)],
)  # fmt: skip
def test_colour_follows_no_color_and_the_option(
    monkeypatch: pytest.MonkeyPatch, env: dict[str, str], flag: bool, tty: bool, wanted: bool
) -> None:
    from aligner import terminal

    monkeypatch.delenv("NO_COLOR", raising=False)
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    assert terminal.colour(Terminal() if tty else io.StringIO(), no_color=flag) is wanted


_PATHS = st.text(alphabet=st.sampled_from("abcz019_-./ [](){}:*~通知"), min_size=1, max_size=130)
_COUNTS = st.integers(min_value=0, max_value=10**9)


@settings(max_examples=300, deadline=None)
@given(
    paths=st.lists(_PATHS, min_size=1, max_size=4),
    counts=st.lists(_COUNTS, min_size=5, max_size=5),
    width=st.one_of(st.none(), st.integers(min_value=20, max_value=220)),
)
def test_the_table_fits_its_width_and_keeps_the_ends_of_names(
    paths: list[str], counts: list[int], width: int | None
) -> None:
    total, translated, fuzzy, untranslated, obsolete = counts
    coverages = [Coverage(p, total, translated, fuzzy, untranslated, obsolete, total * 3, translated) for p in paths]
    heading, body = report.table([report._cells(c) for c in coverages], width)
    figures = len(heading[-1])
    for line in [*heading, *body]:
        assert width is None or report.display_width(line) <= max(width, figures)
    if heading[0] == "catalog":  # a line per name, its figures below
        shown = [name.rstrip(" ") for name in body[0::2]]
    else:
        room = len(heading[1]) - len(heading[1].lstrip("-"))
        shown = [_columns(line, room).rstrip(" ") for line in body]
    for coverage, name in zip(coverages, shown, strict=False):
        assert name == visible(coverage.path).rstrip(" ") or (
            name.startswith("…") and visible(coverage.path).endswith(name[1:])
        )


def _columns(line: str, room: int) -> str:
    """The first ``room`` columns of ``line``."""
    taken = ""
    for ch in line:
        if report.display_width(taken + ch) > room:
            break
        taken += ch
    return taken


def test_emoji_codes_stay_text() -> None:
    finding = Finding("form.x", Severity.ERROR, "a.po", 1, "召开:smile:会议", "found :warning: here")
    for out in (io.StringIO(), Terminal()):
        report.write_text(out, [Coverage("a.po", 1, 1, 0, 0, 0)], Coverage("a.po", 1, 1, 0, 0, 0), [finding])
        assert ":warning: here" in out.getvalue() and "召开:smile:会议" in out.getvalue()


def _on_a_terminal(args: list[str], columns: int, env: dict[str, str]) -> str:
    """What ``aligner check`` prints on a terminal of ``columns`` columns (a pseudo-terminal)."""
    import fcntl
    import os
    import struct
    import subprocess
    import sys
    import termios

    from tests.conftest import ROOT

    leader, follower = os.openpty()
    fcntl.ioctl(follower, termios.TIOCSWINSZ, struct.pack("HHHH", 24, columns, 0, 0))
    environment = {k: v for k, v in os.environ.items() if k not in ("COLUMNS", "NO_COLOR")} | env
    process = subprocess.Popen(
        [sys.executable, "-m", "aligner", "check", *args], cwd=ROOT, stdout=follower, stderr=follower, env=environment
    )
    os.close(follower)
    chunks = []
    while True:
        try:
            chunk = os.read(leader, 65536)
        except OSError:  # the terminal closed
            break
        if not chunk:
            break
        chunks.append(chunk)
    process.wait()
    os.close(leader)
    return b"".join(chunks).decode("utf-8").replace("\r\n", "\n")


def test_check_on_an_80_column_terminal_in_colour_and_without() -> None:
    seed = "translations/en/000_9e415571a82dd196.po"
    shown = _on_a_terminal([seed, "--fail-on", "warning"], 80, {})
    lines = re.sub(r"\x1b\[[0-9;]*m", "", shown).splitlines()
    assert lines[0] == "catalog" and seed in lines
    assert all(report.display_width(line) <= 80 for line in lines[: lines.index("") if "" in lines else 6])
    assert "\x1b[33m" in shown, "a warning in yellow"
    for env, args in (({"NO_COLOR": "1"}, []), ({}, ["--no-color"])):
        plain = _on_a_terminal([seed, *args], 80, env)
        assert "\x1b" not in plain and "warning [source.enumeration]" in plain
