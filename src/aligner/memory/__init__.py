"""The translation memory: every earlier translation reused, matched on Chinese characters.

Its content lives in files people keep in git: the project's own catalogs and the TMX and PO files
of the memory folders (``translations/memory/`` by default, ``[tool.aligner] memory``, ``--tm``).
Its index is a cache under the git-ignored ``.aligner/`` folder, rebuilt from those files.

- ``units``: reading catalogs and TMX into units (a zh-en pair with its origin)
- ``index``: the SQLite cache, updated file by file, and its bigram candidate postings
- ``match``: scores 0-100 on normalised Chinese, bands, ties
- ``placeables``: the English of a match rewritten for new figures
- ``pretranslate``: untranslated entries filled, with the report
- ``concordance``: units containing a phrase, export as TMX or PO
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from aligner.config import Project
from aligner.errors import ConfigError

if TYPE_CHECKING:
    from aligner.memory.index import Index

INDEX_PATH = Path(".aligner") / "memory.sqlite"
SUFFIXES = (".tmx", ".po")


def memory_files(project: Project, extra: Sequence[Path] = (), *, catalogs: bool = True) -> list[tuple[Path, str]]:
    """The files of the memory, sorted, each with the name shown for it: the project's catalogs
    (when ``catalogs``), the memory folders' TMX and PO files, and ``extra`` files or folders."""
    found: dict[str, Path] = {}
    if catalogs:
        for path in project.catalogs():
            found[project.relative(path)] = path
    for place in (*project.memory, *extra):
        if place.is_dir():
            for path in sorted(place.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
                    found[project.relative(path)] = path
        elif place.is_file():
            found[project.relative(place)] = place
        elif place in extra:
            raise ConfigError("no such memory file or folder", path=place, hint="give a .tmx, a .po or a folder")
    return [(path, shown) for shown, path in sorted(found.items())]


def open_index(
    project: Project,
    extra: Sequence[Path] = (),
    *,
    include_fuzzy: bool = False,
    catalogs: bool = True,
    quiet: bool = False,
) -> Index:
    """The project's memory index, brought up to date with its files (``quiet``: no progress bar)."""
    from aligner.memory.index import Index

    index = Index.open(project.root / INDEX_PATH)
    index.update(memory_files(project, extra, catalogs=catalogs), include_fuzzy=include_fuzzy, quiet=quiet)
    return index
