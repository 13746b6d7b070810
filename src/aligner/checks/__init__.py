"""Quality checks on catalogs: one module per family, each a function from units to findings.

``run`` is the whole job: it reads no files itself (catalogs and the glossary come in loaded),
runs every family, and returns findings sorted by path, line, check, so output is deterministic.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from aligner.checks import form, length, numbers, source, untranslated
from aligner.checks.base import CHECKS, Check, Unit, units
from aligner.checks.glossary import Glossary, GlossaryError, TermChecker, check_consistency
from aligner.checks.glossary import load as load_glossary
from aligner.model import Catalog, Finding

__all__ = [
    "CHECKS",
    "Check",
    "Glossary",
    "GlossaryError",
    "Unit",
    "language_of",
    "load_glossary",
    "run",
    "units",
]


def language_of(catalog: Catalog) -> str:
    """The catalog's language: its Language header, else the folder it sits in (translations/en/x.po)."""
    return catalog.language or Path(catalog.path).parent.name


def run(catalogs: Sequence[Catalog], *, glossary: Glossary | None = None) -> list[Finding]:
    findings: list[Finding] = []
    terms = TermChecker(glossary) if glossary is not None and glossary.terms else None
    groups: list[tuple[str, list[Unit]]] = []
    linted: set[tuple[str, ...]] = set()
    # Templates first, so the source lint of a document is reported against its .pot when given.
    for catalog in sorted(catalogs, key=lambda c: (not c.path.endswith(".pot"), c.path)):
        key = source.document_key(catalog)
        if key not in linted:
            linted.add(key)
            findings.extend(source.check(catalog))
        if catalog.path.endswith(".pot"):
            continue
        found = list(units(catalog))
        groups.append((language_of(catalog), found))
        findings.extend(untranslated.check_empty(catalog))
        findings.extend(untranslated.check(found))
        findings.extend(numbers.check(found))
        findings.extend(form.check(found))
        findings.extend(length.check(found))
        if terms is not None:
            findings.extend(terms.check(found))
    findings.extend(check_consistency(groups))
    return sort(findings)


def sort(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.check, f.message))
