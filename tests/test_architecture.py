"""Imports point down the flow: nothing imports cli; model and errors use the standard library;
every dataclass shares one repr;
render never sees polib or jieba; polib, jieba and sacrebleu each have one importer."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

from tests.conftest import ROOT

PACKAGE = ROOT / "src" / "aligner"


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
            found.update(f"{node.module}.{alias.name}" for alias in node.names)
    return found


def modules() -> dict[str, set[str]]:
    return {p.relative_to(PACKAGE).as_posix(): imports_of(p) for p in PACKAGE.rglob("*.py")}


def test_nothing_imports_cli() -> None:
    for name, found in modules().items():
        if name not in ("cli.py", "__main__.py"):
            assert not any(i == "aligner.cli" or i.startswith("aligner.cli.") for i in found), name


def test_model_and_errors_use_only_the_standard_library() -> None:
    table = modules()
    for name in ("model.py", "errors.py", "records.py", "lazyre.py"):
        for imported in table[name]:
            top = imported.split(".")[0]
            ours = imported.startswith(("aligner.errors", "aligner.records"))  # themselves stdlib only
            assert top in sys.stdlib_module_names or ours, (name, imported)


def test_every_dataclass_is_a_record_with_the_shared_methods() -> None:
    import dataclasses
    import importlib
    import pkgutil

    import aligner
    from aligner.records import Record

    seen = 0
    for info in pkgutil.walk_packages(aligner.__path__, "aligner."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra that is not installed
            continue
        for value in vars(module).values():
            if isinstance(value, type) and dataclasses.is_dataclass(value) and value.__module__ == info.name:
                assert issubclass(value, Record) and "__repr__" not in vars(value), value
                if value.__dataclass_params__.frozen:  # type: ignore[attr-defined]
                    assert "__eq__" not in vars(value) and "__hash__" not in vars(value), value
                seen += 1
    assert seen >= 60


def test_one_importer_each_for_polib_jieba_sacrebleu() -> None:
    owners = {"polib": {"catalog.py"}, "jieba": {"chinese.py"}, "sacrebleu": {"score.py"}}
    for name, found in modules().items():
        for library, allowed in owners.items():
            if any(i == library or i.startswith(library + ".") for i in found):
                assert name in allowed, f"{name} imports {library}"


def test_render_sees_model_objects_only() -> None:
    for name, found in modules().items():
        if name.startswith("render/"):
            assert not any(i.split(".")[0] in ("polib", "jieba") for i in found), name
            assert "aligner.catalog" not in found and "aligner.chinese" not in found, name
