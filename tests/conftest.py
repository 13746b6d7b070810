"""Shared fixtures: the seed, the small fixtures under tests/data, and the real corpus (never copied here).

The corpus is ``$ALIGNER_CORPUS`` or ``../shared/corpus`` beside the project; a user's clone has
neither. Tests that need it ask for the ``corpus`` fixture (or call ``require_corpus``) and carry the
``corpus`` mark: without the corpus they skip with one reason, and under ``CI=true`` they fail.

System tools (msgfmt, chromium, libreoffice...) are asked for through ``require_tool``, before a
test asserts anything: locally a missing tool skips the test and says why; under ``CI=true`` it
fails it, so a green CI run means every test ran.
"""

from __future__ import annotations

import importlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
CORPUS = Path(os.environ["ALIGNER_CORPUS"]) if os.environ.get("ALIGNER_CORPUS") else SHARED / "corpus"
DATA = ROOT / "tests" / "data"
SEED = ROOT / "seeds" / "000_9e415571a82dd196.txt"
ZH_DOCS = CORPUS / "zh-docs"
PARALLEL = CORPUS / "parallel"
SEED_PO = ROOT / "translations" / "en" / "000_9e415571a82dd196.po"
# Excerpts of the corpus that a clone carries (tests/data/README.md lists each with its origin).
DOCS = DATA / "zh-docs"
BIBLE = DATA / "bible"
WHITE_PAPER = DATA / "whitepaper"
CONSTITUTION = DATA / "constitution"


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


def require_corpus(*, module_level: bool = False) -> Path:
    """The corpus folder; skip (locally) or fail (under CI=true) when this clone has none."""
    if not CORPUS.is_dir():
        reason = f"the corpus is not here ({CORPUS}); set ALIGNER_CORPUS to run the corpus tests"
        if under_ci():
            pytest.fail(f"{reason} (CI=true: corpus tests must run)", pytrace=False)
        pytest.skip(reason, allow_module_level=module_level)
    return CORPUS


@pytest.fixture(scope="session")
def corpus() -> Path:
    """The real corpus (see the module's docstring); ask for it before asserting anything."""
    return require_corpus()


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    # A test that asks for the corpus fixture is a corpus test, whether or not it was marked by hand.
    for item in items:
        if "corpus" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.corpus)


def corpus_docs() -> list[Path]:
    return sorted(p for p in ZH_DOCS.glob("*.txt"))


def corpus_files(paths: list[Path]) -> list[object]:
    """Parameters of a test over corpus files: the files, or, without the corpus, one that skips with
    the corpus's reason (the test asks for the ``corpus`` fixture) rather than an empty set."""
    return list(paths) or [pytest.param(None, id="corpus")]


def fixture_docs() -> list[Path]:
    """The opening lines of each of the 14 corpus documents, as a clone has them (tests/data/zh-docs)."""
    return sorted(DOCS.glob("*.txt"))


@pytest.fixture(scope="session")
def seed_path() -> Path:
    return SEED


@pytest.fixture(scope="session")
def zh_docs(corpus: Path) -> list[Path]:
    docs = corpus_docs()
    if not docs:
        pytest.fail(f"the corpus is missing: expected documents in {ZH_DOCS}")
    return docs


@pytest.fixture(scope="session", autouse=True)
def _cache_folder() -> Iterator[None]:
    """The project's own cache folder (word indexes, cuts, batch records keyed by content or by the
    pairs file's path) also when a test works in a temporary folder: never the user's."""
    previous = os.environ.get("ALIGNER_CACHE_DIR")
    os.environ["ALIGNER_CACHE_DIR"] = str(ROOT / ".aligner")
    yield
    if previous is None:
        os.environ.pop("ALIGNER_CACHE_DIR", None)
    else:
        os.environ["ALIGNER_CACHE_DIR"] = previous
