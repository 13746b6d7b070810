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


def write_text(out: TextIO, coverages: Sequence[Coverage], total: Coverage, findings: Sequence[Finding]) -> None:
    """The coverage table, then one line per finding (path:line: severity [check] message, as compilers do)."""
    from rich import box
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    terminal = out.isatty()
    # Off a terminal, no colour and no wrapping: the lines must survive grep and diff.
    console = Console(file=out, force_terminal=terminal, no_color=not terminal, width=None if terminal else 200)
    table = Table(box=box.SIMPLE_HEAD if terminal else None, show_edge=False, pad_edge=False)
    for name, justify in (
        ("catalog", "left"),
        ("entries", "right"),
        ("translated", "right"),
        ("fuzzy", "right"),
        ("untranslated", "right"),
        ("obsolete", "right"),
        ("%", "right"),
        ("zh chars", "right"),
        ("en words", "right"),
    ):
        table.add_column(name, justify=justify)  # type: ignore[arg-type]
    rows = list(coverages)
    if len(rows) > 1:
        rows.append(total)
    for c in rows:
        table.add_row(
            Text(visible(c.path)),  # a Text: a path such as "[b]x.po" is not markup
            str(c.total),
            str(c.translated),
            str(c.fuzzy),
            str(c.untranslated),
            str(c.obsolete),
            f"{c.percent:.1f}",
            str(c.source_chars),
            str(c.target_words),
        )
    console.print(table)
    if findings:
        console.print()
    for f in findings:
        style = "red" if f.severity is Severity.ERROR else "yellow"
        line = visible(f"{f.path}:{f.line}: {f.severity.value} [{f.check}] {f.message}") + f"  ({_shorten(f.msgid)})"
        console.print(line, style=style, markup=False, highlight=False, soft_wrap=True)
    counts = summary(findings)
    console.print(
        f"\n{counts['errors']} error{'s' if counts['errors'] != 1 else ''}, "
        f"{counts['warnings']} warning{'s' if counts['warnings'] != 1 else ''}",
        markup=False,
        highlight=False,
    )
