"""The console entry point (``aligner``) and ``python -m aligner``.

Starting a command allocates some hundred thousand objects (modules, classes, patterns, the
command's click parameters) that all live until the process ends. The cyclic collector would walk
them again and again while they are made, some 60 times in a quick command, and find next to
nothing. So it waits: it is off while the command starts, and one second into the work (a
command that lasts) a timer freezes everything that exists, which is never walked again, and
turns the collector back on for the rest. Worker pools are spawned, so their processes start
with it on.
"""

from __future__ import annotations

import gc
import threading

START_UP = 1.0  # seconds without collection; quick commands end sooner


def main() -> None:
    gc.disable()
    timer = threading.Timer(START_UP, _collect_again)
    timer.daemon = True
    timer.start()
    from aligner.cli import main as run

    try:
        run()
    finally:
        timer.cancel()


def _collect_again() -> None:
    gc.freeze()
    gc.enable()


if __name__ == "__main__":
    main()
