"""Chinese left in the English: a sentence never translated, a copy of the source, a stray name.

Plain untranslated entries (empty msgstr, not fuzzy) are coverage, not findings: the coverage table
already counts them. A fuzzy entry with an empty msgstr is reported, because the fuzzy flag says
someone started on it and the catalog would otherwise look further along than it is.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from aligner.checks.base import Unit, finding
from aligner.chinese import HAN
from aligner.model import Catalog, Finding, Severity, Status

# Above this share of Han among the target's letters the segment was left in Chinese (error);
# below it a few characters slipped through, often a name kept on purpose (warning).
_LEFT_IN_CHINESE = 0.3


def check_empty(catalog: Catalog) -> Iterator[Finding]:
    for entry in catalog.entries:
        if entry.status is Status.FUZZY and not any(t.strip() for t in entry.targets):
            yield finding(
                "untranslated.empty", catalog.path, entry.line, entry.msgid, "fuzzy entry with an empty target"
            )


def check(units: Iterable[Unit]) -> Iterator[Finding]:
    for unit in units:
        if HAN.search(unit.target) is None:
            continue
        target = unit.target.strip()
        han = HAN.findall(target)
        if target == unit.source.strip() or target == unit.msgid.strip():
            yield finding("untranslated.copy", unit.path, unit.line, unit.msgid, "the target is a copy of the source")
            continue
        letters = sum(1 for c in target if c.isalpha())
        share = len(han) / letters if letters else 1.0
        sample = "".join(han[:12]) + ("…" if len(han) > 12 else "")
        if share > _LEFT_IN_CHINESE:
            yield finding(
                "untranslated.han",
                unit.path,
                unit.line,
                unit.msgid,
                f"the target is still in Chinese ({len(han)} Chinese characters: {sample})",
            )
        else:
            yield finding(
                "untranslated.han",
                unit.path,
                unit.line,
                unit.msgid,
                f"{len(han)} Chinese character{'s' if len(han) > 1 else ''} left in the target: {sample}",
                severity=Severity.WARNING,
            )
