"""aligner terms through the command line: formats, output file, defaults from the project, bad input."""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner.checks.glossary import load as load_glossary
from aligner.cli import app
from tests.conftest import DATA

CONSTITUTION = DATA / "terms" / "constitution.tmx"
runner = CliRunner()


def test_json_shape_best_first() -> None:
    result = runner.invoke(app, ["terms", str(CONSTITUTION), "--format", "json", "--top", "8"])
    assert result.exit_code == 0, result.output
    terms = json.loads(result.stdout)["terms"]
    assert len(terms) == 8
    for term in terms:
        assert set(term) == {"zh", "en", "count", "score", "share", "variants", "example"}
        assert set(term["example"]) == {"zh", "en", "origin"}
        assert all(set(v) == {"en", "count"} for v in term["variants"])
        assert term["zh"] in term["example"]["zh"] and term["count"] >= 2
        assert term["example"]["origin"].startswith(str(CONSTITUTION) + ":")
    assert [t["score"] for t in terms] == sorted((t["score"] for t in terms), reverse=True)
    assert {"zh": "国务院", "en": "State Council"}.items() <= next(t for t in terms if t["zh"] == "国务院").items()


def test_min_count_and_top_zero() -> None:
    every = json.loads(runner.invoke(app, ["terms", str(CONSTITUTION), "-f", "json", "--top", "0"]).stdout)["terms"]
    frequent = json.loads(
        runner.invoke(app, ["terms", str(CONSTITUTION), "-f", "json", "--top", "0", "--min-count", "5"]).stdout
    )["terms"]
    assert len(every) > len(frequent) > 0
    assert all(t["count"] >= 5 for t in frequent)
    assert {t["zh"] for t in frequent} <= {t["zh"] for t in every}


def test_tsv_is_a_glossary_and_the_output_is_the_same_on_every_run(tmp_path: Path) -> None:
    out = tmp_path / "candidates.tsv"
    result = runner.invoke(app, ["terms", str(CONSTITUTION), "-o", str(out)])
    assert result.exit_code == 0, result.output
    first = out.read_bytes()
    assert first.startswith(b"source\ttarget\tnote\n")
    glossary = load_glossary(out)
    assert ("国务院", ("State Council",)) in [(t.source, t.targets) for t in glossary.terms]
    assert runner.invoke(app, ["terms", str(CONSTITUTION), "-o", str(out)]).exit_code == 0
    assert out.read_bytes() == first
    # The term base, in both forms, is a glossary too.
    for fmt in ("tbx", "tbx-2008"):
        base = tmp_path / f"terms.{fmt}.tbx"
        assert runner.invoke(app, ["terms", str(CONSTITUTION), "-f", fmt, "-o", str(base)]).exit_code == 0
        assert [t.source for t in load_glossary(base).terms] == [t.source for t in glossary.terms]


@pytest.fixture
def project(tmp_path: Path) -> Iterator[Path]:
    (tmp_path / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    (tmp_path / "translations" / "en").mkdir(parents=True)
    (tmp_path / "translations" / "memory").mkdir()
    shutil.copy(CONSTITUTION, tmp_path / "translations" / "memory" / "constitution.tmx")
    (tmp_path / "translations" / "en" / "letter.po").write_text(
        'msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: en\\n"\n\n'
        + "".join(f'msgid "国务院第{n}次会议"\nmsgstr "meeting {n} of the State Council"\n\n' for n in range(1, 4)),
        encoding="utf-8",
    )
    old = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(old)


def test_default_is_the_project_catalogs_and_memory(project: Path) -> None:
    result = runner.invoke(app, ["terms", "-f", "json", "--top", "0"])
    assert result.exit_code == 0, result.output
    state_council = next(t for t in json.loads(result.stdout)["terms"] if t["zh"] == "国务院")
    assert state_council["count"] == 9 + 3
    assert state_council["example"]["origin"].startswith("translations/")


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--format", "xml"], "unknown format 'xml'"),
        (["--min-count", "0"], "--min-count must be 1 or more"),
        (["--top", "-1"], "--top must be 0"),
        (["missing.tmx"], "no such catalog, TMX or folder"),
        (["README.md"], "not a catalog (.po) or TMX file"),
    ],
)
def test_bad_input_is_one_line_and_exit_2(args: list[str], message: str) -> None:
    extra = [] if args[0] in ("missing.tmx", "README.md") else [str(CONSTITUTION)]
    result = runner.invoke(app, ["terms", *extra, *args])
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and message in result.stderr


def test_a_malformed_tmx_is_one_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.tmx"
    bad.write_text("<tmx><body><tu>", encoding="utf-8")
    result = runner.invoke(app, ["terms", str(bad)])
    assert result.exit_code == 2 and "malformed TMX" in result.stderr and "Traceback" not in result.output


def test_an_input_is_never_overwritten(tmp_path: Path) -> None:
    copy = tmp_path / "c.tmx"
    shutil.copy(CONSTITUTION, copy)
    result = runner.invoke(app, ["terms", str(copy), "-o", str(copy)])
    assert result.exit_code == 2
    assert copy.read_bytes() == CONSTITUTION.read_bytes()


def test_a_link_in_a_folder_named_never_brings_in_a_file_from_elsewhere(tmp_path: Path) -> None:
    # The folder is named; the file its link points to is not: a committed link could bring anything.
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    shutil.copy(CONSTITUTION, elsewhere / "private.tmx")
    folder = tmp_path / "memory"
    folder.mkdir()
    (folder / "linked.tmx").symlink_to(elsewhere / "private.tmx")
    result = runner.invoke(app, ["terms", str(folder)])
    assert result.exit_code == 2 and "resolves outside that folder" in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and result.stdout == ""
    # Named itself, the file is read.
    assert runner.invoke(app, ["terms", str(folder / "linked.tmx")]).exit_code == 0
