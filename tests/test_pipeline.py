"""`aligner segment` end to end, through the command line (CliRunner) in a copy of the project."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import catalog
from aligner.cli import app
from aligner.model import Kind, Status
from tests.conftest import ROOT, SEED, ZH_DOCS

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh project: pyproject.toml and the seed, nothing translated yet."""
    (tmp_path / "seeds").mkdir()
    shutil.copy(SEED, tmp_path / "seeds" / SEED.name)
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def test_jsonl_prints_segments_in_order_and_writes_nothing(project: Path) -> None:
    result = runner.invoke(app, ["segment", "--jsonl", f"seeds/{SEED.name}"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert len(rows) == 104
    assert rows[0] == {
        "doc_id": SEED.stem,
        "text": "您当前的位置: 首页>>政务公开>>政府信息公开目录>>政协提案办理情况公开",
        "kind": "boilerplate",
        "line": 1,
        "end_line": 1,
        "paragraph": 1,
        "sentence": 1,
        "start": 0,
        "end": 38,
    }
    assert [r["line"] for r in rows] == sorted(r["line"] for r in rows)
    assert {r["kind"] for r in rows} == {k.value for k in Kind}
    assert not (project / "translations").exists()


def test_segment_writes_template_and_catalog_then_changes_nothing(project: Path) -> None:
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    pot = project / "translations" / f"{SEED.stem}.pot"
    po = project / "translations" / "en" / f"{SEED.stem}.po"
    assert pot.is_file() and po.is_file()
    assert "103 new" in result.stderr
    loaded = catalog.load(po)
    assert loaded.language == "en"
    assert len(loaded.entries) == 103
    assert all(e.references[0][0] == f"seeds/{SEED.name}" for e in loaded.entries)
    first = (pot.read_bytes(), po.read_bytes(), pot.stat().st_mtime_ns, po.stat().st_mtime_ns)
    again = runner.invoke(app, ["segment"])
    assert again.exit_code == 0
    assert "unchanged" in again.stderr
    assert (pot.read_bytes(), po.read_bytes(), pot.stat().st_mtime_ns, po.stat().st_mtime_ns) == first


def test_several_languages_and_folders(project: Path) -> None:
    docs = project / "docs"
    docs.mkdir()
    for name in ("05_gov_notice_holidays_2019.txt", "11_cpc_sc_opinion_rural_revitalization_2018.txt"):
        shutil.copy(ZH_DOCS / name, docs / name)
    result = runner.invoke(app, ["segment", "docs", "--lang", "en", "--lang", "fr"])
    assert result.exit_code == 0, result.output
    for lang in ("en", "fr"):
        for stem in ("05_gov_notice_holidays_2019", "11_cpc_sc_opinion_rural_revitalization_2018"):
            assert catalog.load(project / "translations" / lang / f"{stem}.po").language == lang


def test_resegmenting_an_edited_seed_keeps_translations(project: Path) -> None:
    runner.invoke(app, ["segment"])
    po = project / "translations" / "en" / f"{SEED.stem}.po"
    text, _, _ = catalog.fill_catalog(
        po,
        {
            "此复函已经局主要领导审签。": catalog.Fill(
                "This reply has been reviewed and signed by the Bureau's leadership."
            ),
            "易小光委员:": catalog.Fill("Dear Member Yi Xiaoguang,"),
        },
    )
    catalog.save(po, text)
    seed = project / "seeds" / SEED.name
    seed.write_text(
        seed.read_text(encoding="utf-8").replace("此复函已经局主要领导审签。", "此复函已经局主要负责同志审签。"),
        encoding="utf-8",
    )
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0
    assert "1 fuzzy" in result.stderr and "1 obsolete" in result.stderr
    by_id = {e.msgid: e for e in catalog.load(po).entries}
    assert by_id["易小光委员:"].status is Status.TRANSLATED
    fuzzy = by_id["此复函已经局主要负责同志审签。"]
    assert fuzzy.status is Status.FUZZY and fuzzy.previous_msgid == "此复函已经局主要领导审签。"
    assert by_id["此复函已经局主要领导审签。"].status is Status.OBSOLETE


@pytest.mark.parametrize(
    ("setup", "expected"),
    [
        (lambda p: p / "missing.txt", "no such file"),
        (lambda p: _write(p / "bin.txt", b"\x00\x01\x02binary\x00"), "binary file"),
        (lambda p: _write(p / "bad.txt", "第一句。".encode() + b"\xff\xfe\xfd\xfc\x80"), "byte offset 12"),
    ],
)
def test_bad_input_is_one_line_exit_2_nothing_written(project: Path, setup, expected: str) -> None:
    path = setup(project)
    result = runner.invoke(app, ["segment", str(path), f"seeds/{SEED.name}"])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and expected in lines[0] and path.name in lines[0]
    assert "Traceback" not in result.output
    assert not (project / "translations").exists()


def test_empty_document_warns_and_writes_no_catalog(project: Path) -> None:
    empty = _write(project / "empty.txt", "\n \u3000\n".encode())
    result = runner.invoke(app, ["segment", str(empty)])
    assert result.exit_code == 0
    assert "empty document" in result.stderr
    assert not (project / "translations" / "en" / "empty.po").exists()


def test_help_explains_itself_with_examples() -> None:
    result = runner.invoke(app, ["segment", "--help"])
    assert result.exit_code == 0
    assert "aligner segment --jsonl" in result.stdout
    top = runner.invoke(app, ["--help"])
    assert "aligner segment && aligner check && aligner render" in top.stdout
    version = runner.invoke(app, ["--version"])
    assert version.stdout.startswith("aligner ")


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_project_catalogs_are_in_step_with_the_seed(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Re-segmenting the committed project changes no byte of its committed catalogs."""
    shutil.copytree(ROOT / "seeds", tmp_path / "seeds")
    shutil.copytree(ROOT / "translations", tmp_path / "translations")
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    monkeypatch.chdir(tmp_path)
    before = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "translations").rglob("*.po*")}
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.output
    after = {p.relative_to(tmp_path): p.read_bytes() for p in (tmp_path / "translations").rglob("*.po*")}
    assert after == before


def test_every_project_catalog_passes_msgfmt_check(msgfmt: str) -> None:
    import subprocess

    paths = sorted((ROOT / "translations").rglob("*.po*"))
    assert paths
    for path in paths:
        result = subprocess.run([msgfmt, "-c", "-o", "/dev/null", str(path)], capture_output=True, text=True)
        assert result.returncode == 0, (path, result.stderr)


def test_a_bad_language_code_is_refused(project: Path) -> None:
    result = runner.invoke(app, ["segment", "--lang", "../../etc"])
    assert result.exit_code == 2
    assert "not a language code" in result.stderr
    assert not (project / "translations").exists()


@pytest.mark.parametrize("command", [["segment", "--jsonl", str(SEED)], ["check"]])
def test_stderr_carries_only_our_messages(command: list[str]) -> None:
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-m", "aligner", *command], capture_output=True, text=True, cwd=ROOT, check=False
    )
    assert result.returncode == 0, result.stderr
    assert "dict" not in result.stderr and "Loading model" not in result.stderr
