"""Publishing catalogs: find each catalog's source, align them, render, write. What `aligner render` runs.

The renderers in ``render/`` see model objects only; this module does the I/O around them.
"""

from __future__ import annotations

import dataclasses
import re
from collections.abc import Callable, Sequence
from pathlib import Path

from aligner import catalog as catalog_io
from aligner import pipeline
from aligner.align import align
from aligner.atomic import check_target, write_text
from aligner.config import Project, source_for
from aligner.coverage import count
from aligner.errors import ConfigError
from aligner.model import Alignment, Catalog, Document, Kind, Segment
from aligner.paths import is_language_tag, language_tag
from aligner.render import FORMATS, SUFFIXES, html, markdown, text, tmx
from aligner.render.html import IndexEntry
from aligner.render.layout import titles

Warn = Callable[[str], None]


def shown(path: Path) -> str:
    """``path`` relative to the working folder when inside it, as a reader would type it."""
    try:
        return path.resolve().relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def alignments(project: Project, catalogs: Sequence[Path] | None, warn: Warn) -> list[tuple[str, Alignment]]:
    """Per catalog, its language and its alignment with the source document."""
    paths = list(catalogs) if catalogs else project.catalogs()
    if not paths:
        raise ConfigError(
            "no catalogs to render", path=project.relative(project.translations), hint="run `aligner segment` first"
        )
    jobs: list[tuple[str, Alignment]] = []
    for path in paths:
        # Shown on the page: relative to the project, so the output does not depend on where it ran.
        loaded = dataclasses.replace(catalog_io.load(path), path=project.relative(path))
        source = source_for(dataclasses.replace(loaded, path=str(path)), project)
        if source is None:
            warn(f"aligner: warning: {loaded.path}: source document not found; structure from the catalog's comments")
            document, segments = structure_from_catalog(loaded, path)
        else:
            document, segments = pipeline.load_document(source, project)
        # Language decides the output path: validated, never a path itself (../../x, /tmp/x).
        folder = path.parent.name if is_language_tag(path.parent.name) else "en"
        language = language_tag(loaded.language, where=loaded.path) if loaded.language else folder
        jobs.append((language, align(document, segments, loaded)))
    return jobs


def structure_from_catalog(loaded: Catalog, path: Path) -> tuple[Document, list[Segment]]:
    """Segments rebuilt from the ``#. kind, paragraph P sentence S`` comments ``aligner segment`` writes."""
    kinds = {kind.value: kind for kind in Kind}
    found: list[Segment] = []
    for number, entry in enumerate(loaded.live, start=1):
        line = next((ln for _, ln in entry.references if ln), 0)
        # "body, paragraph 20 sentence 3" (also the older "body 20.3"), one per occurrence.
        places = re.findall(r"(\w+),? (?:paragraph )?(\d+)(?: sentence |\.)(\d+)", entry.extracted)
        places = places or [("body", str(number), "1")]
        for kind, paragraph, sentence in places:
            found.append(
                Segment(
                    text=entry.msgid,
                    kind=kinds.get(kind, Kind.BODY),
                    line=line,
                    end_line=line,
                    start=0,
                    end=0,
                    paragraph=int(paragraph),
                    sentence=int(sentence),
                )
            )
    found.sort(key=lambda s: (s.paragraph, s.sentence))
    document = Document(doc_id=path.stem, path=loaded.path, text="", encoding="utf-8", paragraphs=())
    return document, found


def render_one(alignment: Alignment, fmt: str, *, where: str = "-") -> tuple[str, str]:
    """The rendered text and a message for stderr (the English text's fallbacks)."""
    if fmt == "html":
        return html.render(alignment), ""
    if fmt == "md":
        return markdown.render(alignment), ""
    if fmt == "tmx":
        return tmx.render(alignment), ""
    result = text.english(alignment)
    message = ""
    if result.fallbacks:
        message = (
            f"aligner: {where}: {len(result.untranslated)} untranslated and {len(result.fuzzy)} fuzzy segment(s) "
            f"left in Chinese: {', '.join(result.untranslated + result.fuzzy)}"
        )
    return result.text, message


def index_entry(alignment: Alignment, language: str, href: str) -> IndexEntry:
    zh, en = titles(alignment)
    return IndexEntry(
        doc_id=alignment.document.doc_id,
        language=language,
        href=href,
        title=zh,
        title_en=en,
        coverage=count(alignment.catalog),
    )


def render_to_stdout(project: Project, catalogs: Sequence[Path] | None, fmt: str, warn: Warn) -> str:
    """The rendering of exactly one catalog, for ``-o -``."""
    check_format(fmt)
    jobs = alignments(project, catalogs, warn)
    if len(jobs) != 1:
        raise ConfigError("'-o -' takes exactly one catalog", hint="give one .po, or a folder to -o")
    result, message = render_one(jobs[0][1], fmt)
    if message:
        warn(message)
    return result


def render_files(
    project: Project, catalogs: Sequence[Path] | None, fmt: str, output: Path | None, warn: Warn
) -> list[Path]:
    """Write one file per catalog (HTML also an index page); the paths written, the index first."""
    check_format(fmt)
    jobs = alignments(project, catalogs, warn)
    single_file = (
        output is not None and len(jobs) == 1 and not output.is_dir() and (output.suffix != "" or output.exists())
    )
    if output is not None and len(jobs) > 1 and output.suffix and not output.is_dir():
        raise ConfigError(
            f"{len(jobs)} catalogs cannot go to one file", path=output, hint="give -o a folder, or one catalog"
        )
    root = project.build if output is None else output
    written: list[Path] = []
    index: list[IndexEntry] = []
    for language, alignment in jobs:
        if single_file and output is not None:
            target = output
        else:
            target = root / language / (alignment.document.doc_id + SUFFIXES[fmt])
        check_target(target)  # a refused -o fails before any rendering or message
        result, message = render_one(alignment, fmt, where=shown(target))
        if message:
            warn(message)
        write_text(target, result)
        written.append(target)
        if fmt == "html" and not single_file:
            index.append(index_entry(alignment, language, target.relative_to(root).as_posix()))
    if index:
        index_path = root / "index.html"
        write_text(index_path, html.render_index(index))
        written.insert(0, index_path)
    return written


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
