"""The console entry point: the collector waits while a command starts, and comes back on for long work."""

from __future__ import annotations

import subprocess
import sys

from tests.conftest import ROOT

PROBE = """
import atexit, gc, sys, time
import aligner.__main__ as entry
entry.START_UP, work = float(sys.argv[1]), float(sys.argv[2])
seen = {}
atexit.register(lambda: print(seen["during"], gc.isenabled(), gc.get_freeze_count() > 0))
import aligner.cli
real = aligner.cli.main
def main():
    seen["during"] = gc.isenabled()
    time.sleep(work)
    real()
aligner.cli.main = main
sys.argv = ["aligner", "--version"]
entry.main()
"""


def _probe(start_up: float, work: float) -> list[str]:
    done = subprocess.run(
        [sys.executable, "-c", PROBE, str(start_up), str(work)], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
    return done.stdout.split()[-3:]


def test_a_quick_command_runs_without_the_collector() -> None:
    assert _probe(30.0, 0.0) == ["False", "False", "False"]


def test_a_long_command_gets_it_back_with_the_start_up_frozen() -> None:
    assert _probe(0.05, 0.5) == ["False", "True", "True"]


def test_the_console_script_and_python_m_are_the_same_entry() -> None:
    script = subprocess.run([sys.executable, "-m", "aligner", "--version"], capture_output=True, text=True, check=True)
    assert script.stdout.startswith("aligner ")
    assert "aligner.__main__:main" in (ROOT / "pyproject.toml").read_text(encoding="utf-8")
