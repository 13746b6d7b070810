"""A new project: its configuration, folders and ignore rules, made without touching what is there."""

from __future__ import annotations

import re
from pathlib import Path

from aligner import atomic, lazyre, paths
from aligner.errors import PathError

CONFIG = """
[tool.aligner]
# Where the Chinese documents are, where the catalogs go, where the site is written.
sources = "seeds"
translations = "translations"
build = "build"
languages = ["en"]
# What the published pages say of themselves (see docs/render.md):
# publisher = "Your institute"
# translator = "Your name"
"""
GLOSSARY = "source\ttarget\tnote\n"
IGNORED = (".aligner/", "build/")  # the rebuildable caches; the site, made by `aligner render`
_TABLE = lazyre.compile(r"^\[tool\.aligner\]", re.MULTILINE)


def make_project(folder: Path) -> list[str]:
    """Make ``folder`` a project; return what was made or changed, each as a short line.

    Nothing is overwritten: an existing pyproject.toml gains the ``[tool.aligner]`` table only if
    it lacks one, an existing .gitignore gains only the lines it lacks, and folders and a glossary
    that exist stay as they are. A second run makes nothing.
    """
    if folder.exists() and not folder.is_dir():
        raise PathError("not a folder", path=folder, hint="give a folder for the new project (it may not exist yet)")
    if folder.exists():
        # Checked before anything is made: a link there (a translations/ or .gitignore pointing out
        # of the folder) would have the new project's files written, or its reads made, elsewhere.
        for name in ("pyproject.toml", "seeds", "translations", "translations/glossary.tsv", ".gitignore"):
            paths.inside(folder, name, what="project file", where=str(folder / name))
    made: list[str] = []
    if not folder.exists():
        folder.mkdir(parents=True)
        made.append(f"{folder}/")
    pyproject = folder / "pyproject.toml"
    if not pyproject.exists():
        atomic.write_text(pyproject, CONFIG.lstrip("\n"))
        made.append("pyproject.toml ([tool.aligner])")
    else:
        text = _read(pyproject)
        if not _TABLE.search(text):
            atomic.write_text(pyproject, text + ("" if text.endswith("\n") or not text else "\n") + CONFIG, update=True)
            made.append("pyproject.toml: [tool.aligner] added")
    for name in ("seeds", "translations"):
        if not (folder / name).is_dir():
            (folder / name).mkdir()
            made.append(f"{name}/")
    glossary = folder / "translations" / "glossary.tsv"
    if not glossary.exists():
        atomic.write_text(glossary, GLOSSARY)
        made.append("translations/glossary.tsv")
    ignore = folder / ".gitignore"
    present = _read(ignore).splitlines() if ignore.exists() else []
    missing = [line for line in IGNORED if line not in present and line.rstrip("/") not in present]
    if missing:
        text = "\n".join(present)
        atomic.write_text(ignore, (text + "\n" if text else "") + "\n".join(missing) + "\n", update=True)
        made.append(".gitignore: " + ", ".join(missing))
    return made


def _read(path: Path) -> str:
    return paths.read_bytes(path, what="file", shown=str(path)).decode("utf-8", errors="replace")
