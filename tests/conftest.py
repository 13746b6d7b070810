"""Shared fixtures: the seed and the real documents under ../shared/corpus (never copied here)."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = ROOT / "seeds" / "000_9e415571a82dd196.txt"
ZH_DOCS = SHARED / "corpus" / "zh-docs"
PARALLEL = SHARED / "corpus" / "parallel"
SEED_PO = ROOT / "translations" / "en" / "000_9e415571a82dd196.po"


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
