"""Shared fixtures: the seed and the real documents under ../shared/corpus (never copied here).

System tools (msgfmt, chromium, libreoffice...) are asked for through ``require_tool``, before a
test asserts anything: locally a missing tool skips the test and says why; under ``CI=true`` it
fails it, so a green CI run means every test ran.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_9e415571a82dd196.txt"
ZH_DOCS = SHARED / "corpus" / "zh-docs"
PARALLEL = SHARED / "corpus" / "parallel"
SEED_PO = ROOT / "translations" / "en" / "000_9e415571a82dd196.po"


def under_ci() -> bool:
    return os.environ.get("CI", "").strip().lower() in ("true", "1", "yes")


def _missing(reason: str, *, module_level: bool) -> None:
    if under_ci():
        pytest.fail(f"{reason} (CI=true: a missing tool fails the run; .ci/run installs it)", pytrace=False)
    pytest.skip(f"{reason}; .ci/run installs it", allow_module_level=module_level)


def require_tool(name: str, *, module_level: bool = False) -> str:
    """The path of the program ``name`` (a command or an absolute path); skip, or fail under CI, without it."""
    found = shutil.which(name)
    if found is None:
        _missing(f"{name} is not installed", module_level=module_level)
    assert found is not None
    return found


def require_module(name: str, *, module_level: bool = False) -> ModuleType:
    """Import the Python module ``name``; skip, or fail under CI, when it is not installed."""
    try:
        return importlib.import_module(name)
    except ImportError:
        _missing(f"the Python module {name} is not installed", module_level=module_level)
        raise


# Root ignores file permissions; without these two capabilities it obeys them like anyone else.
_DROP = ["--bounding-set", "-dac_override,-dac_read_search"]


@pytest.fixture(scope="session")
def as_user() -> list[str]:
    """A command prefix under which chmod 000 denies access, even when the tests run as root.

    As root it is ``setpriv --bounding-set -dac_override,-dac_read_search`` (util-linux): the same
    process, the same files, without the capabilities that let root read and write anything.
    """
    if os.geteuid() != 0:
        return []
    prefix = [require_tool("setpriv"), *_DROP]
    probe = subprocess.run([*prefix, "true"], capture_output=True, text=True, check=False)
    if probe.returncode != 0:
        _missing(f"setpriv cannot drop root's capabilities here ({probe.stderr.strip()})", module_level=False)
    return prefix


@pytest.fixture(scope="session")
def msgfmt() -> str:
    """GNU gettext's msgfmt: ask for this fixture so the tool check comes before any assertion."""
    return require_tool("msgfmt")


def corpus_docs() -> list[Path]:
    return sorted(p for p in ZH_DOCS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def zh_docs() -> list[Path]:
    docs = corpus_docs()
    if not docs:
        pytest.fail(f"the corpus is missing: expected documents in {ZH_DOCS}")
    return docs
