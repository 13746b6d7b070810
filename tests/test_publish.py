"""Publishing: catalogs joined with their sources, rendered and written; a moved source still renders."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from aligner import catalog, publish, segment, source
from aligner.config import load_project
from aligner.errors import ConfigError
from tests.conftest import ROOT, SEED, SEED_PO


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_structure_from_comments_matches_the_source() -> None:
    loaded = catalog.load(SEED_PO)
    _, rebuilt = publish.structure_from_catalog(loaded, SEED_PO)
    real = segment.segment(source.read(SEED))
    assert [(s.text, s.kind, s.paragraph, s.sentence) for s in rebuilt] == [
        (s.text, s.kind, s.paragraph, s.sentence) for s in real
    ]


def test_render_files_writes_page_and_index(project: Path) -> None:
    warnings: list[str] = []
    written = publish.render_files(load_project(project), None, "html", None, warnings.append).paths
    assert [p.relative_to(project).as_posix() for p in written] == [
        "build/index.html",
        f"build/en/{SEED.stem}.html",
    ]
    assert warnings == []
    page = written[1].read_text(encoding="utf-8")
    assert "Dear Member Yi Xiaoguang:" in page and "易小光委员:" in page


def test_a_moved_source_warns_and_still_renders(project: Path) -> None:
    (project / "seeds" / SEED.name).rename(project / "elsewhere.txt")
    warnings: list[str] = []
    result = publish.render_to_stdout(
        load_project(project), [project / "translations" / "en" / SEED_PO.name], "txt", warnings.append
    )
    assert "source document not found" in warnings[0]
    assert "Dear Member Yi Xiaoguang:" in result


def test_unknown_format_and_one_file_for_many(project: Path) -> None:
    with pytest.raises(ConfigError, match="unknown format"):
        publish.render_files(load_project(project), None, "rtf", None, print)
    shutil.copy(project / "translations" / "en" / SEED_PO.name, project / "translations" / "en" / "copy.po")
    with pytest.raises(ConfigError, match="cannot go to one file"):
        publish.render_files(load_project(project), None, "html", project / "one.html", print)
