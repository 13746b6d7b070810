"""The main job as plain functions the CLI calls: read sources, cut, write or print."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from aligner import catalog, importers
from aligner import segment as segmenter
from aligner.config import SOURCE_SUFFIXES, Project, load_project
from aligner.errors import ConfigError, SourceError
from aligner.model import Document, Segment

_LANGUAGE = re.compile(r"^[A-Za-z]{2,3}(?:[_-][A-Za-z0-9]{2,8})*(?:@[A-Za-z]+)?$")


def project() -> Project:
    return load_project()


def expand_sources(paths: Sequence[Path]) -> list[Path]:
    """Files as given; folders give their text files (sorted, not recursive into hidden folders)."""
    result: list[Path] = []
    for path in paths:
        if path.is_dir():
            found = sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in SOURCE_SUFFIXES)
            if not found:
                raise SourceError("no source documents (.txt, .html, .docx, .doc, .pdf) in this folder", path=path)
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
    # Text, HTML, Word or PDF: each format through its importer (plain text through source.read).
    document = importers.read(path, encoding=encoding, display_path=importers.shown_path(path, proj.root))
    return document, segmenter.segment(document, split_semicolons=split_semicolons)


def segments_jsonl(
    paths: Sequence[Path],
    project: Project,
    *,
    encoding: str | None = None,
    split_semicolons: bool = False,
    force: bool = False,
) -> Iterator[str]:
    for path in paths:
        document, segments = load_document(path, project, encoding=encoding, split_semicolons=split_semicolons)
        if not force:
            importers.check_language(document)
        for seg in segments:
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
    unless ``force``."""
    for language in languages:
        if not _LANGUAGE.match(language):
            raise ConfigError(f"not a language code: {language!r}", hint="give an ISO 639 code such as en, fr or pt_BR")
    # Read and cut everything first: a bad file stops the run before anything is written.
    loaded = [load_document(path, project, encoding=encoding, split_semicolons=split_semicolons) for path in paths]
    for document, _segments in loaded:
        if not force:
            importers.check_language(document)
    for (document, segments), path in zip(loaded, paths, strict=True):
        extracted = importers.keep_text(document, path, project.translations)
        if extracted is not None:
            yield f"{project.relative(extracted)}: extracted text of {document.path}"
        if not segments:
            yield f"aligner: warning: {document.path}: empty document, no catalog written"
            continue
        items = catalog.template_entries(segments, document.path)
        pot_path = project.template_path(document.doc_id)
        old = catalog.load(pot_path) if pot_path.exists() else None
        wrote = catalog.save(pot_path, catalog.build_template(document.doc_id, items, old))
        note = "" if wrote else ", unchanged"
        yield f"{project.relative(pot_path)}: {len(items)} entries ({len(segments)} segments){note}"
        for language in languages:
            po_path = project.catalog_path(document.doc_id, language)
            text, report = catalog.sync_catalog(document.doc_id, items, language, po_path)
            wrote = catalog.save(po_path, text)
            yield (
                f"{project.relative(po_path)}: {report.kept} kept, {report.fuzzy} fuzzy, {report.new} new, "
                f"{report.obsoleted} obsolete{', ' + str(report.revived) + ' revived' if report.revived else ''}"
                f"{'' if wrote else ', unchanged'}"
            )
