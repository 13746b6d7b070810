"""A local program: ``command:PROGRAM ARGS``, segments as JSON Lines on its stdin.

Each line sent is ``{"id", "text", "context", "terms"}`` (``context``: the title and the previous
and next segment; ``terms``: each Chinese term found with its required English); the program
answers one ``{"id", "text"}`` line per segment on stdout, in any order, and exits 0. A CTranslate2
or Marian script, an LLM's command line: anything that reads lines and writes lines plugs in.
The program runs once per batch in a process group of its own, with a deadline (``timeout``):
past it, or when the run ends, the whole group is killed, so no child is left behind.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
from collections.abc import Sequence

from aligner.mt.base import Engine, EngineError, Request, Settings

PREFIX = "command:"


def line_for(request: Request) -> str:
    context = {"title": request.title, "before": request.before, "after": request.after}
    terms = {source: targets[0] for source, targets in request.terms}
    return json.dumps({"id": request.id, "text": request.text, "context": context, "terms": terms}, ensure_ascii=False)


class Command(Engine):
    name = "command"
    batch = 64
    context_fields = ("title", "before", "after")

    def __init__(self, settings: Settings) -> None:
        super().__init__(settings)
        try:
            self.argv = shlex.split(settings.engine[len(PREFIX) :])
        except ValueError as exc:
            raise EngineError(f"cannot read the command {settings.engine!r}: {exc}", hint="check its quotes") from None
        if not self.argv:
            raise EngineError("command: names no program", hint="e.g. --mt 'command:python3 translate.py'")

    @property
    def model(self) -> str:
        return self.settings.model or shlex.join(self.argv)

    def send(self, requests: Sequence[Request], target: str) -> list[str]:
        feed = "".join(line_for(r) + "\n" for r in requests).encode("utf-8")
        program = self.argv[0]
        try:
            process = subprocess.Popen(
                self.argv,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,  # a group of its own: the deadline kills its children too
                env={**os.environ, "ALIGNER_MT_TARGET": target},
            )
        except OSError as exc:
            raise EngineError(
                f"cannot run {program}: {exc.strerror or exc}", hint="check the program after command:"
            ) from None
        self.count()
        timed_out = False
        try:
            out, err = process.communicate(feed, timeout=self.settings.timeout)
        except subprocess.TimeoutExpired:
            timed_out = True
            _kill_group(process)
            out, err = process.communicate()
        finally:
            _kill_group(process)
        received = self._read(out, requests)
        if timed_out:
            raise self._partial(
                EngineError(
                    f"{program} did not answer within {self.settings.timeout:g} s"
                    f" ({len(received)} of {len(requests)} segments received)",
                    hint="raise timeout in [tool.aligner.mt], or check the program",
                ),
                received,
                requests,
            )
        if process.returncode != 0:
            said = err.decode("utf-8", "replace").strip().splitlines()
            last = self.redact(said[-1][:160]) if said else ""
            raise self._partial(
                EngineError(
                    f"{program} exited with status {process.returncode}" + (f": {last}" if last else ""),
                    hint="check the program",
                ),
                received,
                requests,
            )
        missing = [r.id for r in requests if r.id not in received]
        if missing:
            raise self._partial(
                EngineError(
                    f"{program} answered {len(requests) - len(missing)} of {len(requests)} segments"
                    f" (none for id {missing[0]})",
                    hint='write one {"id", "text"} line per line read',
                ),
                received,
                requests,
            )
        return [received[r.id] for r in requests]

    def _read(self, out: bytes, requests: Sequence[Request]) -> dict[str, str]:
        """The complete answer lines of ``out``; a line that is not one is malformed (a last line
        cut off by the deadline is left out, not reported)."""
        wanted = {r.id for r in requests}
        received: dict[str, str] = {}
        text = out.decode("utf-8", "replace")
        lines = text.split("\n")
        if not text.endswith("\n"):
            lines = lines[:-1]  # cut off mid-line: not an answer yet
        for number, line in enumerate(lines, start=1):
            if not line.strip():
                continue
            try:
                item = json.loads(line)
            except ValueError:
                error = self.malformed(f"line {number} of its output is not JSON")
                raise self._partial(error, received, requests) from None
            if not isinstance(item, dict) or not isinstance(item.get("text"), str) or item.get("id") not in wanted:
                error = self.malformed(f'line {number} of its output is not {{"id", "text"}} for an id sent')
                raise self._partial(error, received, requests)
            received[item["id"]] = item["text"]
        return received

    @staticmethod
    def _partial(error: EngineError, received: dict[str, str], requests: Sequence[Request]) -> EngineError:
        error.received = {
            i: received[r.id] for i, r in enumerate(requests) if r.id in received and received[r.id].strip()
        }
        return error


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
