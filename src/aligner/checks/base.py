"""What every check family shares: the check registry and the units checks look at.

A unit is what a reviewer reads as one translation: an entry, plus the entries after it whose
msgstr is the joined mark (their English stands in this entry's msgstr). Content checks compare a
unit's joined source with its one target, so a joined pair is never reported as an omission.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from aligner.model import Catalog, Entry, Finding, Severity, Status
from aligner.records import Record


@dataclass(frozen=True, repr=False, eq=False)
class Check(Record):
    """A rule with a stable id; ``severity`` is its usual severity (a few rules lower it case by case)."""

    id: str
    severity: Severity
    summary: str


_E, _W = Severity.ERROR, Severity.WARNING

CHECKS: dict[str, Check] = {
    c.id: c
    for c in (
        Check("numbers.missing", _E, "a quantity, date or code of the source is missing in the target"),
        Check("numbers.extra", _W, "a number of the target has no counterpart in the source"),
        Check("numbers.magnitude", _E, "a quantity is off by a power of ten (340.6亿 rendered 3.406 billion)"),
        Check("numbers.date", _E, "a date of the source is rendered as another date"),
        Check("numbers.approx", _W, "an approximate quantity (约, 余, 多) lost its hedge (about, more than, over)"),
        Check("untranslated.han", _E, "Chinese characters left in the target (warning when only a few)"),
        Check("untranslated.empty", _E, "a fuzzy entry with an empty target"),
        Check("untranslated.copy", _E, "the target is a copy of the Chinese source"),
        Check("glossary.term", _W, "a glossary term of the source lacks its rendering in the target"),
        Check("glossary.consistency", _W, "one source segment translated two ways in one language"),
        Check("glossary.forbidden", _E, "a glossary term rendered as its term base forbids (deprecated, superseded)"),
        Check("terms.inconsistent", _W, "one term rendered two ways across the catalogs (or entries) of a language"),
        Check("form.brackets", _E, "unbalanced brackets or quotes in the target (balanced in the source)"),
        Check("form.fullwidth", _W, "full-width Chinese punctuation left in the English target"),
        Check("form.stop", _W, "the source ends a sentence and the target does not, or the reverse"),
        Check("form.spaces", _W, "doubled spaces in the target"),
        Check("form.edge-space", _W, "leading or trailing white space differs between source and target"),
        Check("length.ratio", _W, "length ratio far outside the catalog's own: a likely omission or addition"),
        Check("source.enumeration", _W, "an enumeration in the source skips a number ((二) then (四))"),
        Check("source.brackets", _W, "unbalanced 《》, “”, （） in the source document"),
    )
}


def finding(check: str, path: str, line: int, msgid: str, message: str, severity: Severity | None = None) -> Finding:
    return Finding(check, severity or CHECKS[check].severity, path, line, msgid, message)


# A reviewer reads a handful of findings of one kind on one entry; past that, a list says nothing
# more than a count (a 1 MB msgstr once gave 54,545 findings for one entry).
MAX_PER_ENTRY = 5


def capped(findings: Iterable[Finding], limit: int = MAX_PER_ENTRY) -> list[Finding]:
    """At most ``limit`` findings per check and entry, in the order found.

    Identical findings become one that says how many times; past ``limit`` the rest become one
    finding that counts them, an error if any of them is one (so ``--fail-on`` still sees it).
    """
    groups: dict[tuple[str, int, str, str], dict[tuple[Severity, str], list[Finding]]] = {}
    for f in findings:
        groups.setdefault((f.path, f.line, f.msgid, f.check), {}).setdefault((f.severity, f.message), []).append(f)
    out: list[Finding] = []
    for (_path, _line, _msgid, check), same in groups.items():
        distinct = [
            group[0] if len(group) == 1 else replace(group[0], message=f"{group[0].message} ({len(group):,} times)")
            for group in same.values()
        ]
        if len(distinct) <= limit:
            out.extend(distinct)
            continue
        out.extend(distinct[: limit - 1])
        rest = list(same.values())[limit - 1 :]
        count = sum(len(group) for group in rest)
        severity = Severity.ERROR if any(group[0].severity is Severity.ERROR for group in rest) else Severity.WARNING
        first = rest[0][0]
        out.append(replace(first, severity=severity, message=f"and {count:,} more {check} findings in this entry"))
    return out


@dataclass(frozen=True, slots=True, repr=False, eq=False)
class Unit(Record):
    """One translation as a reviewer reads it: ``source`` may join several msgids (see module doc)."""

    path: str
    line: int  # line of the first entry's msgid
    msgid: str  # the first entry's msgid (what findings quote)
    source: str
    target: str
    status: Status
    entries: int = 1  # how many entries the unit covers
    context: str | None = None  # the first entry's msgctxt: one msgid in two contexts is two segments


def _target(entry: Entry) -> str:
    # A plural entry is checked through its first form: catalogs of Chinese documents have none,
    # and the singular form carries the quantities of the msgid.
    return entry.targets[0] if entry.targets else ""


def units(catalog: Catalog) -> Iterator[Unit]:
    """Units of the translated and fuzzy entries (fuzzy ones too: msgmerge carries stale numbers there)."""
    pending: Unit | None = None
    for entry in catalog.entries:
        if entry.obsolete:
            continue
        if entry.joined and entry.status is not Status.UNTRANSLATED:
            if pending is not None:
                pending = Unit(
                    pending.path,
                    pending.line,
                    pending.msgid,
                    pending.source + entry.msgid,
                    pending.target,
                    pending.status,
                    pending.entries + 1,
                    pending.context,
                )
            continue
        if pending is not None:
            yield pending
            pending = None
        if entry.status in (Status.TRANSLATED, Status.FUZZY) and _target(entry):
            pending = Unit(
                catalog.path, entry.line, entry.msgid, entry.msgid, _target(entry), entry.status, 1, entry.msgctxt
            )
    if pending is not None:
        yield pending
