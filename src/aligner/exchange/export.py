"""Review documents out: one per catalog, ``DIR/<doc>.<lang>.docx`` or ``DIR/<doc>.<lang>.xlf``."""

from __future__ import annotations

from collections.abc import Sequence
from enum import StrEnum
from pathlib import Path

from aligner import atomic, catalog
from aligner.config import Project
from aligner.errors import ConfigError
from aligner.exchange import docx, xliff, xliff2
from aligner.exchange.review import ExchangeError, exported


class Format(StrEnum):
    DOCX = "docx"
    XLIFF = "xliff"
    XLIFF2 = "xliff2"


SUFFIXES = {Format.DOCX: ".docx", Format.XLIFF: ".xlf", Format.XLIFF2: ".xlf"}


def export(project: Project, catalogs: Sequence[Path] | None, fmt: Format, folder: Path | None = None) -> list[Path]:
    """Write a review document for each catalog (default: every catalog of the project); the paths written.

    Every catalog is read before anything is written, so a malformed one writes nothing.
    """
    paths = list(catalogs) if catalogs else project.catalogs()
    if not paths:
        raise ConfigError(
            f"no catalogs in {project.relative(project.translations)}", hint="run aligner segment first, or name a .po"
        )
    out = folder if folder is not None else project.build / "review"
    loaded = [(path, catalog.load(path)) for path in paths]
    written: list[Path] = []
    for path, current in loaded:
        if path.suffix == ".pot":
            raise ConfigError(
                "a template has no English to review", path=str(path), hint="export the catalog (.po) of a language"
            )
        language = current.language or path.parent.name  # translations/<lang>/<doc>.po
        name = project.relative(path)
        items = exported(current.entries)
        try:
            if fmt is Format.DOCX:
                data = docx.write(items, doc_id=path.stem, language=language, catalog=name)
            elif fmt is Format.XLIFF2:
                data = xliff2.write(items, language=language, catalog=name)
            else:
                data = xliff.write(items, language=language, catalog=name)
        except ExchangeError as exc:
            raise ExchangeError(exc.message, path=str(path), hint=exc.hint) from None
        target = out / f"{path.stem}.{language}{SUFFIXES[fmt]}"
        if target in written:
            raise ConfigError(
                f"two catalogs would both be exported to {target}", path=str(path), hint="export them one at a time"
            )
        atomic.write_bytes(target, data)
        written.append(target)
    return written
