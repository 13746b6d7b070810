"""Patterns compiled at first use: the same answers as ``re``, nothing compiled before, every one valid."""

from __future__ import annotations

import importlib
import pkgutil
import re

import pytest

import aligner
from aligner import lazyre


def test_a_lazy_pattern_answers_as_the_compiled_one() -> None:
    source, flags = r"(?P<year>\d{4})年(?P<month>\d{1,2})月", re.IGNORECASE
    lazy, real = lazyre.compile(source, flags), re.compile(source, flags)
    text = "2021年11月16日，2022年1月"
    assert lazy.pattern == real.pattern
    assert lazy.flags == real.flags and lazy.groups == real.groups and lazy.groupindex == real.groupindex
    assert [m.groupdict() for m in lazy.finditer(text)] == [m.groupdict() for m in real.finditer(text)]
    assert lazy.sub(r"\g<month>/\g<year>", text) == real.sub(r"\g<month>/\g<year>", text)
    assert lazy.split(text) == real.split(text) and lazy.search("x") is real.search("x") is None


def test_nothing_is_compiled_before_the_first_use(monkeypatch: pytest.MonkeyPatch) -> None:
    compiled: list[str] = []
    original = re.compile
    monkeypatch.setattr(re, "compile", lambda p, f=0: compiled.append(p) or original(p, f))
    pattern = lazyre.compile(r"[\u4e00-\u9fff]+")
    assert pattern.pattern == r"[\u4e00-\u9fff]+" and compiled == []  # its source reads without compiling
    assert pattern.findall("a中文b") == ["中文"] and pattern.findall("文") == ["文"]
    assert compiled == [r"[\u4e00-\u9fff]+"]  # once, then the real method is used


def test_a_bad_pattern_fails_at_its_first_use() -> None:
    pattern = lazyre.compile("[unclosed")
    with pytest.raises(re.error):
        pattern.match("x")


def test_every_pattern_of_the_package_compiles() -> None:
    """A pattern compiled late must not hide a typo until some rare document needs it."""
    written = sum(text.count("lazyre.compile(") for text in _sources())
    seen: set[int] = set()
    for info in pkgutil.walk_packages(aligner.__path__, "aligner."):
        try:
            module = importlib.import_module(info.name)
        except ImportError:  # an optional extra (WeasyPrint, Dask) that is not installed
            continue
        for value in _patterns(list(vars(module).values())):
            if id(value) not in seen:
                re.compile(value.pattern, value._flags)
                seen.add(id(value))
    assert len(seen) == written  # every one written in the package was reached and compiled


def _sources() -> list[str]:
    from pathlib import Path

    root = Path(aligner.__file__).parent
    return [p.read_text(encoding="utf-8") for p in root.rglob("*.py") if p.name != "lazyre.py"]


def _patterns(values: list[object], depth: int = 0) -> list[lazyre._Lazy]:
    """The lazy patterns among ``values`` and in the tuples of them (tables of patterns)."""
    found: list[lazyre._Lazy] = []
    for value in values:
        if isinstance(value, lazyre._Lazy):
            found.append(value)
        elif isinstance(value, tuple) and depth < 2:
            found.extend(_patterns(list(value), depth + 1))
    return found
