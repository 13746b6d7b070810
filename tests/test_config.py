"""config: the project layout, the references render follows, the glossary; adversarial catalogs
through the command line (nothing outside the project read, no Language deciding a path)."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aligner import config
from aligner.cli import app
from aligner.errors import ConfigError
from tests.conftest import ROOT, SEED

runner = CliRunner()


@pytest.fixture
def project(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    root = tmp_path / "project"
    (root / "seeds").mkdir(parents=True)
    shutil.copy(SEED, root / "seeds" / "letter.txt")
    shutil.copy(ROOT / "pyproject.toml", root / "pyproject.toml")
    monkeypatch.chdir(root)
    result = runner.invoke(app, ["segment"])
    assert result.exit_code == 0, result.stderr
    return root


def _po(project: Path) -> Path:
    return project / "translations" / "en" / "letter.po"


def _rewrite_refs(po: Path, new: str) -> None:
    text = po.read_text(encoding="utf-8").replace("seeds/letter.txt:", f"{new}:")
    po.write_text(text, encoding="utf-8")


def _one_line(stderr: str) -> str:
    lines = [line for line in stderr.splitlines() if line.strip()]
    assert len(lines) == 1, stderr
    assert "Traceback" not in stderr
    return lines[0]


@pytest.mark.parametrize(
    ("reference", "expected"),
    [
        ("/etc/passwd", "is an absolute path"),
        ("../outside.txt", "leaves the project"),
        ("/proc/kmsg", "is an absolute path"),
    ],
)
def test_render_never_reads_a_file_a_reference_points_outside(project: Path, reference: str, expected: str) -> None:
    (project.parent / "outside.txt").write_text("SECRET-OUTSIDE\n", encoding="utf-8")
    _rewrite_refs(_po(project), reference)
    result = runner.invoke(app, ["render", str(_po(project)), "-f", "txt", "-o", "-"])
    assert result.exit_code == 2
    line = _one_line(result.stderr)
    assert expected in line and "letter.po:" in line
    assert "SECRET" not in result.stdout and "root:" not in result.stdout


def test_a_reference_to_a_file_that_is_no_document_is_not_followed(project: Path) -> None:
    _rewrite_refs(_po(project), "pyproject.toml")
    result = runner.invoke(app, ["render", str(_po(project)), "-f", "txt", "-o", "-"])
    assert result.exit_code == 0
    assert "source document not found" in result.stderr
    assert "[tool.aligner]" not in result.stdout and "build-system" not in result.stdout


def test_render_refuses_a_symlink_out_of_the_project(project: Path) -> None:
    secret = project.parent / "secret.txt"
    secret.write_text("SECRET-OUTSIDE。\n", encoding="utf-8")
    (project / "seeds" / "letter.txt").unlink()
    (project / "seeds" / "letter.txt").symlink_to(secret)
    result = runner.invoke(app, ["render", str(_po(project)), "-f", "txt", "-o", "-"])
    assert result.exit_code == 2
    assert "resolves outside the project" in _one_line(result.stderr)
    assert "SECRET" not in result.stdout


def test_render_refuses_a_fifo_as_source_without_hanging(project: Path) -> None:
    (project / "seeds" / "letter.txt").unlink()
    os.mkfifo(project / "seeds" / "letter.txt")
    result = runner.invoke(app, ["render", str(_po(project)), "-f", "txt", "-o", "-"])
    assert result.exit_code == 2
    assert "a FIFO" in _one_line(result.stderr)


@pytest.mark.parametrize("language", ["../../../x", "/tmp/aligner-evil", "en/../../x", "xx_YY_bogus"])
def test_language_never_decides_an_output_path(project: Path, language: str) -> None:
    po = _po(project)
    po.write_text(po.read_text(encoding="utf-8").replace('"Language: en\\n"', f'"Language: {language}\\n"'))
    before = sorted(p for p in project.parent.rglob("*") if ".aligner" not in p.parts)
    result = runner.invoke(app, ["render", str(po)])
    assert result.exit_code == 2
    assert "not a language code" in _one_line(result.stderr)
    after = sorted(p for p in project.parent.rglob("*") if ".aligner" not in p.parts)
    assert after == before
    assert not Path("/tmp/aligner-evil").exists()


def test_render_does_not_overwrite_its_inputs(project: Path) -> None:
    po = _po(project)
    before = po.read_bytes()
    result = runner.invoke(app, ["render", str(po), "-f", "txt", "-o", str(po)])
    assert result.exit_code == 2
    assert "is an input of this command" in _one_line(result.stderr)
    assert po.read_bytes() == before
    source = project / "seeds" / "letter.txt"
    text = source.read_bytes()
    result = runner.invoke(app, ["render", str(po), "-f", "txt", "-o", str(source)])
    assert result.exit_code == 2 and "is an input" in result.stderr
    assert source.read_bytes() == text


def test_render_refuses_a_device_as_output(project: Path) -> None:
    result = runner.invoke(app, ["render", str(_po(project)), "-f", "txt", "-o", "/dev/null"])
    assert result.exit_code == 2
    assert "/dev/null" in _one_line(result.stderr)
    assert Path("/dev/null").is_char_device()


def test_align_will_not_replace_a_catalog_with_tmx_unless_overwrite(project: Path) -> None:
    po = _po(project)
    before = po.read_bytes()
    english = project / "letter.en.txt"
    english.write_text("Dear colleagues.\n\nThank you.\n", encoding="utf-8")
    result = runner.invoke(app, ["align", "seeds/letter.txt", str(english), "-f", "tmx", "-o", str(po)])
    assert result.exit_code == 2
    assert "is a translation catalog" in _one_line(result.stderr) and "--overwrite" in result.stderr
    assert po.read_bytes() == before
    result = runner.invoke(app, ["align", "seeds/letter.txt", str(english), "-f", "tsv", "-o", str(english)])
    assert result.exit_code == 2 and "is an input" in result.stderr
    assert english.read_text(encoding="utf-8").startswith("Dear")


def test_a_default_glossary_that_is_not_a_file_is_an_error(project: Path) -> None:
    (project / "translations" / "glossary.tsv").mkdir()
    result = runner.invoke(app, ["check"])
    assert result.exit_code == 2
    assert "glossary" in _one_line(result.stderr) and "folder" in result.stderr


def test_pyproject_folders_stay_inside_the_project(project: Path) -> None:
    pyproject = project / "pyproject.toml"
    text = pyproject.read_text(encoding="utf-8").replace('build = "build"', 'build = "../escaped"')
    pyproject.write_text(text, encoding="utf-8")
    result = runner.invoke(app, ["render"])
    assert result.exit_code == 2
    assert "leaves the project" in _one_line(result.stderr)
    assert not (project.parent / "escaped").exists()


@pytest.mark.parametrize("special", ["fifo", "huge", "/dev/zero"])
def test_align_and_score_refuse_special_or_huge_inputs(project: Path, special: str) -> None:
    if special == "fifo":
        target = project / "en.txt"
        os.mkfifo(target)
    elif special == "huge":
        target = project / "en.txt"
        with open(target, "wb") as handle:
            handle.truncate(20 * 1024**3)
    else:
        target = Path(special)
    for command in (["align", "seeds/letter.txt", str(target)], ["score", str(target), "--ref", str(_po(project))]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, command
        line = _one_line(result.stderr)
        assert "not a regular file" in line or "too large" in line


def test_a_catalog_symlinked_out_of_the_project_is_refused(project: Path) -> None:
    outside = project.parent / "elsewhere.po"
    shutil.copy(_po(project), outside)
    (project / "translations" / "en" / "other.po").symlink_to(outside)
    for command in (["check"], ["render"]):
        result = runner.invoke(app, command)
        assert result.exit_code == 2, command
        assert "resolves outside the project" in _one_line(result.stderr)


def test_the_settings_are_read_back_from_the_cache_and_follow_the_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import sys

    monkeypatch.setenv("ALIGNER_CACHE_DIR", str(tmp_path / "cache"))
    pyproject = tmp_path / "pyproject.toml"
    pyproject.write_text('[tool.aligner]\nlanguages = ["en", "fr"]\npublisher = "研究所"\n', encoding="utf-8")
    first = config.load_project(tmp_path)
    (entry,) = (tmp_path / "cache" / "config").iterdir()
    monkeypatch.setitem(sys.modules, "tomllib", None)  # a second start must not need it
    again = config.load_project(tmp_path)
    assert again == first and again.settings == first.settings == {"languages": ["en", "fr"], "publisher": "研究所"}
    monkeypatch.delitem(sys.modules, "tomllib")
    pyproject.write_text('[tool.aligner]\nlanguages = ["de"]\nwhen = 2024-01-02\n', encoding="utf-8")
    changed = config.load_project(tmp_path)  # a new key; a date is not JSON, so it is not kept
    assert changed.languages == ("de",) and str(changed.settings["when"]) == "2024-01-02"
    assert list((tmp_path / "cache" / "config").iterdir()) == [entry]
    pyproject.write_text("[tool.aligner\n", encoding="utf-8")
    with pytest.raises(ConfigError, match=r"cannot read \[tool.aligner\]"):
        config.load_project(tmp_path)
    pyproject.write_text('tool = "x"\n', encoding="utf-8")
    assert config.load_project(tmp_path).languages == ("en",)
