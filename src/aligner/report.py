"""Coverage and findings as a readable table or as JSON: data only, no decisions.

The JSON shape is the contract for scripts (``aligner check --format json | jq``): ``catalogs``,
``total``, ``findings``, ``summary``. Everything is sorted, and nothing depends on time or on the
terminal, so two runs on the same files print the same bytes. Catalog text is untrusted: the
text output shows its control characters as escapes (``terminal.visible``), and the JSON spells
them as ``\\uXXXX``, so neither can drive the terminal it is printed on.
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Sequence
from typing import Any, TextIO

from aligner.model import Coverage, Finding, Severity
from aligner.terminal import json_text, visible


def coverage_dict(coverage: Coverage) -> dict[str, Any]:
    return {
        "path": coverage.path,
        "total": coverage.total,
        "translated": coverage.translated,
        "fuzzy": coverage.fuzzy,
        "untranslated": coverage.untranslated,
        "obsolete": coverage.obsolete,
        "percent": round(coverage.percent, 2),
        "source_chars": coverage.source_chars,
        "target_words": coverage.target_words,
    }


def finding_dict(finding: Finding) -> dict[str, Any]:
    return {
        "check": finding.check,
        "severity": finding.severity.value,
        "path": finding.path,
        "line": finding.line,
        "msgid": finding.msgid,
        "message": finding.message,
    }


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    counts = Counter(f.severity for f in findings)
    return {"errors": counts[Severity.ERROR], "warnings": counts[Severity.WARNING]}


def to_json(coverages: Sequence[Coverage], total: Coverage, findings: Sequence[Finding]) -> str:
    data = {
        "catalogs": [coverage_dict(c) for c in coverages],
        "total": coverage_dict(total),
        "findings": [finding_dict(f) for f in findings],
        "summary": summary(findings),
    }
    return json_text(json.dumps(data, ensure_ascii=False, indent=2)) + "\n"


def _shorten(text: str, size: int = 40) -> str:
    text = " ".join(text.split())
    return visible(text if len(text) <= size else text[: size - 1] + "…")


_COLUMNS = (
    ("catalog", "left"),
    ("entries", "right"),
    ("translated", "right"),
    ("fuzzy", "right"),
    ("untranslated", "right"),
    ("obsolete", "right"),
    ("%", "right"),
    ("zh chars", "right"),
    ("en words", "right"),
)
# Off a terminal the table is this wide at most, as if printed on a console of 200 columns.
_WIDTH = 200


def _cells(c: Coverage) -> tuple[str, ...]:
    return (
        visible(c.path),
        str(c.total),
        str(c.translated),
        str(c.fuzzy),
        str(c.untranslated),
        str(c.obsolete),
        f"{c.percent:.1f}",
        str(c.source_chars),
        str(c.target_words),
    )


def _finding_line(f: Finding) -> str:
    return visible(f"{f.path}:{f.line}: {f.severity.value} [{f.check}] {f.message}") + f"  ({_shorten(f.msgid)})"


def _summary_line(findings: Sequence[Finding]) -> str:
    counts = summary(findings)
    return (
        f"{counts['errors']} error{'s' if counts['errors'] != 1 else ''}, "
        f"{counts['warnings']} warning{'s' if counts['warnings'] != 1 else ''}"
    )


def write_text(out: TextIO, coverages: Sequence[Coverage], total: Coverage, findings: Sequence[Finding]) -> None:
    """The coverage table, then one line per finding (path:line: severity [check] message, as compilers do)."""
    rows = [_cells(c) for c in coverages]
    if len(rows) > 1:
        rows.append(_cells(total))
    table = None if out.isatty() else _plain_table(rows)
    if table is None:
        _write_rich(out, rows, findings)
        return
    out.write(table)
    if findings:
        out.write("\n")
    for f in findings:
        out.write(_finding_line(f) + "\n")
    out.write(f"\n{_summary_line(findings)}\n")


def _plain_table(rows: list[tuple[str, ...]]) -> str | None:
    """The table as rich lays it out off a terminal (no box, two spaces between columns), written
    without importing rich (a third of a quick command's start); None when a cell is not plain
    ASCII (its width on screen is then rich's to measure) or the table would have to be squeezed."""
    header = tuple(name for name, _ in _COLUMNS)
    if not all(cell.isascii() and cell.isprintable() for row in rows for cell in row):
        return None
    widths = [max(len(row[k]) for row in [header, *rows]) for k in range(len(header))]
    if sum(widths) + 2 * (len(widths) - 1) > _WIDTH:
        return None
    lines = [
        "  ".join(
            cell.ljust(width) if justify == "left" else cell.rjust(width)
            for cell, width, (_, justify) in zip(row, widths, _COLUMNS, strict=True)
        ).rstrip()
        for row in [header, *rows]
    ]
    return "\n".join(lines) + "\n"


def _write_rich(out: TextIO, rows: list[tuple[str, ...]], findings: Sequence[Finding]) -> None:
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    terminal = out.isatty()
    # Off a terminal, no colour and no wrapping: the lines must survive grep and diff. No emoji
    # either: ":smile:" in a msgid is text, not a picture.
    console = Console(
        file=out, force_terminal=terminal, no_color=not terminal, width=None if terminal else _WIDTH, emoji=False
    )
    table = Table(box=box.SIMPLE_HEAD if terminal else None, show_edge=False, pad_edge=False)
    for name, justify in _COLUMNS:
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    for row in rows:
        table.add_row(Text(row[0]), *row[1:])  # a Text: a path such as "[b]x.po" is not markup
    console.print(table)
    if findings:
        console.print()
    for f in findings:
        style = "red" if f.severity is Severity.ERROR else "yellow"
        console.print(_finding_line(f), style=style, markup=False, highlight=False, soft_wrap=True)
    console.print(f"\n{_summary_line(findings)}", markup=False, highlight=False)
