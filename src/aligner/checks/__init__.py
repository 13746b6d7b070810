"""Quality checks on catalogs: one module per family, each a function from units to findings.

``run`` is the whole job: it reads no files itself (catalogs and the glossary come in loaded),
runs every family, and returns findings sorted by path, line, check, so output is deterministic.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner import catalog as catalog_io
from aligner import coverage
from aligner.checks import form, length, numbers, source, untranslated
from aligner.checks import terms as term_use
from aligner.checks.base import CHECKS, Check, Unit, capped, units
from aligner.checks.glossary import Glossary, GlossaryError, TermChecker, check_consistency
from aligner.checks.glossary import load as load_glossary
from aligner.errors import CatalogError
from aligner.model import Catalog, Coverage, Finding, Severity
from aligner.records import Record

__all__ = [
    "CHECKS",
    "Check",
    "Glossary",
    "GlossaryError",
    "Result",
    "Unit",
    "check_paths",
    "expand",
    "language_of",
    "load_glossary",
    "run",
    "units",
]


_CJK_TARGETS = ("zh", "ja", "ko")
_NEUTRAL_FORM = frozenset({"form.brackets", "form.spaces", "form.edge-space"})


def language_of(catalog: Catalog) -> str:
    """The catalog's language: its Language header, else the folder it sits in (translations/en/x.po)."""
    return catalog.language or Path(catalog.path).parent.name


def run(
    catalogs: Sequence[Catalog], *, glossary: Glossary | None = None, advance: Callable[[], object] | None = None
) -> list[Finding]:
    """Every check over ``catalogs``; ``advance()`` is called after each catalog (a progress bar)."""
    terms = TermChecker(glossary) if glossary is not None and glossary.terms else None
    checked: list[_Checked] = []
    linted: set[tuple[str, ...]] = set()
    for catalog in _ordered(catalogs, advance):
        document = source.document_key(catalog)
        checked.append(_checked(catalog, terms, lint=document not in linted))
        linted.add(document)
    return _gather(checked, glossary)


def _ordered(catalogs: Sequence[Catalog], advance: Callable[[], object] | None) -> Iterator[Catalog]:
    # Templates first, so the source lint of a document is reported against its .pot when given.
    for catalog in sorted(catalogs, key=_order):
        yield catalog
        if advance is not None:
            advance()


def _order(catalog: Catalog) -> tuple[bool, str]:
    return (not catalog.path.endswith(".pot"), catalog.path)


@dataclass(frozen=True, repr=False, eq=False)
class _Checked(Record):
    """What one catalog gives the run: its source lint (kept once per document), its own findings,
    and its units by language for the consistency check across catalogs."""

    order: tuple[bool, str]
    document: tuple[str, ...]
    lint: list[Finding]
    findings: list[Finding]
    group: tuple[str, list[Unit]] | None


def _checked(catalog: Catalog, terms: TermChecker | None, *, lint: bool = True) -> _Checked:
    """One catalog's checks; ``lint``: also lint its source (once per document is enough)."""
    found_lint = list(source.check(catalog)) if lint else []
    order, document = _order(catalog), source.document_key(catalog)
    if catalog.path.endswith(".pot"):
        return _Checked(order, document, found_lint, [], None)
    findings: list[Finding] = []
    found = list(units(catalog))
    language = language_of(catalog)
    group = (language, found)
    findings.extend(untranslated.check_empty(catalog))
    if language.lower().startswith(_CJK_TARGETS):
        # A catalog into Chinese, Japanese or Korean (any PO file may come this way): the checks
        # that read English would flag every entry, so only the language-neutral ones run.
        findings.extend(f for f in form.check(found) if f.check in _NEUTRAL_FORM)
        return _Checked(order, document, found_lint, findings, group)
    left = list(untranslated.check(found))
    findings.extend(left)
    # A target left in Chinese is one problem: its numbers, form and length are not news.
    chinese = {(f.line, f.msgid) for f in left if f.severity is Severity.ERROR}
    if chinese:
        found = [u for u in found if (u.line, u.msgid) not in chinese]
    findings.extend(numbers.check(found))
    findings.extend(form.check(found))
    findings.extend(length.check(found))
    if terms is not None:
        findings.extend(terms.check(found))
    return _Checked(order, document, found_lint, findings, group)


def _gather(checked: Sequence[_Checked], glossary: Glossary | None = None) -> list[Finding]:
    """The run's findings from its catalogs' (in the run's order): each document's lint once, then
    the consistency of every segment across catalogs; sorted."""
    findings: list[Finding] = []
    groups: list[tuple[str, list[Unit]]] = []
    linted: set[tuple[str, ...]] = set()
    for one in sorted(checked, key=lambda c: c.order):
        if one.document not in linted:
            linted.add(one.document)
            findings.extend(one.lint)
        findings.extend(one.findings)
        if one.group is not None:
            groups.append(one.group)
    findings.extend(check_consistency(groups))
    findings.extend(term_use.check(groups, glossary))
    return sort(capped(findings))


def sort(findings: Sequence[Finding]) -> list[Finding]:
    return sorted(findings, key=lambda f: (f.path, f.line, f.check, f.message))


# --------------------------------------------------------------------------- the check command


@dataclass(frozen=True, repr=False, eq=False)
class Result(Record):
    coverages: list[Coverage]
    total: Coverage
    findings: list[Finding]

    def below(self, minimum: float) -> list[Coverage]:
        """Catalogs whose percent translated is under ``minimum``."""
        return [c for c in self.coverages if c.percent < minimum]

    def failing(self, fail_on: Severity) -> list[Finding]:
        levels = {Severity.ERROR} if fail_on is Severity.ERROR else {Severity.ERROR, Severity.WARNING}
        return [f for f in self.findings if f.severity in levels]


def expand(paths: Sequence[Path]) -> list[Path]:
    """Catalogs as given; a folder gives its .po files (recursively, sorted). Templates only when named."""
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            inside = sorted(_catalogs_in(path))
            if not inside:
                raise CatalogError("no catalogs (.po) in this folder", path=path)
            found.extend(inside)
        elif path.exists():
            found.append(path)
        else:
            raise CatalogError("no such catalog or folder", path=path, hint="give .po files or folders")
    return list(dict.fromkeys(_shown(p) for p in found))


def _catalogs_in(folder: Path) -> list[Path]:
    """The .po files under ``folder``; a folder that cannot be read is an error, not an empty folder."""

    def fail(error: OSError) -> None:
        raise error

    found: list[Path] = []
    for root, _dirs, files in os.walk(folder, onerror=fail):
        found.extend(p for name in files if name.endswith(".po") and (p := Path(root, name)).is_file())
    return found


def _shown(path: Path) -> Path:
    """``path`` relative to the working folder when inside it: findings read translations/en/x.po:12."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()) if path.is_absolute() else path
    except ValueError:
        return path


def check_paths(
    paths: Sequence[Path],
    *,
    glossary: Path | None = None,
    advance: Callable[[], object] | None = None,
    jobs: int = 1,
) -> Result:
    """Load catalogs and the glossary (when it exists), count coverage, run every check.

    ``advance()`` (a progress bar's) is called after each catalog read and after each catalog
    checked: twice per catalog of ``expand(paths)``. With ``jobs`` above 1, the catalogs are read
    and checked on that many processes and only the consistency across catalogs runs here; the
    findings are the same, in the same order.
    """
    files = expand(paths)
    loaded = load_glossary(glossary) if glossary is not None and glossary.is_file() else None
    if jobs > 1 and len(files) > 1:
        coverages, checked = _in_parallel(files, glossary if loaded is not None else None, jobs, advance)
        coverages = sorted(coverages, key=lambda c: c.path)
        return Result(coverages, coverage.total(coverages), _gather(checked, loaded))
    catalogs = []
    for p in files:
        catalogs.append(catalog_io.load(p))
        if advance is not None:
            advance()
    coverages = sorted((coverage.count(c) for c in catalogs), key=lambda c: c.path)
    return Result(coverages, coverage.total(coverages), run(catalogs, glossary=loaded, advance=advance))


def _in_parallel(
    files: Sequence[Path], glossary: Path | None, jobs: int, advance: Callable[[], object] | None
) -> tuple[list[Coverage], list[_Checked]]:
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    # Spawned, not forked: the caller may run threads (the progress bar) that a fork would copy mid-step.
    context = multiprocessing.get_context("spawn")
    results: dict[Path, tuple[Coverage, _Checked] | None] = {}
    with ProcessPoolExecutor(min(jobs, len(files)), mp_context=context) as pool:
        futures = {pool.submit(_check_file, path, glossary): path for path in files}
        for future, path in futures.items():
            results[path] = future.result()
            if advance is not None:
                advance()
                advance()
    coverages, checked = [], []
    for path in files:  # in order: the first bad catalog is reported, by this process, as without jobs
        result = results[path] or _check_file(path, glossary, raising=True)
        assert result is not None
        coverages.append(result[0])
        checked.append(result[1])
    return coverages, checked


def _check_file(path: Path, glossary: Path | None, *, raising: bool = False) -> tuple[Coverage, _Checked] | None:
    """One catalog read and checked (in a worker). A bad catalog gives None there (its error is the
    parent's to report, from its own read), or raises with ``raising``."""
    from aligner.errors import AlignerError

    try:
        loaded = catalog_io.load(path)
        return coverage.count(loaded), _checked(loaded, _terms(glossary))
    except (AlignerError, OSError):
        if raising:
            raise
        return None


_TERMS: dict[Path, TermChecker | None] = {}


def _terms(glossary: Path | None) -> TermChecker | None:
    # One checker per process and glossary: a worker checks many catalogs against the same terms.
    if glossary is None:
        return None
    if glossary not in _TERMS:
        loaded = load_glossary(glossary)
        _TERMS[glossary] = TermChecker(loaded) if loaded.terms else None
    return _TERMS[glossary]
