"""aligner init: a project made from nothing, or completed without touching what is there."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner.cli import app
from aligner.config import load_project, project_root
from aligner.init import make_project
from tests.conftest import SEED

runner = CliRunner()


def test_init_makes_a_project_that_segment_check_and_render_work_in(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    result = runner.invoke(app, ["init", str(tmp_path / "plans")])
    assert result.exit_code == 0, result.output
    root = tmp_path / "plans"
    assert {p.name for p in root.iterdir()} == {"pyproject.toml", "seeds", "translations", ".gitignore"}
    assert (root / ".gitignore").read_text().splitlines() == [".aligner/", "build/"]
    project = load_project(root)
    assert (project.sources, project.translations, project.build) == (
        root / "seeds",
        root / "translations",
        root / "build",
    )
    shutil.copy(SEED, root / "seeds" / "letter.txt")
    # Any folder inside the project finds it: here, two folders down.
    monkeypatch.chdir(root / "translations")
    assert runner.invoke(app, ["segment"]).exit_code == 0
    assert (root / "translations" / "en" / "letter.po").is_file()
    assert not (root / "translations" / "translations").exists()
    checked = runner.invoke(app, ["check"])
    assert checked.exit_code == 0, checked.output
    assert "letter.po" in checked.stdout
    assert "no project" not in checked.stderr


def test_a_second_init_changes_no_byte(tmp_path: Path) -> None:
    make_project(tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0
    assert "nothing to make" in result.stderr
    assert {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()} == before


def test_init_completes_what_is_there_and_overwrites_nothing(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "briefs"\n', encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.pyc\nbuild\n", encoding="utf-8")
    (tmp_path / "translations").mkdir()
    (tmp_path / "translations" / "glossary.tsv").write_text("source\ttarget\tnote\n国务院\tState Council\t\n")
    made = make_project(tmp_path)
    assert made == ["pyproject.toml: [tool.aligner] added", "seeds/", ".gitignore: .aligner/"]
    assert (tmp_path / "pyproject.toml").read_text().startswith('[project]\nname = "briefs"\n\n[tool.aligner]\n')
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\nbuild\n.aligner/\n"
    assert "State Council" in (tmp_path / "translations" / "glossary.tsv").read_text()
    assert load_project(tmp_path).languages == ("en",)


def test_the_command_completes_a_python_projects_files(tmp_path: Path) -> None:
    """Through the command, which refuses to replace what it read unless it means to update it."""
    (tmp_path / "pyproject.toml").write_text('[project]\nname = "briefs"\n', encoding="utf-8")
    (tmp_path / ".gitignore").write_text("*.pyc\n", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path)])
    assert result.exit_code == 0, result.output
    assert (tmp_path / "pyproject.toml").read_text().startswith('[project]\nname = "briefs"\n\n[tool.aligner]\n')
    assert (tmp_path / ".gitignore").read_text() == "*.pyc\n.aligner/\nbuild/\n"
    assert load_project(tmp_path).languages == ("en",)


def test_init_on_a_file_is_one_line_and_exit_2(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("x", encoding="utf-8")
    result = runner.invoke(app, ["init", str(tmp_path / "notes.txt")])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and "not a folder" in result.stderr


def test_outside_a_project_a_command_says_so_in_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    assert project_root(tmp_path) is None
    result = runner.invoke(app, ["check"])
    notes = [line for line in result.stderr.splitlines() if "no project here" in line]
    assert len(notes) == 1 and "aligner init" in notes[0]
    assert not (tmp_path / "translations").exists()


@pytest.mark.parametrize("mark", ["pyproject.toml", "seeds", "translations"])
def test_a_project_is_found_by_its_configuration_or_its_layout(tmp_path: Path, mark: str) -> None:
    if mark == "pyproject.toml":
        (tmp_path / mark).write_text("[tool.aligner]\n", encoding="utf-8")
    else:
        (tmp_path / mark).mkdir()
    deep = tmp_path / "translations" / "en"
    deep.mkdir(parents=True, exist_ok=True)
    assert project_root(deep) == tmp_path.resolve()


@pytest.mark.parametrize(
    ("name", "is_folder"),
    [("translations", True), ("seeds", True), (".gitignore", False), ("pyproject.toml", False)],
)
def test_init_writes_and_reads_nothing_through_a_link_out_of_the_folder(
    tmp_path: Path, name: str, is_folder: bool
) -> None:
    root = tmp_path / "plans"
    root.mkdir()
    outside = tmp_path / "outside"
    if is_folder:
        outside.mkdir()
    else:
        outside.write_text("[project]\nname = 'private'\n", encoding="utf-8")
    before = outside.read_bytes() if not is_folder else b""
    (root / name).symlink_to(outside, target_is_directory=is_folder)
    result = runner.invoke(app, ["init", str(root)])
    assert result.exit_code == 2 and len(result.stderr.strip().splitlines()) == 1, result.output
    assert "resolves outside the project" in result.stderr
    assert (list(outside.iterdir()) == []) if is_folder else (outside.read_bytes() == before)
    assert sorted(p.name for p in root.iterdir()) == [name]  # nothing half made
