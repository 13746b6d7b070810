"""The console entry point: the collector waits while a command starts, and comes back on for long work."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

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


LEAVE = """
import sys, threading, time
from pathlib import Path
from aligner.__main__ import leave
mode, target = sys.argv[1], Path(sys.argv[2])
if mode == "thread":  # a thread that is no daemon: the exit waits for it
    threading.Thread(target=lambda: (time.sleep(0.3), target.write_text("done"))).start()
    leave(3)
elif mode == "atexit":
    import atexit
    atexit.register(lambda: target.write_text("ran"))
    sys.stdout.write("x" * 100000)  # buffered: must reach the file
    leave(None)
else:
    leave("a message")
"""


def _leave(mode: str, target: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-c", LEAVE, mode, str(target)], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_the_quick_exit_keeps_codes_output_and_exit_handlers(tmp_path: Path) -> None:
    waited = _leave("thread", tmp_path / "thread.txt")
    assert waited.returncode == 3 and (tmp_path / "thread.txt").read_text() == "done"
    flushed = _leave("atexit", tmp_path / "atexit.txt")
    assert flushed.returncode == 0 and flushed.stdout == "x" * 100000
    assert (tmp_path / "atexit.txt").read_text() == "ran"
    message = _leave("message", tmp_path / "unused")
    assert message.returncode == 1 and message.stderr == "a message\n"


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
