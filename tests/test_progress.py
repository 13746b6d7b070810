"""Progress bars: on stderr when it is a terminal, after a delay, never on stdout, silenced by quiet."""

from __future__ import annotations

import io
import sys
import time
from pathlib import Path

import pytest

from aligner import progress


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


def run_bar(monkeypatch: pytest.MonkeyPatch, *, quiet: bool = False, delay: float = 0.0, tty: bool = True) -> str:
    stderr = Terminal() if tty else io.StringIO()
    monkeypatch.setattr(sys, "stderr", stderr)
    with progress.bar("aligning pairs", total=3, quiet=quiet, delay=delay) as advance:
        time.sleep(0.15)
        for _ in range(3):
            advance()
        advance(0, "writing")
        time.sleep(0.1)
    return stderr.getvalue()


def test_a_bar_shows_on_a_terminal(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("ALIGNER_QUIET", raising=False)
    shown = run_bar(monkeypatch)
    assert "aligning pairs" in shown or "writing" in shown
    assert capsys.readouterr().out == ""


@pytest.mark.parametrize(
    ("quiet", "delay", "tty"),
    [(True, 0.0, True), (False, 0.0, False), (False, 30.0, True)],
    ids=["quiet", "not a terminal", "quick work"],
)
def test_no_bar(monkeypatch: pytest.MonkeyPatch, quiet: bool, delay: float, tty: bool) -> None:
    monkeypatch.delenv("ALIGNER_QUIET", raising=False)
    assert run_bar(monkeypatch, quiet=quiet, delay=delay, tty=tty) == ""


def test_aligner_quiet_silences_every_bar(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ALIGNER_QUIET", "1")
    assert run_bar(monkeypatch) == ""


def test_check_and_pretranslate_step_once_per_catalog(tmp_path: Path) -> None:
    """The bars of check (each catalog read, then checked) and pretranslate (each catalog planned)."""
    import shutil

    from aligner import checks, config, memory
    from aligner.memory import pretranslate
    from tests.conftest import ROOT, SEED_PO

    project = tmp_path
    (project / "translations" / "en").mkdir(parents=True)
    (project / "pyproject.toml").write_text("[tool.aligner]\n", encoding="utf-8")
    for name in ("a.po", "b.po", "c.po"):
        shutil.copy(SEED_PO, project / "translations" / "en" / name)
    steps: list[int] = []
    result = checks.check_paths([project / "translations"], advance=lambda: steps.append(1))
    assert len(result.coverages) == 3 and len(steps) == 6
    planned: list[int] = []
    index = memory.open_index(config.load_project(project), [ROOT / "translations" / "en"], quiet=True)
    try:
        paths = sorted((project / "translations" / "en").glob("*.po"))
        pretranslate.pretranslate(paths, index, write=False, advance=lambda: planned.append(1))
    finally:
        index.close()
    assert len(planned) == 3
