"""Publishing catalogs: find each catalog's source, align them, render, write. What `aligner render` runs.

The renderers in ``render/`` see model objects only; this module does the I/O around them.
"""

from __future__ import annotations

import dataclasses
import os
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from aligner import catalog as catalog_io
from aligner import metadata, pipeline
from aligner.align import align
from aligner.atomic import check_target, write_bytes, write_text
from aligner.config import Project, source_for
from aligner.coverage import count
from aligner.errors import AlignerError, ConfigError
from aligner.model import Alignment, Catalog, Document, Kind, Segment
from aligner.paths import is_language_tag, language_tag
from aligner.records import Record
from aligner.render import FORMATS, SUFFIXES, html, layout
from aligner.render.html import IndexEntry
from aligner.render.layout import Page, Publication

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
        placed = re.match(r"(\w+), (?:table \d|第)", entry.extracted)
        if not places and placed and found:
            # "cell, table 1, row 3, cell 2" / "item, 第十二条 (第二章)": a place that survives
            # re-segmenting, without numbers; it follows the entry before it, as the catalog orders them.
            places = [(placed.group(1), str(found[-1].paragraph), str(found[-1].sentence + 1))]
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


class CoverageGate(AlignerError):
    """A page below ``--min-coverage``: not written (exit 1, a gate, not bad input)."""

    exit_code = 1


@dataclass(frozen=True, repr=False, eq=False)
class Options(Record):
    """How pages are published: ``[tool.aligner]`` gives the defaults, the command line overrides."""

    publication: Publication = dataclasses.field(default_factory=Publication)
    min_coverage: float | None = None


_TEXT_SETTINGS = ("publisher", "credit", "notice", "translator", "base_url")


def options(project: Project, *, publish: bool | None = None, min_coverage: float | None = None) -> Options:
    """The publishing options of ``project`` (``[tool.aligner]``), with the command line's on top."""
    settings = project.settings
    where = project.root / "pyproject.toml"
    values: dict[str, str] = {}
    for key in _TEXT_SETTINGS:
        value = settings.get(key, "")
        if not isinstance(value, str):
            raise ConfigError(f"[tool.aligner] {key} must be a string", path=where)
        values[key] = " ".join(value.split())
    base = values["base_url"]
    if base and not re.match(r"https?://[^\s/]+", base):
        raise ConfigError(f"[tool.aligner] base_url must start with https:// or http://, not {base!r}", path=where)
    default_publish = settings.get("publish", False)
    if not isinstance(default_publish, bool):
        raise ConfigError("[tool.aligner] publish must be true or false", path=where)
    if min_coverage is None:
        configured = settings.get("min_coverage")
        if configured is not None and (isinstance(configured, bool) or not isinstance(configured, int | float)):
            raise ConfigError("[tool.aligner] min_coverage must be a number from 0 to 100", path=where)
        min_coverage = float(configured) if configured is not None else None
    if min_coverage is not None and not 0 <= min_coverage <= 100:
        raise ConfigError(f"--min-coverage must be from 0 to 100, not {min_coverage:g}")
    draft = not (default_publish if publish is None else publish)
    publication = Publication(
        draft=draft,
        publisher=values["publisher"],
        credit=values["credit"],
        notice=values["notice"],
        translator=values["translator"],
        base_url=base,
        names=_names(project),
    )
    return Options(publication, min_coverage)


def _names(project: Project) -> dict[str, str]:
    """Each glossary term's first English rendering: the names a page's header shows in English."""
    if not project.glossary.is_file():
        return {}
    from aligner.terms import termbase

    return {term.source: term.targets[0] for term in termbase.load(project.glossary).terms if term.targets}


def render_one(
    alignment: Alignment, fmt: str, *, where: str = "-", publication: Publication | None = None
) -> tuple[str | bytes, str]:
    """The rendered text (bytes for pdf and docx) and a message for stderr (the English text's fallbacks)."""
    if fmt == "html":
        return html.render(alignment, publication=publication), ""
    # Each other format loads when asked for: the everyday render is html.
    if fmt == "md":
        from aligner.render import markdown

        return markdown.render(alignment, publication=publication), ""
    if fmt == "tmx":
        from aligner.render import tmx

        return tmx.render(alignment), ""
    if fmt == "pdf":
        from aligner.render import pdf

        return pdf.render(alignment, publication=publication), ""
    if fmt == "docx":
        from aligner.render import docx

        return docx.render(alignment, publication=publication), ""
    from aligner.render import text

    result = text.english(alignment, publication=publication)
    message = ""
    if result.fallbacks:
        message = (
            f"aligner: {where}: {len(result.untranslated)} untranslated and {len(result.fuzzy)} fuzzy segment(s) "
            f"left in Chinese: {', '.join(result.untranslated + result.fuzzy)}"
        )
    return result.text, message


def index_entry(page: Page, href: str) -> IndexEntry:
    words = [c.segment.text for b in page.blocks for u in b.units for c in u.cells]
    words += [u.target for b in page.blocks for u in b.units if not u.missing]
    dated = "published" if page.metadata.get("published") else "written"
    return IndexEntry(
        doc_id=page.doc_id,
        language=page.language,
        href=href,
        title=page.title,
        title_en=page.title_en,
        coverage=page.coverage,
        issuer=page.issuer_en or page.metadata.get("issuer", ""),
        date=page.dates_en.get(dated) or page.metadata.get(dated, ""),
        sort_date=metadata.iso_date(page.metadata.get("published") or page.metadata.get("written", "")),
        status=page.status,
        text=" ".join(" ".join(words).split()).lower(),
    )


def gate(alignment: Alignment, minimum: float | None, where: str) -> None:
    coverage = count(alignment.catalog)
    if minimum is not None and coverage.percent < minimum:
        raise CoverageGate(
            f"coverage {coverage.percent:.1f} % is below --min-coverage {minimum:g}: page not written",
            path=where,
            hint="translate more, or lower the minimum",
        )


def render_to_stdout(
    project: Project, catalogs: Sequence[Path] | None, fmt: str, warn: Warn, opts: Options | None = None
) -> str | bytes:
    """The rendering of exactly one catalog, for ``-o -``."""
    check_format(fmt)
    opts = opts or options(project)
    jobs = alignments(project, catalogs, warn)
    if len(jobs) != 1:
        raise ConfigError("'-o -' takes exactly one catalog", hint="give one .po, or a folder to -o")
    language, alignment = jobs[0]
    gate(alignment, opts.min_coverage, alignment.catalog.path)
    href = f"{language}/{alignment.document.doc_id}{SUFFIXES[fmt]}"
    result, message = render_one(alignment, fmt, publication=dataclasses.replace(opts.publication, href=href))
    if message:
        warn(message)
    return result


@dataclass(frozen=True, repr=False, eq=False)
class Written(Record):
    paths: list[Path]  # the index first, then one per catalog
    refused: list[CoverageGate]  # pages below --min-coverage, not written


def render_files(
    project: Project,
    catalogs: Sequence[Path] | None,
    fmt: str,
    output: Path | None,
    warn: Warn,
    opts: Options | None = None,
) -> Written:
    """Write one file per catalog (HTML also an index page of the site)."""
    check_format(fmt)
    opts = opts or options(project)
    jobs = alignments(project, catalogs, warn)
    jobs_paths = list(zip(list(catalogs) if catalogs else project.catalogs(), jobs, strict=True))
    single_file = (
        output is not None and len(jobs) == 1 and not output.is_dir() and (output.suffix != "" or output.exists())
    )
    if output is not None and len(jobs) > 1 and output.suffix and not output.is_dir():
        raise ConfigError(
            f"{len(jobs)} catalogs cannot go to one file", path=output, hint="give -o a folder, or one catalog"
        )
    root = project.build if output is None else output
    site = fmt == "html" and not single_file
    written: list[Path] = []
    refused: list[CoverageGate] = []
    index: list[IndexEntry] = []
    for language, alignment in jobs:
        if single_file and output is not None:
            target = output
        else:
            target = root / language / (alignment.document.doc_id + SUFFIXES[fmt])
        check_target(target)  # a refused -o fails before any rendering or message
        try:
            gate(alignment, opts.min_coverage, shown(target))
        except CoverageGate as refusal:
            if site and withdraw(target):
                # Uploading the site must not publish the draft this run refused.
                refusal = CoverageGate(f"{refusal.message}; its earlier page was removed", path=refusal.path)
            refused.append(refusal)
            continue
        href = target.name if single_file else target.relative_to(root).as_posix()
        back = os.path.relpath(root / "index.html", target.parent).replace(os.sep, "/") if site else ""
        publication = dataclasses.replace(opts.publication, href=href, index=back)
        if fmt == "html":
            page = layout.build(alignment, publication=publication)
            write_text(target, html.render_page(page))
            if site:
                index.append(index_entry(page, href))
        else:
            result, message = render_one(alignment, fmt, where=shown(target), publication=publication)
            if message:
                warn(message)
            if isinstance(result, bytes):
                write_bytes(target, result)
            else:
                write_text(target, result)
        written.append(target)
    if site:
        # The pages of the site this run did not render (other catalogs) stay listed.
        index += _standing_pages(project, [catalog for catalog, _ in jobs_paths], root, opts)
        index.sort(key=lambda entry: (entry.language, entry.doc_id))
    if site:
        index_path = root / "index.html"
        write_text(index_path, html.render_index(index, publication=opts.publication))
        written.insert(0, index_path)
    return Written(written, refused)


def withdraw(page: Path) -> bool:
    """Remove a page of the site (a regular file, never what a link points to); whether there was one."""
    if page.is_symlink() or not page.is_file():
        return False
    page.unlink()
    return True


def _standing_pages(project: Project, rendered: list[Path], root: Path, opts: Options) -> list[IndexEntry]:
    """Index entries of the pages already in the site at ``root`` for the project's other catalogs."""
    done = {path.resolve() for path in rendered}
    others = [path for path in project.catalogs() if path.resolve() not in done]
    entries: list[IndexEntry] = []
    for language, alignment in alignments(project, others, lambda *_: None) if others else []:
        target = root / language / (alignment.document.doc_id + SUFFIXES["html"])
        if target.is_file() and not target.is_symlink():
            href = target.relative_to(root).as_posix()
            publication = dataclasses.replace(opts.publication, href=href)
            entries.append(index_entry(layout.build(alignment, publication=publication), href))
    return entries


def check_format(fmt: str) -> None:
    if fmt not in FORMATS:
        raise ConfigError(f"unknown format {fmt!r}", hint="use one of: " + ", ".join(FORMATS))
