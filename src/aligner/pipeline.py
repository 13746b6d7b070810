"""The main job as plain functions the CLI calls: read sources, cut, write or print."""

from __future__ import annotations

import json
import shlex
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aligner import atomic, catalog, segcache
from aligner.config import SOURCE_SUFFIXES, Project, find_root, load_project
from aligner.errors import AlignerError, ConfigError, PathError, SourceError
from aligner.model import Document, Role, Segment
from aligner.paths import language_tag, read_stamp, readable
from aligner.paths import shown as shown_in_project

if TYPE_CHECKING:
    from aligner.checks.glossary import Glossary


def project() -> Project:
    return load_project()


def expand_sources(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders give their text files (sorted, not recursive into hidden folders)."""
    result: list[Path] = []
    root = find_root()
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
            if not found:
                raise SourceError("no source documents (.txt, .html, .docx, .doc, .pdf) in this folder", path=path)
            for file in found:  # a file found in a folder of the project must not lead out of it
                if file.resolve().is_relative_to(root.resolve()) or not path.resolve().is_relative_to(root):
                    continue
                raise PathError(
                    f"{file.name} resolves outside the project ({file.resolve()})",
                    path=str(file),
                    hint="a symlink points out of it; copy the document into the project",
                )
            result.extend(found)
        elif path.exists():
            result.append(path)
        else:
            raise SourceError("no such file or folder", path=path, hint="give a source document or a folder")
    return result


def load_document(
    path: Path, project: Project | None = None, *, encoding: str | None = None, split_semicolons: bool = False
) -> tuple[Document, list[Segment]]:
    """Read and cut one source; the path shown in references is relative to the project root."""
    proj = project or load_project()
    name = shown_in_project(path, proj.root)
    readable(path, what="source", shown=str(path))  # no FIFO, device, /proc file or 20 GB file

    def derive() -> tuple[Document, list[Segment]]:
        # Loaded here: a command that finds the cut in the cache never needs the importers.
        from aligner import importers, structure
        from aligner import segment as segmenter

        # Text, HTML, Word or PDF: each format through its importer (plain text through source.read);
        # what the format left unsaid about each block is filled in by the structure rules.
        document = structure.infer(importers.read(path, encoding=encoding, display_path=name))
        return document, segmenter.segment(document, split_semicolons=split_semicolons)

    # Cut once per content: segment, check and render read the cut back (keyed by the bytes' hash).
    document, segments = segcache.load(path, (name, encoding, split_semicolons), derive)
    return document, segments


def segments_jsonl(
    paths: Sequence[Path],
    project: Project,
    *,
    encoding: str | None = None,
    split_semicolons: bool = False,
    force: bool = False,
) -> Iterator[str]:
    from aligner import importers

    for path in paths:
        document, segments = load_document(path, project, encoding=encoding, split_semicolons=split_semicolons)
        if not force:
            importers.check_language(document)
        blocks = {p.number: p for p in document.paragraphs}
        for seg in segments:
            block = blocks[seg.paragraph]
            cell = block.cell
            yield json.dumps(
                {
                    "doc_id": document.doc_id,
                    "text": seg.text,
                    "kind": seg.kind.value,
                    "line": seg.line,
                    "end_line": seg.end_line,
                    "paragraph": seg.paragraph,
                    "sentence": seg.sentence,
                    "start": seg.start,
                    "end": seg.end,
                    # Where it stands: its block's role, a heading's level, its law article, its table cell.
                    "role": block.role.value if block.role else None,
                    "level": block.level if block.role is Role.HEADING and block.level else None,
                    "article": block.article or None,
                    "cell": {"table": cell.table, "row": cell.row, "col": cell.col} if cell is not None else None,
                },
                ensure_ascii=False,
            )


def segment_to_catalogs(
    paths: Sequence[Path],
    project: Project,
    *,
    languages: Sequence[str],
    encoding: str | None = None,
    split_semicolons: bool = False,
    force: bool = False,
) -> Iterator[str]:
    """Write/sync the template and catalogs of each document; yield one message per file for stderr.

    Of a source read by an importer (HTML, Word, PDF), the extracted text its references count
    lines in is kept as ``translations/<doc_id>.zh.txt``. A source that is not Chinese is refused
    unless ``force``. The whole run holds the project lock (``.aligner/lock``), and every catalog is
    written only if it is still what was read: a translator's save meanwhile stops the run with
    nothing lost.
    """
    from aligner import importers

    for language in languages:
        language_tag(language)
    _refuse_outside_sources(paths, project)
    with atomic.session(), atomic.lock(project.root):
        # Read and cut everything first: a bad file stops the run before anything is written.
        loaded = [load_document(path, project, encoding=encoding, split_semicolons=split_semicolons) for path in paths]
        for document, _segments in loaded:
            if not force:
                importers.check_language(document)
        _refuse_shared_catalogs([document for document, _ in loaded], project)
        glossary = _glossary(project)
        # Then every catalog, before writing any: a malformed one stops the run with nothing written.
        plans: list[tuple[Document, Path, list[tuple[Path, str, str]]]] = []  # path, text, message
        for (document, segments), path in zip(loaded, paths, strict=True):
            writes: list[tuple[Path, str, str]] = []
            plans.append((document, path, writes))
            if not segments:
                continue
            items = catalog.template_entries(segments, document.path, document)
            if glossary is not None:
                items = _with_hints(items, glossary)
            pot_path = project.template_path(document.doc_id)
            old = catalog.load(pot_path) if pot_path.exists() else None
            pot_text = catalog.build_template(document.doc_id, items, old)
            writes.append((pot_path, pot_text, f"{len(items)} entries ({len(segments)} segments)"))
            for language in languages:
                po_path = project.catalog_path(document.doc_id, language)
                text, report = catalog.sync_catalog(document.doc_id, items, language, po_path)
                writes.append(
                    (
                        po_path,
                        text,
                        f"{report.kept} kept, {report.fuzzy} fuzzy, {report.new} new, {report.obsoleted} obsolete"
                        + (f", {report.revived} revived" if report.revived else ""),
                    )
                )
        for document, path, writes in plans:
            kept = importers.keep_text(document, path, project.translations)
            if kept is not None:
                extracted, wrote = kept
                said = f"{project.relative(extracted)}: extracted text of {document.path}"
                yield said + ("" if wrote else ", unchanged")
            if not writes:
                yield f"aligner: warning: {document.path}: empty document, no catalog written"
            for target, text, message in writes:
                # A file read above must still be as read; one that was absent must still be absent.
                wrote = catalog.save(target, text, expect=None if read_stamp(target) else atomic.ABSENT)
                yield f"{project.relative(target)}: {message}{'' if wrote else ', unchanged'}"


def _refuse_outside_sources(paths: Sequence[Path], project: Project) -> None:
    """A catalog's references must lead to its source inside the project, where render, check and
    compare find it again (a name that leaves the project is never followed): refuse, with the copy."""
    root = project.root.resolve()
    for path in paths:
        if not path.resolve().is_relative_to(root):
            sources = project.relative(project.sources)
            raise SourceError(
                f"the document is outside the project ({root})",
                path=path,
                hint=f"copy it into the project first: cp {shlex.quote(str(path))} {sources}/"
                f" && aligner segment {sources}/{shlex.quote(path.name)}",
            )


def _refuse_shared_catalogs(documents: Sequence[Document], project: Project) -> None:
    """Two sources with one stem (letter.txt, letter.md) would share one catalog: refuse, and say so.

    Also when the template on disk was cut from another source that still exists."""
    first: dict[str, str] = {}
    for document in documents:
        if document.doc_id in first and first[document.doc_id] != document.path:
            raise ConfigError(
                f"{first[document.doc_id]} and {document.path} would share the catalogs of {document.doc_id!r}",
                path=document.path,
                hint="rename one of them (the file stem names the catalog)",
            )
        first[document.doc_id] = document.path
    for doc_id, shown in first.items():
        pot_path = project.template_path(doc_id)
        if not pot_path.is_file():
            continue
        try:
            named = {ref for entry in catalog.load(pot_path).entries for ref, _ in entry.references}
        except AlignerError:
            continue  # the sync reads it again and reports what is wrong with it
        others = sorted(ref for ref in named if ref != shown and (project.root / ref).is_file())
        if others and shown not in named:
            raise ConfigError(
                f"{project.relative(pot_path)} holds the segments of {others[0]}; {shown} would replace them",
                path=shown,
                hint="rename one of the two documents (the file stem names the catalog)",
            )


def _glossary(project: Project) -> Glossary | None:
    """The project's glossary when it has one (its terms become hints in the #. comments)."""
    if not project.glossary.is_file():
        return None
    from aligner.checks import glossary

    return glossary.load(project.glossary)


def _with_hints(items: list[catalog.TemplateEntry], glossary: Glossary) -> list[catalog.TemplateEntry]:
    from dataclasses import replace

    from aligner.hints import cached_term_hints

    hints = cached_term_hints([item.msgid for item in items], glossary)
    return [
        replace(item, extracted=f"{item.extracted}\n{hints[item.msgid]}") if item.msgid in hints else item
        for item in items
    ]
