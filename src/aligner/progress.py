"""Progress bars on stderr, only when stderr is a terminal (never on stdout, never in a pipe or CI).

    with progress.bar("aligning", total=len(pairs), quiet=quiet) as advance:
        for pair in pairs:
            ...
            advance()          # one step done; advance(3) for three, advance(0, "features") to relabel

A bar appears only once the work has run for ``delay`` seconds (a timer thread shows it, rich
refreshes it), so quick commands print nothing extra and import rich only then. ``quiet`` (the
commands' ``--quiet``) or ``ALIGNER_QUIET=1`` silence it.
"""

from __future__ import annotations

import os
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

Advance = Callable[..., None]


def wanted(quiet: bool = False) -> bool:
    if quiet or os.environ.get("ALIGNER_QUIET", "").strip() not in ("", "0"):
        return False
    stream = sys.stderr
    return bool(stream is not None and hasattr(stream, "isatty") and stream.isatty())


@contextmanager
def bar(description: str, total: int | None = None, *, quiet: bool = False, delay: float = 1.0) -> Iterator[Advance]:
    """A bar of ``total`` steps (None: a spinner) labelled ``description``; yields ``advance``."""
    if not wanted(quiet):
        yield _nothing
        return
    lock = threading.Lock()
    state: dict[str, object] = {"done": 0, "label": description, "shown": None, "closed": False}

    def show() -> None:
        with lock:
            if state["closed"]:
                return
            progress, task = _start(total)
            progress.update(task, completed=state["done"], description=str(state["label"]))  # type: ignore[attr-defined]
            state["shown"] = (progress, task)

    def advance(steps: int = 1, label: str | None = None) -> None:
        with lock:
            state["done"] = int(state["done"]) + steps  # type: ignore[call-overload]
            if label is not None:
                state["label"] = label
            if state["shown"] is not None:
                progress, task = state["shown"]  # type: ignore[misc]
                progress.update(task, completed=state["done"], description=str(state["label"]))

    # The bar shows only when the work lasts: a quick command prints nothing and never imports rich.
    timer = threading.Timer(delay, show)
    timer.daemon = True
    timer.start()
    try:
        yield advance
    finally:
        timer.cancel()
        with lock:
            state["closed"] = True
            if state["shown"] is not None:
                state["shown"][0].stop()  # type: ignore[index]


def _start(total: int | None) -> tuple[object, object]:
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, SpinnerColumn, TextColumn, TimeElapsedColumn

    columns = [SpinnerColumn(), TextColumn("{task.description}"), BarColumn()]
    if total is not None:
        columns.append(MofNCompleteColumn())
    columns.append(TimeElapsedColumn())
    progress = Progress(*columns, console=Console(file=sys.stderr), transient=True)
    progress.start()
    task = progress.add_task("", total=total)
    return progress, task


def _nothing(steps: int = 1, label: str | None = None) -> None:
    return None
