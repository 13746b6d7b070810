"""The project layout: where sources, catalogs and output live. ``[tool.aligner]`` in
``pyproject.toml`` may move them; defaults are ``seeds/``, ``translations/``, ``build/``, ``en``."""

from __future__ import annotations

import contextlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from aligner import paths
from aligner.errors import ConfigError
from aligner.model import Catalog
from aligner.records import Record

SOURCE_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".doc", ".wps", ".rtf", ".pdf")
SOURCE_SUFFIXES += (".markdown",)  # Markdown under its long name


@dataclass(frozen=True, repr=False, eq=False)
class Project(Record):
    root: Path
    sources: Path
    translations: Path
    build: Path
    languages: tuple[str, ...] = ("en",)
    glossary: Path = field(default=Path("translations/glossary.tsv"))
    memory: tuple[Path, ...] = ()  # folders and files of the translation memory (TMX, PO)
    # The whole [tool.aligner] table as read: publishing settings live there too.
    settings: dict[str, object] = field(default_factory=dict, hash=False, compare=False)

    def template_path(self, doc_id: str) -> Path:
        return self.translations / f"{doc_id}.pot"

    def catalog_path(self, doc_id: str, language: str) -> Path:
        return self.translations / language / f"{doc_id}.po"

    def relative(self, path: Path) -> str:
        """``path`` relative to the project root when inside it (how references name sources)."""
        try:
            return path.resolve().relative_to(self.root.resolve()).as_posix()
        except ValueError:
            return path.as_posix()

    def catalogs(self) -> list[Path]:
        """Every ``.po`` under the translations folder, sorted; one that is a symlink out of the
        project is refused (``PathError``), like a name found in a file."""
        if not self.translations.is_dir():
            return []
        memory = [m.resolve() for m in self.memory]
        found = sorted(
            p for p in self.translations.rglob("*.po") if not any(p.resolve().is_relative_to(m) for m in memory)
        )
        for path in found:
            paths.inside(self.root, path.relative_to(self.root).as_posix(), what="catalog", where=self.relative(path))
        return found


# What makes a folder a project: its configuration, or the layout a project made by hand has.
PROJECT_MARKS = ("pyproject.toml", "seeds", "translations")


def project_root(start: Path | None = None) -> Path | None:
    """The nearest folder at or above ``start`` that is a project, or None outside any.

    A folder is a project when it holds a pyproject.toml, else when it holds ``seeds/`` or
    ``translations/`` (a project set up by hand): run from ``translations/en``, a command finds
    the project two folders up instead of looking for ``translations/en/translations``.
    """
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
        if (folder / "seeds").is_dir() or (folder / "translations").is_dir():
            return folder
    return None


def find_root(start: Path | None = None) -> Path:
    """The project's folder (``project_root``), else ``start`` itself (the current folder)."""
    return project_root(start) or (start or Path.cwd()).resolve()


def _settings(pyproject: Path) -> dict[str, object]:
    """The ``[tool.aligner]`` table of ``pyproject``, kept as JSON under ``.aligner/config/`` by the
    hash of the file's bytes: importing tomllib alone costs 6-7 ms of every command's start."""
    from aligner import cache as caches

    raw = paths.read_bytes(pyproject, what="pyproject.toml")  # the one reader: regular, capped
    if not caches.enabled():
        return _parse(raw, pyproject)
    entry = caches.path_for("config", f"{caches.digest(raw)}-{caches.FORMAT}", ".json")
    stored = caches.load(entry)
    if stored is not None:
        with contextlib.suppress(ValueError):
            kept = json.loads(stored)
            if isinstance(kept, dict):
                return kept
    settings = _parse(raw, pyproject)
    try:
        data = json.dumps(settings, ensure_ascii=False, sort_keys=True).encode("utf-8")
    except (TypeError, ValueError):  # a TOML date or time: read the file each time instead
        return settings
    caches.store(entry, data)
    return settings


def _parse(raw: bytes, pyproject: Path) -> dict[str, object]:
    import tomllib

    try:
        data = tomllib.loads(raw.decode("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ConfigError(f"cannot read [tool.aligner]: {exc}", path=pyproject) from exc
    tool = data.get("tool", {})
    settings = tool.get("aligner", {}) if isinstance(tool, dict) else {}
    if not isinstance(settings, dict):
        raise ConfigError("[tool.aligner] must be a table", path=pyproject)
    return settings


def load_project(start: Path | None = None) -> Project:
    root = find_root(start)
    settings: dict[str, object] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        settings = _settings(pyproject)
    languages = settings.get("languages", ["en"])
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise ConfigError("languages must be a list of language codes", path=pyproject)
    for language in languages:
        paths.language_tag(language, where=str(pyproject))

    def folder(key: str, default: str) -> Path:
        # Names from pyproject.toml stay inside the project, like every name found in a file.
        value = settings.get(key, default)
        return paths.inside(root, str(value), what=f"[tool.aligner] {key}", where=str(pyproject))

    translations_name = str(settings.get("translations", "translations"))
    memory = settings.get("memory", [f"{translations_name}/memory"])
    if isinstance(memory, str):
        memory = [memory]
    if not isinstance(memory, list) or not all(isinstance(x, str) for x in memory):
        raise ConfigError("memory must be a list of folders or files", path=pyproject)
    return Project(
        root=root,
        sources=folder("sources", "seeds"),
        translations=folder("translations", "translations"),
        build=folder("build", "build"),
        languages=tuple(languages),
        glossary=folder("glossary", _default_glossary(root, translations_name)),
        memory=tuple(paths.inside(root, m, what="[tool.aligner] memory", where=str(pyproject)) for m in memory),
        settings=dict(settings),
    )


def _default_glossary(root: Path, translations: str) -> str:
    """``translations/glossary.tsv``, or the term base ``translations/glossary.tbx`` when only it exists."""
    tsv, tbx = f"{translations}/glossary.tsv", f"{translations}/glossary.tbx"
    return tbx if not os.path.lexists(root / tsv) and os.path.lexists(root / tbx) else tsv


def glossary_file(project: Project | None, given: Path | None) -> Path | None:
    """The glossary to read: ``given`` (must be a regular file), else the project's default when
    it exists (and then must be a regular file too: a folder or FIFO there is an error, not silence)."""
    if given is not None:
        _glossary_ok(given, str(given))
        return given
    if project is None:
        return None
    default = project.glossary
    if not os.path.lexists(default):
        return None
    _glossary_ok(default, project.relative(default))
    return default


def _glossary_ok(path: Path, shown: str) -> None:
    info = paths.regular(path, what="glossary", shown=shown)
    if info.st_size > paths.MAX_BYTES:
        raise ConfigError(f"glossary too large ({info.st_size:,} bytes)", path=shown, hint="split it")


def source_for(catalog: Catalog, project: Project) -> Path | None:
    """The source document a catalog was cut from, found through its references (``#: seeds/x.txt:3``).

    A reference is a name found in a file, so it must stay inside the project (``paths.inside``:
    no absolute path, no ``..``, no symlink out; else ``PathError`` names the catalog and line).
    Only names of source documents (``SOURCE_SUFFIXES``) are followed. None when none exists.
    """
    for entry in catalog.entries:
        for ref, _line in entry.references:
            candidate = paths.inside(project.root, ref, what="reference", where=catalog.path, line=entry.line or None)
            if candidate.suffix.lower() not in SOURCE_SUFFIXES:
                continue  # not a document (a program's source, pyproject.toml): never read as one
            if os.path.lexists(candidate):
                paths.regular(candidate, what="source", shown=ref)
                return candidate
    return None
