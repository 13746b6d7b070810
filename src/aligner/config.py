"""The project layout: where sources, catalogs and output live. ``[tool.aligner]`` in
``pyproject.toml`` may move them; defaults are ``seeds/``, ``translations/``, ``build/``, ``en``."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from aligner.errors import ConfigError
from aligner.model import Catalog

SOURCE_SUFFIXES = (".txt", ".md", ".text", ".html", ".htm", ".shtml", ".xhtml", ".docx", ".doc", ".wps", ".rtf", ".pdf")


@dataclass(frozen=True)
class Project:
    root: Path
    sources: Path
    translations: Path
    build: Path
    languages: tuple[str, ...] = ("en",)
    glossary: Path = field(default=Path("translations/glossary.tsv"))

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
        """Every ``.po`` under the translations folder, sorted."""
        if not self.translations.is_dir():
            return []
        return sorted(self.translations.rglob("*.po"))


def find_root(start: Path | None = None) -> Path:
    """The nearest folder at or above ``start`` holding a pyproject.toml, else ``start`` itself."""
    here = (start or Path.cwd()).resolve()
    for folder in (here, *here.parents):
        if (folder / "pyproject.toml").is_file():
            return folder
    return here


def load_project(start: Path | None = None) -> Project:
    root = find_root(start)
    settings: dict[str, object] = {}
    pyproject = root / "pyproject.toml"
    if pyproject.is_file():
        try:
            data = tomllib.loads(pyproject.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise ConfigError(f"cannot read [tool.aligner]: {exc}", path=pyproject) from exc
        settings = data.get("tool", {}).get("aligner", {})
    languages = settings.get("languages", ["en"])
    if isinstance(languages, str):
        languages = [languages]
    if not isinstance(languages, list) or not all(isinstance(x, str) for x in languages):
        raise ConfigError("languages must be a list of language codes", path=pyproject)
    translations = root / str(settings.get("translations", "translations"))
    return Project(
        root=root,
        sources=root / str(settings.get("sources", "seeds")),
        translations=translations,
        build=root / str(settings.get("build", "build")),
        languages=tuple(languages),
        glossary=root
        / str(settings.get("glossary", Path(str(settings.get("translations", "translations"))) / "glossary.tsv")),
    )


def source_for(catalog: Catalog, project: Project) -> Path | None:
    """The source document a catalog was cut from, found through its references (``#: seeds/x.txt:3``)."""
    for entry in catalog.entries:
        for ref, _line in entry.references:
            for base in (project.root, Path(catalog.path).parent, Path.cwd()):
                candidate = (base / ref).resolve()
                if candidate.is_file():
                    return candidate
    return None
