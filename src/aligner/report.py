"""Coverage and findings as a readable table or as JSON: data only, no decisions.

The JSON shape is the contract for scripts (``aligner check --format json | jq``): ``catalogs``,
``total``, ``findings``, ``summary``. Everything is sorted, and nothing depends on time or on the
terminal, so two runs on the same files print the same bytes. Catalog text is untrusted: the
text output shows its control characters as escapes (``terminal.visible``), and the JSON spells
them as ``\\uXXXX``, so neither can drive the terminal it is printed on.
"""

from __future__ import annotations

import json
import unicodedata
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


_HEADINGS = ("entries", "translated", "fuzzy", "untranslated", "obsolete", "%", "zh chars", "en words")
_GAP = "  "
_NARROWEST = 16  # a catalog column narrower than this reads badly: each name then gets a line of its own


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


def write_text(
    out: TextIO,
    coverages: Sequence[Coverage],
    total: Coverage,
    findings: Sequence[Finding],
    *,
    width: int | None = None,
    color: bool = False,
) -> None:
    """The coverage table, then one line per finding (path:line: severity [check] message, as compilers do).

    ``width``: the columns the table must fit (a terminal's); catalog names are then shortened from
    the left, and below a usable width each name takes a line of its own above its figures. None:
    no limit, every name whole (for files, pipes and diff). ``color``: errors red, warnings yellow.
    """
    rows = [_cells(c) for c in coverages]
    if len(rows) > 1:
        rows.append(_cells(total))
    heading, body = table(rows, width)
    for line in heading:
        out.write(f"{_BOLD}{line}{_RESET}\n" if color else line + "\n")
    for line in body:
        out.write(line + "\n")
    if findings:
        out.write("\n")
    for f in findings:
        line = _finding_line(f)
        if color:
            line = f"{_RED if f.severity is Severity.ERROR else _YELLOW}{line}{_RESET}"
        out.write(line + "\n")
    out.write(f"\n{_summary_line(findings)}\n")


_BOLD, _RED, _YELLOW, _RESET = "\x1b[1m", "\x1b[31m", "\x1b[33m", "\x1b[0m"


def table(rows: Sequence[tuple[str, ...]], width: int | None = None) -> tuple[list[str], list[str]]:
    """The coverage table's heading lines and its body: a heading, a rule, then one line per catalog
    (or two, when narrow).

    The figures are right-aligned under their headings; the catalog column takes the room left. A
    name that does not fit loses its leading folders first (``…/en/000_9e41.po``), then characters.
    """
    figures = [max(len(h), *(len(r[k + 1]) for r in rows)) for k, h in enumerate(_HEADINGS)]
    numbers = _GAP.join(h.rjust(w) for h, w in zip(_HEADINGS, figures, strict=True))
    rule = _GAP.join("-" * w for w in figures)
    longest = max(display_width(r[0]) for r in [("catalog",), *rows])
    room = longest if width is None else min(longest, width - len(numbers) - len(_GAP))
    names = [shorten_left(row[0], room) for row in rows] if room > 0 else []
    # Names beside their figures while they have room and stay apart (the en and fr catalogs of one
    # document must not both read "…_9e41.po"); else each name on a line of its own.
    if (room >= _NARROWEST or room >= longest) and len(set(names)) == len({row[0] for row in rows}):
        room = max(room, len("catalog"))
        heading = [_pad("catalog", room) + _GAP + numbers, "-" * room + _GAP + rule]
        body = [
            _pad(name, room) + _GAP + _GAP.join(c.rjust(w) for c, w in zip(row[1:], figures, strict=True))
            for name, row in zip(names, rows, strict=True)
        ]
        return heading, [line.rstrip() for line in body]
    # Too narrow for names beside the figures: each name on a line, its figures indented below.
    indent = " " * max(0, min(len(_GAP), (width or 0) - len(numbers)))
    body = []
    for row in rows:
        body.append(shorten_left(row[0], width or longest))
        body.append(indent + _GAP.join(c.rjust(w) for c, w in zip(row[1:], figures, strict=True)))
    return ["catalog", indent + numbers, indent + rule], body


def display_width(text: str) -> int:
    """Columns ``text`` takes on a terminal: CJK wide and full-width characters take two."""
    return sum(2 if unicodedata.east_asian_width(ch) in ("W", "F") else 1 for ch in text)


def _pad(text: str, room: int) -> str:
    return text + " " * (room - display_width(text))


def shorten_left(name: str, room: int) -> str:
    """``name`` in at most ``room`` columns, cut from the left where a path changes least: whole
    folders first (``…/en/doc.po``), then characters (``…c.po``)."""
    if display_width(name) <= room:
        return name
    parts = name.split("/")
    for k in range(1, len(parts)):
        tail = "…/" + "/".join(parts[k:])
        if display_width(tail) <= room:
            return tail
    kept = ""
    for ch in reversed(name):
        if display_width(ch + kept) + 1 > room:
            break
        kept = ch + kept
    return "…" + kept
