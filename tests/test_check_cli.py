"""aligner check and aligner score through the command line (typer's CliRunner)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

import checks_seed
from aligner.cli import app

runner = CliRunner()


@pytest.fixture
def seed_po(tmp_path: Path) -> Path:
    return checks_seed.write(tmp_path / "en" / "seed.po")


@pytest.fixture
def glossary(tmp_path: Path) -> Path:
    path = tmp_path / "glossary.tsv"
    path.write_text("source\ttarget\tnote\n成渝地区双城经济圈\tChengdu-Chongqing Economic Circle\t\n", encoding="utf-8")
    return path


def corrupted(tmp_path: Path) -> Path:
    pairs = [
        (msgid, msgstr.replace("34.06 billion", "3.406 billion"), line) for msgid, msgstr, line in checks_seed.PAIRS
    ]
    return checks_seed.write(tmp_path / "bad" / "en" / "seed.po", pairs)


def test_table_on_stdout_without_colour(seed_po: Path, glossary: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_po), "--glossary", str(glossary)])
    assert result.exit_code == 0, result.output
    assert "translated" in result.stdout and "103" in result.stdout and "102" in result.stdout
    assert "\x1b[" not in result.stdout
    assert "[source.enumeration]" in result.stdout
    assert "0 errors, 1 warning" in result.stdout


def test_json_shape(seed_po: Path, glossary: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_po), "--format", "json", "--glossary", str(glossary)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert set(data) >= {"catalogs", "findings", "total"}
    (cat,) = data["catalogs"]
    assert {k: cat[k] for k in ("total", "translated", "fuzzy", "untranslated", "obsolete")} == {
        "total": 103,
        "translated": 102,
        "fuzzy": 0,
        "untranslated": 1,
        "obsolete": 0,
    }
    assert cat["percent"] == pytest.approx(99.03) and cat["source_chars"] > 3000 and cat["target_words"] > 2000
    (finding,) = data["findings"]
    assert set(finding) == {"check", "severity", "path", "line", "msgid", "message"}
    assert finding["check"] == "source.enumeration" and finding["severity"] == "warning"
    assert finding["msgid"].startswith("(四)") and finding["line"] > 0


def test_errors_fail_and_are_reported_in_json(tmp_path: Path, glossary: Path) -> None:
    bad = corrupted(tmp_path)
    result = runner.invoke(app, ["check", str(bad), "--format", "json", "--glossary", str(glossary)])
    assert result.exit_code == 1
    data = json.loads(result.stdout)
    magnitude = [f for f in data["findings"] if f["check"] == "numbers.magnitude"]
    assert len(magnitude) == 1 and magnitude[0]["severity"] == "error"
    assert "34.06 billion" in magnitude[0]["message"]


def test_fail_on_warning(seed_po: Path, glossary: Path) -> None:
    result = runner.invoke(app, ["check", str(seed_po), "--fail-on", "warning", "--glossary", str(glossary)])
    assert result.exit_code == 1


def test_min_coverage(seed_po: Path, glossary: Path) -> None:
    args = ["check", str(seed_po), "--glossary", str(glossary)]
    assert runner.invoke(app, [*args, "--min-coverage", "99"]).exit_code == 0
    low = runner.invoke(app, [*args, "--min-coverage", "100"])
    assert low.exit_code == 1
    assert "below --min-coverage 100" in low.stderr


def test_folder_and_deterministic_output(tmp_path: Path, seed_po: Path, glossary: Path) -> None:
    checks_seed.write(tmp_path / "fr" / "seed.po")
    args = ["check", str(tmp_path), "--format", "json", "--glossary", str(glossary)]
    first, second = runner.invoke(app, args), runner.invoke(app, args)
    assert first.stdout == second.stdout
    data = json.loads(first.stdout)
    assert [Path(c["path"]).parent.name for c in data["catalogs"]] == ["en", "fr"]
    # One document in two languages: its source lint is reported once.
    assert [f["check"] for f in data["findings"]] == ["source.enumeration"]
    assert data["total"]["total"] == 206


def test_consistency_across_catalogs_of_one_language(tmp_path: Path, glossary: Path) -> None:
    checks_seed.write(tmp_path / "a" / "en" / "seed.po")
    pairs = [
        (m, "Innovation system building." if m == "协同推进创新体系建设。" else s, n) for m, s, n in checks_seed.PAIRS
    ]
    checks_seed.write(tmp_path / "b" / "en" / "seed.po", pairs)
    result = runner.invoke(app, ["check", str(tmp_path), "--format", "json", "--glossary", str(glossary)])
    data = json.loads(result.stdout)
    assert [f["check"] for f in data["findings"] if f["check"].startswith("glossary")] == ["glossary.consistency"]


def test_malformed_po_is_one_line_exit_2(tmp_path: Path) -> None:
    bad = tmp_path / "bad.po"
    bad.write_text(
        'msgid ""\nmsgstr ""\n\nmsgid "召开3次专项工作组会议"\nmsgstr "held three meetings\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["check", str(bad)])
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith(f"aligner: error: {bad}:")
    assert "Traceback" not in result.output


def test_malformed_glossary_is_one_line_exit_2(seed_po: Path, tmp_path: Path) -> None:
    glossary = tmp_path / "glossary.tsv"
    glossary.write_text(
        "source\ttarget\tnote\n成渝地区双城经济圈 Chengdu-Chongqing Economic Circle\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["check", str(seed_po), "--glossary", str(glossary)])
    assert result.exit_code == 2
    assert result.stderr.strip().startswith(f"aligner: error: {glossary}:2: ")


def test_missing_path_and_bad_options_exit_2(tmp_path: Path, seed_po: Path) -> None:
    assert runner.invoke(app, ["check", str(tmp_path / "nowhere.po")]).exit_code == 2
    assert runner.invoke(app, ["check", str(seed_po), "--format", "xml"]).exit_code == 2
    assert runner.invoke(app, ["check", str(seed_po), "--fail-on", "never"]).exit_code == 2


def test_the_memory_folder_is_not_checked_as_a_project_catalog(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # A compendium kept in translations/memory/ is material for pre-translation, not a catalog of
    # this project: its entries count neither in coverage nor in findings.
    (tmp_path / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    checks_seed.write(tmp_path / "translations" / "en" / "seed.po")
    checks_seed.write(
        tmp_path / "translations" / "memory" / "old.po",
        [(msgid, "", line) for msgid, _msgstr, line in checks_seed.PAIRS],
    )
    monkeypatch.chdir(tmp_path)
    result = runner.invoke(app, ["check", "--format", "json"])
    assert result.exit_code == 0, result.output
    paths = [c["path"] for c in json.loads(result.stdout)["catalogs"]]
    assert paths == ["translations/en/seed.po"]


def _archive(tmp_path: Path) -> Path:
    """Catalogs of real documents in two languages, with findings in each and across them."""
    import shutil

    from tests.conftest import ROOT, SEED_PO

    root = tmp_path / "archive"
    for language in ("en", "fr"):
        (root / language).mkdir(parents=True)
        shutil.copy(SEED_PO, root / language / SEED_PO.name)
    shutil.copy(ROOT / "translations" / f"{SEED_PO.stem}.pot", root / f"{SEED_PO.stem}.pot")
    corrupted(tmp_path)  # figures changed: numbers findings
    shutil.copy(tmp_path / "bad" / "en" / "seed.po", root / "en" / "seed.po")
    # One segment translated two ways in one language: a consistency finding across catalogs.
    text = (root / "en" / "seed.po").read_text(encoding="utf-8")
    (root / "en" / "other.po").write_text(text.replace("Chengdu-Chongqing", "Cheng-Yu", 1), encoding="utf-8")
    return root


def test_jobs_give_the_same_report_as_one_process(
    tmp_path: Path, glossary: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from aligner import checks

    pools: list[int] = []
    real = checks._in_parallel
    monkeypatch.setattr(checks, "_in_parallel", lambda *a: pools.append(a[2]) or real(*a))
    root = _archive(tmp_path)
    pot = str(next(root.glob("*.pot")))
    args = ["check", str(root), pot, "--glossary", str(glossary), "--format", "json"]
    one = runner.invoke(app, args)
    assert pools == []
    two = runner.invoke(app, [*args, "--jobs", "2"])
    assert pools == [2]
    assert one.exit_code == two.exit_code == 1, one.output
    assert two.stdout == one.stdout
    report = json.loads(one.stdout)
    assert len(report["catalogs"]) == 5
    checks = {f["check"] for f in report["findings"]}
    assert {"numbers.magnitude", "glossary.consistency", "glossary.term", "source.enumeration"} <= checks


def test_with_jobs_the_first_bad_catalog_is_reported_as_without(tmp_path: Path) -> None:
    root = _archive(tmp_path)
    (root / "en" / "b-broken.po").write_text('msgid "x"\nmsgstr "unterminated\n', encoding="utf-8")
    (root / "fr" / "z-broken.po").write_text('msgid "y"\n', encoding="utf-8")
    one = runner.invoke(app, ["check", str(root)])
    two = runner.invoke(app, ["check", str(root), "--jobs", "2"])
    assert one.exit_code == two.exit_code == 2
    assert two.stderr == one.stderr and "b-broken.po" in one.stderr and one.stderr.count("\n") == 1
