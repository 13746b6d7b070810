"""aligner render on a project folder, through the command line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner.cli import app
from aligner.model import Entry
from test_render_common import SEED, temp_project, write_seed_catalog

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = temp_project(tmp_path / "proj")
    write_seed_catalog(root / "translations" / "en" / f"{SEED.stem}.po")
    monkeypatch.chdir(root)
    return root


def test_default_renders_every_catalog_with_an_index(project: Path) -> None:
    result = runner.invoke(app, ["render"])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines == ["build/index.html", f"build/en/{SEED.stem}.html"]
    page = (project / lines[-1]).read_text(encoding="utf-8")
    assert 'data-segment="1.1"' in page
    assert f"seeds/{SEED.name}" in page and str(project) not in page
    index = (project / "build" / "index.html").read_text(encoding="utf-8")
    assert f'href="en/{SEED.stem}.html"' in index


def test_running_twice_changes_no_byte(project: Path) -> None:
    assert runner.invoke(app, ["render"]).exit_code == 0
    files = sorted((project / "build").rglob("*"))
    before = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    assert runner.invoke(app, ["render"]).exit_code == 0
    after = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in files if p.is_file()}
    assert before == after


@pytest.mark.parametrize(("fmt", "suffix", "marker"), [("md", ".md", "| 中文 | English |"), ("tmx", ".tmx", "<tmx")])
def test_other_formats(project: Path, fmt: str, suffix: str, marker: str) -> None:
    result = runner.invoke(app, ["render", "--format", fmt])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [f"build/en/{SEED.stem}{suffix}"]
    assert marker in (project / "build" / "en" / f"{SEED.stem}{suffix}").read_text(encoding="utf-8")


def test_text_to_a_file_counts_fallbacks(project: Path) -> None:
    po = project / "translations" / "en" / f"{SEED.stem}.po"

    def blank_first(index: int, entry: Entry) -> Entry:
        return Entry(entry.msgid, "" if index < 3 else entry.msgstr, references=entry.references)

    write_seed_catalog(po, blank_first)
    result = runner.invoke(app, ["render", str(po), "-f", "txt", "-o", "out/seed.en.txt"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == ["out/seed.en.txt"]
    assert "3 untranslated and 0 fuzzy segment(s) left in Chinese: 1.1, 2.1, 3.1" in result.stderr
    assert (project / "out" / "seed.en.txt").read_text(encoding="utf-8").startswith("您当前的位置")


def test_stdout(project: Path) -> None:
    po = f"translations/en/{SEED.stem}.po"
    result = runner.invoke(app, ["render", po, "-f", "tmx", "-o", "-"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith('<?xml version="1.0" encoding="UTF-8"?>\n<tmx version="1.4">')


def test_unknown_format(project: Path) -> None:
    result = runner.invoke(app, ["render", "-f", "rtf"])
    assert result.exit_code == 2
    assert result.stderr.strip() == "aligner: error: unknown format 'rtf'; use one of: html, md, txt, tmx, pdf, docx"


def test_no_catalogs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(temp_project(tmp_path / "empty"))
    result = runner.invoke(app, ["render"])
    assert result.exit_code == 2
    assert "no catalogs to render" in result.stderr and "Traceback" not in result.output


def test_missing_catalog(project: Path) -> None:
    result = runner.invoke(app, ["render", "nope.po"])
    assert result.exit_code == 2
    assert "nope.po: no such catalog" in result.stderr


def test_source_gone_uses_the_catalog_comments(project: Path) -> None:
    (project / "seeds" / SEED.name).unlink()
    result = runner.invoke(app, ["render"])
    assert result.exit_code == 0, result.output
    assert "source document not found" in result.stderr
    page = (project / "build" / "en" / f"{SEED.stem}.html").read_text(encoding="utf-8")
    assert 'data-segment="20.14"' in page and 'class="para k-metadata' in page


def test_several_catalogs_cannot_go_to_one_file(project: Path) -> None:
    po = project / "translations" / "en" / f"{SEED.stem}.po"
    second = project / "translations" / "fr" / po.name
    second.parent.mkdir()
    second.write_bytes(po.read_bytes())
    result = runner.invoke(app, ["render", "-o", "all.html"])
    assert result.exit_code == 2
    assert "2 catalogs cannot go to one file" in result.stderr


def test_two_languages_each_get_a_page(project: Path) -> None:
    po = project / "translations" / "en" / f"{SEED.stem}.po"
    second = project / "translations" / "fr" / po.name
    second.parent.mkdir()
    second.write_text(po.read_text(encoding="utf-8").replace('"Language: en', '"Language: fr'), encoding="utf-8")
    result = runner.invoke(app, ["render"])
    assert result.exit_code == 0, result.output
    assert result.stdout.splitlines() == [
        "build/index.html",
        f"build/en/{SEED.stem}.html",
        f"build/fr/{SEED.stem}.html",
    ]
    assert 'lang="fr" data-segment="1.1"' in (project / "build" / "fr" / f"{SEED.stem}.html").read_text()


def test_publish_flag_leaves_no_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = temp_project(tmp_path)
    monkeypatch.chdir(folder)
    assert runner.invoke(app, ["segment"]).exit_code == 0
    published = runner.invoke(app, ["render", "--publish", "-o", "-"])
    draft = runner.invoke(app, ["render", "--draft", "-o", "-"])
    assert published.exit_code == draft.exit_code == 0
    assert "seeds/" not in published.stdout and "translations/" not in published.stdout
    assert "seeds/" in draft.stdout
