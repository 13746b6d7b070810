"""The console entry point: an ordinary Python program (exit codes, output, exit handlers)."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT


def test_the_console_script_and_python_m_are_the_same_entry() -> None:
    script = subprocess.run([sys.executable, "-m", "aligner", "--version"], capture_output=True, text=True, check=True)
    assert script.stdout.startswith("aligner ")
    assert "aligner.__main__:main" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")


def test_a_command_s_exit_code_and_output_come_through_the_entry_point(tmp_path: Path) -> None:
    from tests.conftest import SEED, SEED_PO

    out = tmp_path / "segments.jsonl"
    with out.open("w", encoding="utf-8") as handle:
        done = subprocess.run(
            [sys.executable, "-m", "aligner", "segment", "--jsonl", str(SEED)], stdout=handle, check=False
        )
    assert done.returncode == 0 and len(out.read_text(encoding="utf-8").splitlines()) == 104
    gate = subprocess.run(
        [sys.executable, "-m", "aligner", "check", str(SEED_PO), "--fail-on", "warning"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert gate.returncode == 1 and gate.stdout.rstrip().endswith("0 errors, 1 warning")
    bad = subprocess.run([sys.executable, "-m", "aligner", "chek"], capture_output=True, text=True, check=False)
    assert bad.returncode == 2 and bad.stderr.count("\n") == 1


def test_exit_handlers_run_and_output_reaches_a_pipe(tmp_path: Path) -> None:
    probe = (
        "import atexit, sys; from pathlib import Path; "
        f"atexit.register(lambda: Path({str(tmp_path / 'ran')!r}).write_text('ran')); "
        "sys.argv = ['aligner', 'segment', '--jsonl', sys.argv[1]]; "
        "from aligner.__main__ import main; main()"
    )
    from tests.conftest import SEED

    done = subprocess.run([sys.executable, "-c", probe, str(SEED)], capture_output=True, text=True, check=False)
    assert done.returncode == 0 and done.stderr == ""
    assert len(done.stdout.splitlines()) == 104 and (tmp_path / "ran").read_text() == "ran"


def test_a_reader_that_stops_early_gets_no_traceback() -> None:
    from tests.conftest import SEED

    command = f"{sys.executable} -m aligner segment --jsonl {SEED} | head -1"
    done = subprocess.run(["sh", "-c", command], capture_output=True, text=True, check=False)
    assert done.stdout.startswith('{"doc_id"') and done.stderr == ""


def test_the_entry_point_is_plain_python() -> None:
    """No private exit, no private exit handlers, no collector switched off behind the command's back."""
    tree = ast.parse((ROOT / "src" / "aligner" / "__main__.py").read_text(encoding="utf-8"))
    names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    imported = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import | ast.ImportFrom) for a in n.names}
    assert not names & {"_exit", "_run_exitfuncs", "disable", "freeze"}
    assert not imported & {"gc", "os", "threading", "atexit"}
