"""The suite's own guard: a missing system tool skips locally and fails under CI=true."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, require_module, require_tool

ABSENT = "aligner-no-such-tool-3f9c"


@pytest.mark.parametrize("ci", ["", "false", "0"])
def test_a_missing_tool_skips_with_its_name_outside_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.skip.Exception, match=ABSENT):
        require_tool(ABSENT)
    with pytest.raises(pytest.skip.Exception, match="aligner_no_such_module"):
        require_module("aligner_no_such_module")


@pytest.mark.parametrize("ci", ["true", "TRUE", "1"])
def test_a_missing_tool_fails_under_ci(monkeypatch: pytest.MonkeyPatch, ci: str) -> None:
    monkeypatch.setenv("CI", ci)
    with pytest.raises(pytest.fail.Exception, match=f"{ABSENT} is not installed.*CI=true"):
        require_tool(ABSENT)
    with pytest.raises(pytest.fail.Exception, match="aligner_no_such_module"):
        require_module("aligner_no_such_module")


def test_a_present_tool_gives_its_path(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("CI", "true")
    assert Path(require_tool(sys.executable)).resolve() == Path(sys.executable).resolve()
    assert require_module("json").dumps([1]) == "[1]"


def test_no_test_asks_for_a_tool_by_hand() -> None:
    """Every tool check goes through require_tool, so CI=true catches each one."""
    pattern = re.compile(r"shutil\.which\(|pytest\.skip\(\s*f?\"[^\"]*(installed|msgfmt|chromium)|importorskip\(")
    offenders = [
        f"{path.name}:{number}"
        for path in sorted((ROOT / "tests").glob("*.py"))
        if path.name != "conftest.py"
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
        if pattern.search(line)
    ]
    assert offenders == []


def test_ci_runs_exactly_the_readme_test_command_with_ci_set() -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    command = re.search(r"# 2\. install, then the whole test suite\n(.+)\n", readme)
    assert command is not None
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert script.rstrip().splitlines()[-1] == command.group(1)
    assert re.search(r"^export CI=", script, re.M)
    assert "set -euo pipefail" in script


def test_ci_fails_when_pytest_fails_or_collects_nothing(tmp_path: Path) -> None:
    """The script's exit code is pytest's: 1 for a failure, 5 when no test was collected."""
    script = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    fake = tmp_path / "project"
    (fake / ".ci").mkdir(parents=True)
    (fake / ".ci" / "run").write_text(script, encoding="utf-8")
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    # Only the few programs the script needs: no apt-get on this PATH, so nothing is installed.
    for tool in ("dirname", "id", "mkdir", "chmod", "sh"):
        (bin_dir / tool).symlink_to(require_tool(tool))
    # A stand-in python3: "-m venv" makes a .venv whose python exits with the code under test.
    (bin_dir / "python3").write_text(
        "#!/bin/sh\n"
        'if [ "$1" = "-m" ] && [ "$2" = "venv" ]; then\n'
        '  mkdir -p "$3/bin"\n'
        "  printf '#!/bin/sh\\nexit 0\\n' > \"$3/bin/pip\"\n"
        '  printf \'#!/bin/sh\\n[ "$CI" = true ] || exit 9\\nexit "$PYTEST_CODE"\\n\' > "$3/bin/python"\n'
        '  chmod +x "$3/bin/pip" "$3/bin/python"\n'
        "fi\n"
        "exit 0\n",
        encoding="utf-8",
    )
    (bin_dir / "python3").chmod(0o755)
    for code in (0, 1, 5):
        done = subprocess.run(
            [require_tool("bash"), str(fake / ".ci" / "run")],
            env={"PATH": str(bin_dir), "PYTEST_CODE": str(code)},
            capture_output=True,
            text=True,
            check=False,
        )
        assert done.returncode == code, done.stderr
