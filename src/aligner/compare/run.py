"""``aligner compare``: read two versions, match their units, carry the English over, write the result."""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from aligner import atomic, catalog, pipeline
from aligner.compare import carry, report
from aligner.compare.match import Unit, compare_units
from aligner.compare.units import units_of
from aligner.config import Project
from aligner.errors import ConfigError
from aligner.model import Catalog, Document, Segment
from aligner.paths import language_tag
from aligner.records import Record

FORMATS = ("html", "docx", "md", "json")


@dataclass(frozen=True, repr=False, eq=False)
class Result(Record):
    data: str | bytes | None  # for stdout, when no output file was named
    written: tuple[str, ...]  # files written, as shown


def compare_documents(old: Document, new: Document, *, language: str = "en") -> report.Comparison:
    """The comparison of two documents (no English): what ``--format json`` reports."""
    return report.build(old, new, compare_units(units_of(old), units_of(new)), language=language)


def run(
    old_path: Path,
    new_path: Path,
    *,
    language: str | None = None,
    fmt: str = "html",
    output: Path | None = None,
    carry_over: bool = True,
    project: Project | None = None,
    say: Callable[[str], None] = lambda _message: None,
) -> Result:
    """Compare OLD and NEW; with OLD's catalog, write NEW's catalog with the English carried over;
    return the report in ``fmt`` (or write it to ``output``)."""
    fmt = fmt.lower()
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", hint="use one of " + ", ".join(FORMATS))
    if fmt == "docx" and (output is None or str(output) == "-"):
        raise ConfigError("a Word redline is a file", hint="name it with -o FILE.docx")
    proj = project or pipeline.project()
    language = language_tag(language or proj.languages[0])
    old, old_segments = pipeline.load_document(old_path, proj)
    new, new_segments = pipeline.load_document(new_path, proj)
    units = compare_units(units_of(old), units_of(new))
    old_po = proj.catalog_path(old.doc_id, language)
    new_po = proj.catalog_path(new.doc_id, language)
    old_catalog = catalog.load(old_po) if old_po.is_file() else None
    written: list[str] = []
    if old_catalog is not None and carry_over:
        if old.doc_id == new.doc_id:
            raise ConfigError(
                f"{old.path} and {new.path} would share the catalog {proj.relative(new_po)}",
                hint="give the versions different file names (law-2018.txt, law-2021.txt), or --no-carry",
            )
        _carry(new_path, new_po, proj, language, units, (old_segments, new_segments), old_catalog, old.doc_id, say)
        written.append(proj.relative(new_po))
    new_catalog = catalog.load(new_po) if new_po.is_file() else None
    comparison = report.build(
        old, new, units, language=language, segments=(old_segments, new_segments), catalogs=(old_catalog, new_catalog)
    )
    # The catalogs as the project names them, not as absolute paths.
    comparison = dataclasses.replace(
        comparison,
        old_catalog=proj.relative(old_po) if old_catalog is not None else "",
        new_catalog=proj.relative(new_po) if new_catalog is not None else "",
    )
    data = _render(comparison, fmt)
    if output is None or str(output) == "-":
        return Result(data, tuple(written))
    if isinstance(data, bytes):
        atomic.write_bytes(output, data)
    else:
        atomic.write_text(output, data)
    return Result(None, (*written, str(output)))


def _carry(
    new_path: Path,
    new_po: Path,
    project: Project,
    language: str,
    units: list[Unit],
    segments: tuple[list[Segment], list[Segment]],
    old_catalog: Catalog,
    old_name: str,
    say: Callable[[str], None],
) -> None:
    # NEW's template and catalog as `aligner segment` writes them (a translation already there stays).
    for message in pipeline.segment_to_catalogs([new_path], project, languages=[language]):
        say(message)
    offers = carry.fills(units, segments[0], segments[1], old_catalog, old_name)
    text, filled, skipped = catalog.fill_catalog(new_po, offers)
    catalog.save(new_po, text)
    say(
        f"{project.relative(new_po)}: {filled} entries carried over from {old_name}"
        + (f", {skipped} already translated kept" if skipped else "")
    )


def _render(comparison: report.Comparison, fmt: str) -> str | bytes:
    if fmt == "json":
        return report.to_json(comparison)
    from aligner.render import redline

    if fmt == "md":
        return redline.markdown(comparison)
    if fmt == "docx":
        return redline.docx(comparison)
    return redline.html(comparison)
