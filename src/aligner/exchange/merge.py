"""Reviewed documents back into their catalogs, entry by entry, by id; conflicts reported, never merged.

For each row the English is settled three ways, against the digest of the English as exported:
the same English in the review and the catalog is confirmed; English the reviewer changed while
the catalog kept the exported one is taken; English the catalog changed while the review kept
the exported one stays (the catalog is newer); both changed is a conflict. The translator comment
follows the same rule, and Word comments are added to it. A row whose id is missing, duplicated
or unknown to the catalog, or whose Chinese is not the entry's, is a conflict. Nothing else in the
catalog changes (``catalog.revise_catalog`` rewrites only the lines of a changed entry).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner import catalog, paths
from aligner.config import Project
from aligner.exchange import docx, xliff, xliff2
from aligner.exchange.review import Changes, ExchangeError, Reviewed, Row, english, entry_id, text_digest
from aligner.model import Catalog, Entry
from aligner.records import Record

DOCX_SUFFIXES = (".docx",)
XLIFF_SUFFIXES = (".xlf", ".xliff")


@dataclass(frozen=True, repr=False, eq=False)
class Conflict(Record):
    """A row that was not merged, and why."""

    path: str  # the review document
    row: int | None  # None: outside every entry row
    message: str

    def __str__(self) -> str:
        where = "" if self.row is None else f"row {self.row}: "
        return f"{self.path}: {where}{self.message}"


@dataclass(frozen=True, repr=False, eq=False)
class Merged(Record):
    """What merging one review document did to its catalog."""

    path: str  # the review document
    catalog: str
    changed: int  # entries rewritten
    confirmed: int  # translated rows whose English and status the catalog already had
    pending: int  # fuzzy or untranslated rows left as they were
    kept: int  # rows the reviewer left as exported while the catalog changed since (the catalog stays)
    conflicts: tuple[Conflict, ...]
    written: bool


def read_review(path: Path, *, changes: Changes = Changes.ACCEPT) -> Reviewed:
    """A review document read back, by its suffix (else by its first bytes)."""
    shown = str(path)
    data = paths.read_bytes(path, what="review document", shown=shown)
    suffix = path.suffix.lower()
    if suffix in DOCX_SUFFIXES or (suffix not in XLIFF_SUFFIXES and data[:2] == b"PK"):
        return docx.read(data, shown, changes=changes)
    if suffix in XLIFF_SUFFIXES or data.lstrip()[:1] == b"<":
        # Both versions are .xlf; the root's namespace, declared at the top, tells them apart.
        if xliff2.NS.encode() in data[:4096]:
            return xliff2.read(data, shown)
        return xliff.read(data, shown)
    raise ExchangeError(
        "neither a Word document nor XLIFF", path=shown, hint="give a .docx or .xlf that aligner export wrote"
    )


def merge(
    project: Project, files: Sequence[Path], *, language: str | None = None, changes: Changes = Changes.ACCEPT
) -> list[Merged]:
    """Merge each review document into its catalog (found in the project), in the order given.

    Every document is read and checked before any catalog is written, so bad input writes nothing.
    """
    reviews = [read_review(path, changes=changes) for path in files]
    targets = [_catalog_path(project, review, language) for review in reviews]
    # A missing or malformed catalog stops the merge before anything is written.
    loaded = {target: catalog.load(target) for target in targets}
    results = []
    for review, target in zip(reviews, targets, strict=True):
        result = _merge_one(review, target, loaded[target], project)
        if result.written:  # a second document for the same catalog reads what the first wrote
            loaded[target] = catalog.load(target)
        results.append(result)
    return results


def _catalog_path(project: Project, review: Reviewed, language: str | None) -> Path:
    named = paths.inside(project.root, review.catalog, what="catalog", where=review.path)
    if language and language != review.language:
        lang = paths.language_tag(language)
        return project.catalog_path(named.stem, lang)
    return named


def _merge_one(review: Reviewed, path: Path, current: Catalog, project: Project) -> Merged:
    live = {entry_id(e.msgctxt, e.msgid): e for e in current.entries if not e.obsolete}
    rows_of: dict[str, list[int]] = {}
    for row in review.rows:
        if row.id is not None:
            rows_of.setdefault(row.id, []).append(row.row)
    conflicts: list[Conflict] = []
    revisions: list[catalog.Revision] = []
    confirmed = pending = kept = 0
    for row in review.rows:
        problem = _row_problem(row, live, rows_of)
        if problem is None:
            entry = live[row.id]  # type: ignore[index]
            outcome = _settle(row, entry)
            if isinstance(outcome, str):
                problem = outcome
            else:
                revision, stale = outcome
                if revision is None and stale:
                    kept += 1
                elif revision is None:
                    done = any(entry.targets) and not entry.fuzzy
                    confirmed += 1 if done else 0
                    pending += 0 if done else 1
                else:
                    revisions.append(revision)
        if problem is not None:
            conflicts.append(Conflict(review.path, row.row, problem))
    for remark in review.stray:
        conflicts.append(Conflict(review.path, None, f"a comment outside the entry rows was not merged: {remark}"))
    changed, written = 0, False
    if revisions:
        text, changed = catalog.revise_catalog(path, revisions)
        written = bool(changed) and catalog.save(path, text)
    return Merged(review.path, project.relative(path), changed, confirmed, pending, kept, tuple(conflicts), written)


_NAMED = 3  # other rows named in a conflict over a copied entry id


def _row_problem(row: Row, live: dict[str, Entry], rows_of: dict[str, list[int]]) -> str | None:
    if row.id is None:
        return "carries no entry id (a row added or copied by hand?); not merged"
    rows = rows_of[row.id]
    if len(rows) > 1:
        # A few rows named, the rest counted: naming every other row on each would grow as the
        # square of the copies (50,000 copies of a row: 2.5 billion row numbers).
        others = [f"row {number}" for number in rows[: _NAMED + 1] if number != row.row][:_NAMED]
        more = len(rows) - 1 - len(others)
        named = ", ".join(others) + (f" and {more} more" if more else "")
        return f"its entry id is also on {named} (a row copied?); none of them is merged"
    entry = live.get(row.id)
    if entry is None:
        return "its entry is no longer in the catalog (its Chinese changed since the export); not merged"
    chinese = entry.msgid if entry.msgid_plural is None else f"{entry.msgid}\x00{entry.msgid_plural}"
    if row.source != chinese:
        return "its Chinese differs from the catalog's (edited in the review?); not merged"
    if len(row.targets) != len(entry.targets):
        return f"has {len(row.targets)} English forms where the entry has {len(entry.targets)}; not merged"
    return None


def _settle(row: Row, entry: Entry) -> str | tuple[catalog.Revision | None, bool]:
    """The revision for ``row`` (None: nothing to change) and whether the catalog was newer; or a conflict."""
    reviewed, ours = "\x00".join(row.targets), english(entry)
    stale = False
    if reviewed == ours:
        targets = entry.targets
    elif row.english_digest is None:
        return "the document lost the digest of the exported English; cannot tell who changed it; not merged"
    elif text_digest(reviewed) == row.english_digest:
        targets, stale = entry.targets, True  # the catalog changed since the export; the reviewer did not
    elif text_digest(ours) == row.english_digest:
        if any(ours) and not any(reviewed):
            return "its English was emptied in the review; not merged (empty it in the catalog if that is meant)"
        targets = row.targets
    else:
        return "its English changed both in the catalog and in the review since the export; not merged"
    comment = entry.comment
    if row.comment is not None and row.comment != entry.comment:
        if row.comment_digest is None:
            return "the document lost the digest of the exported notes; cannot tell who changed them; not merged"
        if text_digest(row.comment) != row.comment_digest:
            if text_digest(entry.comment) != row.comment_digest:
                return "its notes changed both in the catalog and in the review since the export; not merged"
            comment = row.comment
    for remark in row.remarks:
        if remark not in comment:
            comment = f"{comment}\n{remark}" if comment else remark
    empty = not any(targets)
    fuzzy = entry.fuzzy if (stale or empty) else row.fuzzy
    if targets == entry.targets and fuzzy == entry.fuzzy and comment == entry.comment:
        return None, stale
    return catalog.Revision(entry.msgctxt, entry.msgid, tuple(targets), fuzzy, comment), stale


def summary(result: Merged) -> str:
    """One line: the catalog, what changed, what was confirmed, what conflicted."""
    return (
        f"{result.catalog}: {result.changed} changed, {result.confirmed} confirmed, "
        f"{len(result.conflicts)} conflicted, {result.pending} pending, {result.kept} kept ({result.path})"
    )
