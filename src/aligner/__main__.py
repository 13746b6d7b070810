"""The console entry point (``aligner``) and ``python -m aligner``.

Starting a command allocates some hundred thousand objects (modules, classes, patterns, the
command's click parameters) that all live until the process ends. The cyclic collector would walk
them again and again while they are made, some 60 times in a quick command, and find next to
nothing. So it waits: it is off while the command starts, and one second into the work (a
command that lasts) a timer freezes everything that exists, which is never walked again, and
turns the collector back on for the rest. Worker pools are spawned, so their processes start
with it on.

Ending, likewise: tearing the interpreter down (every module emptied, every object freed, a last
collection) costs 15-25 ms of a quick command and leaves nothing behind that the operating system
would not take back anyway. Once the command is done, the exit handlers run (multiprocessing's,
logging's), stdout and stderr are flushed, and the process ends with its exit code, as Instagram's
servers skip the same teardown. While a thread that is not a daemon still runs, the exit is the
ordinary one, which waits for it.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
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
        code: object = 0
    except SystemExit as exc:
        code = exc.code
    finally:
        timer.cancel()
    leave(code)


def _collect_again() -> None:
    gc.freeze()
    gc.enable()


def leave(code: object) -> None:
    """End the process with ``code`` (what ``sys.exit`` takes), skipping the interpreter's teardown
    when nothing is left to wait for."""
    others = [t for t in threading.enumerate() if t is not threading.main_thread() and not t.daemon]
    if any(t.is_alive() for t in others):
        sys.exit(code)
    if code is None or isinstance(code, int):
        status = code or 0
    else:
        print(code, file=sys.stderr)  # as sys.exit("message") does
        status = 1
    import atexit

    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (| head): nothing more to say
            stream.flush()
    os._exit(status)


if __name__ == "__main__":
    main()
