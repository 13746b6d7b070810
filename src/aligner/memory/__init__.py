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
    from aligner import paths

    found: dict[str, Path] = {}
    if catalogs:
        for path in project.catalogs():
            found[project.relative(path)] = path
    for place in (*project.memory, *extra):
        named = place in extra  # on the command line: the user chose it, wherever it lies
        if place.is_dir():
            for path in sorted(place.rglob("*")):
                if path.is_file() and path.suffix.lower() in SUFFIXES and not path.name.startswith("."):
                    if named:
                        paths.within(place, path, what="memory file")
                    else:
                        _inside(project, path)
                    found[project.relative(path)] = path
        elif place.is_file():
            if not named:
                _inside(project, place)
            found[project.relative(place)] = place
        elif named:
            raise ConfigError("no such memory file or folder", path=place, hint="give a .tmx, a .po or a folder")
    return [(path, shown) for shown, path in sorted(found.items())]


def _inside(project: Project, path: Path) -> None:
    """``PathError`` when a file of the project's memory folders leads out of the project (a
    symbolic link to a file elsewhere): the project's memory is what the project holds."""
    from aligner import paths

    try:
        name = path.relative_to(project.root).as_posix()
    except ValueError:
        name = path.as_posix()
    paths.inside(project.root, name, what="memory file", where=name)


def check_output(project: Project, extra: Sequence[Path], output: Path) -> None:
    """``WriteError`` when ``output`` is a file of the memory (``tm export -o``): the export would
    replace it, and its notes, properties and other languages with it."""
    from aligner import atomic

    atomic.check_target(output)
    atomic.refuse_inputs(output, *(path for path, _shown in memory_files(project, extra)))


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
