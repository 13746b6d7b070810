"""Pre-filling catalogs: the memory first, then the user's engine for what is left.

``pretranslate`` is what ``aligner pretranslate`` runs; ``segment_and_pretranslate`` is what
``aligner segment --pretranslate`` runs: the catalogs cut and synced, then pre-filled. Both check
everything they will need (the memory's files, the engine's settings) before writing anything.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.config import Project, glossary_file
from aligner.records import Record

if TYPE_CHECKING:
    from aligner.checks.glossary import TermChecker
    from aligner.memory import pretranslate as memory_pretranslate
    from aligner.mt import fill
    from aligner.mt.base import Settings


@dataclass(frozen=True, repr=False, eq=False)
class Prefilled(Record):
    memory: memory_pretranslate.Report
    mt: fill.Report | None = None  # None: no engine named, nothing sent


def pretranslate(
    project: Project,
    paths: Sequence[Path],
    *,
    tm: Sequence[Path] = (),
    threshold: int | None = None,
    include_fuzzy: bool = False,
    engine: str | None = None,
    url: str | None = None,
    model: str | None = None,
    quiet: bool = False,
) -> Prefilled:
    """Fill the untranslated entries of ``paths`` from the memory, then by machine translation when
    ``engine`` (``--mt``; default: ``[tool.aligner.mt]``) names one. A failing engine raises
    ``EngineError`` after the memory's fills are written."""
    from aligner import mt
    from aligner.memory import pretranslate as tm_pretranslate

    return _pretranslate(
        project,
        paths,
        tm=tm,
        threshold=tm_pretranslate.DEFAULT_THRESHOLD if threshold is None else threshold,
        include_fuzzy=include_fuzzy,
        engine=mt.settings(project, engine, url, model),
        quiet=quiet,
    )


def _pretranslate(
    project: Project,
    paths: Sequence[Path],
    *,
    tm: Sequence[Path],
    threshold: int,
    include_fuzzy: bool,
    engine: Settings | None,
    quiet: bool,
) -> Prefilled:
    from aligner import memory, progress
    from aligner.memory import pretranslate as tm_pretranslate

    chosen = None
    if engine is not None:
        from aligner import mt

        chosen = mt.open_engine(engine)  # a bad setting stops the run before anything is written
    index = memory.open_index(project, tm, include_fuzzy=include_fuzzy, quiet=quiet)
    shown = {p: project.relative(p) for p in paths}
    try:
        with progress.bar("pretranslating catalogs", total=len(paths), quiet=quiet) as advance:
            report = tm_pretranslate.pretranslate(paths, index, threshold=threshold, shown=shown, advance=advance)
    finally:
        index.close()
    if chosen is None:
        return Prefilled(report)
    from aligner.mt import fill

    terms = _terms(project)
    return Prefilled(report, fill.fill(paths, chosen, project.root, terms=terms, shown=shown, quiet=quiet))


def _terms(project: Project) -> TermChecker | None:
    path = glossary_file(project, None)
    if path is None:
        return None
    from aligner.checks.glossary import TermChecker, load

    return TermChecker(load(path))


def segment_and_pretranslate(
    sources: Sequence[Path],
    project: Project,
    *,
    languages: Sequence[str],
    encoding: str | None = None,
    split_semicolons: bool = False,
    force: bool = False,
    tm: Sequence[Path] = (),
    engine: str | None = None,
    url: str | None = None,
    model: str | None = None,
    quiet: bool = False,
    say: Callable[[str], object] = lambda message: None,
) -> Prefilled:
    """Cut ``sources`` into their templates and catalogs (each file's message given to ``say``),
    then pre-fill the catalogs of ``languages`` as ``pretranslate`` does (``engine="none"``: from
    the memory alone)."""
    from aligner import memory, mt, pipeline, progress
    from aligner.memory import pretranslate as tm_pretranslate

    chosen = mt.settings(project, engine, url, model)
    if chosen is not None:
        mt.open_engine(chosen)  # a bad setting stops the run before a catalog is written
    # Every memory file is read before a catalog is written: a bad one stops the run first.
    memory.open_index(project, tm, quiet=quiet).close()
    with progress.bar("writing catalogs", total=len(sources) * (1 + len(languages)), quiet=quiet) as advance:
        for message in pipeline.segment_to_catalogs(
            sources, project, languages=languages, encoding=encoding, split_semicolons=split_semicolons, force=force
        ):
            say(message)
            advance()
    written = [
        project.catalog_path(path.stem, language)
        for path in sources
        for language in languages
        if project.catalog_path(path.stem, language).is_file()
    ]
    return _pretranslate(
        project,
        written,
        tm=tm,
        threshold=tm_pretranslate.DEFAULT_THRESHOLD,
        include_fuzzy=False,
        engine=chosen,
        quiet=quiet,
    )
