"""Pre-translation: untranslated entries of catalogs filled from the memory, nothing else touched.

An exact match of the same kind, with one English in the memory, is filled as translated; every
other match is filled ``#, fuzzy`` with the memory's Chinese as the previous msgid (``#| msgid``,
so PO editors show what differs) and a ``#.`` comment giving the score, the band and the origin.
In a placeable match the English is rewritten for the new figures; a figure that cannot be
rewritten safely is named in the comment. Translated and fuzzy entries are never changed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from aligner import catalog
from aligner.chinese import HAN
from aligner.memory.index import Index
from aligner.memory.match import BANDS, DEFAULT_THRESHOLD, Match, find
from aligner.memory.placeables import adapt
from aligner.memory.units import language_of
from aligner.model import Catalog, Entry, Status
from aligner.records import Record


@dataclass(frozen=True, repr=False, eq=False)
class Filled(Record):
    path: str
    line: int
    msgid: str
    score: int
    band: str
    origin: str
    msgstr: str
    fuzzy: bool
    notes: tuple[str, ...] = ()
    chars: int = 0  # Chinese characters of the msgid


@dataclass(repr=False)
class Report(Record):
    entries: list[Filled] = field(default_factory=list)
    untranslated: int = 0  # entries that were untranslated before the run
    untranslated_chars: int = 0
    written: list[str] = field(default_factory=list)

    def counts(self) -> dict[str, int]:
        counts = dict.fromkeys(BANDS, 0)
        for e in self.entries:
            counts[e.band] += 1
        return counts

    def chars(self) -> dict[str, int]:
        chars = dict.fromkeys(BANDS, 0)
        for e in self.entries:
            chars[e.band] += e.chars
        return chars


def han_count(text: str) -> int:
    return len(HAN.findall(text))


def origin_text(match: Match) -> str:
    unit = match.unit
    details = ", ".join(x for x in (unit.doc, unit.kind, unit.date) if x)
    return f"{unit.path}:{unit.line}" + (f" ({details})" if details else "")


def entry_kind(entry: Entry) -> str:
    """The kind ``aligner segment`` wrote first in the entry's ``#.`` comment (title, body...), or ""."""
    head = entry.extracted.split(",", 1)[0].strip()
    return head if head.isalpha() else ""


_kind = entry_kind


def offer(match: Match, entry: Entry, kind: str, path: str) -> tuple[catalog.Fill, Filled]:
    """What ``match`` offers ``entry`` of the catalog at ``path``: the catalog fill and the report row."""
    unit = match.unit
    msgstr, notes, changes = unit.en, (), ()
    if match.band == "placeable":
        adapted = adapt(unit.zh, unit.en, entry.msgid)
        msgstr, notes, changes = adapted.msgstr, adapted.notes, adapted.changes
    translated = match.band == "exact" and unit.zh == entry.msgid and unit.kind == kind and not match.conflicts
    lines = [f"memory: {match.score}% {match.band}, {origin_text(match)}"]
    if changes:
        lines.append("memory: figures rewritten: " + "; ".join(changes))
    if notes:
        lines.append("memory: check " + "; ".join(notes))
    for other in match.conflicts:
        lines.append(f"memory: also translated as: {other}")
    fill = catalog.Fill(
        msgstr,
        fuzzy=not translated,
        comment="\n".join(lines),
        previous_msgid=None if translated or unit.zh == entry.msgid else unit.zh,
    )
    row = Filled(
        path, entry.line, entry.msgid, match.score, match.band, origin_text(match), msgstr, not translated, notes,
        han_count(entry.msgid),
    )  # fmt: skip
    return fill, row


def plan(
    model: Catalog, index: Index, *, threshold: int = DEFAULT_THRESHOLD, shown: str | None = None
) -> tuple[dict[str, catalog.Fill], list[Filled], int, int]:
    """The fills for one catalog's untranslated entries, the report rows, and the number (and
    Chinese characters) of entries that were untranslated."""
    lang = language_of(model.language or "en")
    doc = Path(model.path).stem
    fills: dict[str, catalog.Fill] = {}
    rows: list[Filled] = []
    untranslated = chars = 0
    for entry in model.entries:
        if entry.obsolete or not entry.msgid or entry.status is not Status.UNTRANSLATED or entry.fuzzy:
            continue
        if entry.msgid_plural is not None or entry.msgctxt is not None or entry.msgid in fills:
            continue
        untranslated += 1
        chars += han_count(entry.msgid)
        kind = _kind(entry)
        match = find(index, entry.msgid, lang, kind=kind, doc=doc, threshold=threshold)
        if match is None:
            continue
        fill, row = offer(match, entry, kind, shown or model.path)
        fills[entry.msgid] = fill
        rows.append(row)
    return fills, rows, untranslated, chars


def pretranslate(
    paths: Sequence[Path],
    index: Index,
    *,
    threshold: int = DEFAULT_THRESHOLD,
    write: bool = True,
    shown: dict[Path, str] | None = None,
    advance: Callable[[], object] | None = None,
) -> Report:
    """Fill the untranslated entries of each catalog; every catalog is read and planned before any
    is written, so a bad one stops the run with nothing changed. ``advance()`` (a progress bar's)
    is called after each catalog is planned."""
    report = Report()
    texts: list[tuple[Path, str]] = []
    for path in paths:
        name = (shown or {}).get(path, str(path))
        model = catalog.load(path)
        fills, rows, untranslated, chars = plan(model, index, threshold=threshold, shown=name)
        report.entries.extend(rows)
        report.untranslated += untranslated
        report.untranslated_chars += chars
        if fills:
            text, _filled, _skipped = catalog.fill_catalog(path, fills)
            texts.append((path, text))
        if advance is not None:
            advance()
    if write:
        for path, text in texts:
            if catalog.save(path, text):
                report.written.append((shown or {}).get(path, str(path)))
    return report


def to_json(report: Report) -> str:
    entries = [
        {
            "path": e.path,
            "line": e.line,
            "msgid": e.msgid,
            "score": e.score,
            "band": e.band,
            "fuzzy": e.fuzzy,
            "origin": e.origin,
            "msgstr": e.msgstr,
            "check": list(e.notes),
        }
        for e in report.entries
    ]
    summary = {
        "untranslated": report.untranslated,
        "filled": len(report.entries),
        "translated": sum(1 for e in report.entries if not e.fuzzy),
        "fuzzy": sum(1 for e in report.entries if e.fuzzy),
        "bands": report.counts(),
        "characters": {"untranslated": report.untranslated_chars, **report.chars()},
        "written": report.written,
    }
    return json.dumps({"entries": entries, "summary": summary}, ensure_ascii=False, indent=2) + "\n"


def to_text(report: Report) -> str:
    total = report.untranslated_chars or 1
    lines = [f"{'band':<10} {'entries':>8} {'Chinese chars':>14} {'share':>7}"]
    counts, chars = report.counts(), report.chars()
    for name in BANDS:
        lines.append(f"{name:<10} {counts[name]:>8} {chars[name]:>14} {100 * chars[name] / total:>6.1f}%")
    filled_chars = sum(chars.values())
    lines.append(
        f"{'filled':<10} {len(report.entries):>8} {filled_chars:>14} {100 * filled_chars / total:>6.1f}%"
        f"   of {report.untranslated} untranslated entries ({report.untranslated_chars} Chinese characters)"
    )
    translated = sum(1 for e in report.entries if not e.fuzzy)
    lines.append(f"{translated} filled as translated, {len(report.entries) - translated} as fuzzy (review them)")
    return "\n".join(lines) + "\n"
